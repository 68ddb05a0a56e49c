/**
 * China's duties on US goods, from the Customs Tariff Commission announcements transcribed in
 * data/cn/measures.md (instants in Beijing time) and the derived MFN of data/cn/hs6.csv.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { DutyResult, Entry } from "../../src/engine/contract.js";
import { dutyOverLines } from "../../src/engine/lines.js";
import { loadTruce, type Truce } from "../../src/truce.js";
import { CN_ZONE, parseInstant } from "../../src/units/time.js";
import { cnDuty, headings } from "./cn-duty.js";

let t: Truce;
beforeAll(() => {
  t = loadTruce();
});

const duty = (code: string, at: string, extra: Partial<Entry> = {}): DutyResult => cnDuty(t, code, at, extra);

describe("US soybeans (1201.90.19), MFN 3% (Reuters via bdnews24; chinesetariff.com)", () => {
  it("on 2025-04-15: 3% + 25% (2018 No. 5) + 10% (2025 No. 2 farm list) + 125% (No. 6) = 163%", () => {
    const r = duty("12019019", "2025-04-15");
    expect(headings(r)).toEqual(["CTC 2018-5 25%", "CTC 2025-2 10%", "CTC 2025-6 125%"]);
    expect(r.totalRate).toBe(163);
    expect(r.totalCents).toBe(1_630_000);
  });

  it("the farm list stops at 13:01 Beijing time on Nov 10 2025 (No. 9), not at midnight", () => {
    expect(duty("12019019", "2025-11-10T13:00").totalRate).toBe(48);
    const after = duty("12019019", "2025-11-10T13:01");
    expect(after.totalRate).toBe(38);
    expect(after.notApplied).toContainEqual(expect.objectContaining({ heading: "CTC 2025-2" }));
  });

  it("with an exclusion of the 2018-2019 duties: 3% + 10% = 13% from Nov 10 2025 (Reuters)", () => {
    const r = duty("12019019", "2025-11-10T13:01", { claims: ["cn-exclusion"] });
    expect(r.totalRate).toBe(13);
    expect(r.notApplied).toContainEqual(
      expect.objectContaining({ heading: "CTC 2018-5", reason: expect.stringMatching(/excluded/) }),
    );
  });

  it("an instant given in New York time is the same instant: 00:01 EST Nov 10 = 13:01 Beijing", () => {
    const r = t.engine.duty(
      { code: "12019019", origin: "US", importer: "CN", valueCents: 1_000_000 },
      parseInstant("2025-11-10T00:01-05:00", CN_ZONE),
    );
    expect(r.totalRate).toBe(38);
  });

  it("at HS6 the answer is the simple average of the known national lines, with a warning listing them", () => {
    const resolved = t.cn.resolve("1201.90");
    expect(resolved.level).toBe(6);
    const lines = resolved.lines.map((l) => l.code);
    expect(lines).toEqual(["12019010", "12019011", "12019019", "12019020"]);
    const r = dutyOverLines(
      t.engine,
      { code: resolved.code, origin: "US", importer: "CN", valueCents: 1_000_000 },
      parseInstant("2025-11-10T13:01", CN_ZONE),
      lines,
    );
    const each = lines.map((code) => duty(code, "2025-11-10T13:01").totalRate);
    expect(r.totalRate).toBeCloseTo(each.reduce((a, b) => a + b, 0) / each.length, 6);
    expect(r.warnings[0]).toMatch(/simple average of its 4 known national lines.*1201\.90\.10/);
  });
});

describe("US LNG (2711.11.00), MFN 0% (hellenicshippingnews: no tariff before Sept 2018)", () => {
  it("10% from 12:01 Sept 24 2018 (〔2018〕8号), 25% from 00:00 June 1 2019 (〔2019〕3号)", () => {
    expect(duty("27111100", "2018-09-24T12:00").totalRate).toBe(0);
    expect(duty("27111100", "2018-09-24T12:01").totalRate).toBe(10);
    expect(duty("27111100", "2019-05-31T23:59").totalRate).toBe(10);
    expect(duty("27111100", "2019-06-01T00:00").totalRate).toBe(25);
  });

  it("plus 15% from Feb 10 2025 (2025 No. 1) and the No. 4 layer: 10% after Geneva", () => {
    expect(headings(duty("27111100", "2025-06-01"))).toEqual([
      "CTC 2019-3 25%",
      "CTC 2025-1 15%",
      "CTC 2025-4 10%",
    ]);
  });
});

describe("rules", () => {
  it("No. 4 in transit: shipped before 12:01 Apr 10 2025 and imported by 24:00 May 13 is exempt", () => {
    const loadedOn = parseInstant("2025-04-09", CN_ZONE);
    const inTime = duty("12019019", "2025-05-13T23:59", { loadedOn });
    expect(inTime.layers.map((l) => l.heading)).not.toContain("CTC 2025-6");
    expect(inTime.notApplied).toContainEqual(
      expect.objectContaining({ reason: expect.stringMatching(/in transit/) }),
    );
    expect(duty("12019019", "2025-05-14T00:00", { loadedOn }).layers.map((l) => l.heading)).toContain(
      "CTC 2025-6",
    );
  });

  it("the 2018 duties on US cars are suspended from Jan 1 2019 (〔2018〕10号)", () => {
    expect(headings(duty("87032343", "2018-08-01"))).toEqual(["CTC 2018-5 25%"]);
    const suspended = duty("87032343", "2019-02-01");
    expect(headings(suspended)).toEqual([]);
    expect(suspended.notApplied).toContainEqual(
      expect.objectContaining({ reason: expect.stringMatching(/suspended/) }),
    );
  });

  it("the derived MFN of cars 8703.23 is 15% (the WTO's 40% less the suspended 25%)", () => {
    expect(duty("87032343", "2019-02-01").layers[0]?.rate).toBe(15);
  });

  it("goods of other origins pay none of the countermeasures", () => {
    expect(
      t.engine.duty(
        { code: "12019019", origin: "BR", importer: "CN", valueCents: 100 },
        parseInstant("2025-06-01", CN_ZONE),
      ).layers,
    ).toHaveLength(1);
  });
});
