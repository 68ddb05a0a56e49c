/**
 * A measure's full dated history across instruments: every dated value in order, each with the
 * interval it holds for, its status, rate and heading, and the instrument that set it (the one that
 * created the measure, or a later one that amended, suspended or ended it), as the law files hold
 * them; with the measure's dated exemptions and in-transit rules. Pure: the law is given.
 */
import { formatPpm } from "../units/money.js";
import { formatInZone, isoInstant } from "../units/time.js";
import { type ChangeKind, valueChange } from "./changes.js";
import {
  type DatedValue,
  type Instrument,
  type Issuer,
  type Law,
  limitsOf,
  type Measure,
  provisionalText,
  unconfirmedOf,
} from "./model.js";
import { closest, Registry } from "./registry.js";
import type { Base, Status, UnconfirmedFact } from "./schema.js";

export interface InstrumentRef {
  id: string;
  title: string;
  citation: string;
  url: string;
  grade: "P" | "S" | "W";
}

export interface HistoryStep {
  /** Wall time in the issuer's zone ("2019-05-10 00:01 EDT"), and the instant in UTC. */
  from: string;
  fromInstant: string;
  /** When the next value takes over (null: the last value holds on). */
  to: string | null;
  toInstant: string | null;
  /** final (in force), suspended, threatened, proposed, ended or unmodelled. */
  status: Status;
  /** What this value changes after the one before it (see `truce changes`). */
  change: ChangeKind;
  what: string;
  /** "25%", or null when the value only changes the status. */
  rate: string | null;
  heading: string;
  base: Base;
  instrument: InstrumentRef;
  /** The facts this value rests on that are not confirmed (its instrument's, measure's and own). */
  unconfirmed?: UnconfirmedFact[];
  /** Why it is provisional, in one line (the unconfirmed facts, or a start after the data horizon). */
  provisional?: string;
  limits?: string[];
  note?: string;
}

export interface ExemptionStep {
  heading: string | null;
  claim: string | null;
  reason: string;
  from: string | null;
  until: string | null;
  instrument: InstrumentRef;
  unconfirmed?: UnconfirmedFact[];
}

export interface InTransitStep {
  heading: string | null;
  reason: string | null;
  loadedBefore: string;
  enteredBefore: string;
  modes: string[] | null;
  /** The rate instead, or null: the measure does not apply. */
  rate: string | null;
  instrument: InstrumentRef;
}

export interface MeasureHistory {
  id: string;
  importer: Issuer;
  authority: string;
  title: string;
  /** The measure's own Chapter 99 heading (a value may report another). */
  heading: string;
  zone: string;
  /** Origins it names (["*"]: every origin). */
  origins: string[];
  action: string | null;
  /** The instrument that created the measure. */
  createdBy: InstrumentRef;
  /** Measures that replace its rate on the lines they cover (the 2024 four-year review). */
  replacedBy: string[];
  history: HistoryStep[];
  exemptions: ExemptionStep[];
  inTransit: InTransitStep[];
}

/** An id (or heading) that names no measure, with the ids it may have meant. */
export class UnknownMeasure extends Error {
  override readonly name = "UnknownMeasure";
  constructor(
    readonly key: string,
    message: string,
    readonly suggestions: string[],
    /** What is at fault: the id, or the authority given with it. */
    readonly field: "id" | "authority" = "id",
  ) {
    super(message);
  }
}

function ref(i: Instrument): InstrumentRef {
  return { id: i.id, title: i.title, citation: i.citation, url: i.url, grade: i.grade };
}

const HEADING = /^\d{4}\.?\d{2}\.?\d{2}$/;

/** "99038803" or "9903.88.03" → "9903.88.03". */
function dottedHeading(key: string): string {
  const d = key.replace(/\./g, "");
  return `${d.slice(0, 4)}.${d.slice(4, 6)}.${d.slice(6, 8)}`;
}

/**
 * The measure a key names: its id; or a Chapter 99 heading that one measure reports (`authority`
 * narrows a heading several report). Throws UnknownMeasure with suggestions otherwise.
 */
