/**
 * Screening in the store: restricted-party list files loaded by the user (a Consolidated Screening
 * List, read by screening/csl.ts) and the parties the user keeps. Loading a file keeps its version
 * (the file's hash), its own date and when it was loaded, replaces the entries of the source's last
 * load and says which entries were added, removed or changed since. Each party keeps the hits of
 * its last screening, so that screening it again (after a list changes) tells the new hits and
 * those that went away. What is screened against is the shipped lists and the loaded ones side by
 * side (`screenerWithLoaded`): a loaded entry replaces no shipped one, so a party on both the
 * shipped Entity List and a loaded CSL gets a hit from each, with its own list entry and instrument.
 * The clock is the caller's.
 */
import type { Selectable } from "kysely";
import { InputError } from "../entry/errors.js";
import { isCountry } from "../entry/parse.js";
import type { CslFile } from "../screening/csl.js";
import type { ListEntry } from "../screening/list-entry.js";
import { createScreener, type MatchTuning, type Screener } from "../screening/screen.js";
import { isoInstant } from "../units/time.js";
import type { ListLoadsTable, PartiesTable, Store } from "./db.js";

/** The one kind of list file loaded today: the trade.gov Consolidated Screening List. */
export const CSL_SOURCE = "csl";

/** What the store keeps of one load of a list file. */
export interface LoadedList {
  id: number;
  source: string;
  format: string;
  fileName: string;
  version: string;
  fileDate?: string;
  loadedAt: string;
  records: number;
  entries: number;
  rejected: number;
}

/** An entry named in a change: its list, id and name. */
export interface EntryRef {
  list: string;
  entryId: string;
  name: string;
}

/** What loading a file changed since the source's last load. */
export interface ListChanges {
  /** The load now current (the earlier one when the file is the same version). */
  list: LoadedList;
  /** The version of the load before, if any. */
  previousVersion?: string;
  /** The file is the version already loaded: nothing was written. */
  sameVersion: boolean;
  added: EntryRef[];
  removed: EntryRef[];
  changed: EntryRef[];
}

/** A hit as the screener gives it; re-screening compares hits by list and entry id. */
export interface PartyHit {
  list: string;
  entryId: string;
  name: string;
  score: number;
}

export interface PartyInput {
  name: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  address?: string;
  note?: string;
}

export interface Party extends PartyInput {
  id: number;
  created: string;
  screenedAt: string;
  hits: PartyHit[];
}

/** Screens one party (by its name, country and address) as of `at` (epoch ms). */
export type ScreenParty = (party: PartyInput, at: number) => PartyHit[];

/** A party screened again: its hits now, and those new or gone since its last screening. */
export interface PartyRescreen {
  party: Party;
  newHits: PartyHit[];
  goneHits: PartyHit[];
}

function loadedList(r: Selectable<ListLoadsTable>): LoadedList {
  return {
    id: r.id,
    source: r.source,
    format: r.format,
    fileName: r.file_name,
    version: r.version,
    ...(r.file_date === null ? {} : { fileDate: r.file_date }),
    loadedAt: r.loaded_at,
    records: r.records,
    entries: r.entry_count,
    rejected: r.rejected,
  };
}

const ref = (e: ListEntry): EntryRef => ({ list: e.list, entryId: e.entryId, name: e.name });

/** The latest load of each source, oldest source first. */
export async function loadedLists(store: Store): Promise<LoadedList[]> {
  const rows = await store.db
    .selectFrom("list_loads")
    .selectAll()
    .where("id", "in", (eb) =>
      eb
        .selectFrom("list_loads")
        .select((e) => e.fn.max("id").as("id"))
        .groupBy("source"),
    )
    .orderBy("id")
    .execute();
  return rows.map(loadedList);
}

/** The entries of the latest load of every source. */
export async function loadedEntries(store: Store): Promise<ListEntry[]> {
  const rows = await store.db
    .selectFrom("list_entries")
    .select("entry")
    .orderBy("load_id")
    .orderBy("position")
    .execute();
  return rows.map((r) => JSON.parse(r.entry) as ListEntry);
}

/**
 * Keeps a CSL file read by screening/csl.ts as the source's current load, in one transaction: its
 * entries replace those of the source's last load. The same version as the last load writes
 * nothing.
 */
