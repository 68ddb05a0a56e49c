/**
 * Differential test: a large deterministic sample of entries priced by the engine (`Engine.duty`),
 * by the reference evaluator (`referenceDuty`, the rules of docs/stacking.md written out plainly)
 * and by the batch fast path (`Engine.price`, where it answers) must give identical results.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  type DutyResult,
  type Entry,
  type Mode,
  type PricedRow,
  pricedRow,
  type Scenario,
} from "../../src/engine/contract.js";
import { type ReferenceResult, referenceDuty } from "../../src/engine/reference.js";
import type { Issuer, Law } from "../../src/law/model.js";
import { loadScenarios } from "../../src/law/scenario.js";
import { loadTruce, type Truce, truceFor } from "../../src/truce.js";
import { CN_ZONE, localDate, US_ZONE, zonedInstant } from "../../src/units/time.js";
import { Sampler } from "./sampler.js";

const ENTRIES = 200_000;
const MINUTE = 60_000;

let t: Truce;
/** The shipped law and each scenario of data/scenarios applied to it. */
let worlds: { id: string; truce: Truce }[];
beforeAll(() => {
  t = loadTruce();
  worlds = [
    { id: "baseline", truce: t },
    ...[...loadScenarios().keys()].sort().map((id) => ({ id, truce: truceFor(t, id) })),
  ];
});

/** Every instant the law names (values, exemptions, in-transit rules, gaps, horizons), by importer. */
function boundaries(law: Law, importer: Issuer): number[] {
  const at = new Set<number>();
  for (const m of law.measures) {
    if (m.issuer !== importer) continue;
    for (const v of m.values) at.add(v.from);
    for (const x of m.exemptions) {
      if (x.from !== undefined) at.add(x.from);
      if (x.until !== undefined) at.add(x.until);
    }
    for (const r of m.inTransit) {
      at.add(r.loadedBefore);
      at.add(r.enteredBefore);
      if (r.loadedFrom !== undefined) at.add(r.loadedFrom);
    }
    for (const rule of m.notStackedOn) if (rule.remainderFrom !== undefined) at.add(rule.remainderFrom);
  }
  for (const g of law.gaps) {
    if (g.issuer !== importer) continue;
    at.add(g.from);
    at.add(g.until);
  }
  const horizon = law.horizon[importer];
  if (horizon !== undefined) at.add(horizon.end);
  return [...at].filter((i) => Number.isFinite(i)).sort((a, b) => a - b);
}

/** The Chapter 99 headings an importer might claim: every heading, claim and row heading of the law. */
function claimable(law: Law, importer: Issuer): string[] {
  const out = new Set<string>();
  for (const m of law.measures) {
    if (m.issuer !== importer) continue;
    out.add(m.heading);
    for (const v of m.values) out.add(v.heading);
    for (const x of m.exemptions) {
      if (x.claim !== undefined) out.add(x.claim);
      if (x.heading !== undefined) out.add(x.heading);
    }
    for (const r of m.inTransit) if (r.heading !== undefined) out.add(r.heading);
  }
  return [...out].filter((h) => h !== "").sort();
}

/** Codes the law names (8 and 10 digits, carve-outs and described rows), for an importer. */
function listedCodes(law: Law, importer: Issuer): string[] {
  const out = new Set<string>();
  for (const m of law.measures) {
    if (m.issuer !== importer) continue;
    for (const set of [m.products, ...m.exemptions.map((x) => x.products)]) {
      for (const c of set.entries()) if (c.length >= 6) out.add(c);
      for (const c of set.carvedOut()) out.add(c);
      for (const c of set.describedCodes()) out.add(c);
    }
  }
  return [...out].sort();
}

const US_ORIGINS = ["CN", "CN", "CN", "HK", "HK", "MO", "VN", "DE", "JP", "MX", "IN", "RU", "BY", "KP", "US"];
const CN_ORIGINS = ["US", "US", "US", "US", "US", "CN", "DE", "JP"];
const MODES: Mode[] = ["vessel", "vessel", "air", "truck", "rail", "postal"];
const UNITS = ["kg", "no", "liter", "doz", "m2", "pcs", "dozen pr"];

interface Population {
  importer: Issuer;
  codes: string[];
  listed: string[];
  origins: string[];
  instants: number[];
  claims: string[];
  /** Whether the nomenclature answers for the code at the instant. */
  inForce(code: string, instant: number): boolean;
}

