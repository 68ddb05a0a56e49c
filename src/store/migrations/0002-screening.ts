/**
 * Screening: the restricted-party lists loaded by the user (a Consolidated Screening List file:
 * its version, the file's own date, when it was loaded, its counts) with the entries of the latest
 * load of each source, and the parties the user keeps with the hits of their last screening.
 * Entries and hits are JSON (a ListEntry; the screener's hits).
 */
import { type Kysely, sql } from "kysely";

export const version = 2;
export const name = "screening";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("list_loads")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("version", "text", (c) => c.notNull())
    .addColumn("file_date", "text")
    .addColumn("loaded_at", "text", (c) => c.notNull())
    .addColumn("records", "integer", (c) => c.notNull())
    .addColumn("entry_count", "integer", (c) => c.notNull())
    .addColumn("rejected", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("list_entries")
    .addColumn("load_id", "integer", (c) => c.notNull().references("list_loads.id").onDelete("cascade"))
    .addColumn("entry_id", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("list", "text", (c) => c.notNull())
    .addColumn("entry", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("list_entries_pk", ["load_id", "entry_id"])
    .execute();
  await db.schema
    .createTable("parties")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("country", "text")
    .addColumn("address", "text")
    .addColumn("note", "text")
    .addColumn("created", "text", (c) => c.notNull())
    .addColumn("screened_at", "text", (c) => c.notNull())
    .addColumn("hits", "text", (c) => c.notNull().defaultTo(sql`'[]'`))
    .execute();
  await db.schema.createIndex("list_loads_by_source").on("list_loads").columns(["source", "id"]).execute();
}
