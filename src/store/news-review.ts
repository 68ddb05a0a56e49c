/**
 * The review queue of news articles: `truce ingest --queue` keeps an article once (by the SHA-256 of
 * its raw input) with its candidate items pending; a reviewer edits, rejects or accepts each. An
 * accepted event becomes a timeline event kept here (grade W, the article's span as evidence), or,
 * asked for, a draft law file written under `drafts/` in the store's directory (never into data/law).
 * Nothing enters the law without review. The rules of what an item becomes are in news/review.ts.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Selectable, Updateable } from "kysely";
import type { TimelineEvent } from "../law/events.js";
import type { IngestResult, NewsItem } from "../news/contract.js";
import {
  type ArticleSource,
  draftLawOf,
  editedItem,
  itemsToQueue,
  type QueuedItem,
  ReviewDecidedError,
  rateOfEvent,
  reviewedEventOf,
} from "../news/review.js";
import { isoInstant, zonedInstant } from "../units/time.js";
import type { NewsArticlesTable, NewsItemsTable, ReviewedEventsTable, Store } from "./db.js";

export const REVIEW_STATUSES = ["pending", "accepted", "edited", "rejected"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** The folder of the store's directory where draft law files are written. */
export const DRAFTS_DIR = "drafts";

export interface ArticleInput {
  /** The file name it was read from ("api" for a body posted). */
  sourceName: string;
  sha256: string;
  url?: string;
  result: IngestResult;
}

export interface QueuedArticle {
  articleId: number;
  /** False when an article of the same SHA-256 was kept before (nothing is added again). */
  created: boolean;
  /** The review ids of its items. */
  items: number[];
}

