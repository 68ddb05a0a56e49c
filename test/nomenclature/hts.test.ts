import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CodeError, formatCode } from "../../src/nomenclature/codes.js";
import { defaultHtsDir, type Hts, loadHts } from "../../src/nomenclature/hts.js";
import { parseRate } from "../../src/nomenclature/rates.js";

let hts: Hts;

beforeAll(() => {
  hts = loadHts();
});

function codeErrorOf(f: () => unknown): CodeError {
  try {
    f();
  } catch (e) {
    if (e instanceof CodeError) return e;
    throw e;
  }
  throw new Error("expected a CodeError");
}

const D = "2025-06-01";

describe("loading", () => {
  it("lists the 44 revisions in date order, with year-qualified ids", () => {
    expect(hts.revisions).toHaveLength(44);
    expect(hts.revisions[0]).toMatchObject({
      id: "2025_basic",
      editionYear: 2025,
      effectiveDate: "2025-01-01",
    });
    expect(hts.revisions[1]).toMatchObject({ id: "2025_rev_1", effectiveDate: "2025-01-27" });
    expect(hts.revisions.find((r) => r.id === "2026_basic")?.effectiveDate).toBe("2026-01-01");
    expect(hts.revisions.at(-1)?.id).toBe("2026_rev_10");
    const dates = hts.revisions.map((r) => r.effectiveDate);
    expect([...dates].sort()).toEqual(dates);
  });

  it("accepts an explicit data directory", () => {
    const again = loadHts(defaultHtsDir());
    expect(again.mfn("85076000", D).text).toBe("3.4%");
  });
});

describe("revisionOn", () => {
  it("takes the last revision effective on or before the date", () => {
    expect(hts.revisionOn("2025-01-01")).toMatchObject({ id: "2025_basic", assumed: false });
    expect(hts.revisionOn("2025-01-26")).toMatchObject({ id: "2025_basic", assumed: false });
    expect(hts.revisionOn("2025-01-27")).toMatchObject({ id: "2025_rev_1", assumed: false });
    expect(hts.revisionOn("2025-12-31").id).toBe("2025_rev_32");
    expect(hts.revisionOn("2026-01-01").id).toBe("2026_basic");
    expect(hts.revisionOn("2030-01-01").id).toBe("2026_rev_10");
  });

  it("takes the release in force before 2025 from the release calendar (not held: the tariff database)", () => {
    // release_calendar_2016_2024.csv: 2019_rev_6 in force 2019-05-20 to 2019-06-05; 2023_rev_11 from
    // 2023-09-21 (held); 2024_rev_10 from 2024-11-22 to 2024-12-31.
    expect(hts.revisionOn("2019-06-03")).toMatchObject({
      id: "2019_rev_6 (not held: USITC tariff database)",
      assumed: false,
    });
    expect(hts.revisionOn("2023-10-02")).toMatchObject({ id: "2023_rev_11", assumed: false });
    expect(hts.revisionOn("2024-12-31")).toMatchObject({
      id: "2024_rev_10 (not held: USITC tariff database)",
      assumed: false,
    });
  });

  it("uses 2025 Basic before the 2018 Basic edition (nothing held), flagged as an assumption", () => {
    expect(hts.revisionOn("2017-06-03")).toMatchObject({ id: "2025_basic", assumed: true });
  });

  it("rejects malformed dates", () => {
    for (const bad of ["2025-02-30", "2025-1-01", "20250101", "", "2025-13-01"]) {
      expect(() => hts.revisionOn(bad)).toThrow(RangeError);
      expect(() => hts.mfn("85076000", bad)).toThrow(RangeError);
    }
  });
});

