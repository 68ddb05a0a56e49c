/**
 * A code that covers several national lines (an HS6 of China's schedule) is answered, as the WTO's
 * HS6 figures are, by the simple average of the lines' duties, with a warning that lists the lines.
 */
import { formatCode } from "../nomenclature/codes.js";
import { averageAdValoremCents, formatPpm, PPM_PER_PERCENT } from "../units/money.js";
import type { DutyResult, Entry, Layer, NotApplied, Scenario } from "./contract.js";
import type { Engine } from "./duty.js";

function signature(r: DutyResult): string {
  return r.layers.map((l) => `${l.measure}:${l.heading}:${l.rate}:${l.base}`).join("|");
}

export function dutyOverLines(
  engine: Engine,
  entry: Entry,
  instant: number,
  lines: readonly string[],
  scenario?: Scenario,
): DutyResult {
  if (lines.length === 0) return engine.duty(entry, instant, scenario);
  const results = lines.map((code) => engine.duty({ ...entry, code }, instant, scenario));
  const listed = results.map((r) => `${formatCode(r.code)} ${r.totalRate}%`).join(", ");
  const first = results[0] as DutyResult;
  if (results.every((r) => signature(r) === signature(first))) {
    return {
      ...first,
      code: entry.code,
      warnings: [
        `answered at ${formatCode(entry.code)}: its ${lines.length} known national lines (${listed}) have the same duty`,
        ...first.warnings,
      ],
    };
  }

  // Average each measure's ad valorem rate over the lines (a line without the layer counts as 0).
  const n = results.length;
  const byMeasure = new Map<string, { layer: Layer; ppmSum: number; lines: number }>();
  for (const r of results) {
    for (const l of r.layers) {
      const ppm = Math.round(l.rate * PPM_PER_PERCENT);
      // The base-rate layer is named after each line's own code: one layer for all of them.
      const isBase = l === r.layers[0];
      const key = isBase ? "base" : `${l.measure}|${l.heading}`;
      const seen = byMeasure.get(key);
      if (seen) {
        seen.ppmSum += ppm;
        seen.lines++;
      } else
        byMeasure.set(key, {
          layer: isBase ? { ...l, heading: formatCode(entry.code) } : l,
          ppmSum: ppm,
          lines: 1,
        });
    }
  }
  const layers: Layer[] = [];
  let totalCents = 0;
  let rateSum = 0;
  let complete = results.every((r) => r.complete);
  for (const { layer, ppmSum, lines: covered } of byMeasure.values()) {
    if (layer.base !== "value") complete = false;
    const averagePpm = ppmSum / n;
    const amount = averageAdValoremCents(entry.valueCents, ppmSum, n);
    totalCents += amount;
    rateSum += averagePpm;
    layers.push({
      ...layer,
      rate: averagePpm / PPM_PER_PERCENT,
      rateText:
        covered === n
          ? layer.rateText
          : `${formatPpm(Math.round(averagePpm))} (average: ${covered} of ${n} lines)`,
      baseCents: entry.valueCents,
      amountCents: amount,
    });
  }
  const notApplied = new Map<string, NotApplied>();
  for (const r of results) for (const x of r.notApplied) notApplied.set(`${x.measure}|${x.reason}`, x);
  return {
    ...first,
    code: entry.code,
    layers,
    notApplied: [...notApplied.values()],
    totalCents,
    totalRate: Math.round((rateSum / PPM_PER_PERCENT) * 1e6) / 1e6,
    complete,
    warnings: [
      `answered at ${formatCode(entry.code)} as the simple average of its ${n} known national lines, whose duties differ: ${listed}`,
      ...new Set(results.flatMap((r) => r.warnings)),
    ],
  };
}
