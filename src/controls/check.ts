/**
 * The control engine: may this item go from this country to that one (and this party) at this
 * instant? Pure: no I/O, no clock; the instant is given, every control's dates were read in its
 * issuer's zone at load.
 *
 * A control applies when its route (from, to, where made), its items (HS code, control number, words
 * and elements, a content threshold) or its listed parties match the query, and its status at the
 * instant is in force (or reimposed). A suspended control is listed with the instant it resumes; a
 * suspension whose end has passed with no later status counts as reimposed from that end. `next`
 * gives the first instant after the query's at which the answer changes, and the answer then.
 */

import type { ListId } from "../screening/list-entry.js";
import { formatPpm } from "../units/money.js";
import { formatInZone, isoInstant } from "../units/time.js";
import { ELEMENT_NAMES } from "./elements.js";
import type { Control, Controls, StatusStep } from "./model.js";
import type { ControlAction, ControlStatus, ItemSpec } from "./schema.js";

/** One element's content, in parts per million of the item's value (0.3% is 3000). */
export interface Content {
  element: string;
  ppm: number;
}

/** A screening hit on a restricted-party list (see src/screening): the fields the controls read. */
export interface PartyHit {
  list: ListId;
  name: string;
  entryId?: string;
}

export interface ControlQuery {
  /** What is shipped: words ("NdFeB magnet"), a control number (3A090) or an HS code (2805.30). */
  item: string;
  /** ISO 3166 alpha-2 codes: shipped from, shipped to, and where made (default: `from`). */
  from: string;
  to: string;
  origin?: string;
  contains: readonly Content[];
  partyHits?: readonly PartyHit[];
  /** The party is 50% or more owned by listed parties (the affiliates rule). */
  ownedByListed?: boolean;
  at: number;
}

export interface ControlLine {
  control: string;
  label: string;
  instrument: string;
  instrumentId: string;
  issuer: "US" | "CN";
  action: ControlAction;
  status: ControlStatus;
  /** Whether the control binds at the instant (in force or reimposed). */
  applies: boolean;
  /** The current status: since (ISO instant), until the next change (null: none known). */
  from: string;
  until: string | null;
  /** A suspension: the instant the control is due to apply again. */
  resumesOn: string | null;
  /** `resumesOn` in the issuer's zone ("2026-11-10 00:00 CST (UTC+8)"). */
  resumesWhen: string | null;
  /** A later end of the suspension that is only reported (unconfirmed). */
  reportedResumesOn: string | null;
  when: string;
  reason: string;
  citation: string;
  url: string;
  grade: "P" | "S" | "W";
  /** The negotiation events (data/events) behind the current status. */
  events: string[];
  provisional?: string;
  unconfirmed: { fact: string; confirmBy: string }[];
  limits: string[];
}

export interface ControlAnswer {
  at: string;
  licenceRequired: boolean;
  /** A control in force denies the export in principle (a ban, a listed party). */
  prohibited: boolean;
  controls: ControlLine[];
  /** The first change after `at`: when, and what the answer is then. */
  next: { at: string; licenceRequired: boolean; prohibited: boolean; because: string[] } | null;
  beyondHorizon: boolean;
  warnings: string[];
}

/** Whether a country is in a list ("*" every country) and not in its exceptions. */
function inCountries(code: string, list: readonly string[], except: readonly string[]): boolean {
  return (list.includes("*") || list.includes(code)) && !except.includes(code);
}

const HS_QUERY = /^\d{2,4}(\.?\d{2}){0,3}$/;

/** How an item matches the query, or undefined. */
function itemMatch(
  item: ItemSpec,
  q: ControlQuery,
  text: string,
  named: ReadonlySet<string>,
): string | undefined {
  const compact = q.item.replace(/[.\s]/g, "");
  if (HS_QUERY.test(q.item.trim())) {
    const code = (item.hs ?? []).find((h) => h.startsWith(compact) || compact.startsWith(h));
    if (code === undefined) return undefined;
    const within = compact.length < code.length ? ` (within the ${compact} given)` : "";
    return `HS ${code}${within}: ${item.description}`;
  }
  const eccn = (item.eccn ?? []).find((e) => text.includes(e.toLowerCase()));
  if (eccn !== undefined) return `${eccn}: ${item.description}`;
  const elements = item.elements ?? [];
  const element = elements.find((e) => named.has(e));
  if (elements.length > 0 && element === undefined) return undefined;
  const keywords = item.keywords ?? [];
  const keyword = keywords.find((k) =>
    k
      .toLowerCase()
      .split(/\s+/)
      .every((w) => text.includes(w)),
  );
  if (keywords.length > 0 && keyword === undefined) return undefined;
  if (keywords.length === 0 && elements.length === 0) return undefined;
  return `${item.description}${element ? ` (contains ${element})` : ""}`;
}

/**
 * The elements the query names: in `contains` (above 0), by name in its text ("gallium arsenide"),
 * or by symbol when the text is the symbol alone ("Ga": in a sentence "In" or "As" is a word).
 */
