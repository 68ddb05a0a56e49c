/**
 * Candidate events: the kind of announcement a sentence makes (its verbs and their tense), dated
 * from the sentence's date items, with its side, linked to the measures, deadlines, timeline events
 * and export controls Truce knows (each link with its reason), flagged new when nothing links, and
 * flagged contradicting when a linked measure has another rate or date in the data. A quoted or
 * older statement (an old date, "had threatened", "last year") is marked `reported`, with less
 * confidence.
 */

import type { EventKind } from "../law/events.js";
import { localDate } from "../units/time.js";
import type {
  DateItem,
  EventItem,
  EventLink,
  NewsEventKind,
  NewsItem,
  OrganisationItem,
  PersonItem,
  PlaceItem,
  RateItem,
} from "./contract.js";
import { countryCode, countryPattern } from "./countries.js";
import type { KnownMeasure, NewsKnowledge } from "./knowledge.js";
import type { Published } from "./published.js";
import { type Span, sentenceSpans } from "./sentences.js";

const TARIFF_WORD = /\b(?:tariffs?|duties|duty|levies|levy|surcharges?|counter-tariffs?)\b/i;
const FUTURE = /\b(?:will|would|shall|plans? to|is set to|are set to|is to|are to|intends? to|going to)\b/i;

/** The tariff kinds, most specific first: a threat to extend is a threat, an extended suspension an extension. */
const TARIFF_RULES: readonly [NewsEventKind, RegExp][] = [
  [
    "tariff-threatened",
    /\b(?:threat(?:en|ens|ened|ening)?|warn(?:s|ed)?|vow(?:s|ed)?|could (?:impose|face|slap)|would (?:impose|face|slap)|may impose)\b/i,
  ],
  ["tariff-extended", /\b(?:extend(?:s|ed|ing)?|extension|prolong(?:s|ed)?)\b/i],
  ["tariff-suspended", /\b(?:suspend(?:s|ed|ing)?|suspension|pause[sd]?|pausing|delay(?:s|ed)?)\b/i],
  [
    "tariff-ended",
    /\b(?:lift(?:s|ed)?|remov(?:e|es|ed|ing)|scrap(?:s|ped)?|end(?:s|ed)?|drop(?:s|ped)?|cancel(?:s|led|ed)?|revok(?:e|es|ed)|terminat(?:e|es|ed)|rescind(?:s|ed)?|abolish(?:es|ed)?)\b/i,
  ],
  [
    "tariff-imposed",
    /\b(?:impos(?:e|es|ed|ing)|took effect|take effect|takes effect|came into (?:force|effect)|went into effect|levied|slap(?:s|ped)?|put(?:s|ting)?|rais(?:e|es|ed)|hik(?:e|es|ed)|increas(?:e|es|ed)|cut(?:s)?|lower(?:s|ed)|reduc(?:e|es|ed)|halved|collect(?:s|ed|ing))\b/i,
  ],
  [
    "tariff-announced",
    /\b(?:announc(?:e|es|ed|ing)|unveil(?:s|ed)?|proclamation|executive order|order(?:s|ed)|sign(?:s|ed))\b/i,
  ],
];

const EXPORT_CONTROL = /\bexport (?:controls?|restrictions?|bans?|curbs?|licen[cs]ing)\b/i;
const SUSPENDING = /\b(?:suspend(?:s|ed|ing)?|suspension|pause[sd]?|delay(?:s|ed)?|lift(?:s|ed)?)\b/i;
const IMPOSING =
  /\b(?:impos(?:e|es|ed|ing)|announc(?:e|es|ed)|tighten(?:s|ed)?|expand(?:s|ed)?|introduc(?:e|es|ed)|unveil(?:s|ed)?|new|restrict(?:s|ed)?|add(?:s|ed)?)\b/i;
const BLACKLIST =
  /\b(?:entity list|unreliable entity list|blacklist(?:ed|s)?|export control list|military end-user list)\b/i;
const ADDING =
  /\b(?:add(?:s|ed|ing)?|put(?:s)?|plac(?:e|es|ed)|expand(?:s|ed)?|includ(?:e|es|ed)|blacklist(?:ed|s))\b/i;
