/**
 * The negotiation timeline as data: rounds, summits, calls, announcements, threats, court rulings and
 * dated deadlines, read from data/events/*.yaml, validated with zod, and checked against the law
 * (every measure or instrument an event links to must exist).
 */
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { z } from "zod";
import { CN_ZONE, US_ZONE, zonedInstant } from "../units/time.js";
import { defaultDataDir } from "./load.js";
import type { Law } from "./model.js";
import { calendarDate, localTime } from "./schema.js";
import { readYamlFile, yamlFiles } from "./yaml-files.js";

export const EVENT_KINDS = [
  "round",
  "summit",
  "call",
  "announcement",
  "threat",
  "deadline",
  "court",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export type Side = "US" | "CN" | "both";
export type Grade = "P" | "S" | "W";

const ID = /^[a-z0-9][a-z0-9.-]*$/;
const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2}))?$/;

const source = z.strictObject({
  url: z.url(),
  grade: z.enum(["P", "S", "W"]),
  note: z.string().optional(),
});

const participant = z.strictObject({
  name: z.string().min(2),
  office: z.string().min(2),
  side: z.enum(["US", "CN", "other"]),
});

export const eventSpec = z
  .strictObject({
    id: z.string().regex(ID, "expected a lower-case id like geneva-2025-05"),
    kind: z.enum(EVENT_KINDS),
    title: z.string().min(3),
    /** Which side acts (or both, for talks and summits). */
    side: z.enum(["US", "CN", "both"]),
    /** Local date, or date and time ("2026-11-10 13:01"), in `zone`. */
    date: localTime,
    /** Last day of an event lasting several days. */
    until: calendarDate.optional(),
    /** IANA zone of the date: defaults to New York for side US, Beijing for side CN; required for both. */
    zone: z.string().optional(),
    place: z.string().optional(),
    participants: z.array(participant).optional(),
    /** What came of it (for a deadline: what is due), paraphrased. */
    outcome: z.string().min(10),
    /** Measure ids (data/law/**) the event led to or concerns. */
    measures: z.array(z.string().regex(ID)).optional(),
    /** Instrument ids (data/law/**) the event led to, where no single measure fits (e.g. exclusions). */
    instruments: z.array(z.string().regex(ID)).optional(),
    /** Short citation of the instrument or statement, shown with deadlines. */
    citation: z.string().optional(),
    sources: z.array(source).min(1),
    /** false: not verified in the material (UNCONFIRMED in the chronology); `note` says why. */
    confirmed: z.boolean().default(true),
    note: z.string().optional(),
  })
  .refine((e) => e.side !== "both" || e.zone !== undefined, {
    message: "an event of both sides needs a zone (the zone of its place)",
    path: ["zone"],
  })
  .refine((e) => e.confirmed || (e.note ?? "").length >= 10, {
    message: "an unconfirmed event needs a note saying what is not confirmed",
    path: ["note"],
  })
  .refine((e) => e.until === undefined || e.until >= e.date.slice(0, 10), {
    message: "until is before date",
    path: ["until"],
  });

export const eventsFile = z.strictObject({ events: z.array(eventSpec) });

export interface EventSource {
  url: string;
  grade: Grade;
  note?: string;
}

export interface Participant {
  name: string;
  office: string;
  side: "US" | "CN" | "other";
}

export interface TimelineEvent {
  id: string;
  kind: EventKind;
  title: string;
  side: Side;
  /** Local start date YYYY-MM-DD in `zone`. */
  date: string;
  /** Local time HH:MM when the data gives one; absent for a whole day. */
  time?: string;
  until?: string;
  zone: string;
  /** Start: the local time given, or local midnight of `date`. */
  instant: number;
  place?: string;
  participants: Participant[];
  outcome: string;
  measures: string[];
  instruments: string[];
  citation?: string;
  sources: EventSource[];
  confirmed: boolean;
  note?: string;
  /** File under data/events it was read from. */
  file: string;
}

