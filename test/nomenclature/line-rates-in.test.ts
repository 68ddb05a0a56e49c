/**
 * `Hts.lineRatesIn`, the engine's way to the base rates of a code by time slot, gives what
 * `Hts.lineRate` gives on every date of every slot it fills (the slot asked and the neighbouring
 * ones it fills with the same answer), and null exactly where `lineRate` throws.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { LineRate } from "../../src/nomenclature/base-rates.js";
import { type Hts, loadHts } from "../../src/nomenclature/hts.js";

let hts: Hts;
beforeAll(() => {
  hts = loadHts();
});

/** Every 5th day from 2018-01-01 to 2026-12-31 (each slot of 2018-2026 has one or more of them). */
function dates(): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(2018, 0, 1); t <= Date.UTC(2026, 11, 31); t += 5 * 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

function lineRateOrNull(code: string, date: string, column2: boolean): LineRate | null {
  try {
    return hts.lineRate(code, date, column2);
  } catch {
    return null;
  }
}

describe("Hts.lineRatesIn", () => {
  it("fills each slot with lineRate's answer on its dates (null where it throws), for both columns", () => {
    const all = [...hts.codes10()];
    // Every 197th HTS10 and its HTS8, and codes that left the schedule (HS 2017-era): in force in some
    // slots and not in others.
    const codes = all.filter((_, k) => k % 197 === 0);
    codes.push(...codes.map((c) => c.slice(0, 8)), ...hts.succeededCodes().filter((_, k) => k % 23 === 0));
    const days = dates();
    let filled = 0;
    let absent = 0;
    for (const column2 of [false, true]) {
      for (const code of codes) {
        const into: (LineRate | null | undefined)[] = [];
        for (const date of days) {
          const slot = hts.slotOn(date);
          if (into[slot] === undefined) hts.lineRatesIn(code, slot, column2, into);
          const expected = lineRateOrNull(code, date, column2);
          expect(into[slot], `${code} on ${date}, column ${column2 ? 2 : 1}`).toBe(expected);
          if (expected === null) absent++;
          else filled++;
        }
      }
    }
    expect(filled).toBeGreaterThan(100_000);
    expect(absent).toBeGreaterThan(1_000);
  });
});
