/**
 * Section 232 steel and aluminum, 2025-2026: the heading by chapter and list (CSMS 64384423, 64384496), the
 * base by date (full value until 2025-06-04 for Chapters 73 and 76, the metal content after: the June 3 2025
 * CSMS messages 65236645 / 65236574), the note 19 lists, and the April 2026 restructuring (not modelled).
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
  return t.engine.duty({ code, origin: "CN", valueCents: 100_000, ...extra }, parseInstant(at, US_ZONE));
}
const s232 = (r: DutyResult) => r.layers.filter((l) => l.authority.startsWith("section-232"));

describe("Section 232 steel derivatives: Chapter 73 vs outside it", () => {
  it("2025-05-01: 7308.90.95 (Ch. 73) under 9903.81.90 on the full value; 9406.20.00 under 9903.81.91 on the steel content", () => {
    expect(s232(duty("7308909590", "2025-05-01", { steelCents: 60_000 }))).toMatchObject([
      { heading: "9903.81.90", rate: 25, base: "value", baseCents: 100_000, amountCents: 25_000 },
    ]);
    expect(s232(duty("9406200000", "2025-05-01", { steelCents: 60_000 }))).toMatchObject([
      { heading: "9903.81.91", rate: 25, base: "steel-content", baseCents: 60_000, amountCents: 15_000 },
    ]);
  });

  it("2025-07-01: the Chapter 73 derivative pays 50% on its steel content; Chapter 72 steel on the full value", () => {
    expect(s232(duty("7308909590", "2025-07-01", { steelCents: 60_000 }))).toMatchObject([
      { heading: "9903.81.90", rate: 50, base: "steel-content", baseCents: 60_000, amountCents: 30_000 },
    ]);
    expect(s232(duty("7208101500", "2025-07-01", { steelCents: 60_000 }))).toMatchObject([
      { heading: "9903.81.87", rate: 50, base: "value", amountCents: 50_000 },
    ]);
  });
});

describe("Section 232 aluminum derivatives of note 19", () => {
  it("empty aluminum cans (7612.90.10, note 19(j)) from 12:01 a.m. Apr 4 2025 (CSMS 64639013), under 9903.85.07", () => {
    expect(s232(duty("7612901000", "2025-04-03"))).toEqual([]);
    expect(s232(duty("7612901000", "2025-04-04", { aluminumCents: 80_000 }))).toMatchObject([
      { heading: "9903.85.07", rate: 25, base: "value", amountCents: 25_000 },
    ]);
    expect(s232(duty("7612901000", "2025-07-01", { aluminumCents: 80_000 }))).toMatchObject([
      { heading: "9903.85.07", rate: 50, base: "aluminum-content", amountCents: 40_000 },
    ]);
  });

  it("7613.00.00 (note 19(j), missing before) from 2025-03-12; beer (2203.00.00, 19(k)) on the aluminum content", () => {
    expect(s232(duty("7613000000", "2025-03-12"))).toMatchObject([{ heading: "9903.85.07", rate: 25 }]);
    expect(s232(duty("2203000030", "2025-07-01", { aluminumCents: 10_000 }))).toMatchObject([
      { heading: "9903.85.08", rate: 50, base: "aluminum-content", amountCents: 5_000 },
    ]);
  });

  it("bumper stampings (8708.10.30, note 19(i)) stay on the full value after June 4 2025 (not Chapter 76)", () => {
    expect(s232(duty("8708103010", "2025-07-01", { aluminumCents: 10_000 }))).toMatchObject([
      { heading: "9903.85.04", rate: 50, base: "value", amountCents: 50_000 },
    ]);
  });
});

describe("the April 2026 restructuring (note 16, 9903.82)", () => {
  it("2026-05-01: Chapter 72 steel and a Chapter 73 derivative pay 9903.82.02, 50% of the full value; no terminated heading", () => {
    for (const code of ["7208101500", "7308909590"]) {
      const r = duty(code, "2026-05-01", { steelCents: 60_000 });
      expect(s232(r)).toMatchObject([
        { heading: "9903.82.02", rate: 50, base: "value", amountCents: 50_000 },
      ]);
      expect(r.layers.map((l) => l.heading)).not.toContain("9903.03.01"); // Section 122 not on 232 goods
    }
  });

  it("7614.10.10, on lists (ii) and (iv), pays 9903.82.02 once", () => {
    expect(s232(duty("7614101000", "2026-05-01"))).toMatchObject([
      { heading: "9903.82.02", amountCents: 50_000 },
    ]);
  });

  it("list (vii): 7321.11.10 (Ch. 73) pays 9903.82.09, 25%; 8302.10.60 (Ch. 83, lists (vi) and (vii)) only when the 15% weight is claimed, and once", () => {
    expect(s232(duty("7321111000", "2026-05-01"))).toMatchObject([
      { heading: "9903.82.09", rate: 25, base: "value", amountCents: 25_000 },
    ]);
    const unclaimed = duty("8302106000", "2026-05-01");
    expect(s232(unclaimed)).toEqual([]);
    expect(unclaimed.notApplied).toContainEqual(expect.objectContaining({ heading: "9903.82.09" }));
    expect(s232(duty("8302106000", "2026-05-01", { claims: ["9903.82.09"] }))).toMatchObject([
      { heading: "9903.82.09", rate: 25, amountCents: 25_000 },
    ]);
  });

  it("list (ix) (8504.34.00, MFN 1.6%): with the 15% weight claimed, 9903.82.10 tops the column 1 rate up to 15% (note 16(f))", () => {
    const r = duty("8504340000", "2026-05-01", { claims: ["9903.82.10"] });
    expect(r.layers[0]).toMatchObject({ rate: 1.6, amountCents: 1_600 });
    expect(s232(r)).toMatchObject([
      { heading: "9903.82.10", rate: 13.4, base: "value", amountCents: 13_400 },
    ]);
    expect(s232(duty("8504340000", "2026-05-01"))).toEqual([]);
  });
});
