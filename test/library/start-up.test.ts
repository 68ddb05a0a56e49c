/**
 * Start-up from the caches (the law's source cache, the HTS snapshot) gives the same answers as
 * reading the sources; a changed data file misses; TRUCE_CACHE=off reads the sources.
 */
import { cpSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { loadFromCache } from "../../src/engine/loaded.js";
import { defaultDataDir } from "../../src/law/load.js";
import { readYamlFile, yamlFiles } from "../../src/law/yaml-files.js";
import { defaultHtsDir, loadHts } from "../../src/nomenclature/hts.js";
import { readSnapshot, snapshotKey } from "../../src/nomenclature/hts-snapshot.js";
import { type EntryInput, loadTruce, type Truce } from "../../src/truce.js";
import { cacheDirOf } from "../../src/units/cache.js";
import { truce as cli } from "../run-cli.js";

/** Entries over the schedules of several years, both importers, and bad codes (with suggestions). */
const ENTRIES: EntryInput[] = [
  { code: "8541.43.00.10", origin: "CN", date: "2025-11-01", value: 10000 },
  { code: "8541430010", origin: "CN", date: "2019-06-01", value: 10000 },
  { code: "8703.80.00", origin: "CN", at: "2026-02-24T00:00", value: 50000 },
  { code: "7208.10.15.00", origin: "CN", date: "2025-06-05", value: 1234.56 },
  { code: "0101.21.00.10", origin: "KP", date: "2025-03-01", value: 100 },
  { code: "9403.60.80.81", origin: "HK", date: "2018-10-01", value: 777 },
  { code: "1201.90", importer: "CN", origin: "US", date: "2025-04-15", value: 10000 },
  { code: "1201.90.19", importer: "CN", origin: "US", at: "2025-11-10T13:01", value: 10000 },
  { code: "8541.43.00.99", origin: "CN", date: "2025-11-01", value: 10000 },
  { code: "0305.10.20", origin: "CN", date: "2025-11-01", value: 10000 },
];

function answers(t: Truce): unknown[] {
  return ENTRIES.map((e) => {
    try {
      return t.duty(e);
    } catch (error) {
      return {
        error: (error as Error).message,
        suggestions: (error as { suggestions?: string[] }).suggestions,
      };
    }
  });
}

const saved = process.env.TRUCE_CACHE;
afterEach(() => {
  if (saved === undefined) delete process.env.TRUCE_CACHE;
  else process.env.TRUCE_CACHE = saved;
});

describe("start-up from the caches", () => {
  it("answers as from the sources (loadTruce with TRUCE_CACHE=off)", () => {
    process.env.TRUCE_CACHE = "off";
    expect(loadFromCache()).toBeUndefined();
    const fromSources = loadTruce();
    delete process.env.TRUCE_CACHE;
    loadTruce(); // writes the entries if they are not there yet
    const loaded = loadFromCache();
    expect(loaded).toBeDefined();
    const fromCache = loadTruce();
    expect(answers(fromCache)).toEqual(answers(fromSources));
    expect(answers(fromSources)[0]).toMatchObject({ total: { rate: 94, amount: "9400.00" } });
    expect(loaded?.engine).toBeDefined();

    const [a, b] = [fromSources.hts, fromCache.hts];
    expect(b.revisions).toEqual(a.revisions);
    expect([...b.codes10()]).toEqual([...a.codes10()]);
    expect([...b.chapter99Codes()]).toEqual([...a.chapter99Codes()]);
    expect(b.resolve("8541", "2025-11-01")).toEqual(a.resolve("8541", "2025-11-01"));
    expect(b.chapter99("9903.88.15", "2025-11-01")).toEqual(a.chapter99("9903.88.15", "2025-11-01"));
    expect(b.succeededCodes()).toEqual(a.succeededCodes());
    expect(b.successors("03051020")).toEqual({
      codes: ["03091005", "03091090"],
      basis: "UNSD HS 2017-2022 correlation",
    });
    expect(b.column2Applies("KP", "2025-03-01")).toBe(true);
    expect(b.changeDates("8541430010", "2018-01-01", "2026-12-31")).toEqual(
      a.changeDates("8541430010", "2018-01-01", "2026-12-31"),
    );
  });

  it("answers a look-up before the snapshot's other headings are built, then lists every code", () => {
    const hts = loadHts(undefined, { cache: true });
    expect(hts.mfn("8541430010", "2025-11-01").text).toBe("Free");
    expect(hts.inForce("0101210010", "2025-11-01")).toBe("0101210010");
    expect([...hts.codes10()].length).toBe([...loadHts(undefined, { cache: false }).codes10()].length);
  });

  it("builds each heading's lines from the snapshot as from the data files, whichever is asked first", () => {
    /** What a look-up gives, or the message of the error it throws (a code not in force). */
    const answer = (lookUp: () => unknown): unknown => {
      try {
        return lookUp();
      } catch (e) {
        return (e as Error).message;
      }
    };
    const fresh = loadHts(undefined, { cache: false });
    const cached = loadHts(undefined, { cache: true });
    // Codes of many headings, the later headings asked first, each alone and as its HTS8.
    const codes = [...fresh.codes10()].filter((_, k) => k % 89 === 0).reverse();
    expect(new Set(codes.map((c) => c.slice(0, 4))).size).toBeGreaterThan(150);
    for (const code of codes.flatMap((c) => [c, c.slice(0, 8)])) {
      for (const date of ["2025-01-01", "2025-07-09", "2025-11-01", "2026-03-01"]) {
        expect(cached.line(code, date), `${code} on ${date}`).toEqual(fresh.line(code, date));
        expect(answer(() => cached.lineRate(code, date, false))).toEqual(
          answer(() => fresh.lineRate(code, date, false)),
        );
      }
      expect(cached.changeDates(code, "2018-01-01", "2026-12-31")).toEqual(
        fresh.changeDates(code, "2018-01-01", "2026-12-31"),
      );
    }
    expect(cached.line("8541430010", "2025-11-01")?.description).toBe(
      fresh.line("8541430010", "2025-11-01")?.description,
    );
  });

  it("misses when an HTS data file changes, and ignores an unreadable snapshot", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "truce-hts-")), "hts");
    cpSync(defaultHtsDir(), dir, { recursive: true });
    const cacheDir = cacheDirOf(join(defaultHtsDir(), "..", ".."));
    expect(loadHts(dir, { cache: true }).column2Applies("CU", "2025-03-01")).toBe(true);
    const before = snapshotKey(dir, cacheDir);
    expect(readSnapshot(cacheDir, before)).toBeDefined();

    writeFileSync(join(dir, "column2-countries.csv"), "origin,from,until\nKP,2018-01-01,\n");
    const after = snapshotKey(dir, cacheDir);
    expect(after).not.toBe(before);
    const changed = loadHts(dir, { cache: true });
    expect(changed.column2Applies("CU", "2025-03-01")).toBe(false);
    expect(readSnapshot(cacheDir, after)).toBeDefined();

    writeFileSync(join(cacheDir, `hts-${after}.json`), "{ not json");
    expect(readSnapshot(cacheDir, after)).toBeUndefined();
    expect(loadHts(dir, { cache: true }).mfn("8541430010", "2025-11-01").text).toBe("Free");
    expect(readSnapshot(cacheDir, after)).toBeDefined();
  });

  it("the command line answers the same with TRUCE_CACHE=off", () => {
    const args = [
      "duty",
      "8541.43.00.10",
      "--origin",
      "CN",
      "--date",
      "2025-11-01",
      "--value",
      "10000",
      "--json",
    ];
    cli(...args); // writes the entries if they are not there yet
    const cached = cli(...args);
    process.env.TRUCE_CACHE = "off";
    const fresh = cli(...args);
    expect(cached.status).toBe(0);
    expect(JSON.parse(cached.stdout).total).toEqual({ rate: 94, amount: "9400.00" });
    expect(cached.stdout).toBe(fresh.stdout);
  });

  it("reads every shipped YAML file the same from the parse cache as parsed afresh", () => {
    const files = yamlFiles(defaultDataDir());
    expect(files.length).toBeGreaterThan(40);
    const read = () => {
      const problems: string[] = [];
      const values = files.map((f) => readYamlFile(f, f, z.unknown(), problems));
      expect(problems).toEqual([]);
      return values;
    };
    process.env.TRUCE_CACHE = "off";
    const fresh = read();
    delete process.env.TRUCE_CACHE;
    read(); // writes the entries if they are not there yet
    const kept = readdirSync(cacheDirOf(join(defaultDataDir(), ".."))).filter((n) => n.startsWith("yaml-"));
    expect(kept.length).toBeGreaterThanOrEqual(files.length);
    expect(read()).toEqual(fresh);
  });
});
