/**
 * Search over the HTS and China's HS: codes, words as typed, ranking, the revision by date; on the
 * shipped data (data/hts, data/cn/hs-descriptions.csv).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadCnSchedule } from "../../src/nomenclature/cn.js";
import { loadHts } from "../../src/nomenclature/hts.js";
import {
  Searcher,
  SearchIndex,
  SearchInputError,
  SYNONYMS,
  stem,
  terms,
} from "../../src/nomenclature/search.js";

let searcher: Searcher;
beforeAll(() => {
  searcher = new Searcher(loadHts(), loadCnSchedule("data/cn"));
});

const codes = (q: string, o: Parameters<Searcher["search"]>[1] = {}) =>
  searcher.search(q, o).hits.map((h) => h.document.code);

describe("text to terms", () => {
  it("folds case, accents and apostrophes, reduces English plurals, drops stop words", () => {
    expect(terms("Crème BRÛLÉE of dolls’ Batteries, boxes and Watches; tomatoes")).toEqual([
      "creme",
      "brulee",
      "doll",
      "battery",
      "box",
      "watch",
      "tomato",
    ]);
    expect(["glasses", "cells", "analysis", "shoes", "1500"].map(stem)).toEqual([
      "glass",
      "cell",
      "analysis",
      "shoe",
      "1500",
    ]);
  });
  it("makes each Han character a term", () => {
    expect(terms("黑大豆 soybeans")).toEqual(["黑", "大", "豆", "soybean"]);
  });
});

describe("the index", () => {
  const index = new SearchIndex([
    { code: "0101", level: 4, description: "Live horses", path: [] },
    {
      code: "01012100",
      level: 8,
      description: "Purebred breeding animals",
      path: ["Live horses", "Horses:"],
    },
    { code: "01013000", level: 8, description: "Asses", path: ["Live horses"] },
    { code: "0102", level: 4, description: "Live bovine animals", path: [] },
  ]);
  it("requires every word, in the line's own text or its parents', and ranks its own text first", () => {
    expect(index.search("horses", 10).map((h) => h.document.code)).toEqual(["0101", "01012100", "01013000"]);
    expect(index.search("breeding horse", 10).map((h) => h.document.code)).toEqual(["01012100"]);
    expect(index.search("bovine horses", 10)).toEqual([]);
  });
  it("completes the last word as typed, and not a word followed by a space", () => {
    expect(index.search("live bov", 10).map((h) => h.document.code)).toEqual(["0102"]);
    expect(index.search("live bov ", 10)).toEqual([]);
    expect(index.search("animals bre", 10)[0]?.matched).toEqual(["animal", "breeding"]);
  });
  it("finds a code and the lines under it, the code first", () => {
    expect(index.search("0101", 10).map((h) => h.document.code)).toEqual(["0101", "01012100", "01013000"]);
    expect(index.search("01.01.21", 10).map((h) => [h.document.code, h.matched])).toEqual([
      ["01012100", ["0101.21"]],
    ]);
    expect(index.search("0103", 10)).toEqual([]);
  });
});

describe("the HTS", () => {
  it('ranks the photovoltaic lines 8541.42 and 8541.43 first for "solar cells" (HTS 2025)', () => {
    const a = searcher.search("solar cells", { date: "2025-06-01", limit: 6 });
    expect(a.revision).toBe("2025_rev_15");
    expect(a.hits.map((h) => h.document.code).sort()).toEqual([
      "85414200",
      "8541420010",
      "8541420080",
      "85414300",
      "8541430010",
      "8541430080",
    ]);
    expect(a.hits[0]?.document.description).toBe(
      "Photovoltaic cells assembled in modules or made up into panels",
    );
    expect(a.hits[0]?.matched).toEqual(["photovoltaic", "cell"]);
  });
  it("answers every keystroke of a query with the same lines at the end", () => {
    for (const q of ["s", "so", "sol", "solar", "solar ", "solar c", "solar ce", "solar cel", "solar cell"])
      expect(searcher.search(q).hits.length, q).toBeGreaterThan(0);
    expect(codes("solar cell", { limit: 4 })).toEqual(codes("solar cells", { limit: 4 }));
  });
  it('finds 8541.43 and its statistical lines by "8541.43" and by "854143"', () => {
    const hits = searcher.search("8541.43", { date: "2025-06-01" }).hits;
    expect(hits.map((h) => [h.document.code, h.document.level])).toEqual([
      ["85414300", 8],
      ["8541430010", 10],
      ["8541430080", 10],
    ]);
    expect(hits[1]?.document.path.at(-1)).toBe(
      "Photovoltaic cells assembled in modules or made up into panels",
    );
    expect(codes("854143", { date: "2025-06-01" })).toEqual(["85414300", "8541430010", "8541430080"]);
  });
  it("lists a heading and its subheadings as documents with their parents' texts", () => {
    const heading = searcher.search("8541", { limit: 1 }).hits[0]?.document;
    expect(heading?.level).toBe(4);
    expect(heading?.description).toMatch(/^Semiconductor devices/);
    expect(codes("lithium ion batteries", { limit: 1 })).toEqual(["85076000"]);
  });
  it("searches the revision in force on the date, and refuses a date before 2025 Basic", () => {
    expect(searcher.search("x", { date: "2025-01-01" }).revision).toBe("2025_basic");
    expect(() => searcher.search("solar", { date: "2024-12-31" })).toThrow(SearchInputError);
    expect(() => searcher.search("solar", { date: "2025-02-30" })).toThrow(/Invalid date/);
  });
});

describe("the synonyms", () => {
  it("name terms the schedules have (a typo would silently match nothing)", () => {
    const hts = searcher.indexOf("hts", searcher.latestDate()).index;
    const hs = searcher.indexOf("hs", searcher.latestDate()).index;
    const missing = [...SYNONYMS].flatMap(([word, targets]) =>
      targets.filter((t) => !hts.hasTerm(t) && !hs.hasTerm(t)).map((t) => `${word} → ${t}`),
    );
    expect(missing).toEqual([]);
    expect([...SYNONYMS.keys()].filter((w) => stem(w) !== w)).toEqual([]);
  });
});

describe("China's HS", () => {
  it("finds soybeans at HS6 and at the HS8 lines of the lists, with their parents", () => {
    const hits = searcher.search("soybeans", { nomenclature: "hs", limit: 40 }).hits;
    const found = hits.map((h) => h.document.code);
    expect(found).toEqual(expect.arrayContaining(["1201", "12019010", "12019011", "12019019"]));
    const line = hits.find((h) => h.document.code === "12019011");
    expect(line?.document.description).toBe("Non-seed, Non-GMO Soybeans");
    expect(line?.document.path).toEqual([
      "Soybeans, whether or not broken",
      "Soya beans; other than seed, whether or not broken",
    ]);
  });
  it("describes every heading of China's schedule and every HS6 but the 11 no source describes", () => {
    const cn = loadCnSchedule("data/cn");
    const text = cn.descriptions();
    const six = [...cn.codes()];
    expect(six.filter((c) => !text.has(c.slice(0, 4)))).toEqual([]);
    expect(six.filter((c) => !text.has(c))).toEqual([
      "021092",
      "030194",
      "030345",
      "080270",
      "290362",
      "290373",
      "290375",
      "290376",
      "880212",
      "880230",
      "880240",
    ]);
  });
  it("finds an HS6 by its UN Comtrade description and by code", () => {
    expect(codes("photovoltaic cells assembled", { nomenclature: "hs", limit: 2 })).toEqual([
      "854143",
      "854142",
    ]);
    expect(codes("8703.23", { nomenclature: "hs", limit: 1 })).toEqual(["870323"]);
  });
});
