/**
 * The scope of a list row as the Chapter 99 notes write it: statistical numbers carved out of a
 * subheading ("except ..."), the heading a row is listed under, and rows that cover only described
 * goods. Cases from HTSUS ch. 99 subch. III note 20(g) (List 3 described products, 9903.88.04),
 * note 20(s)(ii) (List 4A) and note 20(u)(ii) (List 4B); the Section 122 annex note 2(aa)(iii).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { DutyResult } from "../../src/engine/contract.js";
import { checkLaw } from "../../src/law/check.js";
import { loadLaterHeadings, loadNotInHts, loadRenumbered } from "../../src/law/load.js";
import { loadLaw } from "../../src/law/read-law.js";
import { loadTruce, type Truce } from "../../src/truce.js";
import { parseInstant, US_ZONE } from "../../src/units/time.js";
import { INSTRUMENT_HEADER as header, lawDir } from "../law/law-dir.js";

let t: Truce;
beforeAll(() => {
  t = loadTruce();
});

function duty(code: string, date: string, claims?: string[]): DutyResult {
  return t.engine.duty({ code, origin: "CN", valueCents: 1_000_000, claims }, parseInstant(date, US_ZONE));
}
const s301 = (r: DutyResult) =>
  r.layers.filter((l) => l.authority === "section-301").map((l) => [l.heading, l.rate]);

describe("Section 301 list rows with exceptions", () => {
  it("8517.62.00.90 is on List 4A only: note 20(g) item 2 excepts .0090 from List 3", () => {
    expect(s301(duty("8517620090", "2025-06-01"))).toEqual([["9903.88.15", 7.5]]);
  });

  it("8517.62.00.10 is on List 3 under the heading note 20(g) names, 9903.88.04, and not on List 4A", () => {
    expect(s301(duty("8517620010", "2025-06-01"))).toEqual([["9903.88.04", 25]]);
    expect(s301(duty("8517620010", "2019-01-01"))).toEqual([["9903.88.04", 10]]);
  });

  it("9401.71.00.07 (swings for children) is on List 4A, 9401.71.00.11 on List 3 (note 20(g) item 5, 20(s)(ii) item 4)", () => {
    expect(s301(duty("9401710007", "2025-06-01"))).toEqual([["9903.88.15", 7.5]]);
    expect(s301(duty("9401710011", "2025-06-01"))).toEqual([["9903.88.04", 25]]);
  });

  it("9401.71.00.01 (highchairs) is carved out of Lists 3 and 4A and falls to List 4B, never in force", () => {
    const r = duty("9401710001", "2025-06-01");
    expect(s301(r)).toEqual([]);
    expect(r.notApplied.map((n) => n.heading)).toContain("9903.88.16");
  });

  it("an exception printed under a number since renumbered carves out its successors (2931.90.90.51 → .52)", () => {
    expect(s301(duty("2931909052", "2025-06-01"))).toEqual([]);
    expect(s301(duty("2931909010", "2025-06-01"))).toEqual([["9903.88.04", 25]]);
  });

  it("a number the notes do not know that falls under two lists of one action gets neither, and says why", () => {
    // 8517.62.00.50 (2017; split by 2019 into .20 and .90, which notes 20(g) and 20(s)(ii) put on List 3
    // and List 4A): never both lists at once.
    const r = duty("8517620050", "2019-10-01");
    expect(s301(r)).toEqual([]);
    expect(
      r.notApplied.filter((n) => /falls under both 9903\.88\.04/.test(n.reason)).map((n) => n.heading),
    ).toEqual(["9903.88.04", "9903.88.15"]);
    expect(r.warnings.join("\n")).toMatch(/give the statistical number in force/);
  });

  it("a subheading with carved-out numbers asks for the 10-digit code", () => {
    const r = duty("85176200", "2025-06-01");
    expect(s301(r)).toEqual([]);
    expect(r.warnings.join("\n")).toMatch(
      /9903\.88\.04 \(Section 301 China, List 3\) covers some statistical lines under 8517\.62\.00/,
    );
  });
});

describe("rows that cover only described goods", () => {
  it("the Section 122 annex exempts etrogs of 0805.90.01 only when 9903.03.04 is claimed (note 2(aa)(iii))", () => {
    const plain = duty("0805900100", "2026-03-02");
    expect(plain.layers.map((l) => l.heading)).toContain("9903.03.01");
    expect(plain.warnings.join("\n")).toMatch(/only the goods described as "Etrogs/);
    const claimed = duty("0805900100", "2026-03-02", ["9903.03.04"]);
    expect(claimed.layers.map((l) => l.heading)).not.toContain("9903.03.01");
    expect(claimed.notApplied.map((n) => n.heading)).toContain("9903.03.04");
  });
});

describe("particular articles of Annex II (note 2(v)(iii)(b), 9903.02.78)", () => {
  it("etrogs of 0805.90.01 are exempt from the reciprocal tariff only when claimed (Dec 2025)", () => {
    const reciprocal = (r: DutyResult) => r.layers.some((l) => l.authority === "ieepa-reciprocal");
    expect(reciprocal(duty("0805900100", "2025-12-01"))).toBe(true);
    const claimed = duty("0805900100", "2025-12-01", ["9903.02.78"]);
    expect(reciprocal(claimed)).toBe(false);
    expect(claimed.notApplied.map((n) => n.heading)).toContain("9903.02.78");
  });
});

describe("claims outside their window", () => {
  it("a 301 exclusion claimed after it ended is not applied and the answer says so (9903.88.69, note 20(vvv))", () => {
    const inWindow = duty("8483509040", "2025-06-01", ["9903.88.69"]);
    expect(s301(inWindow)).toEqual([]);
    const late = duty("8483509040", "2026-11-15", ["9903.88.69"]);
    expect(s301(late)).toEqual([["9903.88.01", 25]]);
    expect(late.warnings.join("\n")).toMatch(
      /the claim 9903\.88\.69 is not applied: its exemption from Section 301 China, List 1 holds .*before 2026-11-10 00:00 EST only/,
    );
  });
});

describe("the data check", () => {
  it("passes on the shipped lists: no line is on two lists of the 2018 Section 301 action", () => {
    expect(
      checkLaw(loadLaw(), t.hts, loadNotInHts(), loadRenumbered(), loadLaterHeadings()).problems,
    ).toEqual([]);
  });

  const twoLists = `${header}measures:
  - { id: a, authority: section-301, action: act, heading: "9903.88.01", label: "List A", origins: [CN], products: { lists: [a.csv] } }
  - { id: b, authority: section-301, action: act, heading: "9903.88.02", label: "List B", origins: [CN], products: { lists: [b.csv] } }
values:
  - { measure: a, from: "2020-01-01 00:01", rate: "10%" }
  - { measure: b, from: "2020-01-01 00:01", rate: "10%" }
`;
  const head = "code,heading,partial,except,description\n";

  it("fails when one line is on two lists of one action", () => {
    const dir = lawDir(twoLists, {
      "a.csv": `${head}85176200,9903.88.01,no,,\n`,
      "b.csv": `${head}85176200,9903.88.02,yes,8517620010 8517620020,"machines, except .0010 and .0020"\n`,
    });
    const problems = checkLaw(loadLaw({ dataDir: dir }), t.hts, new Map()).problems.join("\n");
    expect(problems).toMatch(
      /action act: 1 line\(s\) on both a \(9903\.88\.01\) and b \(9903\.88\.02\).*8517\.62\.00\.90/,
    );
  });

  it("passes when the exceptions make the lists disjoint", () => {
    const dir = lawDir(twoLists, {
      "a.csv": `${head}85176200,9903.88.01,yes,8517620090,"machines, except .0090"\n`,
      "b.csv": `${head}85176200,9903.88.02,yes,8517620010 8517620020,"machines, except .0010 and .0020"\n`,
    });
    expect(checkLaw(loadLaw({ dataDir: dir }), t.hts, new Map()).problems).toEqual([]);
  });

  it("fails when an exception names a number no revision has and no successor is given", () => {
    const dir = lawDir(twoLists, {
      "a.csv": `${head}29319090,9903.88.01,yes,2931909051,"compounds, except .9051"\n`,
      "b.csv": `${head}85176200,9903.88.02,no,,\n`,
    });
    const problems = checkLaw(loadLaw({ dataDir: dir }), t.hts, new Map()).problems.join("\n");
    expect(problems).toMatch(
      /exception\(s\) name statistical numbers in no shipped HTS revision.*2931\.90\.90\.51/,
    );
  });
});