describe("MFN and column 2 rates", () => {
  it("reads column 1 general rates", () => {
    expect(hts.mfn("85414300", D)).toMatchObject({ rate: { kind: "free" }, text: "Free" });
    expect(hts.mfn("85076000", D)).toMatchObject({ rate: { kind: "adValorem", ppm: 34_000 }, text: "3.4%" });
    expect(hts.mfn("61022000", D).rate).toEqual({ kind: "adValorem", ppm: 159_000 });
    expect(hts.mfn("87038000", D).rate).toEqual({ kind: "adValorem", ppm: 25_000 });
    expect(hts.mfn("8703.80.00", D).text).toBe("2.5%");
  });

  it("reads column 2 rates", () => {
    expect(hts.column2("85414300", D)).toMatchObject({
      rate: { kind: "adValorem", ppm: 350_000 },
      text: "35%",
    });
    expect(hts.column2("8541.43.00.10", D).text).toBe("35%");
  });

  it("gives HTS10 lines the rate of their HTS8 line", () => {
    expect(hts.mfn("8541430010", D).text).toBe("Free");
    expect(hts.mfn("6102200010", D).rate).toEqual({ kind: "adValorem", ppm: 159_000 });
  });

  it("reports the revision in force and the pre-2025 assumption", () => {
    expect(hts.mfn("85076000", "2025-01-27")).toMatchObject({ revision: "2025_rev_1", assumed: false });
    expect(hts.mfn("85076000", "2019-06-03")).toMatchObject({
      text: "3.4%",
      revision: "2019_rev_6 (not held: USITC tariff database)",
      assumed: false,
    });
    expect(hts.mfn("85076000", "2017-06-03")).toMatchObject({
      text: "3.4%",
      revision: "2025_basic",
      assumed: true,
    });
    expect(hts.mfn("85076000", "2025-01-01").assumed).toBe(false);
  });

  it("answers for an HTS8 printed only as its single HTS10 line", () => {
    expect(hts.mfn("01013000", D).text).toBe("6.8%");
    expect(hts.mfn("0101300000", D).text).toBe("6.8%");
    expect(hts.column2("01013000", D).text).toBe("15%");
  });

  it("follows lines that are split or created by a revision", () => {
    // 1513.19.00.00 became 1513.19.00 with suffixes .30 and .90 in 2026 rev 2 (2026-01-30).
    expect(hts.mfn("1513190000", "2026-01-29").text).toBe("Free");
    expect(hts.mfn("15131900", "2026-01-29").text).toBe("Free");
    expect(hts.mfn("15131900", "2026-01-30").text).toBe("Free");
    expect(hts.mfn("1513190030", "2026-01-30").text).toBe("Free");
    expect(() => hts.mfn("1513190030", "2026-01-29")).toThrow(CodeError);
    const e = codeErrorOf(() => hts.mfn("1513190000", "2026-01-30"));
    expect(e.message).toMatch(/not in the HTS in force on 2026-01-30/);
    expect(e.suggestions.slice(0, 2)).toEqual(["1513.19.00.30", "1513.19.00.90"]);
  });

  it("throws CodeError for unknown, malformed or non-product codes", () => {
    expect(() => hts.mfn("8541430099", D)).toThrow(CodeError);
    expect(() => hts.mfn("8541.43", D)).toThrow(CodeError);
    expect(() => hts.mfn("xyz", D)).toThrow(CodeError);
    expect(codeErrorOf(() => hts.mfn("99038815", D)).message).toMatch(/Chapter 99/);
  });

  it("returns shared results for repeated look-ups", () => {
    expect(hts.mfn("85076000", D)).toBe(hts.mfn("85076000", "2025-06-02"));
    expect(Object.isFrozen(hts.mfn("85076000", D).rate)).toBe(true);
  });

  it("gives lineRate, lineRateInForce and inForce as mfn and column2 do, one object per version of a line", () => {
    const dates = ["2019-01-01", "2025-03-01", D, "2026-02-01"];
    const codes = [...hts.codes8(), ...hts.codes10()].filter((_, k) => k % 97 === 0);
    for (const c of codes) {
      for (const d of dates) {
        for (const column2 of [false, true]) {
          const f = column2 ? hts.column2 : hts.mfn;
          let expected: { rate: unknown; text: string } | undefined;
          try {
            expected = f(c, d);
          } catch (e) {
            if (!(e instanceof CodeError)) throw e;
          }
          expect(hts.inForce(c, d)).toBe(expected === undefined ? undefined : c);
          if (expected === undefined) {
            expect(() => hts.lineRate(c, d, column2)).toThrow(CodeError);
            expect(hts.lineRateInForce(c, d, column2)).toBeUndefined();
          } else {
            const r = hts.lineRate(c, d, column2);
            expect(r.rate).toBe(expected.rate);
            expect(r.text).toBe(expected.text);
            expect(hts.lineRateInForce(c, d, column2)).toBe(r);
          }
        }
      }
    }
    // 2025 Basic for 2017 (assumed) and in force in June 2025: one version, two revisions.
    expect(hts.lineRate("85076000", "2017-01-01", false)).toBe(hts.lineRate("85076000", D, false));
    expect(Object.isFrozen(hts.lineRate("85076000", D, false))).toBe(true);
    expect(hts.inForce("8541430099", D)).toBeUndefined();
    expect(() => hts.lineRate("8541430099", D, false)).toThrow(CodeError);
  });
});

