/**
 * `Hts.changeDates`, which the averages sample a code's base rate on: between two consecutive change
 * dates (and from the first day to the first of them) the rate texts of both columns of a code, or
 * of its HTS8 where the code itself has no line in force, never change, nor does whether either
 * answers. Checked on every day of 2018-2026.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { daysBetween } from "../../src/analytics/average.js";
import { type Hts, loadHts } from "../../src/nomenclature/hts.js";

let hts: Hts;
beforeAll(() => {
  hts = loadHts();
});

const FROM = "2018-01-01";
const TO = "2026-12-31";

/** What the engine may charge for a code on a date, as text: its own rates, else its HTS8's. */
function answerOn(code: string, date: string): string {
  const texts = (c: string) => {
    const general = hts.lineRateInForce(c, date, false);
    const other = hts.lineRateInForce(c, date, true);
    return general === undefined ? undefined : `${general.text}|${other?.text}`;
  };
  const own = texts(code);
  if (own !== undefined || code.length !== 10) return own ?? "none";
  return `HTS8 ${texts(code.slice(0, 8)) ?? "none"}`;
}

describe("Hts.changeDates", () => {
  it("names every day on which a code's rate texts, or its HTS8's, change (2018-2026, every day)", () => {
    const all = [...hts.codes10()];
    // Every 151st HTS10 and its HTS8, and codes that left the schedule (HS 2017-era).
    const codes = all.filter((_, k) => k % 151 === 0);
    codes.push(...codes.map((c) => c.slice(0, 8)), ...hts.succeededCodes().filter((_, k) => k % 31 === 0));
    const days = daysBetween(FROM, TO);
    let changes = 0;
    let fewer = 0;
    for (const code of codes) {
      const dates = new Set(hts.changeDates(code, FROM, TO));
      if (dates.size < 3) fewer++;
      let expected = answerOn(code, FROM);
      for (const day of days) {
        const answer = answerOn(code, day);
        if (dates.has(day)) {
          if (answer !== expected) changes++;
          expected = answer;
        } else expect(answer, `${code} on ${day}`).toBe(expected);
      }
    }
    // The check sees changes, and most codes have few change dates (not every release).
    expect(changes).toBeGreaterThan(100);
    expect(fewer).toBeGreaterThan(codes.length / 2);
  });
});
