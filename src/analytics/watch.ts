/**
 * What changed, or will change, for the lines a user watches: for each item (a code and an origin,
 * with a value if given), the steps of the law between when it was last seen and now that touch
 * it, each with the duty on the item just before and at the step (layers and amounts from the
 * engine), and the steps and deadlines coming within a window. A step touches an item when one of
 * its measures is among the layers or the measures considered and not applied on either side of
 * it. Pure: `now` and the instants last seen are given by the caller.
 */

import { InputError } from "../entry/errors.js";
import type { DutyJson } from "../entry/result.js";
import { type Change, type Deadline, deadlines, lawChanges } from "../law/changes.js";
import type { TimelineEvent } from "../law/events.js";
import type { Issuer } from "../law/model.js";
import type { Truce } from "../truce.js";
import { isoInstant } from "../units/time.js";
import { changeJson, deadlineJson } from "./timeline.js";

/** The value an item without one is priced at: amounts then read as percent of the value. */
export const NOMINAL_VALUE = "100.00";
/** Days ahead that `upcoming` looks by default. */
export const UPCOMING_DAYS = 90;
const MINUTE = 60_000;
const DAY = 86_400_000;

export interface WatchedLine {
  code: string;
  origin: string;
  importer?: Issuer;
  /** Customs value in dollars (decimal text); without it the item is priced at NOMINAL_VALUE. */
  value?: string | null;
  /** Epoch ms: steps after this instant are new. */
  lastSeen: number;
}

/** The duty on the item at an instant: its layers and total, or why it cannot be priced then. */
export type Side =
  | {
      instant: string;
      layers: DutyJson["layers"];
      total: DutyJson["total"];
      notApplied: DutyJson["notApplied"];
    }
  | { instant: string; error: { field: string; message: string } };

/** A step of the law that touched the item: as `truce changes --json` shows it, with the duty on each side. */
export type WatchedChange = ReturnType<typeof changeJson> & {
  /** The measure changed (the first, for an exemption covering several). */
  measure: string;
  /** A minute before the step, and at it. */
  before: Side;
  after: Side;
};

/** A deadline coming: as `truce deadlines --json` shows it; for a law step, with the duty on each side. */
export type UpcomingDeadline = ReturnType<typeof deadlineJson> & { before?: Side; after?: Side };

export interface WatchedItem {
  code: string;
  origin: string;
  importer: Issuer;
  value: string;
  /** False when the item has no value and is priced at NOMINAL_VALUE. */
  valueGiven: boolean;
  /** ISO 8601 UTC: the start of the window of `changes`. */
  since: string;
  changes: WatchedChange[];
  upcoming: UpcomingDeadline[];
}

export interface WatchAnswer {
  now: string;
  /** The earliest `since` of the items (each item has its own). */
  since: string;
  upcomingUntil: string;
  items: WatchedItem[];
}

export interface WatchOptions {
  now: number;
  /** Days after now for `upcoming` (default UPCOMING_DAYS). */
  upcomingDays?: number;
  /** Replaces each item's `lastSeen` (to look further back). */
  since?: number;
}

/** The duty on an item at each instant asked, computed once per instant. */
function pricer(t: Truce, item: WatchedLine, importer: Issuer, value: string) {
  const sides = new Map<number, Side>();
  return (instant: number): Side => {
    let s = sides.get(instant);
    if (!s) {
      const at = isoInstant(instant);
      try {
        const r = t.duty({ code: item.code, origin: item.origin, importer, value, at });
        s = { instant: at, layers: r.layers, total: r.total, notApplied: r.notApplied };
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        s = { instant: at, error: { field: e.field, message: e.detail } };
      }
      sides.set(instant, s);
    }
    return s;
  };
}

/** The measures an answer names: its layers and the measures it considered and did not apply. */
function measuresOf(s: Side): Set<string> {
  if ("error" in s) return new Set();
  return new Set([...s.layers.map((l) => l.measure), ...s.notApplied.map((n) => n.measure)]);
}

function touches(measures: readonly string[], ...sides: Side[]): boolean {
  return sides.some((s) => {
    const named = measuresOf(s);
    return measures.some((m) => named.has(m));
  });
}

/** A side as the answer shows it: layers and total (or the error). */
function shown(s: Side): Side {
  if ("error" in s) return s;
  const { notApplied: _n, ...rest } = s;
  return rest as Side;
}

function watchedChange(c: Change, before: Side, after: Side): WatchedChange {
  return { ...changeJson(c), measure: c.measures[0] ?? "", before: shown(before), after: shown(after) };
}

function upcoming(d: Deadline, sides?: { before: Side; after: Side }): UpcomingDeadline {
  return { ...deadlineJson(d), ...(sides ? { before: shown(sides.before), after: shown(sides.after) } : {}) };
}

/** What changed for each item since it was last seen (up to now), and what comes within the window. */
export function watchChanges(
  t: Truce,
  events: readonly TimelineEvent[],
  items: readonly WatchedLine[],
  options: WatchOptions,
): WatchAnswer {
  const { now } = options;
  const until = now + (options.upcomingDays ?? UPCOMING_DAYS) * DAY;
  const out: WatchedItem[] = [];
  for (const item of items) {
    const importer = item.importer ?? "US";
    const value = item.value ?? NOMINAL_VALUE;
    const since = options.since ?? item.lastSeen;
    const priceAt = pricer(t, item, importer, value);
    const changes: WatchedChange[] = [];
    // Steps after `since` (exclusive) up to now (inclusive).
    for (const c of lawChanges(t.law, { from: { instant: since + 1 }, to: { instant: now } }, importer)) {
      const before = priceAt(c.instant - MINUTE);
      const after = priceAt(c.instant);
      if (touches(c.measures, before, after)) changes.push(watchedChange(c, before, after));
    }
    const coming: UpcomingDeadline[] = [];
    const current = priceAt(now);
    for (const d of deadlines(
      t.law,
      events,
      { from: { instant: now + 1 }, to: { instant: until } },
      importer,
    )) {
      if (d.origin === "law") {
        const before = priceAt(d.instant - MINUTE);
        const after = priceAt(d.instant);
        if (touches(d.measures, before, after)) coming.push(upcoming(d, { before, after }));
      } else if (touches(d.measures, current)) coming.push(upcoming(d));
    }
    out.push({
      code: item.code,
      origin: item.origin,
      importer,
      value,
      valueGiven: item.value !== undefined && item.value !== null,
      since: isoInstant(since),
      changes,
      upcoming: coming,
    });
  }
  const earliest = Math.min(...items.map((i) => options.since ?? i.lastSeen), now);
  return { now: isoInstant(now), since: isoInstant(earliest), upcomingUntil: isoInstant(until), items: out };
}
