/**
 * What changes when: the dated steps of the law (measures that start, change rate, are suspended,
 * resume or end; exemptions that start, end or are revised), and the coming deadlines (those steps
 * plus the dated `deadline` events of data/events). Pure: no clock is read here; the caller gives
 * the window.
 */
import { formatPpm } from "../units/money.js";
import { formatInZone, isoInstant, localDate } from "../units/time.js";
import type { TimelineEvent } from "./events.js";
import {
  type DatedValue,
  type Exemption,
  type Instrument,
  type Issuer,
  type Law,
  type Measure,
  provisionalText,
  unconfirmedOf,
} from "./model.js";
import type { Status } from "./schema.js";

export type ChangeKind =
  | "starts"
  | "rate"
  | "heading"
  | "renewed"
  | "suspended"
  | "resumes"
  | "ended"
  | "threatened"
  | "proposed"
  | "unmodelled"
  | "exemption-starts"
  | "exemption-ends"
  | "exemption-revised";

export interface Change {
  /** Epoch ms. */
  instant: number;
  /** The issuer's zone, in which `when` is written. */
  zone: string;
  issuer: Issuer;
  kind: ChangeKind;
  /** The measure (for an exemption, every measure it covers). */
  measures: string[];
  label: string;
  authority: string;
  /** Chapter 99 heading (or CTC announcement) in force after the change, or the exemption's heading. */
  heading: string;
  /** e.g. "9903.01.24 20% → 10%", "CTC 2025-2 10% → ended". */
  what: string;
  /** Status and rate after the change (value changes only). */
  status?: Status;
  rate?: string | null;
  citation: string;
  url: string;
  instrument: string;
  grade: "P" | "S" | "W";
  /** Why what it changes is not confirmed (its unconfirmed facts), if it is not. */
  provisional?: string;
  note?: string;
}

/** A bound of a window: a local calendar date (compared in each item's own zone) or an exact instant. */
export type Bound = { date: string } | { instant: number };

export interface Window {
  /** Inclusive. */
  from?: Bound;
  /** Inclusive. */
  to?: Bound;
}

export function inWindow(instant: number, zone: string, w: Window): boolean {
  if (w.from) {
    if ("date" in w.from ? localDate(instant, zone) < w.from.date : instant < w.from.instant) return false;
  }
  if (w.to) {
    if ("date" in w.to ? localDate(instant, zone) > w.to.date : instant > w.to.instant) return false;
  }
  return true;
}

export type Importer = Issuer | "both";

const rateText = (v: DatedValue): string => (v.ppm === null ? "" : formatPpm(v.ppm));

/** "9903.01.24 20%", or just "20%" for a measure without a heading (threats). */
function headed(heading: string, rate: string): string {
  return [heading === "none" ? "" : heading, rate].filter((s) => s !== "").join(" ");
}

/** What a dated value changes, after the value before it (none for the first). */
export function valueChange(
  m: Measure,
  prev: DatedValue | undefined,
  v: DatedValue,
): { kind: ChangeKind; what: string } {
  const now = headed(v.heading, rateText(v));
  const before = prev ? headed(prev.heading, rateText(prev)) : "";
  switch (v.status) {
    case "final": {
      if (!prev || prev.status === "threatened" || prev.status === "proposed")
        return { kind: "starts", what: `${now} starts` };
      if (prev.status === "suspended" || prev.status === "ended")
        return { kind: "resumes", what: `${now} resumes (was ${prev.status})` };
      if (prev.ppm !== v.ppm) {
        const what =
          prev.heading === v.heading
            ? `${headed(v.heading, rateText(prev))} → ${rateText(v)}`
            : `${before} → ${now}`;
        return { kind: "rate", what };
      }
      if (prev.heading !== v.heading)
        return { kind: "heading", what: `${prev.heading} → ${v.heading} (${rateText(v)} unchanged)` };
      return { kind: "renewed", what: `${now} kept (renewed)` };
    }
    case "suspended":
      return prev?.status === "final"
        ? { kind: "suspended", what: `${before} → suspended` }
        : { kind: "suspended", what: `${now} suspended before taking effect` };
    case "ended":
      return { kind: "ended", what: prev ? `${before} → ended` : `${headed(m.heading, "")} ended` };
    case "threatened":
      return { kind: "threatened", what: `threatened ${now} (not in force)` };
    case "proposed":
      return { kind: "proposed", what: `proposed ${now} (not in force)` };
    case "unmodelled":
      return {
        kind: "unmodelled",
        what: `${before || headed(m.heading, "")} → not modelled from here (${v.note ?? "see the data"})`,
      };
  }
}

