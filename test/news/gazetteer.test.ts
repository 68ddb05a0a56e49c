/**
 * The gazetteer cannot go stale: it is what scripts/build-gazetteer.ts derives from the timeline and
 * the hand-kept sources, every participant of data/events is in it, and no name stands for two entries.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { defaultDataDir } from "../../src/law/load.js";
import {
  aliasClashes,
  deriveGazetteer,
  GAZETTEER_FILE,
  GazetteerError,
  loadGazetteer,
  readGazetteerInputs,
} from "../../src/news/gazetteer.js";

const dataDir = defaultDataDir();

describe("the news gazetteer", () => {
  const gazetteer = loadGazetteer(dataDir);
  const { sightings, sources } = readGazetteerInputs(dataDir);

  it("is exactly what the script derives from data/events and gazetteer-sources.yaml", () => {
    const shipped = parse(readFileSync(join(dataDir, GAZETTEER_FILE), "utf8"));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(deriveGazetteer(sightings, sources))));
  });

  it("holds every participant of the timeline, with the office and side the event gives", () => {
    expect(sightings.length).toBeGreaterThan(30);
    for (const s of sightings) {
      const person = gazetteer.people.find((p) => p.name === s.name);
      expect(person, s.name).toBeDefined();
      expect(person?.side).toBe(s.side);
      const office = person?.offices.find((o) => o.office === s.office);
      expect(office?.events, `${s.name} in ${s.event}`).toContain(s.event);
    }
  });

  it("dates an office by the first and last event that shows it", () => {
    const he = gazetteer.people.find((p) => p.name === "He Lifeng");
    expect(he?.offices).toEqual([
      expect.objectContaining({
        office: "Vice Premier of the PRC State Council",
        from: "2025-05-10",
        until: "2026-09-20",
      }),
    ]);
    expect(he?.aliases).toContain("何立峰");
  });

  it("lets no name or alias stand for two entries", () => {
    expect(aliasClashes(gazetteer)).toEqual([]);
    const clash = {
      ...gazetteer,
      places: [...gazetteer.places, { name: "Bessent", country: "US", aliases: [] }],
    };
    expect(aliasClashes(clash)).toEqual(['"Bessent" names both person Scott Bessent and place Bessent']);
  });

  it("refuses a participant seen on two sides", () => {
    const twice = [
      { event: "a", date: "2025-01-01", name: "Jane Roe", office: "Envoy", side: "US" as const },
      { event: "b", date: "2025-02-01", name: "Jane Roe", office: "Envoy", side: "CN" as const },
    ];
    expect(() => deriveGazetteer(twice, sources)).toThrow(GazetteerError);
  });
});
