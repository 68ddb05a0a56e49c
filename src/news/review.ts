/**
 * The review of what an article proposes: which items are queued, how a reviewer edits one, and what
 * an accepted one becomes — a timeline event (kind, date, side, zone, with the article's span as
 * evidence and the article as its grade-W source) or a draft law file (the data/law format, grade W,
 * provisional, with what a reviewer must still fill in). Pure: the store keeps the queue.
 */
import { stringify } from "yaml";
import type { EventKind } from "../law/events.js";
import { instrumentFile } from "../law/schema.js";
import { genericness } from "../law/unconfirmed-facts.js";
import { textTable } from "../units/text-table.js";
import { CN_ZONE, isCalendarDate, US_ZONE } from "../units/time.js";
import {
  EVENT_KINDS_IN_NEWS,
  type EventItem,
  type IngestResult,
  type NewsEventKind,
  type NewsItem,
  type RateItem,
} from "./contract.js";

/** A bad review request (an unknown field, an item that cannot become what is asked): the reviewer's to fix. */
export class ReviewError extends Error {}

/** A decision asked of an item decided already (accepted or rejected): a decision is not taken twice. */
export class ReviewDecidedError extends ReviewError {}

/** The kinds of item the queue holds: events, and rates no event of the article cites. */
export type QueuedItem = EventItem | RateItem;

/** The article an item was read from, as the queue keeps it. */
export interface ArticleSource {
  id: number;
  sourceName: string;
  sha256: string;
  /** Where it was published, when the reviewer gave it. */
  url?: string;
  /** ISO instant with offset. */
  published: string;
  publishedZone: string;
  title?: string;
}

/** The article's address: its URL when given, else its content hash (which names exactly the text read). */
export function articleUrl(a: ArticleSource): string {
  return a.url ?? `urn:sha256:${a.sha256}`;
}

/** The items to review: every event, and every rate that is no event's evidence (a rate the events missed). */
export function itemsToQueue(result: IngestResult): QueuedItem[] {
  const events = result.items.filter((i): i is EventItem => i.kind === "event");
  const cited = new Set(events.flatMap((e) => e.evidence.map((s) => `${s.start}:${s.end}`)));
  return result.items.filter(
    (i): i is QueuedItem => i.kind === "event" || (i.kind === "rate" && !cited.has(`${i.start}:${i.end}`)),
  );
}

/** What a reviewer may set, per kind of item, and what each takes. */
const EDITABLE: Record<QueuedItem["kind"], Readonly<Record<string, string>>> = {
  event: textTable({
    eventKind: EVENT_KINDS_IN_NEWS.join("|"),
    date: "YYYY-MM-DD",
    time: "HH:MM (local, in the zone of the side)",
    side: "US|CN|both",
    title: "text",
    importer: "US|CN (for a draft law file)",
    rate: "a percent, e.g. 55 or 27.5 (for a draft law file)",
  }),
  rate: textTable({
    value: "a percent, e.g. 55 or 27.5",
    importer: "ISO2",
    origin: "ISO2",
    appliesTo: "text",
    date: "YYYY-MM-DD (from when, for a draft law file)",
    title: "text",
  }),
};

const PERCENT = /^\d{1,4}(\.\d{1,4})?$/;
const CHECKS = textTable<(v: string) => boolean>({
  eventKind: (v) => (EVENT_KINDS_IN_NEWS as readonly string[]).includes(v),
  date: isCalendarDate,
  time: (v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v),
  side: (v) => v === "US" || v === "CN" || v === "both",
  importer: (v) => /^[A-Z]{2}$/.test(v),
  origin: (v) => /^[A-Z]{2}$/.test(v),
  rate: (v) => PERCENT.test(v),
  value: (v) => PERCENT.test(v),
  title: (v) => v.trim().length >= 3,
  appliesTo: (v) => v.trim().length >= 2,
});