/** The source of a change, and why it is provisional (the unconfirmed facts of what it changes). */
function fromInstrument(i: Instrument, provisional: string | undefined) {
  return {
    citation: i.citation,
    url: i.url,
    instrument: i.id,
    grade: i.grade,
    ...(provisional ? { provisional } : {}),
  };
}

interface ExemptionStep {
  measure: Measure;
  exemption: Exemption;
  instant: number;
  kind: "exemption-starts" | "exemption-ends" | "exemption-revised";
}

/** Exemption starts and ends; an end met by a start of the same heading on the same measure is a revision. */
function exemptionSteps(m: Measure): ExemptionStep[] {
  const key = (x: Exemption) => `${x.heading ?? ""}|${x.claim ?? ""}`;
  const starts = new Map<string, Exemption>();
  for (const x of m.exemptions) if (x.from !== undefined) starts.set(`${key(x)}|${x.from}`, x);
  const out: ExemptionStep[] = [];
  const revisedStarts = new Set<Exemption>();
  for (const x of m.exemptions) {
    if (x.until === undefined) continue;
    const next = starts.get(`${key(x)}|${x.until}`);
    if (next && next !== x) {
      revisedStarts.add(next);
      out.push({ measure: m, exemption: next, instant: x.until, kind: "exemption-revised" });
    } else out.push({ measure: m, exemption: x, instant: x.until, kind: "exemption-ends" });
  }
  for (const x of m.exemptions) {
    if (x.from !== undefined && !revisedStarts.has(x))
      out.push({ measure: m, exemption: x, instant: x.from, kind: "exemption-starts" });
  }
  return out;
}

/** "through 2026-11-09" when an exemption ends at local midnight (it covers the whole day before). */
function through(instant: number, zone: string): string {
  const when = formatInZone(instant, zone);
  if (when.slice(11, 16) !== "00:00") return "";
  const day = localDate(instant - 60_000, zone);
  return ` (valid through ${day})`;
}

/** Every dated step of the law in the window, sorted by instant (then issuer, measure). */
export function lawChanges(law: Law, window: Window, importer: Importer = "both"): Change[] {
  const out: Change[] = [];
  for (const m of law.measures) {
    if (importer !== "both" && m.issuer !== importer) continue;
    let prev: DatedValue | undefined;
    for (const v of m.values) {
      if (inWindow(v.from, m.zone, window)) {
        const { kind, what } = valueChange(m, prev, v);
        out.push({
          instant: v.from,
          zone: m.zone,
          issuer: m.issuer,
          kind,
          measures: [m.id],
          label: m.label,
          authority: m.authority,
          heading: v.heading,
          what,
          status: v.status,
          rate: v.ppm === null ? null : formatPpm(v.ppm),
          ...fromInstrument(v.instrument, provisionalText(unconfirmedOf(v.instrument, m, v), v.provisional)),
          ...(v.note ? { note: v.note } : {}),
        });
      }
      prev = v;
    }
  }

  // Exemption steps, one change per (instrument, heading, claim, instant, kind) across the measures.
  const groups = new Map<string, ExemptionStep[]>();
  for (const m of law.measures) {
    if (importer !== "both" && m.issuer !== importer) continue;
    for (const s of exemptionSteps(m)) {
      if (!inWindow(s.instant, m.zone, window)) continue;
      const x = s.exemption;
      const k = [x.instrument.id, x.heading ?? "", x.claim ?? "", s.instant, s.kind].join("|");
      const list = groups.get(k);
      if (list) list.push(s);
      else groups.set(k, [s]);
    }
  }
  for (const steps of groups.values()) {
    const first = steps[0] as ExemptionStep;
    const x = first.exemption;
    const m = first.measure;
    const name = x.heading ?? x.claim ?? "exemption";
    const verb =
      first.kind === "exemption-starts" ? "starts" : first.kind === "exemption-ends" ? "ends" : "revised";
    const suffix = first.kind === "exemption-ends" ? through(first.instant, m.zone) : "";
    const measures = steps.map((s) => s.measure.id);
    out.push({
      instant: first.instant,
      zone: m.zone,
      issuer: m.issuer,
      kind: first.kind,
      measures,
      label: x.reason,
      authority: m.authority,
      heading: name,
      what: `exemption ${name} ${verb}${suffix}`,
      ...fromInstrument(x.instrument, provisionalText(unconfirmedOf(x.instrument, x))),
    });
  }

  return out.sort(
    (a, b) =>
      a.instant - b.instant ||
      a.issuer.localeCompare(b.issuer) ||
      (a.measures[0] ?? "").localeCompare(b.measures[0] ?? "") ||
      a.kind.localeCompare(b.kind),
  );
}

