/**
 * Instants and wall times. Instants are epoch milliseconds; zones are IANA names held in the data.
 * Pure: no clock is read here.
 */
import { Temporal } from "temporal-polyfill";

export const US_ZONE = "America/New_York";
export const CN_ZONE = "Asia/Shanghai";

const LOCAL = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class TimeError extends Error {}

const DAY_MS = 86_400_000;
/** Per zone, per month (12 × year + month − 1): see `steadyOffset`. */
const steadyOffsets = new Map<string, Map<number, number | null>>();

/**
 * The zone's UTC offset in milliseconds if it holds from a day before the month (UTC) to a day after
 * it, else null (the zone changes its offset then, or the year is outside 1971–9998). Temporal says
 * when the offset changes; within such a month a wall time is the UTC wall time less the offset.
 * Throws RangeError for an unknown zone.
 */
function steadyOffset(zone: string, year: number, month: number): number | null {
  if (!(year >= 1971 && year <= 9998)) return null;
  let byMonth = steadyOffsets.get(zone);
  if (byMonth === undefined) {
    byMonth = new Map();
    steadyOffsets.set(zone, byMonth);
  }
  const key = 12 * year + month - 1;
  let offset = byMonth.get(key);
  if (offset === undefined) {
    const from = Temporal.Instant.fromEpochMilliseconds(
      Date.UTC(year, month - 1, 1) - DAY_MS,
    ).toZonedDateTimeISO(zone);
    const next = from.getTimeZoneTransition("next");
    offset =
      next !== null && next.epochMilliseconds <= Date.UTC(year, month, 1) + DAY_MS
        ? null
        : from.offsetNanoseconds / 1e6;
    byMonth.set(key, offset);
  }
  return offset;
}

/** Steady offsets by zone: [month (12 × year + month − 1), offset or null][]. */
export type SteadyOffsets = Record<string, [number, number | null][]>;

/**
 * The steady offsets found so far in this process (see `steadyOffset`), to keep with a cached law:
 * a later run given them (`addSteadyOffsets`) need not ask Temporal again.
 */
export function knownSteadyOffsets(): SteadyOffsets {
  return Object.fromEntries([...steadyOffsets].map(([zone, byMonth]) => [zone, [...byMonth]]));
}

/** Steady offsets found by an earlier run with the same time zone data (`knownSteadyOffsets`). */
export function addSteadyOffsets(known: SteadyOffsets): void {
  for (const [zone, months] of Object.entries(known)) {
    let byMonth = steadyOffsets.get(zone);
    if (byMonth === undefined) {
      byMonth = new Map();
      steadyOffsets.set(zone, byMonth);
    }
    for (const [month, offset] of months) if (!byMonth.has(month)) byMonth.set(month, offset);
  }
}

/** `zonedInstant` of a valid wall time in a month with a steady offset; undefined otherwise. */
function steadyInstant(date: string, time: string | undefined, zone: string): number | undefined {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const hour = time === undefined ? 0 : Number(time.slice(0, 2));
  const minute = time === undefined ? 0 : Number(time.slice(3, 5));
  const second = time === undefined || time.length < 8 ? 0 : Number(time.slice(6, 8));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    return undefined; // left to Temporal, which constrains or rejects
  }
  const offset = steadyOffset(zone, year, month);
  return offset === null ? undefined : Date.UTC(year, month - 1, day, hour, minute, second) - offset;
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
    const steady = steadyInstant(m[1] as string, m[2], zone);
    if (steady !== undefined) return steady;
    const pdt = Temporal.PlainDateTime.from(`${m[1]}T${m[2] ?? "00:00"}`);
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
    if (t.includes("[")) return Temporal.ZonedDateTime.from(t).epochMilliseconds;
    return Temporal.Instant.from(t).epochMilliseconds;
  } catch {
    throw new TimeError(
      `"${text}" is not an instant (expected e.g. 2025-11-10, 2025-11-10T00:01, 2025-11-10T05:01Z or 2025-11-10T13:01+08:00)`,
    );
  }
}

/** Checks a YYYY-MM-DD date string (a real calendar day). */
export function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  try {
    Temporal.PlainDate.from(text, { overflow: "reject" });
    return true;
  } catch {
    return false;
  }
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(ms: number, zone: string): string {
  const utc = new Date(ms);
  const offset = steadyOffset(zone, utc.getUTCFullYear(), utc.getUTCMonth() + 1);
  if (offset !== null) return new Date(ms + offset).toISOString().slice(0, 10);
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).toPlainDate().toString();
}

/** "2025-11-10 00:01 EST" style rendering of an instant in a zone. */
export function formatInZone(ms: number, zone: string): string {
  const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
  const abbr = zoneAbbreviation(zone, z.offset);
  return `${z.toPlainDate().toString()} ${z.toPlainTime().toString({ smallestUnit: "minute" })} ${abbr}`;
}

function zoneAbbreviation(zone: string, offset: string): string {
  if (zone === US_ZONE) return offset === "-04:00" ? "EDT" : "EST";
  if (zone === CN_ZONE) return "CST (UTC+8)";
  return `UTC${offset}`;
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
    const first = Temporal.PlainDate.from("2000-01-01");
    const days = first.until(Temporal.PlainDate.from("2041-01-01")).days;
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
