/**
 * The news gazetteer (data/news/gazetteer.yaml): the people of the timeline with their Chinese
 * names, aliases and dated offices, and the places and organisations the extractor recognises.
 * Built by scripts/build-gazetteer.ts from data/events/*.yaml and data/news/gazetteer-sources.yaml.
 */
import { join } from "node:path";
import { z } from "zod";
import { eventsFile } from "../law/events.js";
import { calendarDate } from "../law/schema.js";
import { readYamlFile, yamlFiles } from "../law/yaml-files.js";

export const GAZETTEER_FILE = join("news", "gazetteer.yaml");

const side = z.enum(["US", "CN", "other"]);

const office = z.strictObject({
  office: z.string().min(2),
  /** First and last date (local) the data shows the person in this office. */
  from: calendarDate.optional(),
  until: calendarDate.optional(),
  /** Timeline events (data/events ids) that show the person in this office. */
  events: z.array(z.string()).optional(),
});

export const gazetteerPerson = z.strictObject({
  name: z.string().min(2),
  side,
  /** Other names, each denoting this person alone: matched anywhere. */
  aliases: z.array(z.string().min(2)).default([]),
  /** Matched alone only after a full mention in the same article. */
  surname: z.string().min(2).optional(),
  offices: z.array(office).min(1),
  /** Where the names come from; the offices seen in the timeline cite its events (office.events). */
  sources: z.array(z.url()).default([]),
});

export const gazetteerPlace = z.strictObject({
  name: z.string().min(2),
  country: z.string().regex(/^[A-Z]{2}$/),
  aliases: z.array(z.string().min(2)).default([]),
});

export const gazetteerOrganisation = z.strictObject({
  name: z.string().min(2),
  side,
  aliases: z.array(z.string().min(2)).default([]),
});

export const gazetteerFile = z.strictObject({
  people: z.array(gazetteerPerson),
  places: z.array(gazetteerPlace),
  organisations: z.array(gazetteerOrganisation),
});

export type Gazetteer = z.infer<typeof gazetteerFile>;
export type GazetteerPerson = z.infer<typeof gazetteerPerson>;

export class GazetteerError extends Error {}

/** Reads and validates data/news/gazetteer.yaml; throws GazetteerError naming every problem. */
export function loadGazetteer(dataDir: string): Gazetteer {
  const problems: string[] = [];
  const parsed = readYamlFile(join(dataDir, GAZETTEER_FILE), GAZETTEER_FILE, gazetteerFile, problems);
  if (parsed === undefined) {
    throw new GazetteerError(`the news gazetteer is invalid:\n  ${problems.join("\n  ")}`);
  }
  const clash = aliasClashes(parsed);
  if (clash.length > 0) {
    throw new GazetteerError(`the news gazetteer is ambiguous:\n  ${clash.join("\n  ")}`);
  }
  return parsed;
}

/** Every name or alias that stands for two entries of the gazetteer (a name must denote one). */
export function aliasClashes(g: Gazetteer): string[] {
  const owner = new Map<string, string>();
  const problems: string[] = [];
  const entries = [
    ...g.people.map((p) => ({ key: `person ${p.name}`, names: [p.name, ...p.aliases] })),
    ...g.places.map((p) => ({ key: `place ${p.name}`, names: [p.name, ...p.aliases] })),
    ...g.organisations.map((o) => ({ key: `organisation ${o.name}`, names: [o.name, ...o.aliases] })),
  ];
  for (const { key, names } of entries) {
    for (const name of new Set(names)) {
      const before = owner.get(name);
      if (before !== undefined && before !== key) problems.push(`"${name}" names both ${before} and ${key}`);
      else owner.set(name, key);
    }
  }
  return problems;
}

/** The hand-kept part (data/news/gazetteer-sources.yaml): aliases, Chinese names, places, organisations. */
export const GAZETTEER_SOURCES_FILE = join("news", "gazetteer-sources.yaml");

