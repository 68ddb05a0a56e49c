/**
 * The measures of May to December 2026 (shared chronology-2026) and the Section 201 washers safeguard
 * of 2018-2023, one cited case per measure family. Customs value $10,000; origin China unless given;
 * instants in New York time.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { DutyResult, Entry } from "../../src/engine/contract.js";
import { loadTruce, type Truce } from "../../src/truce.js";
import { parseInstant, US_ZONE } from "../../src/units/time.js";

let t: Truce;
beforeAll(() => {
  t = loadTruce();
});

function duty(code: string, at: string, extra: Partial<Entry> = {}): DutyResult {
  return t.engine.duty({ code, origin: "CN", valueCents: 1_000_000, ...extra }, parseInstant(at, US_ZONE));
}

const special = (r: DutyResult) => r.layers.filter((l) => l.authority !== "mfn").map((l) => l.heading);
const layer = (r: DutyResult, heading: string) => r.layers.find((l) => l.heading === heading);
const skipped = (r: DutyResult, heading: string) => r.notApplied.find((n) => n.heading === heading);

const BACKPACK = "4202923120"; // List 3 (9903.88.03), MFN 17.6%
const STEEL = "7208101500"; // Section 232 steel, 2024 review 9903.91.01

describe("Section 301 forced-labor action (91 FR 47318; CSMS 69326983)", () => {
  it("a List 3 good entered 2026-08-01 owes List 3 25% + 12.5% (Honigman alert-3462: 37.5% additional)", () => {
    const r = duty(BACKPACK, "2026-08-01");
    expect(special(r)).toEqual(["9903.88.03", "9903.05.31"]);
    expect(layer(r, "9903.05.31")?.amountCents).toBe(125_000);
    expect(r.totalCents).toBe(176_000 + 250_000 + 125_000);
    expect(layer(r, "9903.05.31")?.provisional).toMatch(/not read here/);
  });

  it("starts at 12:01 a.m. EDT Jul 24 2026, the instant the Section 122 surcharge ends", () => {
    expect(special(duty(BACKPACK, "2026-07-24T00:00"))).toEqual(["9903.88.03", "9903.03.01"]);
    const after = duty(BACKPACK, "2026-07-24T00:01");
    expect(special(after)).toEqual(["9903.88.03", "9903.05.31"]);
    expect(skipped(after, "9903.03.01")?.reason).toMatch(/^ended/);
    expect(after.warnings.join("\n")).not.toMatch(/Section 122/);
  });

  it("a Section 232 steel good on the same date gets no forced-labor layer (note 52(f), 9903.05.90)", () => {
    const r = duty(STEEL, "2026-08-01");
    expect(special(r)).not.toContain("9903.05.31");
    expect(skipped(r, "9903.05.90")?.authority).toBe("section-301-forced-labor");
  });

  it("goods loaded on a vessel before Jul 24 and entered before 12:01 a.m. EDT Jul 28 are in transit (9903.05.85)", () => {
    const loadedOn = parseInstant("2026-07-20", US_ZONE);
    const vessel = duty(BACKPACK, "2026-07-25", { loadedOn, mode: "vessel" });
    expect(special(vessel)).toEqual(["9903.88.03"]);
    expect(skipped(vessel, "9903.05.85")?.reason).toMatch(/in transit/);
    expect(special(duty(BACKPACK, "2026-07-28T00:00", { loadedOn, mode: "vessel" }))).toEqual(["9903.88.03"]);
    expect(special(duty(BACKPACK, "2026-07-28T00:01", { loadedOn, mode: "vessel" }))).toContain("9903.05.31");
    expect(special(duty(BACKPACK, "2026-07-25", { loadedOn, mode: "air" }))).toContain("9903.05.31");
  });

  it("Hong Kong: 12.5% under 9903.05.43 and no China list duty", () => {
    const r = duty(BACKPACK, "2026-08-01", { origin: "HK" });
    expect(special(r)).toEqual(["9903.05.43"]);
    expect(layer(r, "9903.05.43")?.rate).toBe(12.5);
  });

  it("civil aircraft claimed under 9903.05.88 owe no forced-labor duty", () => {
    const r = duty(BACKPACK, "2026-08-01", { claims: ["9903.05.88"] });
    expect(special(r)).toEqual(["9903.88.03"]);
    expect(skipped(r, "9903.05.88")?.reason).toMatch(/civil aircraft/);
  });
});

describe("Section 232 pharmaceuticals (Proclamation 11020; CSMS 69395344, 70054007)", () => {
  const DRUG = "3004200080";
  it("patented 100% (9903.04.60) only when claimed, and then no forced-labor layer", () => {
    const claimed = duty(DRUG, "2026-10-01", { claims: ["9903.04.60"] });
    expect(special(claimed)).toEqual(["9903.04.60"]);
    expect(claimed.totalRate).toBe(100);
    expect(skipped(claimed, "9903.05.90")).toBeDefined();
    const unclaimed = duty(DRUG, "2026-10-01");
    expect(special(unclaimed)).toEqual(["9903.05.31"]);
    expect(skipped(unclaimed, "9903.04.60")?.reason).toMatch(/patented/);
  });

  it("not before the Annex III phase of Jul 31 2026", () => {
    expect(special(duty(DRUG, "2026-07-30", { claims: ["9903.04.60"] }))).toEqual(["9903.05.31"]);
  });
});

describe("Section 232 unmanned aircraft (Proclamation 11055; CSMS 69738151)", () => {
  it("small UAS 25% (9903.08.22) from Sep 3 2026, 100% (9903.08.21) when a thermal imager is claimed", () => {
    expect(special(duty("8806220000", "2026-09-02"))).toEqual(["9903.88.01", "9903.05.31"]);
    const small = duty("8806220000", "2026-09-03");
    expect(special(small)).toEqual(["9903.08.22", "9903.88.01"]);
    expect(layer(small, "9903.08.22")?.rate).toBe(25);
    const thermal = duty("8806220000", "2026-09-03", { claims: ["9903.08.21"] });
    expect(special(thermal)).toEqual(["9903.08.21", "9903.88.01"]);
    expect(skipped(thermal, "9903.08.21")?.reason).toMatch(/thermal imaging owes 100%/);
  });

  it("large UAS (8806.24) 100% under 9903.08.21", () => {
    expect(layer(duty("8806240000", "2026-09-10"), "9903.08.21")?.rate).toBe(100);
  });
});

describe("Section 232 polysilicon (Proclamation 11052): scheduled, heading unknown", () => {
  const MODULE = "8541430010";
  it("a 2026-12-05 entry gets 15% as provisional, with the reason and no heading to report", () => {
    const r = duty(MODULE, "2026-12-05");
    const poly = r.layers.find((l) => l.authority === "section-232-polysilicon");
    expect(poly?.rate).toBe(15);
    expect(poly?.heading).toBe("none");
    expect(poly?.provisional).toMatch(/Scheduled, not confirmed/);
    expect(r.warnings.join("\n")).toMatch(/no Chapter 99 heading to report/);
    expect(r.warnings.join("\n")).toMatch(/minimum import prices .* are not modelled/);
  });

  it("nothing before 12:01 a.m. EST Dec 4 2026", () => {
    const r = duty(MODULE, "2026-12-04T00:00");
    expect(r.layers.some((l) => l.authority === "section-232-polysilicon")).toBe(false);
  });
});

describe("Section 201 quartz surface products (Proclamation 11051, note 41)", () => {
  const SLAB = "6810990020";
  it("25% in quota / 50% over quota from Aug 15 2026, as claimed; 23% from Aug 15 2027; ended after Aug 14 2030", () => {
    expect(layer(duty(SLAB, "2026-08-20", { claims: ["9903.45.30"] }), "9903.45.30")?.rate).toBe(25);
    expect(layer(duty(SLAB, "2026-08-20", { claims: ["9903.45.31"] }), "9903.45.31")?.rate).toBe(50);
    expect(layer(duty(SLAB, "2027-08-16", { claims: ["9903.45.30"] }), "9903.45.30")?.rate).toBe(23);
    expect(skipped(duty(SLAB, "2030-08-15", { claims: ["9903.45.30"] }), "9903.45.30")?.reason).toMatch(
      /^ended/,
    );
    expect(skipped(duty(SLAB, "2026-08-20"), "9903.45.30")?.reason).toMatch(/within the quarterly quota/);
  });
});

describe("Section 201 washers (Proclamation 9694, 83 FR 3553; Proclamation 10133)", () => {
  const WASHER = "8450110040";
  it("2019: 18% within quota (9903.45.01), 45% over (9903.45.02), per note 17(d)/(e); neither unless declared", () => {
    expect(layer(duty(WASHER, "2019-03-01", { claims: ["9903.45.01"] }), "9903.45.01")?.rate).toBe(18);
    expect(layer(duty(WASHER, "2019-03-01", { claims: ["9903.45.02"] }), "9903.45.02")?.rate).toBe(45);
    const undeclared = duty(WASHER, "2019-03-01");
    expect(special(undeclared)).toEqual([]);
    expect(skipped(undeclared, "9903.45.02")?.reason).toMatch(/after the annual quota/);
  });

  it("covered parts over quota 50% in the first year (note 17(h))", () => {
    expect(layer(duty("8450906000", "2018-06-01", { claims: ["9903.45.06"] }), "9903.45.06")?.rate).toBe(50);
  });

  it("the quota year 2021-22 is a named gap; 14% within quota in 2022-23; ended after Feb 7 2023", () => {
    const gapYear = duty(WASHER, "2021-06-01", { claims: ["9903.45.01"] });
    expect(layer(gapYear, "9903.45.01")).toBeUndefined();
    expect(gapYear.warnings.join("\n")).toMatch(
      /not modelled from this date: the rates of Proclamation 10133/,
    );
    expect(layer(duty(WASHER, "2022-06-01", { claims: ["9903.45.01"] }), "9903.45.01")?.rate).toBe(14);
    expect(layer(duty(WASHER, "2023-03-01", { claims: ["9903.45.01"] }), "9903.45.01")).toBeUndefined();
  });
});

describe("maritime Section 301 and the truce items due Nov 2026", () => {
  it("chassis +100% (9903.91.12) scheduled from Nov 10 2026 is suspended to Jan 10 2027, provisionally", () => {
    const r = duty("8716390090", "2026-12-05");
    expect(skipped(r, "9903.91.12")?.reason).toMatch(/^suspended/);
    expect(layer(duty("8716390090", "2026-09-01"), "9903.91.12")).toBeUndefined();
  });

  it("a claimed 301 exclusion after Nov 9 2026 carries the unconfirmed-extension warning", () => {
    const r = duty("8483509040", "2026-11-15", { claims: ["9903.88.69"] });
    expect(r.warnings.join("\n")).toMatch(/extension to Jan 10 2027 was announced/);
  });
});
