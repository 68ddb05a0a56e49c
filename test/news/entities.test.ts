/** People, places and organisations: gazetteer names, titles, surnames after a full mention, and the rest. */
import { describe, expect, it } from "vitest";
import { defaultDataDir } from "../../src/law/load.js";
import type { OrganisationItem, PersonItem, PlaceItem } from "../../src/news/contract.js";
import { extractEntities } from "../../src/news/entities.js";
import { loadGazetteer } from "../../src/news/gazetteer.js";
import { EMPTY_KNOWLEDGE } from "../../src/news/knowledge.js";

const knowledge = { ...EMPTY_KNOWLEDGE, gazetteer: loadGazetteer(defaultDataDir()) };

function entities(text: string): (PersonItem | PlaceItem | OrganisationItem)[] {
  const items = extractEntities(text, knowledge);
  for (const i of items) expect(text.slice(i.start, i.end)).toBe(i.text);
  return items;
}

describe("extractEntities", () => {
  it("finds gazetteer people with their office and the title the text gives, including He Lifeng", () => {
    const text = "Treasury Secretary Scott Bessent met Vice Premier He Lifeng in Kuala Lumpur on Saturday.";
    expect(entities(text)).toEqual([
      {
        kind: "person",
        text: "Scott Bessent",
        start: 19,
        end: 32,
        confidence: 0.95,
        name: "Scott Bessent",
        office: "US Treasury Secretary",
        side: "US",
        inGazetteer: true,
        title: "Treasury Secretary",
      },
      {
        kind: "person",
        text: "He Lifeng",
        start: 50,
        end: 59,
        confidence: 0.95,
        name: "He Lifeng",
        office: "Vice Premier of the PRC State Council",
        side: "CN",
        inGazetteer: true,
        title: "Vice Premier",
      },
      { kind: "place", text: "Kuala Lumpur", start: 63, end: 75, confidence: 0.9, name: "Kuala Lumpur" },
    ]);
  });

  it("reads a surname alone only after a full mention, and never the pronoun He", () => {
    const text =
      "Li said talks would go on. Commerce Minister Wang Wentao arrived. Wang said He would not comment. Bessent agreed.";
    const people = entities(text).filter((i) => i.kind === "person");
    expect(people.map((p) => [p.text, p.name])).toEqual([
      ["Wang Wentao", "Wang Wentao"],
      ["Wang", "Wang Wentao"],
      ["Bessent", "Scott Bessent"],
    ]);
  });

  it("reads a title and family name ('Vice Premier He') as the gazetteer's person", () => {
    const [he] = entities("Vice Premier He told the meeting that China would respond.");
    expect(he).toMatchObject({ text: "He", name: "He Lifeng", inGazetteer: true, confidence: 0.8 });
  });

  it("finds names in Chinese characters", () => {
    const text = "何立峰与贝森特在吉隆坡会谈。";
    expect(entities(text).map((i) => [i.text, i.name])).toEqual([
      ["何立峰", "He Lifeng"],
      ["贝森特", "Scott Bessent"],
    ]);
  });

  it("finds organisations by name and alias, not inside a person's title", () => {
    const text =
      "US Treasury Secretary Scott Bessent said USTR, MOFCOM, the Commerce Department and the State Council Tariff Commission agreed; the Supreme Court had ruled.";
    expect(
      entities(text)
        .filter((i) => i.kind === "organisation")
        .map((i) => i.name),
    ).toEqual([
      "Office of the US Trade Representative",
      "Ministry of Commerce of the PRC",
      "US Department of Commerce",
      "State Council Tariff Commission",
      "US Supreme Court",
    ]);
  });

  it("finds people outside the gazetteer with less confidence: by title, or by compromise's tags", () => {
    const text = "Indian Prime Minister Narendra Modi spoke, and economist Kevin Hassett disagreed.";
    const others = entities(text).filter((i) => i.kind === "person");
    expect(others).toEqual([
      {
        kind: "person",
        text: "Narendra Modi",
        start: 22,
        end: 35,
        confidence: 0.6,
        name: "Narendra Modi",
        office: "Indian Prime Minister",
        inGazetteer: false,
        title: "Indian Prime Minister",
      },
      {
        kind: "person",
        text: "Kevin Hassett",
        start: 57,
        end: 70,
        confidence: 0.5,
        name: "Kevin Hassett",
        inGazetteer: false,
      },
    ]);
  });
});