export interface Deadline {
  /** Stable across runs: the same step or event keeps its UID (iCalendar). */
  uid: string;
  instant: number;
  /** true: the date is known but not the hour (a whole local day). */
  allDay: boolean;
  /** Local date in `zone`. */
  date: string;
  zone: string;
  /** "2026-11-10 13:01 CST (UTC+8)", or "2026-11-27 (hour not stated)". */
  when: string;
  side: Issuer | "both";
  /** From the law data (a change) or from data/events (a deadline event). */
  origin: "law" | "events";
  kind: ChangeKind | "deadline";
  summary: string;
  what: string;
  measures: string[];
  citation: string;
  url: string;
  sources: string[];
  /** Events: false when marked unconfirmed. Law: false when the instrument is provisional (see note). */
  confirmed: boolean;
  note?: string;
}

function compactUtc(ms: number): string {
  return isoInstant(ms).replace(/[-:]/g, "").replace(/00Z$/, "Z");
}

export function changeUid(c: Change): string {
  const subject = c.kind.startsWith("exemption")
    ? `${c.instrument}.${c.heading}`
    : (c.measures[0] ?? c.instrument);
  return `${c.kind}.${subject}.${compactUtc(c.instant)}@truce`.replace(/[^A-Za-z0-9.@+-]/g, "-");
}

export function changeToDeadline(c: Change): Deadline {
  return {
    uid: changeUid(c),
    instant: c.instant,
    allDay: false,
    date: localDate(c.instant, c.zone),
    zone: c.zone,
    when: formatInZone(c.instant, c.zone),
    side: c.issuer,
    origin: "law",
    kind: c.kind,
    summary: `${c.issuer}: ${c.what} — ${c.label}`,
    what: c.what,
    measures: c.measures,
    citation: c.citation,
    url: c.url,
    sources: [c.url],
    confirmed: c.provisional === undefined,
    ...(c.provisional || c.note ? { note: [c.note, c.provisional].filter(Boolean).join(" ") } : {}),
  };
}

export function eventToDeadline(e: TimelineEvent): Deadline {
  const first = e.sources[0];
  return {
    uid: `event.${e.id}@truce`,
    instant: e.instant,
    allDay: e.time === undefined,
    date: e.date,
    zone: e.zone,
    when: e.time === undefined ? `${e.date} (hour not stated)` : formatInZone(e.instant, e.zone),
    side: e.side,
    origin: "events",
    kind: "deadline",
    summary: e.title,
    what: e.outcome,
    measures: e.measures,
    citation: e.citation ?? e.title,
    url: first?.url ?? "",
    sources: e.sources.map((s) => s.url),
    confirmed: e.confirmed,
    ...(e.note ? { note: e.note } : {}),
  };
}

/**
 * Coming dated steps in the window: the law's changes and the events of kind `deadline`, sorted by
 * instant. An event without an hour counts from local midnight of its day.
 */
export function deadlines(
  law: Law,
  events: readonly TimelineEvent[],
  window: Window,
  importer: Importer = "both",
): Deadline[] {
  const out = lawChanges(law, window, importer).map(changeToDeadline);
  for (const e of events) {
    if (e.kind !== "deadline") continue;
    if (importer !== "both" && e.side !== importer && e.side !== "both") continue;
    if (inWindow(e.instant, e.zone, window)) out.push(eventToDeadline(e));
  }
  return out.sort((a, b) => a.instant - b.instant || a.uid.localeCompare(b.uid));
}
