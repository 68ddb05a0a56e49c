/**
 * The contract of `truce ingest`: what reading one news article yields. Other tools rely on it
 * (issue 13): extend it, never break it. Offsets are UTF-16 code units in the cleaned text.
 */

/** Kinds of page chrome removed before extraction. */
export const REMOVED_KINDS = [
  "markup",
  "breadcrumb",
  "related",
  "latest-news",
  "share",
  "footer",
  "disclaimer",
  "copyright",
  "site-description",
  "navigation",
  "advertisement",
  "newsletter",
  "comments",
  /** "By ..." and "Published:/Updated: ..." lines (the publication instant is read from them first). */
  "byline",
  /** Wire credits: "(Reporting by ...; Editing by ...)". */
  "credits",
  /** Press-release furniture: "FOR IMMEDIATE RELEASE", "###", media contacts. */
  "boilerplate",
] as const;
export type RemovedKind = (typeof REMOVED_KINDS)[number];

/** A span removed from the input, as offsets in the input text as given (before cleaning). */
export interface Removed {
  start: number;
  end: number;
  kind: RemovedKind;
  /** The first characters of what was removed, for the report. */
  text: string;
}

export const EVENT_KINDS_IN_NEWS = [
  "talks",
  "summit",
  "tariff-announced",
  "tariff-threatened",
  "tariff-imposed",
  "tariff-suspended",
  "tariff-extended",
  "tariff-ended",
  "export-control-imposed",
  "export-control-suspended",
  "blacklist-expanded",
  "purchase-commitment",
  "truce-expiry",
  "court-ruling",
] as const;
export type NewsEventKind = (typeof EVENT_KINDS_IN_NEWS)[number];

interface ItemBase {
  text: string;
  /** Offsets in the cleaned text: text === cleaned.slice(start, end). */
  start: number;
  end: number;
  /** 0..1: how sure the rule that found it is. */
  confidence: number;
}

export interface DateItem extends ItemBase {
  kind: "date";
  /** YYYY-MM-DD in the zone the text means (the publication zone unless it names another). */
  date: string;
  /** ISO instant with offset when a time of day is known. */
  instant?: string;
  /** Last day of a range ("May 10-11"). */
  until?: string;
  /** What the date was resolved against: "absolute", "relative to publication", ... */
  resolvedBy: string;
  /**
   * How much of `date` the text states: "day" (absent means day too), "month" ("end of September":
   * the date is the month's representative day, see docs/news.md), "year" ("earlier this year").
   */
  precision?: "day" | "month" | "year";
}

export interface RateItem extends ItemBase {
  kind: "rate";
  /** Percent (55 for 55%); absent for a vague level. */
  value?: number;
  /** A vague level kept as written ("triple-digit", "hefty"). */
  level?: string;
  /** "about", "up to", "additional" ... as written. */
  qualifier?: string;
  /** ISO2 of who charges the rate, when the text says. */
  importer?: string;
  /** ISO2 of the goods' origin, when the text says. */
  origin?: string;
  /** What it applies to ("Chinese goods", "steel"). */
  appliesTo?: string;
  /** "percentage-points" for a change in points ("10 percentage points"); absent for a rate in percent. */
  unit?: "percentage-points";
  /** In a change of rate: the rate before ("from 34%"), after ("to 10%") or the step ("by 10 points"). */
  role?: "from" | "to" | "by";
  /** ISO2 of a third country the rate is tied to when the text does not say who charges whom ("India's 50% tariff"). */
  concerns?: string;
  /** The clause says the rate is suspended or paused. */
  suspended?: boolean;
}

export interface PersonItem extends ItemBase {
  kind: "person";
  /** Canonical name, as in the gazetteer (or as written for someone not in it). */
  name: string;
  office?: string;
  side?: "US" | "CN" | "other";
  inGazetteer: boolean;
  /** The title the text gives the person just before the name ("Treasury Secretary"), as written. */
  title?: string;
}

export interface PlaceItem extends ItemBase {
  kind: "place";
  name: string;
}

export interface OrganisationItem extends ItemBase {
  kind: "organisation";
  name: string;
}

export interface EventLink {
  /** Id of a measure, instrument, deadline or timeline event Truce knows. */
  id: string;
  /** "measure" | "instrument" | "event" | "deadline" | "control" */
  target: string;
  reason: string;
}

export interface EventItem extends ItemBase {
  kind: "event";
  eventKind: NewsEventKind;
  /** YYYY-MM-DD when the sentence dates it. */
  date?: string;
  instant?: string;
  side?: "US" | "CN" | "both";
  /** Offsets (in the cleaned text) of the date, rate, person ... items of its sentence. */
  evidence: { start: number; end: number }[];
  links: EventLink[];
  /** True when no link was found: a candidate Truce does not know. */
  isNew: boolean;
  /** What in the data it contradicts (a different date or rate for a linked measure). */
  contradictions: string[];
  /** A quoted or reported older statement, not news of the day. */
  reported?: boolean;
}

export type NewsItem = DateItem | RateItem | PersonItem | PlaceItem | OrganisationItem | EventItem;

export interface IngestResult {
  /** ISO instant with offset, in the zone the page gave (or --published's). */
  published: string;
  /** IANA zone or fixed offset the publication instant was read in. */
  publishedZone: string;
  /** Where the publication instant came from: "meta", "json-ld", "dateline", "option" ... */
  publishedFrom: string;
  title?: string;
  removed: Removed[];
  items: NewsItem[];
  /** The cleaned text (printed with --text). */
  text: string;
}
