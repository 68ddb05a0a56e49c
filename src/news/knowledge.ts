/**
 * What Truce already knows, in the form the news extractors match against: the gazetteer of people,
 * places and organisations, and the measures, timeline events, deadlines and export controls with
 * their dates (local, in the issuer's zone) and rates (percent). Pure: built once per process from
 * what the caller has loaded (see `loadNewsKnowledge`), then shared by every article.
 */
import type { Controls } from "../controls/model.js";
import type { Deadline } from "../law/changes.js";
import type { EventKind, TimelineEvent } from "../law/events.js";
import type { Issuer, Law } from "../law/model.js";
import { localDate } from "../units/time.js";
import type { Gazetteer } from "./gazetteer.js";

/** A measure's dated values: local date of each, its rate in percent (null: status only) and status. */
export interface KnownMeasure {
  id: string;
  instrument: string;
  issuer: Issuer;
  authority: string;
  label: string;
  /** ISO2 origins it applies to; null: every origin. */
  origins: readonly string[] | null;
  values: readonly { date: string; percent: number | null; status: string }[];
}

export interface KnownEvent {
  id: string;
  kind: EventKind;
  side: "US" | "CN" | "both";
  date: string;
  until?: string;
  place?: string;
  participants: readonly string[];
  measures: readonly string[];
  instruments: readonly string[];
  title: string;
  /** The percentages its title and outcome state. */
  percents: readonly number[];
}

/** A dated step of the law (a change) or a deadline event, as `truce deadlines` lists them. */
export interface KnownDeadline {
  /** The event id for a deadline event, the iCalendar uid for a change of the law. */
  id: string;
  target: "deadline" | "event";
  date: string;
  side: "US" | "CN" | "both";
  measures: readonly string[];
  summary: string;
  percents: readonly number[];
}

export interface KnownControl {
  id: string;
  issuer: Issuer;
  label: string;
  /** Local dates of its steps, with the status each sets. */
  steps: readonly { date: string; status: string; until?: string }[];
}

export interface NewsKnowledge {
  readonly gazetteer: Gazetteer;
  readonly measures: readonly KnownMeasure[];
  readonly events: readonly KnownEvent[];
  readonly deadlines: readonly KnownDeadline[];
  readonly controls: readonly KnownControl[];
}

export const EMPTY_KNOWLEDGE: NewsKnowledge = {
  gazetteer: { people: [], places: [], organisations: [] },
  measures: [],
  events: [],
  deadlines: [],
  controls: [],
};

export interface KnowledgeInputs {
  gazetteer: Gazetteer;
  law: Law;
  events: readonly TimelineEvent[];
  /** Every deadline of the law and the timeline (`deadlines(law, events, window)` over all dates). */
  deadlines: readonly Deadline[];
  controls?: Controls;
}

const PERCENT = /(\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b|(?:percentage )?points?\b)/g;

/** The percentages a text states ("34%", "24 percent", "24 points" of a rate), each once, in order. */
export function percentsIn(text: string): number[] {
  return [...new Set([...text.matchAll(PERCENT)].map((m) => Number(m[1])))];
}

/** 1% is 10,000 ppm: exact for every rate the law holds (whole ppm). */
const percentOf = (ppm: number): number => ppm / 10_000;

const DEADLINE_EVENT_UID = /^event\.(.+)@truce$/;

export function buildNewsKnowledge(inputs: KnowledgeInputs): NewsKnowledge {
  const measures: KnownMeasure[] = inputs.law.measures.map((m) => ({
    id: m.id,
    instrument: m.instrument.id,
    issuer: m.issuer,
    authority: m.authority,
    label: m.label,
    origins: m.origins === null ? null : [...m.origins].sort(),
    values: m.values.map((v) => ({
      date: localDate(v.from, m.zone),
      percent: v.ppm === null ? null : percentOf(v.ppm),
      status: v.status,
    })),
  }));
  const events: KnownEvent[] = inputs.events.map((e) => ({
    id: e.id,
    kind: e.kind,
    side: e.side,
    date: e.date,
    ...(e.until === undefined ? {} : { until: e.until }),
    ...(e.place === undefined ? {} : { place: e.place }),
    participants: e.participants.map((p) => p.name),
    measures: e.measures,
    instruments: e.instruments,
    title: e.title,
    percents: percentsIn(`${e.title} ${e.outcome}`),
  }));
  const deadlines: KnownDeadline[] = inputs.deadlines.map((d) => {
    const eventId = DEADLINE_EVENT_UID.exec(d.uid)?.[1];
    return {
      id: eventId ?? d.uid,
      target: eventId === undefined ? "deadline" : "event",
      date: d.date,
      side: d.side,
      measures: d.measures,
      summary: d.summary,
      percents: percentsIn(`${d.summary} ${d.what}`),
    };
  });
  const controls: KnownControl[] = (inputs.controls?.controls ?? []).map((c) => ({
    id: c.id,
    issuer: c.issuer,
    label: c.label,
    steps: c.steps.map((s) => ({
      date: localDate(s.from, c.zone),
      status: s.status,
      ...(s.until === undefined ? {} : { until: localDate(s.until, c.zone) }),
    })),
  }));
  return { gazetteer: inputs.gazetteer, measures, events, deadlines, controls };
}
