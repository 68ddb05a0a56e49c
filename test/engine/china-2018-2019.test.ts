/**
 * China's 2018-2019 layers on US goods that the data long lacked: the April 2018 countermeasure to Section 232
 * (税委会〔2018〕13号, MOF annex, data/lists/cn/ctc-2018-13-s232.csv) and the Sept 2019 list (CTC 2019 No. 4
 * annex 1, halved from 2020-02-14 by CTC 2020 No. 1), with the gaps that say where lines are still unknown.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { DutyResult, Entry } from "../../src/engine/contract.js";
import { loadTruce, type Truce } from "../../src/truce.js";
import { cnDuty, headings } from "./cn-duty.js";

let t: Truce;
beforeAll(() => {
  t = loadTruce();
});

const duty = (code: string, at: string, extra: Partial<Entry> = {}): DutyResult => cnDuty(t, code, at, extra);
const missingLayer = (r: DutyResult) =>
  r.warnings.filter((w) => /^Missing layer: China's Sept 2019 list/.test(w));

describe("US frozen pork (0203.29.00): base 12%, USDA (pig333, Aug 2024): 12 + 25 (232) + 30 (301) = 67%", () => {
  it("the April 2018 countermeasure adds 25% from Apr 2 2018 (annex item 125), not before", () => {
    expect(duty("02032900", "2018-04-01T23:59").totalRate).toBe(12);
    const r = duty("02032900", "2018-04-02T00:00");
    expect(headings(r)).toEqual(["CTC 2018-13 25%"]);
    expect(r.totalRate).toBe(37);
    expect(r.totalCents).toBe(370_000);
    // Fresh pork 0203.19 (item 122) on 2018-04-10: base 20% + 25% = 45%, Waugh's HS6 total from 2018-04-02.
    const fresh = duty("02031900", "2018-04-10");
    expect(headings(fresh)).toEqual(["CTC 2018-13 25%"]);
    expect(fresh.totalRate).toBe(45);
  });

  it("on 2019-09-15: 12 + 25 + 25 (2018 No. 5) + 10 (Sept 2019) = 72%, Waugh's HS6 total for 0203.29 from 2019-09-01", () => {
    const r = duty("02032900", "2019-09-15");
    expect(headings(r)).toEqual(["CTC 2018-13 25%", "CTC 2018-5 25%", "CTC 2019-4 10%"]);
    expect(r.totalRate).toBe(72);
    expect(missingLayer(r)).toEqual([]);
  });

  it("on 2020-02-20, after the halving (CTC 2020 No. 1 from 13:01 Feb 14): 67%, USDA's total", () => {
    expect(duty("02032900", "2020-02-14T13:00").totalRate).toBe(72);
    const r = duty("02032900", "2020-02-20");
    expect(headings(r)).toEqual(["CTC 2018-13 25%", "CTC 2018-5 25%", "CTC 2020-1 5%"]);
    expect(r.totalRate).toBe(67);
  });

  it("an importer's exclusion removes the 301 countermeasures, not the 232 one (USDA): 12 + 25 = 37%", () => {
    const r = duty("02032900", "2020-03-10", { claims: ["cn-exclusion"] });
    expect(headings(r)).toEqual(["CTC 2018-13 25%"]);
    expect(r.totalRate).toBe(37);
  });
});

describe("the April 2018 countermeasure's 15% lines", () => {
  it("US wine in small containers (2204.21.00, annex item 80): base 14% + 15% = 29% on 2018-04-10", () => {
    const r = duty("22042100", "2018-04-10");
    expect(headings(r)).toEqual(["CTC 2018-13 15%"]);
    expect(r.totalRate).toBe(29);
  });

  it("aluminium scrap (7602.00.00, item 128) is at 25%, and keeps it under batch 2's 25% (2018-08-23)", () => {
    expect(headings(duty("76020000", "2018-09-01"))).toEqual(["CTC 2018-13 25%", "CTC 2018-7 25%"]);
  });
});

describe("US soybeans (1201.90.10) on the Sept 2019 list at 5% (NCC; Waugh's HS6 total 28 → 33 on 2019-09-01)", () => {
  it("on 2019-09-15: base 3% + 25% (2018 No. 5) + 5% = 33%", () => {
    const r = duty("12019010", "2019-09-15");
    expect(headings(r)).toEqual(["CTC 2018-5 25%", "CTC 2019-4 5%"]);
    expect(r.totalRate).toBe(33);
  });

  it("on 2020-02-20, halved: 3 + 25 + 2.5 = 30.5%", () => {
    const r = duty("12019010", "2020-02-20");
    expect(headings(r)).toEqual(["CTC 2018-5 25%", "CTC 2020-1 2.5%"]);
    expect(r.totalRate).toBe(30.5);
  });
});

describe("a line of an HS6 whose Sept 2019 lines are unknown says which layer is missing", () => {
  it("asses 0101.30.10 (0101.30 rises by 5 on 2019-09-01, one of its 2 lines listed): warned from 12:01 Sept 1 2019", () => {
    expect(missingLayer(duty("01013010", "2019-09-01T12:00"))).toEqual([]);
    const r = duty("01013010", "2019-09-01T12:01");
    expect(missingLayer(r)).toHaveLength(1);
    expect(missingLayer(r)[0]).toMatch(/up to 10 points/);
  });

  it("the listed line of that HS6 (0101.30.90) is not warned", () => {
    const r = duty("01013090", "2019-09-15");
    expect(headings(r)).toEqual(["CTC 2019-4 5%"]);
    expect(missingLayer(r)).toEqual([]);
  });
});

describe("the Mar 2025 farm list's 20 missing items (annex 2 items 466-485) are named on the lines they may cover", () => {
  const farmGap = (r: DutyResult) =>
    r.warnings.filter((w) => /^Missing layer: 20 lines of China's Mar 2025 farm list/.test(w));
  it("dried apricots 0813.10.00 on 2025-04-01: warned; the listed roasted peanuts 2008.11.20 (item 486): not", () => {
    expect(farmGap(duty("08131000", "2025-04-01"))).toHaveLength(1);
    const peanuts = duty("20081120", "2025-04-01");
    expect(headings(peanuts)).toContain("CTC 2025-2 10%");
    expect(farmGap(peanuts)).toEqual([]);
  });

  it("no warning once the list ended at 13:01 Nov 10 2025 (CTC 2025 No. 9)", () => {
    expect(farmGap(duty("08131000", "2025-11-10T13:00"))).toHaveLength(1);
    expect(farmGap(duty("08131000", "2025-11-10T13:01"))).toEqual([]);
  });
});

describe("a rate derived from a total is never called MFN (class check over every HS6 of China's schedule)", () => {
  it("no layer label, citation or warning of a Chinese answer says MFN, in 2018, 2019 and 2025", () => {
    const offending: string[] = [];
    for (const at of ["2018-04-10", "2019-09-15", "2025-04-15"]) {
      for (const hs6 of t.cn.codes()) {
        const r = duty(hs6, at);
        const texts = [...r.layers.flatMap((l) => [l.label, l.citation]), ...r.warnings];
        for (const text of texts) if (/\bMFN\b/.test(text)) offending.push(`${hs6} ${at}: ${text}`);
      }
    }
    expect(offending.slice(0, 5)).toEqual([]);
  });

  it("the base layer is China's derived base rate, cited with its derivation", () => {
    const base = duty("02032900", "2019-09-15").layers[0];
    expect(base?.measure).toBe("cn-base-derived");
    expect(base?.label).toMatch(/^Base rate \(derived: the WTO's 2025 applied total/);
    expect(base?.citation).toMatch(/derivation "netted"/);
  });
});
