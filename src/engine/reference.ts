/**
 * The reference evaluator: the stacking rules of docs/stacking.md written out plainly, step by step,
 * for one entry at one instant, with no caches, memos or fast paths. It shares the law model, the
 * nomenclature look-ups and the money helpers with the engine, not the engine's stacking code: the
 * differential tests (test/differential/) require the two to give the same layers, amounts, totals and
 * reasons for not applying a measure. Warnings are the engine's alone (not compared).
 */
import type { DatedValue, Exemption, Issuer, Law, Measure, RowMatch } from "../law/model.js";
import { type CodeSet, limitsOf, prefixesOf, provisionalText, unconfirmedOf } from "../law/model.js";
import type { Base } from "../law/schema.js";
import type { BaseRate, BaseRates } from "../nomenclature/base-rates.js";
import { formatCode } from "../nomenclature/codes.js";
import type { Rate } from "../nomenclature/rates.js";
import { adValoremCents, formatPpm, PPM_PER_PERCENT, specificCents } from "../units/money.js";
import { CN_ZONE, localDate, US_ZONE } from "../units/time.js";
import { unitMatches } from "./amounts.js";
import type { DutyResult, Entry, Layer, NotApplied, Scenario } from "./contract.js";

/** What the reference evaluator answers: a `DutyResult` without the warnings. */
export type ReferenceResult = Omit<DutyResult, "warnings" | "beyondHorizon">;

const ZONES: Record<Issuer, string> = { US: US_ZONE, CN: CN_ZONE };

/** A measure that survives steps 2 to 6 (candidates, dated value, claims, exemptions, in transit). */
interface Applicable {
  measure: Measure;
  value: DatedValue;
  heading: string;
  ppm: number;
  /** Dropped by steps 7 or 8 (or by the one-list rule of an action). */
  dropped: boolean;
  /** Step 8's exception: charged on the value less the Section 232 metal content. */
  onRemainder: boolean;
}

/**
 * The duty on an entry at an instant, by the rules of docs/stacking.md. `law` is the law as a data
 * scenario left it (see `truceFor`); `scenario` switches values on and authorities off as in `Engine.duty`.
 */