/** A queued item as edited: `field=value` settings checked against what its kind allows; the span is never edited. */
export function editedItem(item: QueuedItem, settings: readonly string[]): QueuedItem {
  if (settings.length === 0) throw new ReviewError("nothing to edit: give --set field=value (one or more)");
  const allowed = EDITABLE[item.kind];
  const out: Record<string, unknown> = { ...item };
  for (const setting of settings) {
    const eq = setting.indexOf("=");
    const field = eq < 0 ? setting : setting.slice(0, eq);
    const value = eq < 0 ? "" : setting.slice(eq + 1).trim();
    const takes = allowed[field];
    if (takes === undefined)
      throw new ReviewError(
        `a ${item.kind} item has no editable field "${field}": expected one of ${Object.keys(allowed).join(", ")}`,
      );
    if (eq < 0 || !(CHECKS[field] as (v: string) => boolean)(value))
      throw new ReviewError(`--set ${field}: expected ${takes}, got "${value}"`);
    out[field] = field === "value" || field === "rate" ? Number(value) : value;
  }
  return out as unknown as QueuedItem;
}

/** The kind of timeline event (data/events) a kind of news event is. */
const TIMELINE_KIND: Record<NewsEventKind, EventKind> = {
  talks: "round",
  summit: "summit",
  "tariff-announced": "announcement",
  "tariff-threatened": "threat",
  "tariff-imposed": "announcement",
  "tariff-suspended": "announcement",
  "tariff-extended": "announcement",
  "tariff-ended": "announcement",
  "export-control-imposed": "announcement",
  "export-control-suspended": "announcement",
  "blacklist-expanded": "announcement",
  "purchase-commitment": "announcement",
  "truce-expiry": "deadline",
  "court-ruling": "court",
};

interface Edits {
  title?: string;
  time?: string;
  importer?: string;
  rate?: number;
}

/** A timeline event made from an accepted event item. */
export interface ReviewedEventSpec {
  kind: EventKind;
  newsKind: NewsEventKind;
  title: string;
  side: "US" | "CN" | "both";
  date: string;
  time?: string;
  zone: string;
  /** The article's span the event rests on. */
  evidence: { start: number; end: number; text: string };
  sourceUrl: string;
  grade: "W";
}

function zoneOfSide(side: "US" | "CN" | "both", article: ArticleSource): string {
  return side === "US" ? US_ZONE : side === "CN" ? CN_ZONE : article.publishedZone;
}

function defaultTitle(e: EventItem, article: ArticleSource): string {
  return `${e.eventKind.replace(/-/g, " ")} (reported by ${article.title ?? article.sourceName})`;
}

/**
 * The timeline event of an accepted event item. Refuses an item that is not an event or has no date
 * (the reviewer sets one: nothing is dated by guess).
 */
export function reviewedEventOf(item: QueuedItem, article: ArticleSource): ReviewedEventSpec {
  if (item.kind !== "event")
    throw new ReviewError(
      `a ${item.kind} item becomes a timeline event only as part of an event: accept it with --as-law`,
    );
  const e = item as EventItem & Edits;
  if (e.date === undefined)
    throw new ReviewError("the event has no date: set it first (truce review edit ID --set date=YYYY-MM-DD)");
  const side = e.side ?? "both";
  return {
    kind: TIMELINE_KIND[e.eventKind],
    newsKind: e.eventKind,
    title: e.title ?? defaultTitle(e, article),
    side,
    date: e.date,
    ...(e.time ? { time: e.time } : {}),
    zone: zoneOfSide(side, article),
    evidence: { start: e.start, end: e.end, text: e.text },
    sourceUrl: articleUrl(article),
    grade: "W",
  };
}

/** The rate an event rests on: the one rate item with a value among its evidence spans, if exactly one. */
export function rateOfEvent(event: QueuedItem, items: readonly NewsItem[]): number | undefined {
  if (event.kind !== "event") return undefined;
  const spans = new Set(event.evidence.map((s) => `${s.start}:${s.end}`));
  const values = items.flatMap((i) =>
    i.kind === "rate" && i.value !== undefined && spans.has(`${i.start}:${i.end}`) ? [i.value] : [],
  );
  return values.length === 1 ? values[0] : undefined;
}

