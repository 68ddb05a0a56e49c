/**
 * `provisional` split in two: an unconfirmed fact (with what would confirm it) and a modelling limit
 * (what is left out), each attached to the value or rule it concerns, on the layers it concerns only.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DutyResultSchema } from "../../src/entry/result-schema.js";
import { loadTruce, type Truce } from "../../src/truce.js";

let t: Truce;
beforeAll(() => {
  t = loadTruce();
});

const layer = (entry: Parameters<Truce["duty"]>[0], heading: string) => {
  const result = t.duty(entry);
  expect(DutyResultSchema.safeParse(result).success).toBe(true);
  return result.layers.find((l) => l.heading === heading);
};

describe("unconfirmed facts and modelling limits on layers", () => {
  it("a car's Section 232 layer states what it leaves out (USMCA content, partner caps) without being provisional", () => {
    const autos = layer(
      { code: "8703.23.01.90", origin: "CN", date: "2025-06-01", value: "10000" },
      "9903.94.01",
    );
    expect(autos?.amount).toBe("2500.00");
    expect(autos?.provisional).toBeUndefined();
    expect(autos?.unconfirmed).toBeUndefined();
    expect(autos?.limits).toEqual([
      "The US-content deduction for USMCA vehicles and the partner-country caps (UK, Japan, EU, South Korea) are not modelled",
    ]);
  });

  it("List 1 (9903.88.01) is provisional for its FR page, with what would confirm it", () => {
    const list1 = layer(
      { code: "8703.23.01.90", origin: "CN", date: "2025-06-01", value: "10000" },
      "9903.88.01",
    );
    expect(list1?.provisional).toBe(
      "The FR page 83 FR 28710 is cited from secondary sources (chronology §5.6)",
    );
    expect(list1?.unconfirmed).toEqual([
      {
        fact: "The FR page 83 FR 28710 is cited from secondary sources (chronology §5.6)",
        confirmBy: "the USTR notice of June 20 2018 in the Federal Register",
      },
    ]);
  });

  it("a fact of one value flags that value's layers only: the 2022 washer rates, not the measure's others", () => {
    const washer = { code: "8450.20.00.40", origin: "CN", value: "10000", claims: "9903.45.01" };
    const y2022 = layer({ ...washer, date: "2022-06-01" }, "9903.45.01");
    expect(y2022?.rate).toBe(14);
    expect(y2022?.unconfirmed?.[0]?.confirmBy).toBe("the annex of Proclamation 10133");
    const y2018 = layer({ ...washer, date: "2018-06-01" }, "9903.45.01");
    expect(y2018).toBeDefined();
    expect(y2018?.unconfirmed).toBeUndefined();
  });

  it("China's Mar 2025 farm list at 10%: a missing part of the list is a limit, not a doubt; its grade S source is", () => {
    const beef = layer(
      { code: "0201.10.00", origin: "US", importer: "CN", date: "2025-04-01", value: "10000" },
      "CTC 2025-2",
    );
    expect(beef?.rate).toBe(10);
    expect(beef?.limits?.[0]).toMatch(/^Items 466-485 of annex 2 are missing/);
    // Provisional for its source's grade (read from a copy), not for the missing items.
    expect(beef?.provisional).toMatch(
      /^The number 2025年第2号 \(Mar 4 2025\), the start \(from Mar 10 2025, .* are from Huanqiu's full text/,
    );
    expect(beef?.unconfirmed?.map((f) => f.confirmBy)).toEqual([
      "税委会公告2025年第2号 of Mar 4 2025 and its annexes 1-2 on gss.mof.gov.cn (关税司, 政策发布)",
    ]);
  });

  it("List 4A at 7.5% from 12:01 a.m. EST Feb 14 2020 and List 3 at 10% from Sept 24 2018, read in the FR (85 FR 3741, 83 FR 47974), are not provisional", () => {
    const sneakers = { code: "6404.11.20", origin: "CN", value: "10000" } as const;
    const before = layer({ ...sneakers, date: "2020-02-13" }, "9903.88.15");
    const after = layer({ ...sneakers, date: "2020-02-14" }, "9903.88.15");
    expect(before?.rate).toBe(15);
    expect(after?.rate).toBe(7.5);
    expect(after?.amount).toBe("750.00");
    expect(after?.provisional).toBeUndefined();
    expect(after?.unconfirmed).toBeUndefined();
    const fittings = layer(
      { code: "8302.41.60", origin: "CN", value: "10000", date: "2018-10-01" },
      "9903.88.03",
    );
    expect(fittings?.rate).toBe(10);
    expect(fittings?.provisional).toBeUndefined();
  });

  it("Section 232 wood from China at 25% (9903.76.02, CSMS 66492057) is not provisional; the UK, Japan and EU rates are a limit", () => {
    const sofa = layer(
      { code: "9401.61.40.11", origin: "CN", date: "2025-11-01", value: "10000" },
      "9903.76.02",
    );
    expect(sofa?.rate).toBe(25);
    expect(sofa?.amount).toBe("2500.00");
    expect(sofa?.provisional).toBeUndefined();
    expect(sofa?.limits?.[0]).toMatch(/^Goods of the United Kingdom \(10%, 9903\.76\.20\)/);
  });

  it("a claimed 301 exclusion that takes List 1 off says why it is provisional (its window is unconfirmed)", () => {
    const result = t.duty({
      code: "8483.50.90.40",
      origin: "CN",
      date: "2026-06-01",
      value: "10000",
      claims: "9903.88.69",
    });
    const excluded = result.notApplied.find((n) => n.heading === "9903.88.69");
    expect(excluded?.measure).toBe("s301-list1");
    expect(excluded?.provisional).toMatch(/The start of the window .* is unconfirmed \(fixture TC26\)/);
    expect(result.layers.find((l) => l.heading === "9903.88.01")).toBeUndefined();
  });
});