export class EventsError extends Error {
  constructor(readonly problems: string[]) {
    super(`the events data is invalid:\n  ${problems.join("\n  ")}`);
  }
}

function defaultZone(side: Side): string | undefined {
  return side === "US" ? US_ZONE : side === "CN" ? CN_ZONE : undefined;
}

/**
 * Reads every YAML file under data/events. Throws EventsError listing every problem: schema errors
 * with their path, duplicate ids, unknown zones, and links to measures or instruments the law lacks.
 * Events are returned sorted by start instant, then id.
 */
export function loadEvents(law: Law, dataDir: string = defaultDataDir()): TimelineEvent[] {
  const dir = join(dataDir, "events");
  if (!existsSync(dir)) return [];
  const problems: string[] = [];
  const out: TimelineEvent[] = [];
  const seen = new Map<string, string>();
  for (const path of yamlFiles(dir)) {
    const file = relative(dir, path);
    const parsed = readYamlFile(path, file, eventsFile, problems);
    if (parsed === undefined) continue;
    for (const e of parsed.events) {
      const where = `${file}: event ${e.id}`;
      if (seen.has(e.id)) {
        problems.push(`${where}: id also used in ${seen.get(e.id)}`);
        continue;
      }
      seen.set(e.id, file);
      for (const m of e.measures ?? [])
        if (!law.byId.has(m)) problems.push(`${where}: links to unknown measure ${m}`);
      for (const i of e.instruments ?? [])
        if (!law.instruments.has(i)) problems.push(`${where}: links to unknown instrument ${i}`);
      const zone = e.zone ?? defaultZone(e.side) ?? US_ZONE;
      let instant: number;
      try {
        instant = zonedInstant(e.date, zone);
      } catch (err) {
        problems.push(`${where}: ${(err as Error).message}`);
        continue;
      }
      const m = LOCAL_TIME.exec(e.date) as RegExpExecArray;
      out.push({
        id: e.id,
        kind: e.kind,
        title: e.title,
        side: e.side,
        date: m[1] as string,
        time: m[2],
        until: e.until,
        zone,
        instant,
        place: e.place,
        participants: e.participants ?? [],
        outcome: e.outcome,
        measures: e.measures ?? [],
        instruments: e.instruments ?? [],
        citation: e.citation,
        sources: e.sources,
        confirmed: e.confirmed,
        note: e.note,
        file,
      });
    }
  }
  if (problems.length > 0) throw new EventsError(problems);
  return out.sort((a, b) => a.instant - b.instant || a.id.localeCompare(b.id));
}

export interface EventFilter {
  /** First local date (YYYY-MM-DD), inclusive. */
  from?: string;
  /** Last local date (YYYY-MM-DD), inclusive. */
  to?: string;
  kinds?: ReadonlySet<EventKind>;
  /** Only events linked to this measure id. */
  measure?: string;
}

/** Events overlapping the dates (a several-day event counts if any of its days is in), of the kinds. */
export function filterEvents(events: readonly TimelineEvent[], f: EventFilter): TimelineEvent[] {
  return events.filter(
    (e) =>
      (f.from === undefined || (e.until ?? e.date) >= f.from) &&
      (f.to === undefined || e.date <= f.to) &&
      (f.kinds === undefined || f.kinds.has(e.kind)) &&
      (f.measure === undefined || e.measures.includes(f.measure)),
  );
}

/** Parses "round,summit" into kinds; throws naming the unknown ones. */
export function parseKinds(text: string): Set<EventKind> {
  const kinds = text
    .split(",")
    .map((k) => k.trim())
    .filter((k) => k !== "");
  const bad = kinds.filter((k) => !(EVENT_KINDS as readonly string[]).includes(k));
  if (bad.length > 0 || kinds.length === 0)
    throw new Error(`unknown kind ${bad.join(", ") || "(none)"}: expected some of ${EVENT_KINDS.join(", ")}`);
  return new Set(kinds as EventKind[]);
}