describe("line", () => {
  it("gives description, parent chain, units, texts and footnote headings", () => {
    const l = hts.line("0101210010", D);
    expect(l).toMatchObject({
      code: "0101210010",
      dotted: "0101.21.00.10",
      level: 10,
      description: "Males",
      units: ["No."],
      general: "Free",
      other: "Free",
      inheritedFrom: "01012100",
      revision: "2025_rev_15",
      assumed: false,
    });
    expect(l?.parents.map((p) => p.description)).toEqual([
      "Live horses, asses, mules and hinnies:",
      "Horses:",
      "Purebred breeding animals",
    ]);
    expect(l?.parents.map((p) => p.code)).toEqual(["0101", undefined, "01012100"]);
    expect(l?.footnoteHeadings).toEqual(["9903.88.15"]);
  });

  it("keeps the special column and the footnotes of HTS8 lines", () => {
    const l = hts.line("8507.60.00", D);
    expect(l?.description).toBe("Lithium-ion batteries");
    expect(l?.generalRate).toEqual({ kind: "adValorem", ppm: 34_000 });
    expect(l?.footnotes).toEqual([{ columns: ["general"], text: "See 9903.88.15 and 9903.91.01." }]);
    expect(l?.footnoteHeadings).toEqual(["9903.88.15", "9903.91.01"]);
    expect(hts.line("8541.43.00", D)?.otherRate).toEqual({ kind: "adValorem", ppm: 350_000 });
    expect(hts.line("0101300000", D)?.special).toMatch(/^Free \(A\+,AU,/);
  });

  it("stands an HTS8 in for its only HTS10 line", () => {
    expect(hts.line("01013000", D)).toMatchObject({
      code: "01013000",
      level: 8,
      description: "Asses",
      general: "6.8%",
      impliedBy: "0101300000",
    });
  });

  it("returns undefined for a code not in force on the date", () => {
    expect(hts.line("8541430099", D)).toBeUndefined();
    expect(hts.line("1513190030", "2026-01-01")).toBeUndefined();
    expect(hts.line("1513190030", "2026-02-01")?.since).toBe("2026-01-30");
  });
});

describe("resolve", () => {
  it("gives one line for a 10-digit code", () => {
    const lines = hts.resolve("8541.43.00.10", D);
    expect(lines.map((l) => l.code)).toEqual(["8541430010"]);
  });

  it("lists the HTS8 line and its HTS10 lines for an 8-digit code", () => {
    expect(hts.resolve("85414300", D).map((l) => l.dotted)).toEqual([
      "8541.43.00",
      "8541.43.00.10",
      "8541.43.00.80",
    ]);
    expect(hts.resolve("0101.30.00", D).map((l) => l.dotted)).toEqual(["0101.30.00.00"]);
  });

  it("lists every line under a heading or subheading, in order", () => {
    expect(hts.resolve("8541.43", D).map((l) => l.dotted)).toEqual([
      "8541.43.00",
      "8541.43.00.10",
      "8541.43.00.80",
    ]);
    const heading = hts.resolve("0101", D).map((l) => l.dotted);
    expect(heading).toEqual([
      "0101.21.00",
      "0101.21.00.10",
      "0101.21.00.20",
      "0101.29.00",
      "0101.29.00.10",
      "0101.29.00.90",
      "0101.30.00.00",
      "0101.90.30.00",
      "0101.90.40.00",
    ]);
  });

  it("suggests the nearest valid codes, same prefix first", () => {
    const e = codeErrorOf(() => hts.resolve("8541.43.00.99", D));
    expect(e.code).toBe("8541430099");
    expect(e.message).toMatch(/8541\.43\.00\.99/);
    expect(e.suggestions).toHaveLength(5);
    expect(e.suggestions.slice(0, 2)).toEqual(["8541.43.00.80", "8541.43.00.10"]);
    expect(e.suggestions.every((s) => s.startsWith("8541.4"))).toBe(true);
    expect(codeErrorOf(() => hts.resolve("8541.99", D)).suggestions[0]).toBe("8541.90");
  });

  it("suggests from the code's heading what it would suggest from every code", () => {
    // The rule, applied to every code of the schedule: codes in force (cut to the length given),
    // longest common prefix first, then numerically nearest, in code order where equal.
    const every = [...hts.codes8(), ...hts.codes10()].sort();
    const expected = (code: string, date: string): string[] => {
      const candidates: string[] = [];
      for (const c of every) {
        const p = c.slice(0, code.length);
        if (c.length >= code.length && p !== candidates.at(-1) && hts.line(c, date) !== undefined)
          candidates.push(p);
      }
      const common = (c: string) => {
        let n = 0;
        while (n < c.length && c[n] === code[n]) n++;
        return n;
      };
      const distance = (c: string) => Math.abs(Number(c) - Number(code));
      return candidates
        .map((c) => ({ c, prefix: common(c), distance: distance(c) }))
        .sort((x, y) => y.prefix - x.prefix || x.distance - y.distance)
        .slice(0, 5)
        .map((x) => formatCode(x.c));
    };
    const codes10 = [...hts.codes10()];
    const codes8 = [...hts.codes8()];
    // Suffixes no line has, in headings large and small; and headings with fewer than five lines.
    const asked = [
      ...codes10.filter((_, k) => k % 701 === 0).map((c) => `${c.slice(0, 8)}99`),
      ...codes8.filter((_, k) => k % 997 === 0).map((c) => `${c.slice(0, 6)}99`),
      "0100999999",
      "97069999",
      "0102299999",
    ];
    let checked = 0;
    for (const date of [D, "2026-01-01"]) {
      for (const code of asked) {
        if (hts.line(code, date) !== undefined) continue;
        let suggestions: string[] | undefined;
        try {
          hts.resolve(code, date);
        } catch (e) {
          if (!(e instanceof CodeError)) throw e;
          suggestions = e.suggestions;
        }
        if (suggestions === undefined) continue; // the HTS8 answers for its lines
        expect(suggestions, `${code} on ${date}`).toEqual(expected(code, date));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it("passes malformed input errors through", () => {
    expect(codeErrorOf(() => hts.resolve("101210010", D)).suggestions).toContain("0101.21.00.10");
  });
});

describe("chapter99", () => {
  it("reads a Chapter 99 heading's text and rate", () => {
    const h = hts.chapter99("9903.88.15", D);
    expect(h).toMatchObject({
      code: "99038815",
      heading: "9903.88.15",
      general: "The duty provided in the applicable subheading + 7.5%",
      rate: { kind: "additional", ppm: 75_000 },
    });
    expect(h?.description).toMatch(/articles the product of China/);
    expect(hts.chapter99("99038801", D)?.rate).toEqual({ kind: "additional", ppm: 250_000 });
  });

  it("follows the heading through revisions", () => {
    // IEEPA fentanyl tariff on China: added in 2025 rev 3, 20% until rev 27 cut it to 10%.
    expect(hts.chapter99("9903.01.24", "2025-02-03")).toBeUndefined();
    expect(hts.chapter99("9903.01.24", "2025-02-04")?.rate).toEqual({ kind: "additional", ppm: 200_000 });
    expect(hts.chapter99("9903.01.24", "2025-10-14")?.rate).toEqual({ kind: "additional", ppm: 200_000 });
    expect(hts.chapter99("9903.01.24", "2025-10-15")).toMatchObject({
      rate: { kind: "additional", ppm: 100_000 },
      revision: "2025_rev_27",
      since: "2025-10-15",
    });
  });

  it("returns undefined for an unknown heading", () => {
    expect(hts.chapter99("9903.99.99", D)).toBeUndefined();
  });
});

describe("code lists", () => {
  it("iterates every code known in any revision", () => {
    const c8 = [...hts.codes8()];
    const c10 = [...hts.codes10()];
    expect(c8).toContain("85414300");
    expect(c8).toContain("01013000"); // printed only as 0101.30.00.00
    expect(c8).toContain("15131900");
    expect(c10).toContain("8541430010");
    expect(c10).toContain("1513190000"); // removed in 2026 rev 2
    expect(c10).toContain("1513190030"); // added in 2026 rev 2
    expect(c8.every((c) => /^\d{8}$/.test(c) && !c.startsWith("99"))).toBe(true);
    expect(c10.every((c) => /^\d{10}$/.test(c))).toBe(true);
    expect([...c8].sort()).toEqual(c8);
    expect(c8.length).toBeGreaterThan(11_000);
    expect(c10.length).toBeGreaterThan(19_000);
    expect([...hts.chapter99Codes()]).toContain("99038815");
  });

  it("has a general rate text for every HTS8 line on every revision (outside chapter 98)", () => {
    let checked = 0;
    const missing = new Set<string>();
    for (const r of hts.revisions) {
      for (const c of hts.codes8()) {
        let text: string;
        try {
          text = hts.mfn(c, r.effectiveDate).text;
        } catch (e) {
          if (e instanceof CodeError) continue; // not in force on that date
          throw e;
        }
        checked++;
        if (text === "" && !c.startsWith("98")) missing.add(c);
      }
    }
    expect(checked).toBeGreaterThan(400_000);
    expect([...missing]).toEqual([]);
    for (const date of ["2025-01-01", "2025-08-07", "2026-06-08"]) {
      for (const c of hts.codes8()) {
        const l = hts.line(c, date);
        if (l !== undefined) expect(hts.mfn(c, date).text).toBe(l.general);
      }
    }
  });
});

describe("unparsed-rates.txt", () => {
  it("lists texts parseRate leaves unparsed, with the count in its header", () => {
    const report = readFileSync(join(defaultHtsDir(), "unparsed-rates.txt"), "utf8");
    const count = Number(/unparsed: (\d+)/.exec(report)?.[1]);
    const rows = report.split("\n").filter((l) => l !== "" && !l.startsWith("#"));
    expect(rows).toHaveLength(count);
    for (const row of rows) {
      const text = row.split("\t")[3] as string;
      expect(parseRate(text).kind).toBe("unparsed");
    }
  });
});
