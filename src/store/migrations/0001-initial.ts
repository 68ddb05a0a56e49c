/**
 * The first schema: portfolios and their lines, saved scenarios, watchlists and their items.
 * Instants are ISO 8601 UTC text (`isoInstant`); amounts are the decimal text the user gave, read
 * again by the entry contract when priced; a portfolio line's other entry fields are a JSON object.
 */
import { type Kysely, sql } from "kysely";

export const version = 1;
export const name = "initial";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("portfolios")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created", "text", (c) => c.notNull())
    .addColumn("line_count", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("portfolio_lines")
    .addColumn("portfolio_id", "integer", (c) => c.notNull().references("portfolios.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("origin", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("fields", "text", (c) => c.notNull().defaultTo("{}"))
    .addPrimaryKeyConstraint("portfolio_lines_pk", ["portfolio_id", "position"])
    .execute();
  await db.schema
    .createTable("saved_scenarios")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("spec", "text", (c) => c.notNull())
    .addColumn("created", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("watchlists")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("watch_items")
    .addColumn("watchlist_id", "integer", (c) => c.notNull().references("watchlists.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("origin", "text", (c) => c.notNull())
    .addColumn("importer", "text", (c) => c.notNull().defaultTo(sql`'US'`))
    .addColumn("value", "text")
    .addColumn("last_seen", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("watch_items_pk", ["watchlist_id", "position"])
    .execute();
  await db.schema.createIndex("watchlists_by_name").on("watchlists").column("name").execute();
}