function namedElements(q: ControlQuery, text: string): Set<string> {
  const named = new Set(q.contains.filter((c) => c.ppm > 0).map((c) => c.element));
  const words = new Set(text.split(/[^a-z]+/));
  for (const [symbol, name] of ELEMENT_NAMES)
    if (words.has(name) || q.item.trim() === symbol) named.add(symbol);
  return named;
}

/** Why the control covers the query (route, items, threshold, parties), or undefined when it does not. */
function coverage(c: Control, q: ControlQuery): string | undefined {
  const origin = q.origin ?? q.from;
  if (!inCountries(q.from, c.from, c.exceptFrom) || !inCountries(q.to, c.to, c.exceptTo)) return undefined;
  if (!inCountries(origin, c.origins, c.exceptOrigins)) return undefined;
  const reasons: string[] = [];
  if (c.items.length > 0) {
    const text = q.item.toLowerCase();
    const named = namedElements(q, text);
    const matched = c.items.map((i) => itemMatch(i, q, text, named)).find((r) => r !== undefined);
    if (matched === undefined) return undefined;
    reasons.push(matched);
  }
  if (c.threshold) {
    const t = c.threshold;
    const ppm = q.contains.filter((x) => t.elements.includes(x.element)).reduce((sum, x) => sum + x.ppm, 0);
    if (ppm < t.atLeastPpm) return undefined;
    reasons.push(`${t.basis}: ${formatPpm(ppm)}, at least ${t.atLeastPercent}%`);
  }
  if (c.partyLists.length > 0) {
    const hits = (q.partyHits ?? []).filter((h) => c.partyLists.includes(h.list));
    if (hits.length === 0) return undefined;
    reasons.push(
      `party listed: ${hits.map((h) => `${h.name} (${h.list}${h.entryId ? ` ${h.entryId}` : ""})`).join("; ")}`,
    );
  }
  if (c.ownedByListed) {
    if (q.ownedByListed !== true) return undefined;
    reasons.push("party 50% or more owned by listed parties");
  }
  return reasons.join("; ");
}

interface Current {
  step: StatusStep;
  status: ControlStatus;
  since: number;
  /** The next change of status (undefined: none known). */
  next: number | undefined;
}

/**
 * The status at an instant. A suspension holds until its end over the steps the control's own
 * instrument scheduled (a start date announced before it was suspended); another instrument's step
 * (or a scenario's) ends it early. At its end the control resumes: reimposed if it was in force or
 * due by then, else as scheduled (still announced).
 */
function statusAt(c: Control, at: number): Omit<Current, "next"> | undefined {
  let state: Omit<Current, "next"> | undefined;
  let suspension: { step: StatusStep; until: number; resume: StatusStep | undefined } | undefined;
  const resolve = (before: number) => {
    if (!suspension || suspension.until > before) return;
    const resumed = suspension.resume?.status ?? "in-force";
    const status: ControlStatus = resumed === "in-force" || resumed === "reimposed" ? "reimposed" : resumed;
    state = { step: suspension.step, status, since: suspension.until };
    suspension = undefined;
  };
  for (const s of c.steps) {
    if (s.from > at) break;
    resolve(s.from);
    if (s.status === "suspended") {
      const resume = suspension ? suspension.resume : state?.step;
      suspension = { step: s, until: s.until ?? Infinity, resume };
      state = { step: s, status: "suspended", since: s.from };
    } else if (suspension && s.instrument === c.instrument && s.hypothetical === undefined) {
      suspension.resume = s;
    } else {
      suspension = undefined;
      state = { step: s, status: s.status, since: s.from };
    }
  }
  resolve(at + 1);
  return state;
}

function currentStatus(c: Control, at: number): Current | undefined {
  const state = statusAt(c, at);
  return state === undefined ? undefined : { ...state, next: nextChange(c, at) };
}

/** The first instant after `at` at which the control's status is another. */
function nextChange(c: Control, at: number): number | undefined {
  const now = statusAt(c, at)?.status;
  const candidates = [
    ...new Set(c.steps.flatMap((s) => [s.from, ...(s.until === undefined ? [] : [s.until])])),
  ]
    .filter((x) => x > at)
    .sort((a, b) => a - b);
  return candidates.find((x) => statusAt(c, x)?.status !== now);
}

const BINDING: ReadonlySet<ControlStatus> = new Set(["in-force", "reimposed"]);

