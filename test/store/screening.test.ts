/**
 * Screening in the store (migration 2): a store written before it migrates with what it held kept;
 * loading the CSL sample keeps its version, date and counts, a second file says what was added,
 * removed and changed, the same file again writes nothing; parties keep the hits of their last
 * screening and re-screening tells the new and the gone. The screener here is exact on names and
 * aliases (the matcher is tested on its own, and with the store in test/cli/screening.test.ts).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type CslFile, readCslJson } from "../../src/screening/csl.js";
import type { ListEntry } from "../../src/screening/list-entry.js";
import { openStore, type Store } from "../../src/store/db.js";
import { migrate } from "../../src/store/migrate.js";
import { MIGRATIONS } from "../../src/store/migrations/index.js";
import {
  addParty,
  listParties,
  loadedEntries,
  loadedLists,
  removeParty,
  rescreenParties,
  type ScreenParty,
  saveListFile,
} from "../../src/store/screening.js";

const open: Store[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function opened(dir = mkdtempSync(join(tmpdir(), "truce-screening-store-"))): Promise<Store> {
  const s = await openStore(dir);
  open.push(s);
  return s;
}

const sample = readCslJson(readFileSync(join("test", "fixtures", "csl", "consolidated.json")));
const NOW = Date.parse("2026-12-01T15:00:00Z");
const LATER = Date.parse("2026-12-02T15:00:00Z");

/** The sample with YMTC left out: the file before BIS added it. */
const withoutYmtc: CslFile = {
  ...sample,
  version: "0".repeat(64),
  entries: sample.entries.filter((e) => e.entryId !== "csl:sample-el-10"),
};

function exactScreener(entries: () => ListEntry[]): ScreenParty {
  return (party) =>
    entries()
      .filter((e) => [e.name, ...e.aliases].some((n) => n.toLowerCase() === party.name.toLowerCase()))
      .map((e) => ({ list: e.list, entryId: e.entryId, name: e.name, score: 1 }));
}

describe("migration 2 on a store written before it", () => {
  it("adds the screening tables and keeps the portfolios", async () => {
    const dir = mkdtempSync(join(tmpdir(), "truce-screening-store-"));
    const before = await opened(dir);
    // The store as version 1 wrote it: only the first migration applied.
    for (const table of ["law_drafts", "reviewed_events", "news_items", "news_articles"])
      await before.db.schema.dropTable(table).execute();
    await before.db.schema.dropTable("parties").execute();
    await before.db.schema.dropTable("list_entries").execute();
    await before.db.schema.dropTable("list_loads").execute();
    await before.db.deleteFrom("schema_migrations").where("version", ">=", 2).execute();
    expect(await migrate(before.db, MIGRATIONS.slice(0, 1))).toEqual([1]);
    await before.db
      .insertInto("portfolios")
      .values({ name: "kept", created: "2026-01-01T00:00:00.000Z", line_count: 0 })
      .execute();
    await before.close();
    open.pop();

    const after = await opened(dir);
    const versions = await after.db.selectFrom("schema_migrations").select(["version", "name"]).execute();
    expect(versions).toEqual([
      { version: 1, name: "initial" },
      { version: 2, name: "screening" },
      { version: 3, name: "news-review" },
    ]);
    expect(await after.db.selectFrom("portfolios").select("name").execute()).toEqual([{ name: "kept" }]);
    expect(await loadedLists(after)).toEqual([]);
    expect(await listParties(after)).toEqual([]);
  });
});

