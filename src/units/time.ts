/**
 * Instants and wall times. Instants are epoch milliseconds; zones are IANA names held in the data.
 * Pure: no clock is read here.
 *
 * A zone's offsets are read from Temporal (the runtime's time zone data) one UTC year at a time and
 * kept (`ZoneYears`): an instant's offset is then a look-up, and a wall time's instant is found from
 * the offsets a day before and after it as Temporal finds it. The years found can be given to a later
 * run with the same time zone data (`knownZoneYears`, `addZoneYears`), which then need not load
 * Temporal at all.
 */
import { createRequire } from "node:module";
import type { Temporal } from "temporal-polyfill";

type TemporalApi = typeof import("temporal-polyfill").Temporal;
let temporalApi: TemporalApi | undefined;
/** Temporal, loaded on first use (a run answering from kept zone years never loads it). */
function temporal(): TemporalApi {
  temporalApi ??= (createRequire(import.meta.url)("temporal-polyfill") as typeof import("temporal-polyfill"))
    .Temporal;
  return temporalApi;
}

export const US_ZONE = "America/New_York";
export const CN_ZONE = "Asia/Shanghai";

const LOCAL = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class TimeError extends Error {}

/** English month names, January first. */
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const DAY_MS = 86_400_000;
/** The years whose offsets are kept (Temporal answers outside them). */
const FIRST_YEAR = 1971;
const LAST_YEAR = 9998;

/**
 * A zone's offsets over one UTC year: the offset at the year's first instant, then each change in the
 * year as the instant it happens and the offset from then on (milliseconds).
 */
type ZoneYear = readonly number[];
/** Per zone, per UTC year. */
const zoneYears = new Map<string, Map<number, ZoneYear>>();

/** The zone's offsets over a UTC year (see `ZoneYear`); undefined outside 1971–9998. Throws RangeError for an unknown zone. */
function zoneYear(zone: string, year: number): ZoneYear | undefined {
  if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) return undefined;
  let byYear = zoneYears.get(zone);
  if (byYear === undefined) {
    byYear = new Map();
    zoneYears.set(zone, byYear);
  }
  let offsets = byYear.get(year);
  if (offsets === undefined) {
    const end = Date.UTC(year + 1, 0, 1);
    let at = temporal()
      .Instant.fromEpochMilliseconds(Date.UTC(year, 0, 1))
      .toZonedDateTimeISO(zone);
    const found = [at.offsetNanoseconds / 1e6];
    for (;;) {
      const next = at.getTimeZoneTransition("next");
      if (next === null || next.epochMilliseconds >= end) break;
      found.push(next.epochMilliseconds, next.offsetNanoseconds / 1e6);
      at = next;
    }
    offsets = found;
    byYear.set(year, offsets);
  }
  return offsets;
}

/** The zone's UTC offset at an instant, in milliseconds; undefined outside the years kept. */
function offsetAt(ms: number, zone: string): number | undefined {
  const offsets = zoneYear(zone, new Date(ms).getUTCFullYear());
  if (offsets === undefined) return undefined;
  let offset = offsets[0] as number;
  for (let i = 1; i < offsets.length && (offsets[i] as number) <= ms; i += 2)
    offset = offsets[i + 1] as number;
  return offset;
}

/** Zone years by zone: [UTC year, its offsets (see `ZoneYear`)][]. */
export type ZoneYears = Record<string, [number, number[]][]>;

/**
 * The zone years read so far in this process, and those of `ensure` (zones by the UTC years to read
 * them for), to keep with a cached law: a later run given them (`addZoneYears`) need not load Temporal.
 */
export function knownZoneYears(ensure: Record<string, readonly number[]> = {}): ZoneYears {
  for (const [zone, years] of Object.entries(ensure)) for (const year of years) zoneYear(zone, year);
  return Object.fromEntries(
    [...zoneYears].map(([zone, byYear]) => [
      zone,
      [...byYear].map(([year, offsets]) => [year, [...offsets]]),
    ]),
  );
}

/** Zone years read by an earlier run with the same time zone data (`knownZoneYears`). */
export function addZoneYears(known: ZoneYears): void {
  for (const [zone, years] of Object.entries(known)) {
    let byYear = zoneYears.get(zone);
    if (byYear === undefined) {
      byYear = new Map();
      zoneYears.set(zone, byYear);
    }
    for (const [year, offsets] of years) if (!byYear.has(year)) byYear.set(year, offsets);
  }
}