/** Keeps an article and its candidate items (pending), once per SHA-256, in one transaction. */
export async function queueArticle(store: Store, a: ArticleInput, now: number): Promise<QueuedArticle> {
  return store.db.transaction().execute(async (trx) => {
    const kept = await trx
      .selectFrom("news_articles")
      .select("id")
      .where("sha256", "=", a.sha256)
      .executeTakeFirst();
    if (kept) {
      const items = await trx
        .selectFrom("news_items")
        .select("id")
        .where("article_id", "=", kept.id)
        .orderBy("id")
        .execute();
      return { articleId: kept.id, created: false, items: items.map((i) => i.id) };
    }
    const { id } = await trx
      .insertInto("news_articles")
      .values({
        source_name: a.sourceName,
        sha256: a.sha256,
        url: a.url ?? null,
        published: a.result.published,
        published_zone: a.result.publishedZone,
        title: a.result.title ?? null,
        text: a.result.text,
        result: JSON.stringify(a.result),
        ingested_at: isoInstant(now),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const queued = itemsToQueue(a.result);
    if (queued.length === 0) return { articleId: id, created: true, items: [] };
    const rows = await trx
      .insertInto("news_items")
      .values(
        queued.map((item) => ({
          article_id: id,
          kind: item.kind,
          span_start: item.start,
          span_end: item.end,
          span_text: item.text,
          item: JSON.stringify(item),
        })),
      )
      .returning("id")
      .execute();
    return { articleId: id, created: true, items: rows.map((r) => r.id) };
  });
}

export interface ReviewSummary {
  id: number;
  articleId: number;
  sourceName: string;
  kind: string;
  /** An event's kind of news event. */
  eventKind?: string;
  /** The date the item states (as edited). */
  date?: string;
  status: ReviewStatus;
  /** The span of the cleaned text the item was read from. */
  text: string;
  isNew?: boolean;
  contradictions: string[];
}

export interface ReviewDetail extends ReviewSummary {
  article: ArticleSource;
  span: { start: number; end: number; text: string };
  /** The item as read. */
  item: QueuedItem;
  /** The item as the reviewer edited it. */
  edited?: QueuedItem;
  decidedAt?: string;
  note?: string;
  /** What accepting it made. */
  event?: ReviewedEventRecord;
  draft?: { id: string; file: string; missing: string[] };
}

export interface ReviewedEventRecord {
  id: string;
  kind: string;
  title: string;
  side: string;
  date: string;
  time?: string;
  zone: string;
  evidence: { start: number; end: number; text: string };
  sourceUrl: string;
  grade: string;
}

type ItemRow = Selectable<NewsItemsTable> & { source_name: string };

function current(row: Selectable<NewsItemsTable>): QueuedItem {
  return JSON.parse(row.edited ?? row.item) as QueuedItem;
}

function summary(row: ItemRow): ReviewSummary {
  const item = current(row);
  return {
    id: row.id,
    articleId: row.article_id,
    sourceName: row.source_name,
    kind: row.kind,
    ...(item.kind === "event" ? { eventKind: item.eventKind } : {}),
    ...("date" in item && typeof item.date === "string" ? { date: item.date } : {}),
    status: row.status,
    text: row.span_text,
    ...(item.kind === "event" ? { isNew: item.isNew } : {}),
    contradictions: item.kind === "event" ? item.contradictions : [],
  };
}

function articleSource(a: Selectable<NewsArticlesTable>): ArticleSource {
  return {
    id: a.id,
    sourceName: a.source_name,
    sha256: a.sha256,
    ...(a.url === null ? {} : { url: a.url }),
    published: a.published,
    publishedZone: a.published_zone,
    ...(a.title === null ? {} : { title: a.title }),
  };
}

/** The items of the queue: the open ones (pending or edited) by default, else those of one status, or all. */
export async function listReview(
  store: Store,
  status: ReviewStatus | "open" | "all" = "open",
): Promise<ReviewSummary[]> {
  let q = store.db
    .selectFrom("news_items")
    .innerJoin("news_articles", "news_articles.id", "news_items.article_id")
    .selectAll("news_items")
    .select("news_articles.source_name");
  if (status === "open") q = q.where("news_items.status", "in", ["pending", "edited"]);
  else if (status !== "all") q = q.where("news_items.status", "=", status);
  const rows = await q.orderBy("news_items.id").execute();
  return rows.map(summary);
}

type Db = Store["db"];

async function detailIn(db: Db, id: number): Promise<ReviewDetail | undefined> {
  const row = await db
    .selectFrom("news_items")
    .innerJoin("news_articles", "news_articles.id", "news_items.article_id")
    .selectAll("news_items")
    .select("news_articles.source_name")
    .where("news_items.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const article = await db
    .selectFrom("news_articles")
    .selectAll()
    .where("id", "=", row.article_id)
    .executeTakeFirstOrThrow();
  const event = await db
    .selectFrom("reviewed_events")
    .selectAll()
    .where("item_id", "=", id)
    .executeTakeFirst();
  const draft = await db.selectFrom("law_drafts").selectAll().where("item_id", "=", id).executeTakeFirst();
  return {
    ...summary(row),
    article: articleSource(article),
    span: { start: row.span_start, end: row.span_end, text: row.span_text },
    item: JSON.parse(row.item) as QueuedItem,
    ...(row.edited === null ? {} : { edited: JSON.parse(row.edited) as QueuedItem }),
    ...(row.decided_at === null ? {} : { decidedAt: row.decided_at }),
    ...(row.note === null ? {} : { note: row.note }),
    ...(event ? { event: eventRecord(event) } : {}),
    ...(draft
      ? {
          draft: {
            id: draft.instrument_id,
            file: draft.file,
            missing: JSON.parse(draft.missing) as string[],
          },
        }
      : {}),
  };
}

function eventRecord(
  e: Pick<
    Selectable<ReviewedEventsTable>,
    "item_id" | "kind" | "title" | "side" | "date" | "time" | "zone" | "evidence" | "source_url" | "grade"
  >,
): ReviewedEventRecord {
  return {
    id: `news-${e.item_id}`,
    kind: e.kind,
    title: e.title,
    side: e.side,
    date: e.date,
    ...(e.time === null ? {} : { time: e.time }),
    zone: e.zone,
    evidence: JSON.parse(e.evidence) as ReviewedEventRecord["evidence"],
    sourceUrl: e.source_url,
    grade: e.grade,
  };
}

export async function reviewItem(store: Store, id: number): Promise<ReviewDetail | undefined> {
  return detailIn(store.db, id);
}

/** The item, open for a decision, or ReviewError (none such, or decided already). */
async function openItem(db: Db, id: number): Promise<ReviewDetail> {
  const d = await detailIn(db, id);
  if (!d) throw new ReviewNotFound(id);
  if (d.status === "accepted" || d.status === "rejected")
    throw new ReviewDecidedError(
      `item ${id} was ${d.status} already (${d.decidedAt}): a decision is not taken twice`,
    );
  return d;
}

/** No item of that id. */
export class ReviewNotFound extends Error {
  constructor(readonly id: number) {
    super(`no review item ${id} (truce review list)`);
  }
}

/** Sets fields of an open item (`field=value`, checked); it stays open, as edited. */
export async function editReview(
  store: Store,
  id: number,
  settings: readonly string[],
  now: number,
  note?: string,
): Promise<ReviewDetail> {
  return updateOpenItem(store, id, (d) => ({
    status: "edited",
    edited: JSON.stringify(editedItem(d.edited ?? d.item, settings)),
    decided_at: isoInstant(now),
    ...(note === undefined ? {} : { note }),
  }));
}

/** Updates an open item (refused when decided) with the fields `fields` gives, in one transaction. */
function updateOpenItem(
  store: Store,
  id: number,
  fields: (open: ReviewDetail) => Updateable<NewsItemsTable>,
): Promise<ReviewDetail> {
  return store.db.transaction().execute(async (trx) => {
    const d = await openItem(trx, id);
    await trx.updateTable("news_items").set(fields(d)).where("id", "=", id).execute();
    return (await detailIn(trx, id)) as ReviewDetail;
  });
}

export async function rejectReview(
  store: Store,
  id: number,
  now: number,
  note?: string,
): Promise<ReviewDetail> {
  return updateOpenItem(store, id, () => ({
    status: "rejected",
    decided_at: isoInstant(now),
    note: note ?? null,
  }));
}

/**
 * Accepts an open item: as a timeline event (an event item with a date), or with `asLaw` as a draft
 * law file written to drafts/news-draft-ID.yaml in the store's directory and recorded. The item's span
 * is the evidence of either. Throws ReviewError when the item cannot become what is asked.
 */
export async function acceptReview(
  store: Store,
  id: number,
  now: number,
  options: { asLaw?: boolean; note?: string } = {},
): Promise<ReviewDetail> {
  return store.db.transaction().execute(async (trx) => {
    const d = await openItem(trx, id);
    const item = d.edited ?? d.item;
    const created = isoInstant(now);
    let written: string | undefined;
    try {
      if (options.asLaw) {
        const article = await trx
          .selectFrom("news_articles")
          .select("result")
          .where("id", "=", d.articleId)
          .executeTakeFirstOrThrow();
        const items = (JSON.parse(article.result) as IngestResult).items;
        const draft = draftLawOf(item, d.article, id, rateOfEvent(item, items));
        const file = join(DRAFTS_DIR, `${draft.id}.yaml`);
        written = join(dirname(store.file), file);
        mkdirSync(dirname(written), { recursive: true });
        writeFileSync(written, draft.yaml, { flag: "wx" });
        await trx
          .insertInto("law_drafts")
          .values({
            item_id: id,
            instrument_id: draft.id,
            file,
            missing: JSON.stringify(draft.missing),
            created,
          })
          .execute();
      } else {
        const e = reviewedEventOf(item, d.article);
        await trx
          .insertInto("reviewed_events")
          .values({
            item_id: id,
            kind: e.kind,
            news_kind: e.newsKind,
            title: e.title,
            side: e.side,
            date: e.date,
            time: e.time ?? null,
            zone: e.zone,
            evidence: JSON.stringify(e.evidence),
            source_url: e.sourceUrl,
            grade: e.grade,
            created,
          })
          .execute();
      }
      await trx
        .updateTable("news_items")
        .set({
          status: "accepted",
          decided_at: created,
          ...(options.note === undefined ? {} : { note: options.note }),
        })
        .where("id", "=", id)
        .execute();
      return (await detailIn(trx, id)) as ReviewDetail;
    } catch (e) {
      // The transaction rolls back: the draft written for it goes too.
      if (written !== undefined) rmSync(written, { force: true });
      throw e;
    }
  });
}

/** A timeline event accepted from the news, with what it rests on. */
export interface ReviewedTimelineEvent {
  event: TimelineEvent;
  itemId: number;
  articleId: number;
  sourceName: string;
  evidence: { start: number; end: number; text: string };
}

/** The timeline events accepted from the news, as the timeline shows them: unconfirmed, grade W, the span quoted. */
export async function reviewedTimelineEvents(store: Store): Promise<ReviewedTimelineEvent[]> {
  const rows = await store.db
    .selectFrom("reviewed_events")
    .innerJoin("news_items", "news_items.id", "reviewed_events.item_id")
    .innerJoin("news_articles", "news_articles.id", "news_items.article_id")
    .selectAll("reviewed_events")
    .select([
      "news_items.article_id",
      "news_items.item",
      "news_items.edited",
      "news_articles.source_name",
      "news_articles.title as article_title",
    ])
    .orderBy("reviewed_events.id")
    .execute();
  return rows
    .map((r) => {
      const rec = eventRecord(r);
      const item = JSON.parse(r.edited ?? r.item) as NewsItem;
      const measures =
        item.kind === "event" ? item.links.filter((l) => l.target === "measure").map((l) => l.id) : [];
      const source = r.article_title ?? r.source_name;
      const event: TimelineEvent = {
        id: rec.id,
        kind: rec.kind as TimelineEvent["kind"],
        title: rec.title,
        side: rec.side as TimelineEvent["side"],
        date: rec.date,
        ...(rec.time ? { time: rec.time } : {}),
        zone: rec.zone,
        instant: zonedInstant(`${rec.date} ${rec.time ?? "00:00"}`, rec.zone),
        participants: [],
        outcome: `reported in the news: "${rec.evidence.text}"`,
        measures,
        instruments: [],
        sources: [{ url: rec.sourceUrl, grade: "W", note: `reviewed from news (${source})` }],
        confirmed: false,
        note: `reviewed from news, grade W: "${rec.evidence.text}" (${source}); no primary source yet`,
        file: "store",
      };
      return {
        event,
        itemId: r.item_id,
        articleId: r.article_id,
        sourceName: r.source_name,
        evidence: rec.evidence,
      };
    })
    .sort((a, b) => a.event.instant - b.event.instant || a.itemId - b.itemId);
}
