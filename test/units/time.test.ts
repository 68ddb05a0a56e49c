/**
 * Wall times and local dates: the fast path for months in which a zone's offset does not change must
 * give what Temporal gives, across DST changes, half-hour and 45-minute offsets, a zone that changes
 * at midnight and one that skipped a whole day.
 */
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { CN_ZONE, localDate, parseInstant, TimeError, US_ZONE, zonedInstant } from "../../src/units/time.js";

const ZONES = [
  US_ZONE,
  CN_ZONE,
  "Europe/London",
  "Australia/Lord_Howe", // 30-minute DST
  "Asia/Kathmandu", // +05:45
  "America/Santiago", // changes at midnight
  "Pacific/Apia", // skipped 2011-12-30
  "UTC",
];

const byTemporal = (local: string, zone: string) =>
  Temporal.PlainDateTime.from(local.replace(" ", "T")).toZonedDateTime(zone, { disambiguation: "compatible" })
    .epochMilliseconds;

describe("zonedInstant and localDate", () => {
  it("give Temporal's answers every 31 hours 7 minutes from 2010 to 2027 in eight zones", () => {
    const step = (31 * 60 + 7) * 60_000;
    for (const zone of ZONES) {
      for (let ms = Date.UTC(2010, 0, 1); ms < Date.UTC(2027, 0, 1); ms += step) {
        const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
        expect(localDate(ms, zone)).toBe(z.toPlainDate().toString());
        const wall = `${z.toPlainDate()} ${z.toPlainTime().toString({ smallestUnit: "minute" })}`;
        expect(zonedInstant(wall, zone)).toBe(byTemporal(wall, zone));
      }
    }
  });

  it("give Temporal's answers for wall times that do not exist or occur twice", () => {
    const cases: [string, string][] = [
      ["2025-03-09 02:30", US_ZONE], // skipped: compatible moves it forward
      ["2025-11-02 01:30", US_ZONE], // twice: compatible takes the earlier
      ["2022-09-11 00:00", "America/Santiago"], // midnight skipped
      ["2011-12-30 12:00", "Pacific/Apia"], // the day that did not happen
    ];
    for (const [wall, zone] of cases) expect(zonedInstant(wall, zone)).toBe(byTemporal(wall, zone));
  });

  it("still names a wall time or zone it cannot read", () => {
    expect(() => zonedInstant("2025-13-01", US_ZONE)).toThrow(TimeError);
    expect(() => zonedInstant("2025-02-30", US_ZONE)).toThrow(TimeError);
    expect(() => zonedInstant("2025-11-10", "Mars/Olympus")).toThrow(TimeError);
    expect(zonedInstant("2025-11-10 00:01", US_ZONE)).toBe(Date.parse("2025-11-10T05:01:00Z"));
    expect(zonedInstant("2025-11-10 13:01", CN_ZONE)).toBe(Date.parse("2025-11-10T05:01:00Z"));
  });
});

describe("wall times the clocks skip or repeat", () => {
  // Every New York transition 2018–2027 from the time zone database, not a list typed here.
  const transitions: Temporal.ZonedDateTime[] = [];
  let at = Temporal.ZonedDateTime.from("2018-01-01T00:00[America/New_York]");
  for (;;) {
    const next = at.getTimeZoneTransition("next");
    if (next === null || next.year > 2027) break;
    transitions.push(next);
    at = next;
  }

  it("finds two transitions a year", () => {
    expect(transitions).toHaveLength(20);
  });

  it("refuses a user's wall time inside a gap or an overlap, naming both offsets, and takes the law's", () => {
    const minute = (p: Temporal.PlainDateTime) => p.toString({ smallestUnit: "minute" });
    for (const t of transitions) {
      const wall = t.toPlainDateTime();
      const forward = t.offsetNanoseconds > t.subtract({ minutes: 1 }).offsetNanoseconds;
      // Spring: the hour of wall time before the change is skipped; autumn: the hour after it repeats.
      const unclear = forward
        ? [wall.subtract({ hours: 1 }), wall.subtract({ minutes: 1 })]
        : [wall, wall.add({ minutes: 59 })];
      const clear = forward
        ? [wall.subtract({ minutes: 61 }), wall]
        : [wall.subtract({ minutes: 1 }), wall.add({ hours: 1 })];
      for (const p of unclear) {
        expect(() => parseInstant(minute(p), US_ZONE)).toThrow(forward ? /skip it/ : /happens twice/);
        expect(() => zonedInstant(minute(p).replace("T", " "), US_ZONE)).not.toThrow();
      }
      for (const p of clear)
        expect(parseInstant(minute(p), US_ZONE)).toBe(p.toZonedDateTime(US_ZONE).epochMilliseconds);
    }
  });

  it("never refuses a Beijing wall time (no clock changes since 1991)", () => {
    for (const t of transitions) {
      const wall = t.toPlainDateTime().toString({ smallestUnit: "minute" });
      expect(parseInstant(wall, CN_ZONE)).toBe(
        Temporal.PlainDateTime.from(wall).toZonedDateTime(CN_ZONE).epochMilliseconds,
      );
    }
  });
});
