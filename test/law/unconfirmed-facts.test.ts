/**
 * The data check refuses an `unconfirmed` fact that names nothing checkable, or whose `confirmBy` names
 * no document: the generic "Grade S: not read in a primary source" template that 24 instruments carried.
 */
import { describe, expect, it } from "vitest";
import { checkLaw } from "../../src/law/check.js";
import { LawError, loadLaterHeadings } from "../../src/law/load.js";
import { loadLaw } from "../../src/law/read-law.js";
import { genericness } from "../../src/law/unconfirmed-facts.js";
import { loadHts } from "../../src/nomenclature/hts.js";
import { INSTRUMENT_HEADER, lawDir, TEST_MEASURE } from "./law-dir.js";

/** The template the China and US Grade S files carried until Dec 2026 (ctc-2025-1-energy.yaml). */
const TEMPLATE = {
  fact: "Grade S: the instrument's text was not read in a primary source (the facts are from shine.cn and the sources listed)",
  confirmBy: "the announcement as the Customs Tariff Commission published it (gss.mof.gov.cn)",
};

describe("an unconfirmed fact", () => {
  it("that names no figure, with a confirmBy that names no document, is refused on both counts", () => {
    const problems = genericness(TEMPLATE);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^fact "Grade S: .*" names no date, rate, number, list or heading/);
    expect(problems[1]).toMatch(/^confirmBy "the announcement as .*" names no document/);
  });

  it("is not made specific by the digits of a web address", () => {
    expect(
      genericness({
        fact: "Grade S: the text was read at 12266.org/t5609 only",
        confirmBy: "the announcement on gss.mof.gov.cn",
      }),
    ).toHaveLength(2);
  });

  it("that names the rates, start and document (as ctc-2020-1-halving.yaml does) passes", () => {
    expect(
      genericness({
        fact: "The start at 13:01 Beijing time Feb 14 2020 and the new rates (5%, 2.5%) are from the copy at 12266.org",
        confirmBy: "税委会公告〔2020〕1号 of Feb 6 2020 on gss.mof.gov.cn",
      }),
    ).toEqual([]);
    expect(
      genericness({
        fact: "The FR page 83 FR 28710 is cited from secondary sources",
        confirmBy: "FR Doc 2018-13248",
      }),
    ).toEqual([]);
  });
});

describe("the data check", () => {
  const hts = loadHts();
  const problems = (dir: string): string[] => {
    try {
      return checkLaw(loadLaw({ dataDir: dir }), hts, new Map(), new Set(), loadLaterHeadings(dir)).problems;
    } catch (e) {
      if (e instanceof LawError) return e.problems;
      throw e;
    }
  };
  const values = `values:
  - { measure: m1, from: "2026-01-01 00:01", rate: "25%" }
`;
  const gradeS = (fact: string, confirmBy: string) =>
    INSTRUMENT_HEADER.replace(
      "  grade: P\n",
      `  grade: S\n  unconfirmed:\n    - fact: ${JSON.stringify(fact)}\n      confirmBy: ${JSON.stringify(confirmBy)}\n`,
    );

  it("names the file and the part that states a generic fact", () => {
    const found = problems(lawDir(`${gradeS(TEMPLATE.fact, TEMPLATE.confirmBy)}${TEST_MEASURE}${values}`));
    expect(found).toEqual([
      expect.stringMatching(/^us\/test\.yaml: instrument\.unconfirmed: fact "Grade S: .* names no date/),
      expect.stringMatching(
        /^us\/test\.yaml: instrument\.unconfirmed: confirmBy "the announcement .* names no document/,
      ),
    ]);
  });

  it("finds one on a dated value too, and passes the specific form", () => {
    const onValue = `values:
  - { measure: m1, from: "2026-01-01 00:01", rate: "25%", unconfirmed: [{ fact: "the hour is the usual one", confirmBy: "the CSMS message of the phase" }] }
`;
    expect(problems(lawDir(`${INSTRUMENT_HEADER}${TEST_MEASURE}${onValue}`))).toEqual([
      expect.stringMatching(/^us\/test\.yaml: value of m1\.unconfirmed: fact "the hour is the usual one"/),
      expect.stringMatching(
        /^us\/test\.yaml: value of m1\.unconfirmed: confirmBy "the CSMS message of the phase"/,
      ),
    ]);
    const specific = gradeS(
      "The 25% from 12:01 a.m. EST Jan 1 2026 is from a law firm's summary",
      "FR Doc 2025-99999 and CSMS 12345678",
    );
    expect(problems(lawDir(`${specific}${TEST_MEASURE}${values}`))).toEqual([]);
  });
});
