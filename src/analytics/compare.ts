/**
 * Scenario comparison: the duty on one entry under two scenarios ("baseline" = the law as it is),
 * layer by layer and in total (b less a).
 */
import type { DutyResult } from "../engine/contract.js";
import { type DutyJson, toJson } from "../entry/result.js";
import type { ScenarioSpec } from "../law/scenario.js";
import { formatCents } from "../units/money.js";

export interface ScenarioRef {
  id: string;
  title: string;
}

export interface Amount {
  /** Percent of the customs value. */
  rate: number;
  /** Decimal string, e.g. "1234.56" (signed for differences). */
  amount: string;
}

export interface LayerSide {
  heading: string;
  rate: number;
  rateText: string;
  /** null when the engine could not compute it (see the results' warnings). */
  amount: string | null;
}

export interface LayerDifference {
  measure: string;
  authority: string;
  label: string;
  /** The layer under scenario a, or null when it does not apply there. */
  a: LayerSide | null;
  b: LayerSide | null;
  /** Why the layer is not applied on a side where it is missing, when the engine considered it. */
  notApplied?: { a?: string; b?: string };
  difference: Amount;
}

export interface EntryComparison {
  a: ScenarioRef;
  b: ScenarioRef;
  entry: {
    importer: string;
    code: string;
    origin: string;
    instant: string;
    entered: string;
    value: string;
  };
  layers: LayerDifference[];
  total: { a: Amount; b: Amount; difference: Amount };
  /** False when an amount could not be computed under either scenario. */
  complete: boolean;
  /** The full results, as `truce duty --json` prints them. */
  results: { a: DutyJson; b: DutyJson };
}

/** A rate in percent to 6 decimals (rates are shown, never summed into money). */
export const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function ref(s: ScenarioSpec): ScenarioRef {
  return { id: s.id, title: s.title };
}

/** Layers keyed by measure (the base-rate layer as "base"), in order. */
function keyed(r: DutyResult): Map<string, DutyResult["layers"][number]> {
  const out = new Map<string, DutyResult["layers"][number]>();
  r.layers.forEach((l, i) => {
    let key = i === 0 ? "base" : l.measure;
    for (let n = 2; out.has(key); n++) key = `${l.measure}#${n}`;
    out.set(key, l);
  });
  return out;
}

function side(l: DutyResult["layers"][number] | undefined): LayerSide | null {
  if (!l) return null;
  return {
    heading: l.heading,
    rate: l.rate,
    rateText: l.rateText,
    amount: l.amountCents === null ? null : formatCents(l.amountCents),
  };
}

function totalOf(r: DutyResult): Amount {
  return { rate: r.totalRate, amount: formatCents(r.totalCents) };
}

/** The layer-by-layer and total differences between two results for the same entry (b less a). */
export function compareResults(
  a: DutyResult,
  b: DutyResult,
  valueCents: number,
  scenarios: { a: ScenarioSpec; b: ScenarioSpec },
  warnings: readonly string[] = [],
): EntryComparison {
  const la = keyed(a);
  const lb = keyed(b);
  const keys = [...la.keys(), ...[...lb.keys()].filter((k) => !la.has(k))];
  const layers: LayerDifference[] = [];
  for (const key of keys) {
    const x = la.get(key);
    const y = lb.get(key);
    const l = (x ?? y) as DutyResult["layers"][number];
    const notApplied: { a?: string; b?: string } = {};
    if (!x) notApplied.a = a.notApplied.find((n) => n.measure === l.measure)?.reason;
    if (!y) notApplied.b = b.notApplied.find((n) => n.measure === l.measure)?.reason;
    layers.push({
      measure: l.measure,
      authority: l.authority,
      label: l.label,
      a: side(x),
      b: side(y),
      ...(notApplied.a || notApplied.b ? { notApplied } : {}),
      difference: {
        rate: round6((y?.rate ?? 0) - (x?.rate ?? 0)),
        amount: formatCents((y?.amountCents ?? 0) - (x?.amountCents ?? 0)),
      },
    });
  }
  const ja = toJson(a, valueCents, warnings);
  return {
    a: ref(scenarios.a),
    b: ref(scenarios.b),
    entry: {
      importer: ja.importer,
      code: ja.code,
      origin: ja.origin,
      instant: ja.instant,
      entered: ja.entered,
      value: ja.value,
    },
    layers,
    total: {
      a: totalOf(a),
      b: totalOf(b),
      difference: {
        rate: round6(b.totalRate - a.totalRate),
        amount: formatCents(b.totalCents - a.totalCents),
      },
    },
    complete: a.complete && b.complete,
    results: { a: ja, b: toJson(b, valueCents, warnings) },
  };
}

/** Rate of an amount on a value, in percent. */
export function rateOf(cents: number, valueCents: number): number {
  return valueCents > 0 ? round6((cents * 100) / valueCents) : 0;
}