const PURCHASE = /\b(?:buy|buys|buying|bought|purchas(?:e|es|ed|ing))\b/i;
const PURCHASE_OBJECT =
  /\b(?:soybeans?|Boeing|aircraft|farm|agricultural|energy|LNG|crude|tonnes|tons|commit(?:s|ted|ment)?|pledg(?:e|es|ed)|agree(?:s|d)?|resum(?:e|es|ed))\b/i;
/** What the two sides agreed and may extend or suspend: a tariff matter even with no tariff word. */
const TRUCE_LIKE = /\b(?:truce|arrangements?|suspension|pause)\b/i;
const TRUCE = /\b(?:truce|suspension|pause)\b/i;
const EXPIRY = /\b(?:expir(?:e|es|ed|y|ation)|laps(?:e|es|ed)|runs? out|ran out|end(?:s)? on)\b/i;
const COURT =
  /\b(?:Supreme Court|Court of International Trade|appeals court|Federal Circuit|court|judges?|justices)\b/i;
const RULING =
  /\b(?:rul(?:e|es|ed|ing)|struck down|strikes down|uph(?:e|o)ld(?:s)?|decision|held|found that)\b/i;
const SUMMIT = /\b(?:summit|state visit|leaders'? meeting)\b/i;
const TALKS = /\b(?:talks|negotiations?|round of|consultations?|negotiators|met|meet(?:s|ing)?)\b/i;

/** Old statements: a past-perfect report, a time long gone. */
const OLDER =
  /\b(?:had (?:said|threatened|announced|imposed|warned|vowed|promised|agreed)|last year|earlier this year|back in|at the time|previously|in (?:19|20)\d\d\b)/i;
const QUOTE_OPEN = /^["“‘']/;
/** A date this many days before publication makes a statement old news. */
const OLD_DAYS = 30;

/** Authorities a sentence names by topic, for linking to measures whose rate it may not state. */
const TOPICS: readonly [RegExp, RegExp][] = [
  [/\bfentanyl\b/i, /^(?:ieepa-fentanyl|cn-countermeasure-2025-fentanyl)$/],
  [/\breciprocal\b/i, /^(?:ieepa-reciprocal|cn-counter-reciprocal)$/],
  [/\bSection 301\b|\b301 (?:tariffs|duties)\b/i, /^section-301(?:-review)?$/],
  [/\bSection 122\b/i, /^section-122$/],
  [/\bsteel\b/i, /^section-232-steel$/],
  [/\balumin(?:i)?um\b/i, /^section-232-aluminum$/],
  [/\bcopper\b/i, /^section-232-copper$/],
  [/\blumber|timber|furniture|kitchen cabinets\b/i, /^section-232-lumber$/],
  [/\bsemiconductors?|chips\b/i, /^section-232-semiconductors$/],
  [/\bdrones?\b/i, /^section-232-uas$/],
  [/\bfarm|agricultural|soybeans?\b/i, /^cn-countermeasure-2025-farm$/],
];

/** Timeline kinds an event of the news may be. */
const TIMELINE_KINDS: Readonly<Record<NewsEventKind, readonly EventKind[]>> = {
  talks: ["round", "call"],
  summit: ["summit"],
  "tariff-announced": ["announcement", "threat"],
  "tariff-threatened": ["threat"],
  "tariff-imposed": ["announcement"],
  "tariff-suspended": ["announcement"],
  "tariff-extended": ["announcement"],
  "tariff-ended": ["announcement"],
  "export-control-imposed": ["announcement"],
  "export-control-suspended": ["announcement"],
  "blacklist-expanded": ["announcement"],
  "purchase-commitment": ["summit", "announcement", "round"],
  "truce-expiry": [],
  "court-ruling": ["court"],
};

/** Days either side of a timeline event's dates within which a candidate's date matches it. */
const EVENT_WINDOW_DAYS = 3;

function kindsOf(
  sentence: string,
  rates: readonly RateItem[],
  people: readonly PersonItem[],
): NewsEventKind[] {
  const kinds: NewsEventKind[] = [];
  if (COURT.test(sentence) && RULING.test(sentence)) kinds.push("court-ruling");
  if (TRUCE.test(sentence) && EXPIRY.test(sentence)) kinds.push("truce-expiry");
  const leaders = new Set(people.map((p) => p.name));
  if (
    SUMMIT.test(sentence) ||
    (/\bmeet|met|meeting\b/i.test(sentence) && leaders.has("Donald Trump") && leaders.has("Xi Jinping"))
  ) {
    kinds.push("summit");
  } else if (
    TALKS.test(sentence) &&
    (/\btalks|negotiat|consultation|round\b/i.test(sentence) || people.length >= 2)
  ) {
    kinds.push("talks");
  }
  if (EXPORT_CONTROL.test(sentence)) {
    if (SUSPENDING.test(sentence)) kinds.push("export-control-suspended");
    else if (IMPOSING.test(sentence)) kinds.push("export-control-imposed");
  }
  if (BLACKLIST.test(sentence) && ADDING.test(sentence)) kinds.push("blacklist-expanded");
  if (PURCHASE.test(sentence) && PURCHASE_OBJECT.test(sentence)) kinds.push("purchase-commitment");
  const aboutTariffs = rates.length > 0 || TARIFF_WORD.test(sentence) || TRUCE_LIKE.test(sentence);
  if (aboutTariffs && !kinds.includes("truce-expiry") && !kinds.includes("court-ruling")) {
    const tariff = TARIFF_RULES.find(([, re]) => re.test(sentence))?.[0];
    if (tariff === "tariff-imposed" && FUTURE.test(sentence)) kinds.push("tariff-announced");
    else if (tariff !== undefined) kinds.push(tariff);
  }
  return kinds;
}

let countryWords: RegExp | undefined;

/** The first country named in a sentence that is the US or China ("Washington", "Chinese" ...). */
function firstSideWord(sentence: string): "US" | "CN" | undefined {
  countryWords ??= new RegExp(countryPattern(), "g");
  for (const m of sentence.matchAll(countryWords)) {
    const code = countryCode(m[0]);
    if (code === "US" || code === "CN") return code;
  }
  return undefined;
}

function sideOf(
  kind: NewsEventKind,
  sentence: string,
  rates: readonly RateItem[],
  actors: readonly (PersonItem | OrganisationItem)[],
  orgSide: ReadonlyMap<string, string>,
): "US" | "CN" | "both" | undefined {
  if (kind === "talks" || kind === "summit") return "both";
  const charger = rates.find((r) => r.importer === "US" || r.importer === "CN")?.importer;
  if (charger === "US" || charger === "CN") return charger;
  const sides = actors
    .map((a) => ({ at: a.start, side: a.kind === "person" ? a.side : orgSide.get(a.name) }))
    .filter((a) => a.side === "US" || a.side === "CN");
  const first = sides[0]?.side;
  if (first === "US" || first === "CN") return first;
  return firstSideWord(sentence);
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) =>
  Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY_MS;
const daysBetween = (a: string, b: string) => dayNumber(b) - dayNumber(a);

/** Words before a date that make it the date a measure starts or ends ("from November 1", "until ..."). */
const EFFECTIVE_LEAD =
  /\b(?:from|starting|effective|as of|beginning|takes? effect(?: on)?|until|through|till)\s+(?:\w+\s+)?$/i;

const ledBy = (sentence: string, sentenceStart: number, d: DateItem) =>
  EFFECTIVE_LEAD.test(sentence.slice(Math.max(0, d.start - sentenceStart - 25), d.start - sentenceStart));

/** The date of an event: the one a measure starts or ends on ("from November 1"), or else the first. */
function eventDate(
  sentence: string,
  sentenceStart: number,
  dates: readonly DateItem[],
): DateItem | undefined {
  return dates.find((d) => ledBy(sentence, sentenceStart, d)) ?? dates[0];
}

/** The dates something starts or ends on: a measure's date in the data should match them. */
function effectiveDates(sentence: string, sentenceStart: number, dates: readonly DateItem[]): string[] {
  return dates.filter((d) => ledBy(sentence, sentenceStart, d)).map((d) => d.date);
}

interface Candidate {
  kind: NewsEventKind;
  /** The publication's local date. */
  today: string;
  side?: "US" | "CN" | "both";
  dates: string[];
  effective: string[];
  rates: RateItem[];
  people: string[];
  places: string[];
  sentence: string;
}

const formatPercent = (v: number) => `${v}%`;

/** The rates in percent of a sentence (not changes in points). */
const percentValues = (rates: readonly RateItem[]): number[] =>
  rates.filter((r) => r.value !== undefined && r.unit === undefined).map((r) => r.value as number);

function linkEvents(c: Candidate, knowledge: NewsKnowledge): EventLink[] {
  const links: EventLink[] = [];
  const kinds = TIMELINE_KINDS[c.kind];
  const values = new Set(percentValues(c.rates));
  for (const e of knowledge.events) {
    if (!kinds.includes(e.kind)) continue;
    const facets: string[] = [];
    const date = c.dates.find(
      (d) =>
        daysBetween(e.date, d) >= -EVENT_WINDOW_DAYS &&
        daysBetween(e.until ?? e.date, d) <= EVENT_WINDOW_DAYS,
    );
    if (date !== undefined) facets.push(`date ${date}`);
    const rate = e.percents.find((p) => values.has(p));
    if (rate !== undefined) facets.push(`rate ${formatPercent(rate)}`);
    const place = c.places.find((p) => (e.place ?? e.title).includes(p));
    if (place !== undefined) facets.push(`place ${place}`);
    const people = c.people.filter((p) => e.participants.includes(p));
    if (people.length > 0) facets.push(`participants ${people.join(", ")}`);
    const sideMatches = c.side !== undefined && (e.side === c.side || e.side === "both" || c.side === "both");
    const meeting = c.kind === "talks" || c.kind === "summit" || c.kind === "purchase-commitment";
    const linked = meeting
      ? (date !== undefined && (place !== undefined || people.length > 0)) ||
        (place !== undefined && people.length > 0 && c.dates.length === 0)
      : sideMatches &&
        ((date !== undefined && (rate !== undefined || c.rates.length === 0)) ||
          (rate !== undefined && c.dates.length === 0 && e.kind === "threat"));
    if (linked)
      links.push({ id: e.id, target: "event", reason: `same ${facets.join(" and ")} as ${e.kind} ${e.id}` });
  }
  return links;
}

function linkMeasures(
  c: Candidate,
  knowledge: NewsKnowledge,
): { links: EventLink[]; contradictions: string[] } {
  const links: EventLink[] = [];
  const contradictions: string[] = [];
  if (!c.kind.startsWith("tariff-") || (c.side !== "US" && c.side !== "CN")) return { links, contradictions };
  const topics = TOPICS.filter(([re]) => re.test(c.sentence)).map(([, authority]) => authority);
  const rates = c.rates.filter((r) => r.value !== undefined && r.unit === undefined && r.role !== "from");
  for (const m of knowledge.measures) {
    if (m.issuer !== c.side) continue;
    const origin = rates.find((r) => r.origin !== undefined)?.origin;
    if (origin !== undefined && m.origins !== null && !m.origins.includes(origin)) continue;
    const byTopic = topics.some((t) => t.test(m.authority));
    // A sentence that names its measure by topic ("the fentanyl tariff") is about that measure only.
    if (topics.length > 0 && !byTopic) continue;
    const sameRate = rates.find((r) => m.values.some((v) => v.percent === r.value));
    const sameDate = c.dates.find((d) => m.values.some((v) => Math.abs(daysBetween(v.date, d)) <= 1));
    const threat = c.kind === "tariff-threatened" && m.values.some((v) => v.status === "threatened");
    const facets: string[] = [];
    if (sameRate?.value !== undefined) facets.push(`rate ${formatPercent(sameRate.value)}`);
    if (sameDate !== undefined) facets.push(`date ${sameDate}`);
    if (byTopic) facets.push(`authority ${m.authority}`);
    if (threat) facets.push("status threatened");
    const linked =
      (sameRate !== undefined && (sameDate !== undefined || byTopic || threat)) ||
      (byTopic && sameDate !== undefined);
    if (!linked) continue;
    links.push({ id: m.id, target: "measure", reason: `same ${facets.join(" and ")} as measure ${m.id}` });
    contradictions.push(...measureContradictions(c, m, rates, byTopic));
  }
  return { links, contradictions };
}

/** A rate the measure never has, or a start date the data gives otherwise. */
function measureContradictions(
  c: Candidate,
  m: KnownMeasure,
  rates: readonly RateItem[],
  byTopic: boolean,
): string[] {
  const out: string[] = [];
  const dataRates = m.values.filter((v) => v.percent !== null);
  if (byTopic) {
    // A suspended part of a rate ("the 34% ... suspended") is no value of the measure in the data.
    for (const r of rates) {
      if (
        r.value !== undefined &&
        r.qualifier === undefined &&
        !r.suspended &&
        !dataRates.some((v) => v.percent === r.value)
      ) {
        out.push(
          `the article gives ${m.id} a rate of ${formatPercent(r.value)}; the data has ${dataRates.map((v) => `${v.percent}% from ${v.date}`).join(", ")}`,
        );
      }
    }
  }
  for (const r of rates) {
    const withRate = m.values.filter((v) => v.percent === r.value);
    if (withRate.length === 0) continue;
    for (const d of c.effective) {
      if (!withRate.some((v) => Math.abs(daysBetween(v.date, d)) <= 1)) {
        out.push(
          `the article dates ${formatPercent(r.value as number)} for ${m.id} from ${d}; the data has it from ${withRate.map((v) => v.date).join(", ")}`,
        );
      }
    }
  }
  return out;
}

/** Deadline kinds of the news: what ends or starts on a known date. */
const DEADLINE_KINDS = new Set<NewsEventKind>([
  "truce-expiry",
  "tariff-suspended",
  "tariff-extended",
  "tariff-imposed",
  "tariff-announced",
  "tariff-ended",
  "export-control-suspended",
]);

/** Kinds that speak of the end of a suspension: they link a deadline event by its date alone. */
const ENDING_KINDS = new Set<NewsEventKind>([
  "truce-expiry",
  "tariff-extended",
  "tariff-suspended",
  "export-control-suspended",
]);

function linkDeadlines(
  c: Candidate,
  knowledge: NewsKnowledge,
  measureLinks: ReadonlySet<string>,
): EventLink[] {
  if (!DEADLINE_KINDS.has(c.kind)) return [];
  const ending = ENDING_KINDS.has(c.kind);
  const values = new Set(percentValues(c.rates));
  const links: EventLink[] = [];
  for (const d of knowledge.deadlines) {
    if (c.side !== undefined && c.side !== "both" && d.side !== c.side && d.side !== "both") continue;
    const sameDate = c.dates.includes(d.date);
    // A change of the law links only through a measure the sentence is about, on its date.
    const measure = d.measures.find((m) => measureLinks.has(m));
    if (d.target === "deadline" && (!sameDate || measure === undefined)) continue;
    // A deadline event links by its date, or (an undated end: "remains suspended") by its rate if still to come.
    const rate =
      ending && c.kind !== "export-control-suspended" && !sameDate && d.date >= c.today && d.side === c.side
        ? d.percents.find((p) => values.has(p))
        : undefined;
    if (d.target === "event" && !(sameDate && (ending || measure !== undefined)) && rate === undefined)
      continue;
    const facets = [
      ...(sameDate ? [`date ${d.date}`] : []),
      ...(rate === undefined ? [] : [`rate ${formatPercent(rate)} and side ${d.side}`]),
      ...(measure === undefined ? [] : [`measure ${measure}`]),
    ];
    const upcoming = sameDate ? "" : "upcoming ";
    links.push({
      id: d.id,
      target: "deadline",
      reason: `same ${facets.join(" and ")} as ${upcoming}deadline ${d.id}`,
    });
  }
  return links;
}

function linkControls(c: Candidate, knowledge: NewsKnowledge): EventLink[] {
  if (!c.kind.startsWith("export-control-") || c.dates.length === 0) return [];
  const links: EventLink[] = [];
  for (const control of knowledge.controls) {
    if (c.side !== undefined && c.side !== "both" && control.issuer !== c.side) continue;
    for (const step of control.steps) {
      const starts = c.dates.find((d) => Math.abs(daysBetween(step.date, d)) <= 1);
      const until = c.dates.find((d) => step.until === d);
      if (starts === undefined && until === undefined) continue;
      const facet =
        until === undefined
          ? `date ${step.date} (${step.status})`
          : `end date ${until} of the ${step.status} step`;
      links.push({ id: control.id, target: "control", reason: `same ${facet} as control ${control.id}` });
      break;
    }
  }
  return links;
}

const within = (s: Span) => (i: { start: number; end: number }) => i.start >= s.start && i.end <= s.end;

export function extractEvents(
  text: string,
  found: readonly NewsItem[],
  knowledge: NewsKnowledge,
  published: Published,
): EventItem[] {
  const today = localDate(published.ms, published.zone);
  const orgSide = new Map(knowledge.gazetteer.organisations.map((o) => [o.name, o.side]));
  const out: EventItem[] = [];
  for (const s of sentenceSpans(text)) {
    const sentence = text.slice(s.start, s.end);
    const inside = found.filter(within(s));
    const rates = inside.filter((i): i is RateItem => i.kind === "rate");
    const people = inside.filter((i): i is PersonItem => i.kind === "person");
    const kinds = kindsOf(sentence, rates, people);
    if (kinds.length === 0) continue;
    const dates = inside.filter((i): i is DateItem => i.kind === "date");
    const places = inside.filter((i): i is PlaceItem => i.kind === "place").map((p) => p.name);
    const actors = inside.filter(
      (i): i is PersonItem | OrganisationItem => i.kind === "person" || i.kind === "organisation",
    );
    const date = eventDate(sentence, s.start, dates);
    const old =
      dates.some((d) => daysBetween(d.date, today) > OLD_DAYS) &&
      !dates.some((d) => daysBetween(d.date, today) <= OLD_DAYS);
    const reported =
      OLDER.test(sentence) ||
      (old && !FUTURE.test(sentence)) ||
      (QUOTE_OPEN.test(sentence) && OLDER.test(sentence));
    for (const kind of kinds) {
      const side = sideOf(kind, sentence, rates, actors, orgSide);
      const c: Candidate = {
        kind,
        today,
        ...(side === undefined ? {} : { side }),
        dates: dates.map((d) => d.date),
        effective: effectiveDates(sentence, s.start, dates),
        rates,
        people: [...new Set(people.map((p) => p.name))],
        places: [...new Set(places)],
        sentence,
      };
      const measures = linkMeasures(c, knowledge);
      const links = [
        ...measures.links,
        ...linkEvents(c, knowledge),
        ...linkDeadlines(c, knowledge, new Set(measures.links.map((l) => l.id))),
        ...linkControls(c, knowledge),
      ];
      const base = 0.6 + (date === undefined ? 0 : 0.1) + (links.length > 0 ? 0.1 : 0);
      out.push({
        kind: "event",
        text: sentence,
        start: s.start,
        end: s.end,
        confidence: Math.round((reported ? base * 0.6 : base) * 100) / 100,
        eventKind: kind,
        ...(date === undefined
          ? {}
          : { date: date.date, ...(date.instant === undefined ? {} : { instant: date.instant }) }),
        ...(side === undefined ? {} : { side }),
        evidence: inside
          .filter((i) => i.kind !== "event")
          .map((i) => ({ start: i.start, end: i.end }))
          .sort((a, b) => a.start - b.start || a.end - b.end),
        links,
        isNew: links.length === 0,
        contradictions: [...new Set(measures.contradictions)],
        ...(reported ? { reported: true } : {}),
      });
    }
  }
  return out;
}