export function referenceDuty(
  law: Law,
  baseRates: Partial<Record<Issuer, BaseRates>>,
  entry: Entry,
  instant: number,
  scenario?: Scenario,
): ReferenceResult {
  const importer = entry.importer ?? "US";
  const nomenclature = baseRates[importer];
  if (nomenclature === undefined) throw new Error(`no nomenclature loaded for importer ${importer}`);
  const date = localDate(instant, ZONES[importer]);

  // 1. Base rate.
  const { rate: baseRate, column2 } = baseRateOf(nomenclature, entry, date);
  const baseLayer = baseLayerOf(nomenclature, entry, baseRate, column2);
  const layers: Layer[] = [baseLayer];
  const notApplied: NotApplied[] = [];

  // 2. Candidates: the importer's measures covering the code (or all the codes it became) and the origin.
  const own = prefixesOf(entry.code);
  const became = (nomenclature.successors?.(entry.code)?.codes ?? []).map(prefixesOf);
  const covering = (set: CodeSet): RowMatch | undefined => rowCovering(set, own, became);
  const applicable: Applicable[] = [];
  for (const m of law.measures) {
    if (m.issuer !== importer) continue;
    if (m.origins !== null && !m.origins.has(entry.origin)) continue;
    if (m.exceptOrigins.has(entry.origin)) continue;
    const row = covering(m.products);
    if (row === undefined) continue;

    // 3. Dated value.
    let value: DatedValue | undefined;
    for (const v of m.values) if (v.from <= instant) value = v;
    if (value === undefined) continue;
    const heading = row.heading !== undefined && value.heading === m.heading ? row.heading : value.heading;
    const skip = (reason: string, citation: string | undefined, at = heading, provisional?: string) =>
      notApplied.push({
        heading: at,
        authority: m.authority,
        measure: m.id,
        reason,
        citation,
        ...(provisional === undefined ? {} : { provisional }),
      });
    if (scenario?.disable?.includes(m.authority) === true) {
      skip(`switched off by scenario ${scenario.id}`, undefined);
      continue;
    }
    const switchedOn =
      (value.status === "threatened" || value.status === "proposed") &&
      scenario?.enable?.includes(m.id) === true;
    if (value.status !== "final" && !switchedOn) {
      skip(notInForceReason(value), value.instrument.citation);
      continue;
    }

    // 4. Claims.
    const claimed = (heading: string) => entry.claims?.includes(heading) === true;
    if (m.requiresClaim !== undefined && !claimed(heading)) {
      skip(`${m.requiresClaim} (declare it with the claim ${heading})`, undefined);
      continue;
    }
    if (row.described !== undefined && !claimed(heading)) {
      skip(
        `covers only the goods described as "${row.described}" (declare it with the claim ${heading})`,
        value.instrument.citation,
      );
      continue;
    }

    // 5. Exemptions.
    const exemption = m.exemptions.find((x) => exempts(x, covering(x.products), instant, claimed));
    if (exemption !== undefined) {
      skip(
        exemption.reason,
        exemption.instrument.citation,
        exemption.heading ?? heading,
        provisionalText(unconfirmedOf(exemption.instrument, exemption)),
      );
      continue;
    }

    // 6. In transit.
    let ppm = value.ppm ?? 0;
    let chargedHeading = heading;
    const transit = m.inTransit.find((r) => {
      const loaded = entry.loadedOn;
      if (loaded === undefined || loaded >= r.loadedBefore || instant >= r.enteredBefore) return false;
      if (r.loadedFrom !== undefined && loaded < r.loadedFrom) return false;
      return r.modes === undefined || (entry.mode !== undefined && r.modes.has(entry.mode));
    });
    if (transit !== undefined) {
      if (transit.ppm === null) {
        skip(
          transit.reason ?? "in transit",
          transit.instrument.citation,
          transit.heading ?? heading,
          provisionalText(unconfirmedOf(transit.instrument, transit)),
        );
        continue;
      }
      ppm = transit.ppm;
      chargedHeading = transit.heading ?? heading;
    }

    // A top-up charges what the column 1 rate lacks of its total (an ad valorem column 1 rate only).
    if (m.topUp !== undefined) {
      const columnOne = adValoremPpm(baseRate.rate);
      if (columnOne === undefined) {
        skip(
          `tops the column 1 rate up to ${formatPpm(ppm)}: that rate is not ad valorem, its ad valorem equivalent is not known`,
          value.instrument.citation,
          chargedHeading,
        );
        continue;
      }
      ppm = Math.max(0, ppm - columnOne);
      if (ppm === 0) chargedHeading = m.topUp.headingAtOrAbove;
    }
    applicable.push({ measure: m, value, heading: chargedHeading, ppm, dropped: false, onRemainder: false });
  }

  // The notes put each line on one list of an action: a code under two lists' rows owes neither.
  const actions = new Set(applicable.map((a) => a.measure.action).filter((a) => a !== undefined));
  for (const action of actions) {
    const lists = applicable.filter((a) => a.measure.action === action);
    if (lists.length < 2) continue;
    const names = lists.map((a) => `${a.heading} (${a.measure.label})`).join(" and ");
    for (const a of lists) {
      a.dropped = true;
      notApplied.push({
        heading: a.heading,
        authority: a.measure.authority,
        measure: a.measure.id,
        reason: `the code falls under both ${names}, which the notes assign to different statistical numbers: give the number in force`,
        citation: a.value.instrument.citation,
      });
    }
  }

  // 7. Replacement.
  for (const replacing of applicable) {
    if (replacing.dropped) continue;
    for (const replaced of applicable) {
      if (replaced.dropped || !replacing.measure.replaces.includes(replaced.measure.id)) continue;
      replaced.dropped = true;
      notApplied.push({
        heading: replaced.heading,
        authority: replaced.measure.authority,
        measure: replaced.measure.id,
        reason: `replaced by ${replacing.heading} (${replacing.measure.label}, ${formatPpm(replacing.ppm)})`,
        citation: replacing.value.instrument.citation,
      });
    }
  }

  // 8. Not stacked on: an earlier measure of a listed authority owed at more than 0% drops it.
  for (let i = 0; i < applicable.length; i++) {
    const a = applicable[i] as Applicable;
    if (a.dropped) continue;
    for (const rule of a.measure.notStackedOn) {
      const owed = applicable
        .slice(0, i)
        .find((o) => !o.dropped && o.ppm > 0 && rule.authorities.has(o.measure.authority));
      if (owed === undefined) continue;
      const onDeclaredContent =
        owed.value.base !== "value" && declaredContent(owed.value.base, entry) !== undefined;
      if (rule.remainderFrom !== undefined && instant >= rule.remainderFrom && onDeclaredContent) {
        a.onRemainder = true;
        continue;
      }
      a.dropped = true;
      notApplied.push({
        heading: rule.heading ?? a.heading,
        authority: a.measure.authority,
        measure: a.measure.id,
        reason: `${rule.reason} (${owed.heading} applies)`,
        citation: a.measure.instrument.citation,
      });
      break;
    }
  }

  // 9. Everything else stacks. 10. Amounts.
  const charged = applicable.filter((a) => !a.dropped);
  let metalCharged = 0;
  for (const a of charged) {
    if (a.ppm > 0 && a.value.base !== "value") metalCharged += declaredContent(a.value.base, entry) ?? 0;
  }
  // The total rate, exactly: ppm × cents of the ad valorem layers (the base layer's when charged on
  // the value) plus, for a base layer charged by quantity, its amount in cents × 1e6 ppm.
  let ppmCents =
    baseLayer.base === "quantity"
      ? BigInt(baseLayer.amountCents ?? 0) * 1_000_000n
      : BigInt(adValoremPartPpm(rateParts(baseRate.rate))) * BigInt(entry.valueCents);
  for (const a of charged) {
    let base: Base = a.value.base;
    let baseCents = entry.valueCents;
    if (base !== "value") {
      const content = declaredContent(base, entry);
      if (content === undefined) base = "value";
      else baseCents = content;
    } else if (a.onRemainder) baseCents = Math.max(0, entry.valueCents - metalCharged);
    if (a.onRemainder) base = "value";
    ppmCents += BigInt(a.ppm) * BigInt(baseCents);
    const unconfirmed = unconfirmedOf(a.value.instrument, a.measure, a.value);
    const limits = limitsOf(a.measure, a.value);
    layers.push({
      heading: a.heading,
      authority: a.measure.authority,
      measure: a.measure.id,
      label: a.measure.label,
      rate: a.ppm / PPM_PER_PERCENT,
      rateText: formatPpm(a.ppm),
      base,
      baseCents,
      amountCents: adValoremCents(baseCents, a.ppm),
      status: "final",
      citation: a.value.instrument.citation,
      url: a.value.instrument.url,
      provisional: provisionalText(unconfirmed, a.value.provisional),
      ...(unconfirmed.length > 0 ? { unconfirmed } : {}),
      ...(limits.length > 0 ? { limits } : {}),
    });
  }

  let totalCents = 0;
  for (const l of layers) totalCents += l.amountCents ?? 0;
  return {
    importer,
    code: entry.code,
    origin: entry.origin,
    instant,
    date,
    layers,
    notApplied,
    totalCents,
    totalRate: percentOfValue(ppmCents, entry.valueCents),
    complete: baseLayer.amountCents !== null,
  };
}