export async function saveListFile(
  store: Store,
  file: CslFile,
  fileName: string,
  now: number,
  source: string = CSL_SOURCE,
): Promise<ListChanges> {
  return store.db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom("list_loads")
      .selectAll()
      .where("source", "=", source)
      .orderBy("id", "desc")
      .executeTakeFirst();
    if (last && last.version === file.version)
      return { list: loadedList(last), sameVersion: true, added: [], removed: [], changed: [] };
    const before = new Map<string, ListEntry>();
    if (last) {
      const rows = await trx
        .selectFrom("list_entries")
        .select("entry")
        .where("load_id", "=", last.id)
        .execute();
      for (const r of rows) {
        const e = JSON.parse(r.entry) as ListEntry;
        before.set(e.entryId, e);
      }
    }
    const { id } = await trx
      .insertInto("list_loads")
      .values({
        source,
        format: file.format,
        file_name: fileName,
        version: file.version,
        file_date: file.fileDate ?? null,
        loaded_at: isoInstant(now),
        records: file.records,
        entry_count: file.entries.length,
        rejected: file.errors.length,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // Inserted in slices: SQLite takes at most 32,766 parameters a statement.
    const SLICE = 2_000;
    for (let k = 0; k < file.entries.length; k += SLICE)
      await trx
        .insertInto("list_entries")
        .values(
          file.entries.slice(k, k + SLICE).map((e, j) => ({
            load_id: id,
            entry_id: e.entryId,
            position: k + j,
            list: e.list,
            entry: JSON.stringify(e),
          })),
        )
        .execute();
    await trx
      .deleteFrom("list_entries")
      .where("load_id", "in", (eb) =>
        eb.selectFrom("list_loads").select("id").where("source", "=", source).where("id", "<>", id),
      )
      .execute();
    const added: EntryRef[] = [];
    const changed: EntryRef[] = [];
    for (const e of file.entries) {
      const old = before.get(e.entryId);
      if (old === undefined) added.push(ref(e));
      else if (JSON.stringify(old) !== JSON.stringify(e)) changed.push(ref(e));
      before.delete(e.entryId);
    }
    const list = await trx
      .selectFrom("list_loads")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    return {
      list: loadedList(list),
      ...(last ? { previousVersion: last.version } : {}),
      sameVersion: false,
      added,
      removed: [...before.values()].map(ref),
      changed,
    };
  });
}

/** The screener over the shipped entries and the entries loaded into the store, side by side. */
export async function screenerWithLoaded(store: Store, shipped: readonly ListEntry[]): Promise<Screener> {
  return createScreener([...shipped, ...(await loadedEntries(store))]);
}

/** A party screened by its name, country and address with a screener (and its tuning). */
export function partyScreen(screener: Screener, tuning: Partial<MatchTuning> = {}): ScreenParty {
  return (party, at) =>
    screener.screen(
      {
        name: party.name,
        ...(party.country === undefined ? {} : { country: party.country }),
        ...(party.address === undefined ? {} : { address: party.address }),
        at,
      },
      tuning,
    ).hits;
}

function partyOf(r: Selectable<PartiesTable>): Party {
  return {
    id: r.id,
    name: r.name,
    ...(r.country === null ? {} : { country: r.country }),
    ...(r.address === null ? {} : { address: r.address }),
    ...(r.note === null ? {} : { note: r.note }),
    created: r.created,
    screenedAt: r.screened_at,
    hits: JSON.parse(r.hits) as PartyHit[],
  };
}

/**
 * Keeps a party, screened now: its hits are those a later re-screening compares with. Throws
 * InputError (field `country`) for a country that is not an ISO 3166-1 alpha-2 code.
 */
export async function addParty(
  store: Store,
  input: PartyInput,
  screen: ScreenParty,
  now: number,
): Promise<Party> {
  if (input.country !== undefined && !isCountry(input.country))
    throw new InputError("country", `"${input.country}" is not an ISO 3166-1 alpha-2 country code`);
  const hits = screen(input, now);
  const row = await store.db
    .insertInto("parties")
    .values({
      name: input.name.trim(),
      country: input.country ?? null,
      address: input.address ?? null,
      note: input.note ?? null,
      created: isoInstant(now),
      screened_at: isoInstant(now),
      hits: JSON.stringify(hits),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return partyOf(row);
}

export async function listParties(store: Store): Promise<Party[]> {
  const rows = await store.db.selectFrom("parties").selectAll().orderBy("id").execute();
  return rows.map(partyOf);
}

/** Forgets a party; false if there is none of that id. */
export async function removeParty(store: Store, id: number): Promise<boolean> {
  const r = await store.db.deleteFrom("parties").where("id", "=", id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

const hitKey = (h: PartyHit) => `${h.list}\u0000${h.entryId}`;

/**
 * Screens every kept party again as of `now` and keeps its hits: each with the hits new since its
 * last screening and those gone (a hit is its list and entry id; a changed score is not new).
 */
export async function rescreenParties(
  store: Store,
  screen: ScreenParty,
  now: number,
): Promise<PartyRescreen[]> {
  return store.db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom("parties").selectAll().orderBy("id").execute();
    const answers: PartyRescreen[] = [];
    for (const row of rows) {
      const before = partyOf(row);
      const hits = screen(before, now);
      const had = new Set(before.hits.map(hitKey));
      const has = new Set(hits.map(hitKey));
      await trx
        .updateTable("parties")
        .set({ screened_at: isoInstant(now), hits: JSON.stringify(hits) })
        .where("id", "=", row.id)
        .execute();
      answers.push({
        party: { ...before, screenedAt: isoInstant(now), hits },
        newHits: hits.filter((h) => !had.has(hitKey(h))),
        goneHits: before.hits.filter((h) => !has.has(hitKey(h))),
      });
    }
    return answers;
  });
}