/**
 * `zonedInstant` of a valid wall time from the zone's offsets, as Temporal's "compatible"
 * disambiguation finds it: of the offsets a day before and a day after, those that give back the wall
 * time; the earlier instant when both do (a wall time that occurs twice); in a gap, the wall time read
 * with the offset before it (moved forward by the gap). Undefined when left to Temporal (outside the
 * years kept, a wall time it constrains or rejects, and when `strict`, one that occurs twice or not
 * at all, which `zonedInstant` then refuses).
 */
function tableInstant(
  date: string,
  time: string | undefined,
  zone: string,
  strict: boolean,
): number | undefined {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const hour = time === undefined ? 0 : Number(time.slice(0, 2));
  const minute = time === undefined ? 0 : Number(time.slice(3, 5));
  const second = time === undefined || time.length < 8 ? 0 : Number(time.slice(6, 8));
  if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const before = offsetAt(wall - DAY_MS, zone);
  const after = offsetAt(wall + DAY_MS, zone);
  if (before === undefined || after === undefined) return undefined;
  // The larger offset gives the earlier instant.
  const [larger, smaller] = before >= after ? [before, after] : [after, before];
  const givesLarger = offsetAt(wall - larger, zone) === larger;
  const givesSmaller = larger !== smaller && offsetAt(wall - smaller, zone) === smaller;
  // A strict reading refuses a wall time that occurs twice or not at all (with Temporal's words).
  if (givesLarger) return strict && givesSmaller ? undefined : wall - larger;
  if (givesSmaller) return wall - smaller;
  return before === after || strict ? undefined : wall - before;
}

/**
 * The instant of a wall time ("2025-04-05 00:01" or "2025-04-05") in a zone. A wall time that the
 * zone skips or repeats when its clocks change is taken as the law reads it ("compatible": the
 * earlier of two, the later side of a gap) unless `strict`, which refuses it: a user's entry time
 * must name one instant.
 */
export function zonedInstant(local: string, zone: string, strict = false): number {
  const m = LOCAL.exec(local.trim());
  if (!m)
    throw new TimeError(`"${local}" is not a local date-time (expected YYYY-MM-DD or YYYY-MM-DD HH:MM)`);
  try {
    const fromTable = tableInstant(m[1] as string, m[2], zone, strict);
    if (fromTable !== undefined) return fromTable;
    const pdt = temporal().PlainDateTime.from(`${m[1]}T${m[2] ?? "00:00"}`);
    if (strict) refuseUnclearWallTime(local.trim(), pdt, zone);
    return pdt.toZonedDateTime(zone, { disambiguation: "compatible" }).epochMilliseconds;
  } catch (e) {
    if (e instanceof TimeError) throw e;
    throw new TimeError(`"${local}" is not a valid date-time in ${zone}: ${(e as Error).message}`);
  }
}

/** Refuses a wall time that the zone skips (clocks forward) or repeats (clocks back). */
function refuseUnclearWallTime(local: string, pdt: Temporal.PlainDateTime, zone: string): void {
  const earlier = pdt.toZonedDateTime(zone, { disambiguation: "earlier" });
  const later = pdt.toZonedDateTime(zone, { disambiguation: "later" });
  if (earlier.epochMilliseconds === later.epochMilliseconds) return;
  if (!earlier.toPlainDateTime().equals(pdt))
    throw new TimeError(
      `"${local}" does not exist in ${zone}: the clocks move from UTC${earlier.offset} to UTC${later.offset} and skip it`,
    );
  throw new TimeError(
    `"${local}" happens twice in ${zone} (at UTC${earlier.offset} and at UTC${later.offset}): give the offset, e.g. ${pdt.toString({ smallestUnit: "minute" })}${earlier.offset}`,
  );
}

/** Minutes after local midnight at which a date-only entry is evaluated: 12:01 a.m., the usual start of a measure. */
export const DATE_ONLY_MINUTE = 1;

/**
 * Parses a user-given instant. Accepted: an ISO instant with offset or Z ("2025-11-10T05:01Z",
 * "2025-11-10T13:01+08:00"), a zoned date-time ("2025-11-10T13:01[Asia/Shanghai]"), or a local
 * date-time / date interpreted in `defaultZone` (a date alone means 12:01 a.m. local).
 */