function line(c: Control, cur: Current, why: string, beyond: boolean): ControlLine {
  const step = cur.step;
  const resumes = cur.status === "suspended" ? (step.until ?? null) : null;
  const z = (ms: number) => formatInZone(ms, c.zone);
  const then =
    c.action === "prohibited" ? "the export is again denied in principle" : "a licence is required again";
  const statusText = step.hypothetical
    ? `${cur.status} from ${z(cur.since)}${resumes === null ? "" : ` until ${z(resumes)}`} (${step.hypothetical})`
    : cur.status === "suspended"
      ? `suspended by ${step.instrument.citation} until ${resumes === null ? "?" : z(resumes)}: ${then}${step.reportedUntil !== undefined ? ` (a later end, ${z(step.reportedUntil)}, is reported, not confirmed)` : ""}`
      : cur.status === "reimposed"
        ? `reimposed at the end of the suspension by ${step.instrument.citation}`
        : `${cur.status} from ${z(cur.since)} (${step.instrument.citation})`;
  const unconfirmed = [
    ...(c.instrument.unconfirmed ?? []),
    ...c.unconfirmed,
    ...step.unconfirmed,
    ...(step.instrument === c.instrument ? [] : (step.instrument.unconfirmed ?? [])),
  ];
  const flags = [
    ...(unconfirmed.length > 0 ? ["states unconfirmed facts"] : []),
    ...(step.hypothetical ? [`hypothetical: ${step.hypothetical}`] : []),
    ...(beyond ? ["after the data horizon"] : []),
  ];
  return {
    control: c.id,
    label: c.label,
    instrument: c.instrument.citation,
    instrumentId: c.instrument.id,
    issuer: c.issuer,
    action: c.action,
    status: cur.status,
    applies: BINDING.has(cur.status),
    from: isoInstant(cur.since),
    until: cur.next === undefined ? null : isoInstant(cur.next),
    resumesOn: resumes === null ? null : isoInstant(resumes),
    resumesWhen: resumes === null ? null : z(resumes),
    reportedResumesOn:
      cur.status === "suspended" && step.reportedUntil !== undefined ? isoInstant(step.reportedUntil) : null,
    when: z(cur.since),
    reason: `${c.label}: ${why}; ${statusText}${step.note ? `. ${step.note}` : ""}`,
    citation: c.instrument.citation,
    url: c.instrument.url,
    grade: c.instrument.grade,
    events: [...step.events],
    ...(flags.length > 0 ? { provisional: flags.join("; ") } : {}),
    unconfirmed: unconfirmed.map((f) => ({ fact: f.fact, confirmBy: f.confirmBy })),
    limits: [...c.limits],
  };
}

/** Whether `at` is past the confirmed data of the issuer. */
function pastHorizon(controls: Controls, issuer: "US" | "CN", at: number): boolean {
  const h = controls.horizon[issuer];
  return h !== undefined && at >= h.end;
}

/** The controls covering the query at its instant (lines for every status but ended and not yet started). */
function evaluate(controls: Controls, q: ControlQuery) {
  const lines: ControlLine[] = [];
  const covering: Control[] = [];
  for (const c of controls.controls) {
    const why = coverage(c, q);
    if (why === undefined) continue;
    covering.push(c);
    const cur = currentStatus(c, q.at);
    if (cur === undefined || cur.status === "ended") continue;
    lines.push(line(c, cur, why, pastHorizon(controls, c.issuer, q.at)));
  }
  const binding = lines.filter((l) => l.applies);
  return {
    lines,
    covering,
    licenceRequired: binding.length > 0,
    prohibited: binding.some((l) => l.action === "prohibited"),
  };
}

/** The answer to a query. Throws nothing: the query is validated by its caller (see `parseControlQuery`). */
/**
 * One control's status at an instant, as a line of the answer (undefined before its first step, or
 * for an unknown id): for what reads a control's dates alone (the affiliates rule over an ownership
 * graph).
 */
export function controlAt(controls: Controls, id: string, at: number): ControlLine | undefined {
  const c = controls.byId.get(id);
  const cur = c === undefined ? undefined : currentStatus(c, at);
  if (c === undefined || cur === undefined) return undefined;
  return line(c, cur, "status at the instant asked", pastHorizon(controls, c.issuer, at));
}

export function checkControls(controls: Controls, q: ControlQuery): ControlAnswer {
  const now = evaluate(controls, q);
  const changes = now.covering
    .map((c) => ({ c, at: nextChange(c, q.at) }))
    .filter((x): x is { c: Control; at: number } => x.at !== undefined);
  const first = Math.min(...changes.map((x) => x.at));
  let next: ControlAnswer["next"] = null;
  if (Number.isFinite(first)) {
    const then = evaluate(controls, { ...q, at: first });
    next = {
      at: isoInstant(first),
      licenceRequired: then.licenceRequired,
      prohibited: then.prohibited,
      because: changes
        .filter((x) => x.at === first)
        .map((x) => `${x.c.id}: ${formatInZone(first, x.c.zone)}`),
    };
  }
  const issuers = new Set<"US" | "CN">(now.lines.map((l) => l.issuer));
  if (q.from === "US" || q.from === "CN") issuers.add(q.from);
  const beyond = [...issuers].filter((i) => pastHorizon(controls, i, q.at));
  const warnings = beyond.map(
    (i) =>
      `the ${i} export-control data is confirmed to ${controls.horizon[i]?.confirmedTo}: later changes (a suspension extended or ended early) may be missing`,
  );
  return {
    at: isoInstant(q.at),
    licenceRequired: now.licenceRequired,
    prohibited: now.prohibited,
    controls: now.lines,
    next,
    beyondHorizon: beyond.length > 0,
    warnings,
  };
}
