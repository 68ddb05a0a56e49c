/**
 * The review queue of news articles (issue 13): the articles ingested (by the SHA-256 of the raw
 * input, so the same article is kept once), the candidate items read from them awaiting a reviewer's
 * decision, the timeline events accepted from them and the draft law files written from them. Items
 * and results are JSON (the `truce ingest --json` contract).
 */
import type { Kysely } from "kysely";
import { sql } from "kysely";

export const version = 3;
export const name = "news-review";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("news_articles")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("source_name", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull().unique())
    .addColumn("url", "text")
    .addColumn("published", "text", (c) => c.notNull())
    .addColumn("published_zone", "text", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("ingested_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("news_items")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("article_id", "integer", (c) => c.notNull().references("news_articles.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("span_start", "integer", (c) => c.notNull())
    .addColumn("span_end", "integer", (c) => c.notNull())
    .addColumn("span_text", "text", (c) => c.notNull())
    .addColumn("item", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("pending").check(sql`status in ('pending', 'accepted', 'edited', 'rejected')`),
    )
    .addColumn("edited", "text")
    .addColumn("decided_at", "text")
    .addColumn("note", "text")
    .execute();
  await db.schema.createIndex("news_items_by_status").on("news_items").columns(["status", "id"]).execute();
  await db.schema
    .createTable("reviewed_events")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("item_id", "integer", (c) =>
      c.notNull().unique().references("news_items.id").onDelete("cascade"),
    )
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("news_kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("time", "text")
    .addColumn("zone", "text", (c) => c.notNull())
    .addColumn("evidence", "text", (c) => c.notNull())
    .addColumn("source_url", "text", (c) => c.notNull())
    .addColumn("grade", "text", (c) => c.notNull())
    .addColumn("created", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("law_drafts")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("item_id", "integer", (c) =>
      c.notNull().unique().references("news_items.id").onDelete("cascade"),
    )
    .addColumn("instrument_id", "text", (c) => c.notNull())
    .addColumn("file", "text", (c) => c.notNull())
    .addColumn("missing", "text", (c) => c.notNull())
    .addColumn("created", "text", (c) => c.notNull())
    .execute();
}
