/**
 * Wall times, local dates and renderings read from the zone years kept (units/time.ts) must give what
 * Temporal gives, across DST changes, half-hour and 45-minute offsets, a zone that changes at midnight
 * and one that skipped a whole day; calendar dates as Temporal's ISO calendar reads them.
 */
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import {
  addZoneYears,
  CN_ZONE,
  formatInZone,
  isCalendarDate,
  knownZoneYears,
  localDate,
  nextDay,
  parseInstant,
  TimeError,
  US_ZONE,
  zonedInstant,
} from "../../src/units/time.js";

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

/** formatInZone as Temporal renders it. */
function renderedByTemporal(z: Temporal.ZonedDateTime, zone: string): string {
  const abbr =
    zone === US_ZONE
      ? z.offset === "-04:00"
        ? "EDT"
        : "EST"
      : zone === CN_ZONE
        ? "CST (UTC+8)"
        : `UTC${z.offset}`;
  return `${z.toPlainDate()} ${z.toPlainTime().toString({ smallestUnit: "minute" })} ${abbr}`;
}

describe("the importers' zones, every day 2018-2027", () => {
  /** Minutes of the day around the changes (02:00 in New York; China has had none since 1991) and midnight. */
  const MINUTES = ["00:00", "00:01", "01:59", "02:00", "02:30", "03:00"];

  it("give Temporal's instant for each wall time, and its local date and rendering", () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const zone of [US_ZONE, CN_ZONE]) {
      for (let day = Date.UTC(2018, 0, 1); day < Date.UTC(2028, 0, 1); day += 86_400_000) {
        const date = new Date(day).toISOString().slice(0, 10);
        for (const minute of MINUTES) {
          const wall = `${date} ${minute}`;
          const instant = zonedInstant(wall, zone);
          if (instant !== byTemporal(wall, zone)) wrong.push(`${wall} ${zone}`);
          const z = Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone);
          if (
            localDate(instant, zone) !== z.toPlainDate().toString() ||
            formatInZone(instant, zone) !== renderedByTemporal(z, zone)
          )
            wrong.push(`${instant} ${zone}`);
          checked++;
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBe(2 * 3652 * MINUTES.length);
  });

  it("render every minute of the three hours around each change as Temporal does", () => {
    const wrong: string[] = [];
    let changes = 0;
    for (const zone of ZONES) {
      let z = Temporal.Instant.fromEpochMilliseconds(Date.UTC(2018, 0, 1)).toZonedDateTimeISO(zone);
      for (;;) {
        const next = z.getTimeZoneTransition("next");
        if (next === null || next.epochMilliseconds >= Date.UTC(2028, 0, 1)) break;
        for (
          let ms = next.epochMilliseconds - 90 * 60_000;
          ms <= next.epochMilliseconds + 90 * 60_000;
          ms += 60_000
        ) {
          const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
          if (
            localDate(ms, zone) !== z.toPlainDate().toString() ||
            formatInZone(ms, zone) !== renderedByTemporal(z, zone)
          )
            wrong.push(`${ms} ${zone}`);
        }
        changes++;
        z = next;
      }
    }
    expect(wrong).toEqual([]);
    // New York and London change twice a year; Santiago, Lord Howe and Apia change too.
    expect(changes).toBeGreaterThan(80);
  });

  it("answer the same from zone years kept by another run", () => {
    const kept = JSON.parse(JSON.stringify(knownZoneYears({ [US_ZONE]: [2025] })));
    expect(kept[US_ZONE]).toContainEqual([
      2025,
      [-18_000_000, Date.UTC(2025, 2, 9, 7), -14_400_000, Date.UTC(2025, 10, 2, 6), -18_000_000],
    ]);
    addZoneYears(kept);
    expect(formatInZone(zonedInstant("2025-11-01 00:01", US_ZONE), US_ZONE)).toBe("2025-11-01 00:01 EDT");
    expect(formatInZone(zonedInstant("2025-11-01 00:01", US_ZONE), CN_ZONE)).toBe(
      "2025-11-01 12:01 CST (UTC+8)",
    );
  });
});

describe("calendar dates", () => {
  it("are the days of Temporal's ISO calendar, and the next day is Temporal's", () => {
    const years = [0, 1, 4, 100, 1900, 1999, 2000, 2023, 2024, 2025, 2100, 2400, 9999];
    for (const year of years)
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++) {
          const text = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
          let valid = true;
          try {
            Temporal.PlainDate.from(text, { overflow: "reject" });
          } catch {
            valid = false;
          }
          expect(isCalendarDate(text), text).toBe(valid);
          if (valid && year < 9999)
            expect(nextDay(text)).toBe(Temporal.PlainDate.from(text).add({ days: 1 }).toString());
        }
    expect(isCalendarDate("2025-1-01")).toBe(false);
    expect(isCalendarDate("2025-02-29")).toBe(false);
    expect(isCalendarDate("2024-02-29")).toBe(true);
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