/** One sampled entry and its instant; draws only integers from the sampler. */
function sampleEntry(s: Sampler, p: Population): { entry: Entry; instant: number } {
  let instant: number;
  if (s.chance(3, 5)) instant = s.pick(p.instants) + s.int(-1, 1) * MINUTE;
  else instant = s.int(FIRST_MINUTE, LAST_MINUTE) * MINUTE;
  // Mostly codes in force on the date (a code that is not costs a search for suggestions).
  let code = "";
  for (let tries = 0; tries < 12; tries++) {
    code = s.chance(1, 3) ? s.pick(p.listed) : s.pick(p.codes);
    if (p.inForce(code, instant)) break;
  }
  const valueCents = s.chance(1, 20) ? s.pick([0, 1, 49, 50, 99]) : s.int(1, 10_000_000_000);
  const entry: Entry = { code, origin: s.pick(p.origins), importer: p.importer, valueCents };
  if (s.chance(1, 4)) entry.claims = [s.pick(p.claims), ...(s.chance(1, 3) ? [s.pick(p.claims)] : [])];
  if (s.chance(1, 5)) {
    const metals: ("steelCents" | "aluminumCents" | "copperCents")[] = [
      "steelCents",
      "aluminumCents",
      "copperCents",
    ];
    for (const metal of metals) if (s.chance(1, 2)) entry[metal] = s.int(0, valueCents);
  }
  if (s.chance(1, 5)) {
    entry.quantityMilli = s.int(0, 10_000_000);
    entry.unit = s.pick(UNITS);
  }
  if (s.chance(1, 6)) {
    entry.loadedOn = instant - s.int(0, 120 * 24 * 60) * MINUTE;
    if (s.chance(3, 4)) entry.mode = s.pick(MODES);
  }
  return { entry, instant };
}

/** Every code sampled is drawn from one in EVERY_NTH of the schedule's codes (a few thousand). */
const EVERY_NTH = 8;
const everyNth = <T>(items: readonly T[]): T[] => items.filter((_, i) => i % EVERY_NTH === 0);

const FIRST_MINUTE = Date.UTC(2018, 0, 1) / MINUTE;
const LAST_MINUTE = Date.UTC(2026, 11, 31, 23, 59) / MINUTE;

/** The engine's result as the reference gives it (warnings and horizon flag are the engine's alone). */
function comparable(r: DutyResult): ReferenceResult {
  const { warnings: _w, beyondHorizon: _b, ...rest } = r;
  return rest;
}