/**
 * The row of a set covering the code (given as its prefixes): its own, or, for a code no longer in the schedule, a row
 * covering every code it became (the first code's).
 */
function rowCovering(
  set: CodeSet,
  code: readonly string[],
  became: readonly (readonly string[])[],
): RowMatch | undefined {
  const own = set.rowOf(code);
  if (own !== undefined || became.length === 0) return own;
  const rows = became.map((c) => set.rowOf(c));
  return rows.every((r) => r !== undefined) ? rows[0] : undefined;
}

/** Whether an exemption takes the measure off at the instant (one of described goods only when claimed). */
function exempts(
  x: Exemption,
  row: RowMatch | undefined,
  instant: number,
  claimed: (heading: string) => boolean,
): boolean {
  if (row === undefined) return false;
  if (x.from !== undefined && instant < x.from) return false;
  if (x.until !== undefined && instant >= x.until) return false;
  const claim = row.described === undefined ? x.claim : (x.claim ?? x.heading);
  return claim === undefined || claimed(claim);
}

function notInForceReason(value: DatedValue): string {
  const citation = value.instrument.citation;
  switch (value.status) {
    case "suspended":
      return `suspended (${citation})`;
    case "threatened":
      return "threatened, never applied by default (enable it in a scenario)";
    case "proposed":
      return "proposed, not in force";
    case "unmodelled":
      return `not modelled from ${value.note ? `this date: ${value.note}` : "this date"} (${citation})`;
    default:
      return `ended (${citation})`;
  }
}