export function parseInstant(text: string, defaultZone: string): number {
  const t = text.trim();
  if (DATE.test(t)) return zonedInstant(`${t} 00:0${DATE_ONLY_MINUTE}`, defaultZone);
  if (LOCAL.test(t)) return zonedInstant(t, defaultZone, true);
  try {
    if (t.includes("[")) return temporal().ZonedDateTime.from(t).epochMilliseconds;
    return temporal().Instant.from(t).epochMilliseconds;
  } catch {
    throw new TimeError(
      `"${text}" is not an instant (expected e.g. 2025-11-10, 2025-11-10T00:01, 2025-11-10T05:01Z or 2025-11-10T13:01+08:00)`,
    );
  }
}

/** Checks a YYYY-MM-DD date string (a real day of the ISO calendar, years 0000–9999). */
export function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The days of a month of the ISO (proleptic Gregorian) calendar. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The calendar day after a YYYY-MM-DD date. */
export function nextDay(date: string): string {
  let year = Number(date.slice(0, 4));
  let month = Number(date.slice(5, 7));
  let day = Number(date.slice(8, 10)) + 1;
  if (day > daysInMonth(year, month)) {
    day = 1;
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(ms: number, zone: string): string {
  const offset = offsetAt(ms, zone);
  if (offset !== undefined) return new Date(ms + offset).toISOString().slice(0, 10);
  return temporal().Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).toPlainDate().toString();
}

/** "2025-11-10 00:01 EST" style rendering of an instant in a zone. */
export function formatInZone(ms: number, zone: string): string {
  const offset = offsetAt(ms, zone);
  if (offset !== undefined && offset % 60_000 === 0) {
    const wall = new Date(ms + offset).toISOString();
    return `${wall.slice(0, 10)} ${wall.slice(11, 16)} ${zoneAbbreviation(zone, offsetText(offset))}`;
  }
  const z = temporal().Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
  const abbr = zoneAbbreviation(zone, z.offset);
  return `${z.toPlainDate().toString()} ${z.toPlainTime().toString({ smallestUnit: "minute" })} ${abbr}`;
}

/** A whole-minute offset as Temporal writes it: "-04:00", "+08:00", "+00:00". */
function offsetText(offsetMs: number): string {
  const minutes = Math.abs(offsetMs) / 60_000;
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `${offsetMs < 0 ? "-" : "+"}${hh}:${mm}`;
}

function zoneAbbreviation(zone: string, offset: string): string {
  if (zone === US_ZONE) return offset === "-04:00" ? "EDT" : "EST";
  if (zone === CN_ZONE) return "CST (UTC+8)";
  return `UTC${offset}`;
}

/**
 * ISO instant with the offset of `zone` (an IANA name or a fixed offset such as "+05:30") at that
 * instant: "2025-10-25T22:30:01+05:30".
 */
export function isoInstantInZone(ms: number, zone: string): string {
  const offset =
    offsetAt(ms, zone) ??
    temporal().Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).offsetNanoseconds / 1e6;
  const wall = new Date(ms + offset).toISOString().slice(0, 19);
  return `${wall}${offset === 0 ? "Z" : offsetText(offset)}`;
}

/** ISO instant in UTC: "2025-11-10T05:01:00Z". */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

/**
 * Fast instant → local calendar date for one zone, from a precomputed table of local midnights.
 * Covers 2000–2040; outside that range it falls back to Temporal.
 */
export class LocalCalendar {
  private readonly starts: Float64Array;
  private readonly dates: string[];

  constructor(readonly zone: string) {
    const first = temporal().PlainDate.from("2000-01-01");
    const days = first.until(temporal().PlainDate.from("2041-01-01")).days;
    this.starts = new Float64Array(days);
    this.dates = new Array<string>(days);
    let d = first;
    for (let i = 0; i < days; i++) {
      this.starts[i] = d.toZonedDateTime({ timeZone: zone }).epochMilliseconds;
      this.dates[i] = d.toString();
      d = d.add({ days: 1 });
    }
  }

  /** The local date (YYYY-MM-DD) of an instant. */
  dateOf(ms: number): string {
    const s = this.starts;
    if (ms < (s[0] as number) || ms >= (s[s.length - 1] as number) + 86_400_000) {
      return localDate(ms, this.zone);
    }
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((s[mid] as number) <= ms) lo = mid;
      else hi = mid - 1;
    }
    return this.dates[lo] as string;
  }
}
