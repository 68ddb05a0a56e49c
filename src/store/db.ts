/**
 * The embedded store: one SQLite file (better-sqlite3) in the store's directory, reached only
 * through Kysely, the query layer that could later also speak PostgreSQL: every statement is built
 * and parameterised by it. Opened in WAL mode (readers see the last commit while a writer writes; a
 * crash loses nothing committed), with foreign keys on and a busy timeout, and migrated on open.
 * Every transaction begins IMMEDIATE (it takes the write lock first, so two writers wait for each
 * other rather than fail when one upgrades a read).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type Generated,
  Kysely,
  SqliteDialect,
  SqliteDriver,
} from "kysely";
import { STORE_FILE } from "./dir.js";
import { migrate } from "./migrate.js";

export interface PortfoliosTable {
  id: Generated<number>;
  name: string;
  /** ISO 8601 UTC. */
  created: string;
  line_count: number;
}

export interface PortfolioLinesTable {
  portfolio_id: number;
  /** 1 for the first line. */
  position: number;
  code: string;
  origin: string;
  /** Customs value as given (decimal text). */
  value: string;
  /** The line's other entry fields (batch column → text), as JSON. */
  fields: Generated<string>;
}

export interface SavedScenariosTable {
  id: string;
  /** The scenario as validated (data/scenarios format), as JSON. */
  spec: string;
  created: string;
}

export interface WatchlistsTable {
  id: Generated<number>;
  name: string;
  created: string;
}

export interface WatchItemsTable {
  watchlist_id: number;
  position: number;
  code: string;
  origin: string;
  importer: Generated<string>;
  value: string | null;
  /** ISO 8601 UTC: changes after this instant are new to the user. */
  last_seen: string;
}

/** One load of a restricted-party list file (a Consolidated Screening List). */
export interface ListLoadsTable {
  id: Generated<number>;
  /** The list file's kind: "csl". */
  source: string;
  format: string;
  file_name: string;
  /** SHA-256 of the file, hex. */
  version: string;
  /** The file's own date, as it gives it. */
  file_date: string | null;
  /** ISO 8601 UTC. */
  loaded_at: string;
  records: number;
  entry_count: number;
  /** Records refused. */
  rejected: number;
}

/** The entries of the latest load of each source (those of earlier loads are deleted). */
export interface ListEntriesTable {
  load_id: number;
  entry_id: string;
  /** The entry's place in its file, 0 for the first. */
  position: number;
  list: string;
  /** The ListEntry, as JSON. */
  entry: string;
}

export interface PartiesTable {
  id: Generated<number>;
  name: string;
  country: string | null;
  address: string | null;
  note: string | null;
  created: string;
  /** ISO 8601 UTC: the last screening. */
  screened_at: string;
  /** The hits of the last screening, as JSON. */
  hits: Generated<string>;
}

/** A news article ingested for review (migration 3), kept once per SHA-256 of its raw input. */
export interface NewsArticlesTable {
  id: Generated<number>;
  /** The file name (or "api") it came from. */
  source_name: string;
  sha256: string;
  url: string | null;
  /** ISO instant with offset. */
  published: string;
  published_zone: string;
  title: string | null;
  /** The cleaned text the items' spans point into. */
  text: string;
  /** The IngestResult, as JSON. */
  result: string;
  ingested_at: string;
}

/** A candidate item of an article awaiting (or given) a reviewer's decision. */
export interface NewsItemsTable {
  id: Generated<number>;
  article_id: number;
  kind: string;
  span_start: number;
  span_end: number;
  span_text: string;
  /** The item as read, as JSON. */
  item: string;
  status: Generated<"pending" | "accepted" | "edited" | "rejected">;
  /** The item as the reviewer edited it, as JSON. */
  edited: string | null;
  decided_at: string | null;
  note: string | null;
}

/** A timeline event accepted from a news item (grade W, the article's span as evidence). */
export interface ReviewedEventsTable {
  id: Generated<number>;
  item_id: number;
  kind: string;
  news_kind: string;
  title: string;
  side: string;
  date: string;
  time: string | null;
  zone: string;
  /** {start, end, text} of the span in the article's cleaned text, as JSON. */
  evidence: string;
  source_url: string;
  grade: string;
  created: string;
}

/** A draft law file written from an accepted news item (under drafts/ in the store's directory). */
export interface LawDraftsTable {
  id: Generated<number>;
  item_id: number;
  instrument_id: string;
  /** Relative to the store's directory. */
  file: string;
  /** What a reviewer must still fill in, as a JSON array of text. */
  missing: string;
  created: string;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied: string;
}

export interface Database {
  portfolios: PortfoliosTable;
  portfolio_lines: PortfolioLinesTable;
  saved_scenarios: SavedScenariosTable;
  watchlists: WatchlistsTable;
  watch_items: WatchItemsTable;
  list_loads: ListLoadsTable;
  list_entries: ListEntriesTable;
  parties: PartiesTable;
  news_articles: NewsArticlesTable;
  news_items: NewsItemsTable;
  reviewed_events: ReviewedEventsTable;
  law_drafts: LawDraftsTable;
  schema_migrations: SchemaMigrationsTable;
}

/** How long a statement waits for another process's write lock before failing (ms). */
export const BUSY_TIMEOUT_MS = 5_000;

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly database: BetterSqlite3.Database) {
    super({ database });
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.database });
  }
}

export interface Store {
  db: Kysely<Database>;
  /** The store's file. */
  file: string;
  close(): Promise<void>;
}

/**
 * Opens (creating the directory and the file if need be) and migrates the store in `dir`. The
 * caller closes it.
 */
export async function openStore(dir: string): Promise<Store> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, STORE_FILE);
  const sqlite = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // In WAL mode NORMAL loses no committed transaction on a process crash (only, at worst, the last
  // ones on a power loss) and keeps the database consistent.
  sqlite.pragma("synchronous = NORMAL");
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(sqlite) });
  try {
    await migrate(db);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return { db, file, close: () => db.destroy() };
}
