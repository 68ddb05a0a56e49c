/**
 * Analytics and China-side figures, in a fresh process; prints JSON.
 * `node dist/bench/analytics.js`:
 *  - the full daily series 2018-01-01 → 2026-12-31 in both directions on the shipped weights (cold),
 *    then on the 2017 weights (timelines built afresh);
 *  - one scenario comparison (baseline vs threat-100, both directions, on the full weights, cold);
 *  - a 100,000-line portfolio series 2018 → 2026 (codes drawn from the import weights);
 *  - engine.duty() calls per second, US entries against China-side entries.
 */
import { AverageCalculator, type WeightRow } from "../src/analytics/average.js";
import { compareAverages, runAverage } from "../src/analytics/report.js";
import { defaultWeights } from "../src/analytics/weights.js";
import type { Entry } from "../src/engine/contract.js";
import { defaultDataDir } from "../src/law/load.js";
import { loadTruce, truceFor } from "../src/truce.js";
import { CN_ZONE, parseInstant, US_ZONE } from "../src/units/time.js";
import { prng } from "./common.js";

const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;
const t = loadTruce();

let t0 = performance.now();
const us = runAverage(t, { importer: "US", origin: "CN", from: "2018-01-01", to: "2026-12-31", daily: true });
const cn = runAverage(t, { importer: "CN", origin: "US", from: "2018-01-01", to: "2026-12-31", daily: true });
const dailyBothMs = ms(t0);

// The same on the 2017 weights (PIIE's base year, ~22,000 US lines), with timelines built afresh.
t0 = performance.now();
for (const [importer, origin] of [
  ["US", "CN"],
  ["CN", "US"],
] as const) {
  const fresh = new AverageCalculator(t, importer);
  runAverage(t, { importer, origin, from: "2018-01-01", to: "2026-12-31", daily: true, year: "2017" }, fresh);
}
const daily2017BothMs = ms(t0);

// The baseline is warm (an application has it); the scenario's law, engine and timelines are built cold.
compareAverages(t, t, "2025-11-15");
t0 = performance.now();
const comparison = compareAverages(t, truceFor(t, "threat-100"), "2025-11-15");
const scenarioCompareMs = ms(t0);

const random = prng(20251115);
const imports = defaultWeights(defaultDataDir(), "US").rows;
const portfolio: WeightRow[] = [];
for (let i = 0; i < 100_000; i++) {
  const w = imports[Math.floor(random() * imports.length)] as WeightRow;
  portfolio.push({ code: w.code, origin: "CN", value: Math.round(random() * 1_000_000) / 100 });
}
t0 = performance.now();
const series = new AverageCalculator(t, "US").series(portfolio, {
  importer: "US",
  from: "2018-01-01",
  to: "2026-12-31",
});
const portfolioMs = ms(t0);

/** Calls per second over the entries the engine answers (codes not in force on their date left out). */
function callsPerSecond(all: Entry[], allInstants: number[]): number {
  const entries: Entry[] = [];
  const instants: number[] = [];
  all.forEach((e, i) => {
    try {
      t.engine.duty(e, allInstants[i] as number);
      entries.push(e);
      instants.push(allInstants[i] as number);
    } catch {
      // not in the schedule on that date
    }
  });
  let best = 0;
  for (let pass = 0; pass < 5; pass++) {
    const s = performance.now();
    for (let i = 0; i < entries.length; i++) t.engine.duty(entries[i] as Entry, instants[i] as number);
    best = Math.max(best, entries.length / ((performance.now() - s) / 1000));
  }
  return Math.round(best);
}
const day = (r: () => number) => {
  const d = new Date(Date.UTC(2018, 0, 1) + Math.floor(r() * 3252) * 86_400_000);
  return d.toISOString().slice(0, 10);
};
const usEntries: Entry[] = [];
const usInstants: number[] = [];
const cnEntries: Entry[] = [];
const cnInstants: number[] = [];
const hs8 = [
  ...new Set(t.law.measures.filter((m) => m.issuer === "CN").flatMap((m) => [...m.products.entries()])),
];
for (let i = 0; i < 100_000; i++) {
  const w = imports[Math.floor(random() * imports.length)] as WeightRow;
  if (w.code.startsWith("9999")) continue;
  usEntries.push({ code: w.code, origin: "CN", valueCents: 1_000_000 });
  usInstants.push(parseInstant(day(random), US_ZONE));
  cnEntries.push({
    code: hs8[Math.floor(random() * hs8.length)] as string,
    origin: "US",
    importer: "CN",
    valueCents: 1_000_000,
  });
  cnInstants.push(parseInstant(day(random), CN_ZONE));
}
const usPerSecond = callsPerSecond(usEntries, usInstants);
const cnPerSecond = callsPerSecond(cnEntries, cnInstants);

process.stdout.write(
  `${JSON.stringify({
    dailyBothMs,
    daily2017BothMs,
    dailyPoints: us.points.length + cn.points.length,
    scenarioCompareMs,
    scenarioDifference: comparison.directions.map((d) => d.difference),
    portfolioMs,
    portfolioLines: portfolio.length,
    portfolioPoints: series.points.length,
    dutyPerSecond: { US: usPerSecond, CN: cnPerSecond },
  })}\n`,
);