/** JSON with the keys of every object sorted, so that results built in another order compare equal. */
function canonical(x: unknown): string {
  return JSON.stringify(x, (_key, value: unknown) =>
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

/** The batch row of a result, as `Engine.price` writes it. */
function rowOf(r: ReferenceResult): PricedRow {
  return {
    layers: r.layers.length,
    headings: r.layers.map((l) => l.heading),
    rateTexts: r.layers.map((l) => l.rateText),
    amountsCents: r.layers.map((l) => l.amountCents ?? 0),
    totalCents: r.totalCents,
    totalRate: r.totalRate,
  };
}

function trimmed(row: PricedRow): PricedRow {
  return {
    layers: row.layers,
    headings: row.headings.slice(0, row.layers),
    rateTexts: row.rateTexts.slice(0, row.layers),
    amountsCents: row.amountsCents.slice(0, row.layers),
    totalCents: row.totalCents,
    totalRate: row.totalRate,
  };
}

const RULES = [
  "importer CN",
  "column 2",
  "special layer",
  "not in force",
  "claim needed",
  "exemption or in transit",
  "replaced",
  "not stacked on",
  "charged on the remainder",
  "charged on a metal content",
  "switched off by a scenario",
  "incomplete",
] as const;

/** The rules of docs/stacking.md a result shows were applied (see RULES). */
function rulesReached(r: ReferenceResult, entry: Entry): string[] {
  const out: string[] = [];
  if (r.importer === "CN") out.push("importer CN");
  if (r.layers[0]?.authority === "column-2") out.push("column 2");
  if (r.layers.length > 1) out.push("special layer");
  if (!r.complete) out.push("incomplete");
  for (const l of r.layers.slice(1)) {
    if (l.base !== "value") out.push("charged on a metal content");
    else if (l.baseCents !== entry.valueCents) out.push("charged on the remainder");
  }
  for (const n of r.notApplied) {
    if (/^(ended|suspended|threatened|proposed|not modelled)/.test(n.reason)) out.push("not in force");
    else if (n.reason.includes("declare it with the claim")) out.push("claim needed");
    else if (n.reason.startsWith("replaced by")) out.push("replaced");
    else if (n.reason.startsWith("switched off by scenario")) out.push("switched off by a scenario");
    else if (n.reason.endsWith(" applies)")) out.push("not stacked on");
    else if (!n.reason.includes("falls under both")) out.push("exemption or in transit");
  }
  return out;
}

type Outcome = { result: ReferenceResult } | { error: string };

function attempt(f: () => ReferenceResult): Outcome {
  try {
    return { result: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe("engine, reference evaluator and batch fast path agree", () => {
  it(`on ${ENTRIES.toLocaleString("en-US")} sampled entries across importers, origins, instants and scenarios`, () => {
    const s = new Sampler(20_260_705);
    const populations: Population[] = [];
    for (const importer of ["US", "CN"] as const) {
      const zone = importer === "US" ? US_ZONE : CN_ZONE;
      const revisionStarts =
        importer === "US" ? t.hts.revisions.map((r) => zonedInstant(`${r.effectiveDate} 00:00`, zone)) : [];
      populations.push({
        importer,
        // One code in EVERY_NTH of the schedule, so that the engine's caches see each code more than once.
        codes: everyNth(
          importer === "US"
            ? [...t.hts.codes10(), ...t.hts.codes8(), ...t.hts.succeededCodes()]
            : [...t.cn.codes(), ...listedCodes(t.law, "CN")],
        ),
        listed: listedCodes(t.law, importer).filter((c) => importer === "CN" || c.length >= 8),
        origins: importer === "US" ? US_ORIGINS : CN_ORIGINS,
        instants: [...boundaries(t.law, importer), ...revisionStarts],
        claims: claimable(t.law, importer),
        inForce: (code, instant) =>
          importer === "CN" || t.hts.inForce(code, localDate(instant, US_ZONE)) !== undefined,
      });
    }
    // Scenarios as `Engine.duty` takes them (values switched on, authorities off), beside the files'.
    const direct: (Scenario | undefined)[] = [
      undefined,
      { id: "enable-threats", enable: t.law.measures.map((m) => m.id) },
      { id: "no-301", disable: ["section-301"] },
    ];

    const mismatches: string[] = [];
    let priced = 0;
    let errors = 0;
    const reached = new Map<string, number>();
    const row = pricedRow();
    for (let n = 0; n < ENTRIES && mismatches.length < 10; n++) {
      const population = s.chance(4, 5) ? (populations[0] as Population) : (populations[1] as Population);
      const { entry, instant } = sampleEntry(s, population);
      const world = s.chance(1, 2) ? (worlds[0] as (typeof worlds)[0]) : s.pick(worlds);
      const scenario = s.chance(9, 10) ? undefined : s.pick(direct);
      const { law, engine, baseRates } = world.truce;
      const fromEngine = attempt(() => comparable(engine.duty(entry, instant, scenario)));
      const fromReference = attempt(() => referenceDuty(law, baseRates, entry, instant, scenario));
      const what = `${world.id}/${scenario?.id ?? "-"} ${JSON.stringify(entry)} at ${new Date(instant).toISOString()}`;
      if ("error" in fromEngine || "error" in fromReference) {
        errors++;
        if (JSON.stringify(fromEngine) !== JSON.stringify(fromReference))
          mismatches.push(`${what}: ${JSON.stringify(fromEngine)} vs ${JSON.stringify(fromReference)}`);
        continue;
      }
      for (const rule of rulesReached(fromReference.result, entry))
        reached.set(rule, (reached.get(rule) ?? 0) + 1);
      const expected = canonical(fromReference.result);
      if (canonical(fromEngine.result) !== expected) {
        mismatches.push(`${what}:\n engine    ${canonical(fromEngine.result)}\n reference ${expected}`);
        continue;
      }
      if (scenario === undefined && engine.price(entry, instant, row)) {
        priced++;
        if (JSON.stringify(trimmed(row)) !== JSON.stringify(rowOf(fromReference.result)))
          mismatches.push(`${what}: price ${JSON.stringify(trimmed(row))}`);
      }
    }
    expect(mismatches).toEqual([]);
    // The sample reaches the fast path and the look-up errors, but is mostly priced in full.
    expect(priced).toBeGreaterThan(ENTRIES / 4);
    // Every rule is met many times, so that agreement is not agreement on empty results.
    const rare = RULES.filter((rule) => (reached.get(rule) ?? 0) < 30);
    expect(rare).toEqual([]);
    expect(errors).toBeLessThan(ENTRIES / 5);
  }, 300_000);
});