/** A draft law file: its id, the YAML text, and what a reviewer must still fill in before it can join data/law. */
export interface LawDraft {
  id: string;
  yaml: string;
  missing: string[];
}

function issuerOf(item: QueuedItem & Edits): "US" | "CN" {
  const issuer = item.importer ?? (item.kind === "event" ? item.side : undefined);
  if (issuer !== "US" && issuer !== "CN")
    throw new ReviewError(
      "a draft law file needs its issuer, and the item does not say whether the US or China acts: set it first (truce review edit ID --set importer=US or CN)",
    );
  return issuer;
}

/**
 * The draft law file of an accepted item: an instrument of kind `other`, grade W, with the article as
 * its URL and the span quoted in its citation and its unconfirmed fact (so every layer it would set is
 * provisional), and a value (status proposed) for the measure the event links to when the rate (set
 * by the reviewer, else `evidenceRate`, the event's own) and the date are known.
 * Validated with the law's schema and the check of unconfirmed facts; throws ReviewError when the
 * item lacks what even a draft needs (its issuer, a date).
 */
export function draftLawOf(
  item: QueuedItem,
  article: ArticleSource,
  itemId: number,
  evidenceRate?: number,
): LawDraft {
  const it = item as QueuedItem & Edits & { date?: string };
  const issuer = issuerOf(it);
  const published = article.published.slice(0, 10);
  const date = it.date;
  if (date === undefined)
    throw new ReviewError(
      "a draft law file needs the date the measure takes effect: set it first (--set date=YYYY-MM-DD)",
    );
  const rate = it.kind === "rate" ? it.value : (it.rate ?? evidenceRate);
  const what =
    it.kind === "event" ? it.eventKind.replace(/-/g, " ") : `a rate of ${rate ?? it.level ?? "?"}%`;
  const source = article.title ?? article.sourceName;
  const links = it.kind === "event" ? it.links.filter((l) => l.target === "measure").map((l) => l.id) : [];
  const id = `news-draft-${itemId}`;
  const rateText = rate === undefined ? "" : ` at ${rate}%`;
  const spec = {
    id,
    issuer,
    instrument: {
      kind: "other",
      title: it.title ?? `${what}${rateText} from ${date}, as reported in the news`,
      citation: `News report "${source}" (published ${article.published}), not a primary source: "${it.text}"`,
      url: articleUrl(article),
      announced: published,
      grade: "W",
      note: `Drafted by truce review from item ${itemId} of article ${article.id} (${article.sourceName}, sha256 ${article.sha256}); provisional until a primary source replaces the article.`,
      unconfirmed: [
        {
          fact: `The ${what}${rateText} from ${date} is from a news article published ${article.published} ("${it.text}")`,
          confirmBy: `the instrument of ${date} that sets it: its Federal Register document, CBP CSMS message or Customs Tariff Commission announcement number`,
        },
      ],
    },
    ...(links.length === 1 && rate !== undefined
      ? { values: [{ measure: links[0], from: date, rate: `${rate}%`, status: "proposed" }] }
      : {}),
  };
  const parsed = instrumentFile.safeParse(spec);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)),
    ...spec.instrument.unconfirmed.flatMap(genericness),
  ];
  if (problems.length > 0) throw new ReviewError(`the draft is not a valid law file: ${problems.join("; ")}`);
  const missing = [
    "instrument: the primary source (kind, number, citation and its cites, url on the issuer's site) and grade P once read, or keep grade S/W with the unconfirmed fact",
    links.length === 1 && rate !== undefined
      ? `values: the instant in the issuer's zone (not only the date ${date}), the status (final, suspended ...; drafted as proposed) and the heading`
      : "measures or values: the measure it creates or changes (authority, heading, origins, products) and its dated rate",
    ...(article.url === undefined
      ? ["instrument.url: the article's web address (the draft names it by its content hash)"]
      : []),
  ];
  return {
    id,
    yaml: `# Draft from the news (truce review): NOT part of the law until a reviewer completes it and moves it into data/law.\n${stringify(spec, { lineWidth: 0 })}`,
    missing,
  };
}