export function findMeasure(law: Law, key: string, authority?: string): Measure {
  const byId = law.byId.get(key);
  if (byId !== undefined && (authority === undefined || byId.authority === authority)) return byId;
  const registry = new Registry(law.byId);
  const candidates = law.measures.filter((m) => authority === undefined || m.authority === authority);
  if (HEADING.test(key)) {
    const heading = dottedHeading(key);
    const found = candidates.filter((m) => registry.headingsOf(m).has(heading));
    if (found.length === 1) return found[0] as Measure;
    if (found.length > 1)
      throw new UnknownMeasure(
        key,
        `heading ${heading} is reported by ${found.length} measures: give one of their ids${authority === undefined ? " (or an authority)" : ""}`,
        found.map((m) => m.id),
      );
  }
  if (authority !== undefined && candidates.length === 0) {
    throw new UnknownMeasure(
      key,
      `unknown authority "${authority}", which no measure has`,
      closest(authority, registry.authorities),
      "authority",
    );
  }
  const ids = candidates.map((m) => m.id);
  const near = closest(key, ids, 5);
  const byName = near.length > 0 ? near : ids.filter((id) => id.includes(key)).slice(0, 5);
  throw new UnknownMeasure(
    key,
    `no measure ${key}${authority === undefined ? "" : ` of authority ${authority}`}`,
    byName,
  );
}

/** The dated history of a measure (see the module's comment). */
export function measureHistory(law: Law, m: Measure): MeasureHistory {
  const values = m.values;
  const history = values.map((v: DatedValue, k): HistoryStep => {
    const next = values[k + 1];
    const { kind, what } = valueChange(m, values[k - 1], v);
    const facts = unconfirmedOf(v.instrument, m, v);
    const provisional = provisionalText(facts, v.provisional);
    const limits = limitsOf(m, v);
    return {
      from: formatInZone(v.from, m.zone),
      fromInstant: isoInstant(v.from),
      to: next === undefined ? null : formatInZone(next.from, m.zone),
      toInstant: next === undefined ? null : isoInstant(next.from),
      status: v.status,
      change: kind,
      what,
      rate: v.ppm === null ? null : formatPpm(v.ppm),
      heading: v.heading,
      base: v.base,
      instrument: ref(v.instrument),
      ...(facts.length > 0 ? { unconfirmed: facts } : {}),
      ...(provisional === undefined ? {} : { provisional }),
      ...(limits.length > 0 ? { limits } : {}),
      ...(v.note === undefined ? {} : { note: v.note }),
    };
  });
  const at = (ms: number | undefined) => (ms === undefined ? null : formatInZone(ms, m.zone));
  return {
    id: m.id,
    importer: m.issuer,
    authority: m.authority,
    title: m.label,
    heading: m.heading,
    zone: m.zone,
    origins: m.origins === null ? ["*"] : [...m.origins],
    action: m.action ?? null,
    createdBy: ref(m.instrument),
    replacedBy: law.measures.filter((r) => r.replaces.includes(m.id)).map((r) => r.id),
    history,
    exemptions: m.exemptions.map((x) => {
      const facts = unconfirmedOf(x.instrument, x);
      return {
        heading: x.heading ?? null,
        claim: x.claim ?? null,
        reason: x.reason,
        from: at(x.from),
        until: at(x.until),
        instrument: ref(x.instrument),
        ...(facts.length > 0 ? { unconfirmed: facts } : {}),
      };
    }),
    inTransit: m.inTransit.map((t) => ({
      heading: t.heading ?? null,
      reason: t.reason ?? null,
      loadedBefore: formatInZone(t.loadedBefore, m.zone),
      enteredBefore: formatInZone(t.enteredBefore, m.zone),
      modes: t.modes === undefined ? null : [...t.modes],
      rate: t.ppm === null ? null : formatPpm(t.ppm),
      instrument: ref(t.instrument),
    })),
  };
}
