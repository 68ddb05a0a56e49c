/**
 * Differential test of the averages: the sweep over change points (`AverageCalculator.series` over a
 * period) must give, on every date, what pricing every weights line on that date alone gives (a
 * one-day series: each line evaluated on the date, nothing carried from another). Dates: every HTS
 * revision date (US 2024 weights), then samples of those dates, the days before them, the sweep's own
 * change points and all days from 2018 to 2026.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { AverageCalculator, type AveragePoint, daysBetween } from "../../src/analytics/average.js";
import { defaultWeights } from "../../src/analytics/weights.js";
import { defaultDataDir } from "../../src/law/load.js";
import type { Issuer } from "../../src/law/model.js";
import { loadTruce, type Truce } from "../../src/truce.js";
import { Sampler } from "./sampler.js";

let t: Truce;
beforeAll(() => {
  t = loadTruce();
});

const FROM = "2018-01-01";
const TO = "2026-12-31";

/** The point in force on a date: the last change point not after it. */
const on = (points: readonly AveragePoint[], date: string) =>
  [...points].reverse().find((p) => p.date <= date) as AveragePoint;

const dayBefore = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The sweep's points and the day-by-day points on sampled dates, for one weights file: with
 * `revisions`, every HTS revision date; then `sampled` dates drawn from the revision dates, the days
 * before them, the sweep's change points and all days of the period.
 */
function compare(
  importer: Issuer,
  year: string,
  revisions: boolean,
  sampled: number,
): { date: string; sweep: AveragePoint; day: AveragePoint }[] {
  const rows = defaultWeights(defaultDataDir(), importer, year).rows.filter(
    (r) => r.origin === (importer === "US" ? "CN" : "US"),
  );
  const sweep = new AverageCalculator(t, importer).series(rows, { importer, from: FROM, to: TO });
  const s = new Sampler(importer === "US" ? 20_250_127 : 20_250_410);
  const revisionDates = t.hts.revisions.map((r) => r.effectiveDate);
  const pools = [
    revisionDates,
    revisionDates.map(dayBefore),
    sweep.points.map((p) => p.date).filter((d) => d > FROM),
    daysBetween(FROM, TO),
  ];
  const dates = new Set<string>(revisions ? revisionDates : []);
  for (let i = 0; i < sampled; i++) dates.add(s.pick(s.pick(pools)));
  // One calculator for the day-by-day points, apart from the sweep's (it keeps nothing across dates).
  const daily = new AverageCalculator(t, importer);
  return [...dates].sort().map((date) => ({
    date,
    sweep: on(sweep.points, date),
    day: daily.series(rows, { importer, from: date, to: date }).points[0] as AveragePoint,
  }));
}

describe("the averages' sweep agrees with day-by-day evaluation", () => {
  it.each([
    ["US", "2024", true, 12],
    ["US", "2017", false, 16],
    ["CN", "2024", false, 16],
  ] as const)(
    "%s importer, %s weights: average and coverage on every sampled date",
    (importer, year, revisions, sampled) => {
      const points = compare(importer, year, revisions, sampled);
      const differ = points
        .filter((p) => p.sweep.average !== p.day.average || p.sweep.coverage !== p.day.coverage)
        .map(
          (p) =>
            `${p.date}: sweep ${p.sweep.average}% (${p.sweep.coverage}% covered), day ${p.day.average}% (${p.day.coverage}%)`,
        );
      expect(differ).toEqual([]);
      expect(points.length).toBeGreaterThan(sampled / 2);
    },
    240_000,
  );

  it("on HTS 2025 rev 1 (2025-01-27), US on China, 2024 weights: 12.7031% by both (the sweep once gave 13.2217% against 13.2168%)", () => {
    const rows = defaultWeights(defaultDataDir(), "US", "2024").rows.filter((r) => r.origin === "CN");
    const sweep = new AverageCalculator(t, "US").series(rows, {
      importer: "US",
      from: "2024-06-01",
      to: "2025-02-28",
    });
    const day = new AverageCalculator(t, "US").series(rows, {
      importer: "US",
      from: "2025-01-27",
      to: "2025-01-27",
    });
    expect(on(sweep.points, "2025-01-27").average).toBe(12.7031);
    expect(day.points[0]?.average).toBe(12.7031);
  });
});