function declaredContent(base: Base, entry: Entry): number | undefined {
  if (base === "steel-content") return entry.steelCents;
  if (base === "aluminum-content") return entry.aluminumCents;
  if (base === "copper-content") return entry.copperCents;
  return undefined;
}

/** The base rate in force on the local date: column 2 where general note 3(b) puts the origin. */
function baseRateOf(
  nomenclature: BaseRates,
  entry: Entry,
  date: string,
): { rate: BaseRate; column2: boolean } {
  const column2 =
    nomenclature.column2 !== undefined && nomenclature.column2Applies?.(entry.origin, date) === true;
  const look = (code: string) =>
    column2 && nomenclature.column2 !== undefined
      ? nomenclature.column2(code, date)
      : nomenclature.mfn(code, date);
  try {
    return { rate: look(entry.code), column2 };
  } catch (e) {
    // A 10-digit code renumbered away on the date falls back to its HTS8 line.
    if (entry.code.length !== 10) throw e;
    return { rate: look(entry.code.slice(0, 8)), column2 };
  }
}

const MFN = { authority: "mfn", measure: "hts-column-1-general", label: "MFN rate" };
const COLUMN2 = {
  authority: "column-2",
  measure: "hts-column-2",
  label: "Column 2 rate (general note 3(b))",
};

function baseLayerOf(nomenclature: BaseRates, entry: Entry, rate: BaseRate, column2: boolean): Layer {
  const naming = column2 ? COLUMN2 : (nomenclature.baseLayer ?? MFN);
  const parts = rateParts(rate.rate);
  const byQuantity = parts.some((p) => p.kind === "specific");
  let amountCents: number | null = 0;
  for (const p of parts) {
    if (amountCents === null) break;
    if (p.kind === "adValorem" || p.kind === "additional")
      amountCents += adValoremCents(entry.valueCents, p.ppm);
    else if (p.kind === "specific") {
      amountCents =
        entry.quantityMilli === undefined || !unitMatches(p.per, entry.unit)
          ? null
          : amountCents + specificCents(p.microDollars, entry.quantityMilli);
    } else if (p.kind === "unparsed") amountCents = null;
  }
  return {
    heading: formatCode(entry.code),
    authority: naming.authority,
    measure: naming.measure,
    label: naming.label,
    rate: adValoremPartPpm(parts) / PPM_PER_PERCENT,
    rateText: rate.text || "Free",
    base: byQuantity ? "quantity" : "value",
    baseCents: entry.valueCents,
    amountCents,
    status: "final",
    citation: nomenclature.cite(rate, formatCode(entry.code), column2),
    url: nomenclature.url,
  };
}

/** A rate as its parts (a compound rate's parts; any other rate alone). */
function rateParts(rate: Rate): Rate[] {
  return rate.kind === "compound" ? rate.parts.flatMap(rateParts) : [rate];
}

function adValoremPartPpm(parts: readonly Rate[]): number {
  let ppm = 0;
  for (const p of parts) if (p.kind === "adValorem" || p.kind === "additional") ppm += p.ppm;
  return ppm;
}

/** The column 1 rate in ppm when it is free or ad valorem; undefined otherwise. */
function adValoremPpm(rate: Rate): number | undefined {
  if (rate.kind === "free") return 0;
  if (rate.kind === "adValorem") return rate.ppm;
  return undefined;
}

/** ppm × cents as a percent of the value in cents, rounded to 6 decimals half up (0 for no value). */
function percentOfValue(ppmCents: bigint, valueCents: number): number {
  if (valueCents <= 0) return 0;
  // Millionths of a percent: ppm × cents × 100 / value.
  const numerator = ppmCents * 100n;
  const value = BigInt(valueCents);
  const q = numerator / value;
  return Number((numerator % value) * 2n >= value ? q + 1n : q) / 1e6;
}
