/**
 * Applies the store's migrations (migrations/index.ts) in order: each one not yet recorded in
 * `schema_migrations` runs in its own transaction together with the row that records it, so a
 * migration is applied whole or not at all, and running again is a no-op. A store written by a
 * later version (a migration this code does not know) is refused rather than guessed at.
 */
import type { Kysely } from "kysely";
import type { Database } from "./db.js";
import { MIGRATIONS, type Migration } from "./migrations/index.js";

export class StoreVersionError extends Error {}

async function applied(db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom("schema_migrations").select("version").orderBy("version").execute();
  return rows.map((r) => r.version);
}

/** The versions applied now (those of this run and of earlier ones), in order. */
export async function migrate(
  db: Kysely<Database>,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  await db.schema
    .createTable("schema_migrations")
    .ifNotExists()
    .addColumn("version", "integer", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("applied", "text", (c) => c.notNull())
    .execute();
  const known = new Set(migrations.map((m) => m.version));
  const unknown = (await applied(db)).filter((v) => !known.has(v));
  if (unknown.length > 0)
    throw new StoreVersionError(
      `the store was written by a later version of truce (migration ${unknown.join(", ")} is not known to this one)`,
    );
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    await db.transaction().execute(async (trx) => {
      // Checked inside the transaction: another process may have applied it meanwhile.
      const done = await trx
        .selectFrom("schema_migrations")
        .select("version")
        .where("version", "=", m.version)
        .executeTakeFirst();
      if (done) return;
      await m.up(trx as unknown as Kysely<unknown>);
      await trx
        .insertInto("schema_migrations")
        .values({
          version: m.version,
          name: m.name,
          applied: new Date().toISOString(),
        })
        .execute();
    });
  }
  return applied(db);
}