describe("loaded list files", () => {
  it("keeps a load with its version, the file's date and counts, and its entries", async () => {
    const s = await opened();
    const first = await saveListFile(s, sample, "consolidated.json", NOW);
    expect(first).toMatchObject({ sameVersion: false, removed: [], changed: [] });
    expect(first.previousVersion).toBeUndefined();
    expect(first.added).toHaveLength(12);
    expect(first.list).toEqual({
      id: 1,
      source: "csl",
      format: "json",
      fileName: "consolidated.json",
      version: sample.version,
      fileDate: "2026-11-20T09:14:52-05:00",
      loadedAt: "2026-12-01T15:00:00Z",
      records: 15,
      entries: 12,
      rejected: 3,
    });
    expect(await loadedEntries(s)).toEqual(sample.entries);
    const again = await saveListFile(s, sample, "consolidated.json", LATER);
    expect(again).toMatchObject({ sameVersion: true, added: [], removed: [], changed: [] });
    expect((await loadedLists(s)).map((l) => l.id)).toEqual([1]);
  });

  it("says what a new version added, removed and changed, and keeps only its entries", async () => {
    const s = await opened();
    await saveListFile(s, withoutYmtc, "consolidated.json", NOW);
    const revised: CslFile = {
      ...sample,
      entries: sample.entries
        .filter((e) => e.entryId !== "csl:sample-el-04")
        .map((e) => (e.entryId === "csl:sample-el-02" ? { ...e, aliases: [...e.aliases, "HIKVISION"] } : e)),
    };
    const changes = await saveListFile(s, revised, "consolidated.csv", LATER);
    expect(changes.previousVersion).toBe(withoutYmtc.version);
    expect(changes.added).toEqual([
      { list: "us-entity-list", entryId: "csl:sample-el-10", name: "Yangtze Memory Technologies Co., Ltd." },
    ]);
    expect(changes.removed).toEqual([
      { list: "us-entity-list", entryId: "csl:sample-el-04", name: "iFLYTEK Co., Ltd." },
    ]);
    expect(changes.changed).toEqual([
      {
        list: "us-entity-list",
        entryId: "csl:sample-el-02",
        name: "Hangzhou Hikvision Digital Technology Co., Ltd.",
      },
    ]);
    expect((await loadedEntries(s)).map((e) => e.entryId)).toEqual(revised.entries.map((e) => e.entryId));
    expect((await loadedLists(s)).map((l) => [l.id, l.fileName])).toEqual([[2, "consolidated.csv"]]);
  });
});

describe("parties", () => {
  it("keep the hits of their screening; re-screening after an update tells the new and the gone", async () => {
    const s = await opened();
    let entries: ListEntry[] = withoutYmtc.entries;
    const screen = exactScreener(() => entries);
    await saveListFile(s, withoutYmtc, "consolidated.json", NOW);
    const ymtc = await addParty(s, { name: "YMTC", country: "CN", note: "memory supplier" }, screen, NOW);
    expect(ymtc).toEqual({
      id: 1,
      name: "YMTC",
      country: "CN",
      note: "memory supplier",
      created: "2026-12-01T15:00:00Z",
      screenedAt: "2026-12-01T15:00:00Z",
      hits: [],
    });
    const dji = await addParty(s, { name: "DJI", address: "Shenzhen" }, screen, NOW);
    expect(dji.hits.map((h) => h.entryId)).toEqual(["csl:sample-el-09"]);

    // The new file adds YMTC and no longer holds DJI.
    const revised = { ...sample, entries: sample.entries.filter((e) => e.entryId !== "csl:sample-el-09") };
    await saveListFile(s, revised, "consolidated.json", LATER);
    entries = await loadedEntries(s);
    const answers = await rescreenParties(s, screen, LATER);
    expect(
      answers.map((a) => [a.party.name, a.newHits.map((h) => h.entryId), a.goneHits.map((h) => h.entryId)]),
    ).toEqual([
      ["YMTC", ["csl:sample-el-10"], []],
      ["DJI", [], ["csl:sample-el-09"]],
    ]);
    const kept = await listParties(s);
    expect(kept.map((p) => [p.name, p.screenedAt, p.hits.map((h) => h.name)])).toEqual([
      ["YMTC", "2026-12-02T15:00:00Z", ["Yangtze Memory Technologies Co., Ltd."]],
      ["DJI", "2026-12-02T15:00:00Z", []],
    ]);
    // Nothing changed since: nothing new.
    expect(
      (await rescreenParties(s, screen, LATER)).every((a) => a.newHits.length + a.goneHits.length === 0),
    ).toBe(true);
    expect(await removeParty(s, dji.id)).toBe(true);
    expect(await removeParty(s, dji.id)).toBe(false);
    expect((await listParties(s)).map((p) => p.name)).toEqual(["YMTC"]);
  });
});
