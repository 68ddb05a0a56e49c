/**
 * The JSON forms of changes, deadlines and timeline events, and the deadlines as an iCalendar feed:
 * what `truce changes|deadlines|timeline --json` prints and the API will send.
 */
import ical from "ical-generator";
import type { Change, Deadline } from "../law/changes.js";
import type { TimelineEvent } from "../law/events.js";
import { formatInZone, isoInstant } from "../units/time.js";

export function changeJson(c: Change) {
  return {
    instant: isoInstant(c.instant),
    when: formatInZone(c.instant, c.zone),
    issuer: c.issuer,
    kind: c.kind,
    what: c.what,
    measures: c.measures,
    heading: c.heading,
    label: c.label,
    authority: c.authority,
    ...(c.status ? { status: c.status, rate: c.rate } : {}),
    citation: c.citation,
    url: c.url,
    instrument: c.instrument,
    grade: c.grade,
    ...(c.provisional ? { provisional: c.provisional } : {}),
    ...(c.note ? { note: c.note } : {}),
  };
}

export function deadlineJson(d: Deadline) {
  return {
    uid: d.uid,
    instant: isoInstant(d.instant),
    when: d.when,
    allDay: d.allDay,
    date: d.date,
    side: d.side,
    origin: d.origin,
    kind: d.kind,
    summary: d.summary,
    what: d.what,
    measures: d.measures,
    citation: d.citation,
    url: d.url,
    sources: d.sources,
    confirmed: d.confirmed,
    ...(d.note ? { note: d.note } : {}),
  };
}

/**
 * The deadlines as an iCalendar feed. Instants are written in UTC (DTSTART:...Z), never with a zone
 * (a zone plus a plain Date is what puts events hours off); a deadline without an hour is an all-day
 * event on its local date. UIDs are stable, so re-importing the feed updates events in place.
 */
export function deadlinesToIcs(list: readonly Deadline[], stamp: Date): string {
  const cal = ical({
    name: "Truce: US–China trade deadlines",
    prodId: { company: "truce", product: "deadlines", language: "EN" },
  });
  for (const d of list) {
    const description = [
      d.what,
      `When: ${d.when}`,
      `Citation: ${d.citation}`,
      `Source: ${d.url}`,
      ...d.sources.filter((s) => s !== d.url).map((s) => `Also: ${s}`),
      ...(d.measures.length > 0 ? [`Measures: ${d.measures.join(", ")}`] : []),
      ...(d.confirmed ? [] : [d.origin === "law" ? `Provisional: ${d.note ?? ""}` : unconfirmed(d.note)]),
      ...(d.confirmed && d.note ? [`Note: ${d.note}`] : []),
    ].join("\n");
    const [y, m, day] = d.date.split("-").map(Number) as [number, number, number];
    cal.createEvent({
      id: d.uid,
      stamp,
      start: d.allDay ? new Date(Date.UTC(y, m - 1, day)) : new Date(d.instant),
      allDay: d.allDay,
      summary: d.summary,
      description,
      ...(d.url ? { url: d.url } : {}),
    });
  }
  return cal.toString();
}

/** "UNCONFIRMED: <note>", without doubling a note that already says so. */
export function unconfirmed(note: string | undefined): string {
  if (!note) return "UNCONFIRMED";
  return /^unconfirmed\b/i.test(note) ? note : `UNCONFIRMED: ${note}`;
}

export function eventJson(e: TimelineEvent) {
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    side: e.side,
    date: e.date,
    ...(e.time ? { time: e.time } : {}),
    ...(e.until ? { until: e.until } : {}),
    zone: e.zone,
    instant: isoInstant(e.instant),
    ...(e.place ? { place: e.place } : {}),
    participants: e.participants,
    outcome: e.outcome,
    measures: e.measures,
    instruments: e.instruments,
    ...(e.citation ? { citation: e.citation } : {}),
    sources: e.sources,
    confirmed: e.confirmed,
    ...(e.note ? { note: e.note } : {}),
  };
}
