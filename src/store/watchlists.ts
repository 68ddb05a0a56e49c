/**
 * Watchlists: named lists of items (a code and an origin, an importer, optionally a value), each
 * with the instant it was last seen. What changed for them is `watchChanges` (analytics/watch.ts);
 * marking a list seen moves every item's instant to now.
 */
import type { WatchedLine } from "../analytics/watch.js";
import { InputError } from "../entry/errors.js";
import { parseEntry } from "../entry/parse.js";
import type { Issuer } from "../law/model.js";
import type { Truce } from "../truce.js";
import { CN_ZONE, isoInstant, localDate, US_ZONE } from "../units/time.js";
import type { Store } from "./db.js";

export interface WatchItemInput {
  code: string;
  origin: string;
  importer?: Issuer;
  value?: string;
  /** Epoch ms the item counts as last seen (default: when it is added). */
  since?: number;
}

export interface WatchItem {
  code: string;
  origin: string;
  importer: Issuer;
  value?: string;
  /** ISO 8601 UTC. */
  lastSeen: string;
}

export interface WatchlistSummary {
  id: number;
  name: string;
  created: string;
  items: number;
}

export interface Watchlist extends Omit<WatchlistSummary, "items"> {
  items: WatchItem[];
}

/**
 * An item checked as an entry on `now`'s date (the code in the importer's schedule, the origin a
 * country, the value an amount); its origin upper-cased. Throws InputError naming `field.<name>`.
 */
export function checkWatchItem(t: Truce, item: WatchItemInput, now: number, field: string): WatchItemInput {
  const importer = item.importer ?? "US";
  const date = localDate(now, importer === "CN" ? CN_ZONE : US_ZONE);
  try {
    const parsed = parseEntry(
      { code: item.code, origin: item.origin, importer, value: item.value ?? "100", date },
      t,
    );
    return { ...item, importer, origin: parsed.entry.origin };
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`${field}.${e.field}`, e.detail, () => e.suggestions);
    throw e;
  }
}

/** Appends items (checked by `checkWatchItem`) to a watchlist, in one transaction with `create`. */
async function insertItems(
  trx: Store["db"],
  watchlistId: number,
  items: readonly WatchItemInput[],
  now: number,
): Promise<void> {
  const last = await trx
    .selectFrom("watch_items")
    .select((eb) => eb.fn.max("position").as("position"))
    .where("watchlist_id", "=", watchlistId)
    .executeTakeFirst();
  const first = (last?.position ?? 0) + 1;
  if (items.length === 0) return;
  await trx
    .insertInto("watch_items")
    .values(
      items.map((it, k) => ({
        watchlist_id: watchlistId,
        position: first + k,
        code: it.code.trim(),
        origin: it.origin,
        importer: it.importer ?? "US",
        value: it.value ?? null,
        last_seen: isoInstant(it.since ?? now),
      })),
    )
    .execute();
}

export async function createWatchlist(
  store: Store,
  name: string,
  items: readonly WatchItemInput[],
  now: number,
): Promise<number> {
  return store.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("watchlists")
      .values({ name, created: isoInstant(now) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await insertItems(trx, id, items, now);
    return id;
  });
}

/** Adds items to a watchlist; false if there is no such list. */
export async function addWatchItems(
  store: Store,
  id: number,
  items: readonly WatchItemInput[],
  now: number,
): Promise<boolean> {
  return store.db.transaction().execute(async (trx) => {
    const list = await trx.selectFrom("watchlists").select("id").where("id", "=", id).executeTakeFirst();
    if (!list) return false;
    await insertItems(trx, id, items, now);
    return true;
  });
}

export async function listWatchlists(store: Store): Promise<WatchlistSummary[]> {
  const rows = await store.db
    .selectFrom("watchlists")
    .leftJoin("watch_items", "watch_items.watchlist_id", "watchlists.id")
    .select((eb) => [
      "watchlists.id",
      "watchlists.name",
      "watchlists.created",
      eb.fn.count<number>("watch_items.position").as("items"),
    ])
    .groupBy(["watchlists.id", "watchlists.name", "watchlists.created"])
    .orderBy("watchlists.id")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, created: r.created, items: Number(r.items) }));
}

/** The first watchlist of a name, or undefined. */
export async function watchlistNamed(store: Store, name: string): Promise<number | undefined> {
  const r = await store.db
    .selectFrom("watchlists")
    .select("id")
    .where("name", "=", name)
    .orderBy("id")
    .executeTakeFirst();
  return r?.id;
}

export async function getWatchlist(store: Store, id: number): Promise<Watchlist | undefined> {
  const list = await store.db
    .selectFrom("watchlists")
    .select(["id", "name", "created"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!list) return undefined;
  const items = await store.db
    .selectFrom("watch_items")
    .select(["code", "origin", "importer", "value", "last_seen"])
    .where("watchlist_id", "=", id)
    .orderBy("position")
    .execute();
  return {
    ...list,
    items: items.map((i) => ({
      code: i.code,
      origin: i.origin,
      importer: i.importer as Issuer,
      ...(i.value === null ? {} : { value: i.value }),
      lastSeen: i.last_seen,
    })),
  };
}

/** The items as `watchChanges` takes them. */
export function watchedLines(list: Watchlist): WatchedLine[] {
  return list.items.map((i) => ({
    code: i.code,
    origin: i.origin,
    importer: i.importer,
    value: i.value ?? null,
    lastSeen: Date.parse(i.lastSeen),
  }));
}

/** Marks every item of a watchlist seen at `now`; false if there is no such list. */
export async function markSeen(store: Store, id: number, now: number): Promise<boolean> {
  return store.db.transaction().execute(async (trx) => {
    const list = await trx.selectFrom("watchlists").select("id").where("id", "=", id).executeTakeFirst();
    if (!list) return false;
    await trx
      .updateTable("watch_items")
      .set({ last_seen: isoInstant(now) })
      .where("watchlist_id", "=", id)
      .execute();
    return true;
  });
}

export async function deleteWatchlist(store: Store, id: number): Promise<boolean> {
  const r = await store.db.deleteFrom("watchlists").where("id", "=", id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}