export const gazetteerSourcesFile = z.strictObject({
  people: z.array(
    z.strictObject({
      name: z.string().min(2),
      aliases: z.array(z.string().min(2)).default([]),
      surname: z.string().min(2).optional(),
      /** Needed for someone who takes part in no timeline event. */
      side: side.optional(),
      offices: z
        .array(
          z.strictObject({ office: z.string().min(2), from: calendarDate, until: calendarDate.optional() }),
        )
        .optional(),
      source: z.url(),
    }),
  ),
  places: z.array(gazetteerPlace),
  organisations: z.array(gazetteerOrganisation),
});
export type GazetteerSources = z.infer<typeof gazetteerSourcesFile>;

/** A participant of a timeline event, with the event's id and local date. */
export interface ParticipantSighting {
  event: string;
  date: string;
  name: string;
  office: string;
  side: "US" | "CN" | "other";
}

/**
 * The gazetteer: every participant of the timeline, with each office dated by the first and last
 * event that shows it, merged with the hand-kept aliases, Chinese names and extra people. Throws
 * GazetteerError for a participant seen on two sides or a hand entry of no side.
 */
export function deriveGazetteer(
  sightings: readonly ParticipantSighting[],
  sources: GazetteerSources,
): Gazetteer {
  const people = new Map<
    string,
    { side: string; offices: Map<string, { from: string; until: string; events: string[] }> }
  >();
  const sorted = [...sightings].sort(
    (a, b) => a.date.localeCompare(b.date) || a.event.localeCompare(b.event),
  );
  for (const s of sorted) {
    const person = people.get(s.name) ?? { side: s.side, offices: new Map() };
    if (person.side !== s.side) {
      throw new GazetteerError(
        `${s.name} is on side ${person.side} and, in event ${s.event}, on side ${s.side}`,
      );
    }
    const office = person.offices.get(s.office) ?? { from: s.date, until: s.date, events: [] };
    office.until = s.date;
    office.events.push(s.event);
    person.offices.set(s.office, office);
    people.set(s.name, person);
  }
  const hand = new Map(sources.people.map((p) => [p.name, p]));
  const names = [...new Set([...people.keys(), ...hand.keys()])].sort();
  return {
    people: names.map((name) => {
      const seen = people.get(name);
      const extra = hand.get(name);
      const side = seen?.side ?? extra?.side;
      if (side === undefined) {
        throw new GazetteerError(
          `${name} (gazetteer-sources.yaml) takes part in no timeline event: give a side and offices`,
        );
      }
      const offices = [
        ...[...(seen?.offices ?? [])].map(([office, o]) => ({
          office,
          from: o.from,
          until: o.until,
          events: o.events,
        })),
        ...(extra?.offices ?? []),
      ];
      if (offices.length === 0) throw new GazetteerError(`${name} has no office`);
      return {
        name,
        side: side as "US" | "CN" | "other",
        aliases: extra?.aliases ?? [],
        ...(extra?.surname === undefined ? {} : { surname: extra.surname }),
        offices,
        sources: extra === undefined ? [] : [extra.source],
      };
    }),
    places: sources.places,
    organisations: sources.organisations,
  };
}

export const gazetteerHeader =
  "# GENERATED by scripts/build-gazetteer.ts from data/events/*.yaml (participants) and\n" +
  "# data/news/gazetteer-sources.yaml (names, places, organisations): edit those, then run the script.\n";

/** The participants of every event under data/events, and the hand-kept sources file. */
export function readGazetteerInputs(dataDir: string): {
  sightings: ParticipantSighting[];
  sources: GazetteerSources;
} {
  const problems: string[] = [];
  const sightings: ParticipantSighting[] = [];
  for (const path of yamlFiles(join(dataDir, "events"))) {
    const parsed = readYamlFile(path, path, eventsFile, problems);
    for (const e of parsed?.events ?? []) {
      for (const p of e.participants ?? []) sightings.push({ event: e.id, date: e.date.slice(0, 10), ...p });
    }
  }
  const sources = readYamlFile(
    join(dataDir, GAZETTEER_SOURCES_FILE),
    GAZETTEER_SOURCES_FILE,
    gazetteerSourcesFile,
    problems,
  );
  if (sources === undefined || problems.length > 0) {
    throw new GazetteerError(`the gazetteer's inputs are invalid:\n  ${problems.join("\n  ")}`);
  }
  return { sightings, sources };
}
