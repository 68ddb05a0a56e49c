/**
 * The store on a real SQLite file in a temporary directory: migrations (a fresh file migrates,
 * running again is a no-op, a failing migration leaves nothing, a later version is refused), the
 * pragmas, round trips of portfolios, saved scenarios and watchlists, a reader while a writer
 * writes (WAL), and a watched line's duty before and after a step of the law, from the engine.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { watchChanges } from "../../src/analytics/watch.js";
import { InputError } from "../../src/entry/errors.js";
import { loadEvents } from "../../src/law/events.js";
import { ScenarioError } from "../../src/law/scenario.js";
import { openStore, type Store } from "../../src/store/db.js";
import { STORE_FILE, storeDir } from "../../src/store/dir.js";
import { migrate, StoreVersionError } from "../../src/store/migrate.js";
import { MIGRATIONS } from "../../src/store/migrations/index.js";
import {
  deletePortfolio,
  getPortfolio,
  listPortfolios,
  portfolioDuties,
  portfolioWeights,
  readPortfolioCsv,
  savePortfolio,
} from "../../src/store/portfolios.js";
import {
  listSavedScenarios,
  ScenarioExistsError,
  saveScenario,
  scenarioFromText,
  scenarioSpec,
} from "../../src/store/scenarios.js";
import {
  checkWatchItem,
  createWatchlist,
  getWatchlist,
  listWatchlists,
  markSeen,
  watchedLines,
} from "../../src/store/watchlists.js";
import { loadTruce, type Truce, truceFor } from "../../src/truce.js";

let t: Truce;
beforeAll(() => {
  t = loadTruce();
});

const open: Store[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), "truce-store-test-"));
}

async function opened(dir = freshDir()): Promise<Store> {
  const s = await openStore(dir);
  open.push(s);
  return s;
}

/** 2025-11-10 00:01 in New York: the fentanyl tariff goes from 20% to 10% (CSMS 66749380). */
const STEP = Date.parse("2025-11-10T05:01:00Z");
const NOW = Date.parse("2025-11-11T12:00:00Z");

describe("the store's directory", () => {
  it("is the flag's, else TRUCE_DATA_DIR, else truce under the user's data directory", () => {
    expect(storeDir("/srv/a", { TRUCE_DATA_DIR: "/srv/b" })).toBe("/srv/a");
    expect(storeDir(undefined, { TRUCE_DATA_DIR: "/srv/b" })).toBe("/srv/b");
    expect(storeDir(undefined, { XDG_DATA_HOME: "/home/u/data" })).toBe("/home/u/data/truce");
    expect(storeDir(undefined, {})).toMatch(/\/\.local\/share\/truce$/);
  });
});

describe("migrations", () => {
  it("migrates a fresh file, in WAL mode with foreign keys on; running again is a no-op", async () => {
    const dir = freshDir();
    const s = await opened(dir);
    expect(s.file).toBe(join(dir, STORE_FILE));
    const first = await s.db.selectFrom("schema_migrations").selectAll().execute();
    expect(first.map((r) => [r.version, r.name])).toEqual([
      [1, "initial"],
      [2, "screening"],
      [3, "news-review"],
    ]);
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(s.db);
    expect(mode.rows[0]?.journal_mode).toBe("wal");
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(s.db);
    expect(fk.rows[0]?.foreign_keys).toBe(1);
    expect(await migrate(s.db)).toEqual([1, 2, 3]);
    await s.close();
    open.pop();
    const again = await opened(dir);
    expect(await again.db.selectFrom("schema_migrations").selectAll().execute()).toEqual(first);
  });

  it("applies a migration whole or not at all", async () => {
    const s = await opened();
    const broken = {
      version: MIGRATIONS.length + 1,
      name: "broken",
      up: async (db: Parameters<(typeof MIGRATIONS)[number]["up"]>[0]) => {
        await db.schema.createTable("half_done").addColumn("x", "integer").execute();
        throw new Error("fails after its first statement");
      },
    };
    await expect(migrate(s.db, [...MIGRATIONS, broken])).rejects.toThrow("fails after its first statement");
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(
      s.db,
    );
    expect(tables.rows.map((r) => r.name)).not.toContain("half_done");
    expect(
      (await s.db.selectFrom("schema_migrations").select("version").execute()).map((r) => r.version),
    ).toEqual([1, 2, 3]);
  });

  it("refuses a store written by a later version", async () => {
    const dir = freshDir();
    const s = await opened(dir);
    await s.db
      .insertInto("schema_migrations")
      .values({ version: 99, name: "future", applied: "2030-01-01T00:00:00Z" })
      .execute();
    await expect(openStore(dir)).rejects.toThrow(StoreVersionError);
  });
});

const CSV = [
  "code,origin,value,ref",
  "8541.43.00.10,CN,10000,solar",
  "8541.43.00.10,XX,10000,bad origin",
  '6102.20.00.10,cn,"1,234.56",coat',
  "8541.43.00.99,CN,500,unknown code",
  "8541.43.00.10,CN,10,00,extra column",
  "",
].join("\n");

describe("portfolios", () => {
  it("reads a CSV with the batch's reader and entry contract: bad rows named by line and field, not kept", () => {
    const r = readPortfolioCsv(t, CSV, NOW);
    expect(r.lines).toEqual([
      { code: "8541.43.00.10", origin: "CN", value: "10000", fields: {} },
      { code: "6102.20.00.10", origin: "CN", value: "1,234.56", fields: {} },
    ]);
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [3, "origin"],
      [5, "code"],
      [6, "row"],
    ]);
    expect(r.errors[0]?.detail).toMatch(/"XX" is not an ISO 3166 alpha-2/);
    expect(r.errors[2]?.detail).toBe("expected 4 columns, found 5");
  });

  it("refuses a file without a required column, or with a date", () => {
    expect(() => readPortfolioCsv(t, "code,origin\n8541.43.00.10,CN\n", NOW)).toThrow(InputError);
    expect(() => readPortfolioCsv(t, "code,origin,value,date\n8541.43.00.10,CN,1,2025-11-10\n", NOW)).toThrow(
      /a portfolio line has no date/,
    );
  });

  it("keeps and gives back a portfolio, priced by the batch pipeline on a date", async () => {
    const s = await opened();
    const read = readPortfolioCsv(
      t,
      "code,origin,value,importer\n8541.43.00.10,CN,10000,\n1201.90,US,10000,CN\n",
      NOW,
    );
    expect(read.errors).toEqual([]);
    const saved = await savePortfolio(s, "solar and soy", read.lines, NOW);
    expect(saved).toEqual({ id: 1, name: "solar and soy", created: "2025-11-11T12:00:00Z", lines: 2 });
    expect(await listPortfolios(s)).toEqual([saved]);
    const p = await getPortfolio(s, 1);
    expect(p?.lines[1]).toEqual({
      code: "1201.90",
      origin: "US",
      value: "10000",
      fields: { importer: "CN" },
    });

    // The README's solar module: 94% on Nov 1 2025, 84% from Nov 10 (fentanyl 20% -> 10%).
    const before = await portfolioDuties(t, p as NonNullable<typeof p>, "2025-11-01", "jsonl");
    const row = before.rows?.[0] as { line: number; result: { total: { amount: string } } };
    expect(row.line).toBe(2);
    expect(row.result.total).toEqual({ rate: 94, amount: "9400.00" });
    const after = await portfolioDuties(t, p as NonNullable<typeof p>, "2025-11-10", "csv");
    expect(after.csv?.split("\n")[1]).toMatch(/^8541\.43\.00\.10,CN,2025-11-10,10000,,84,8400\.00,/);
    expect(after.totals.rows).toBe(2);
    expect(portfolioWeights(p as NonNullable<typeof p>, "US").rows).toEqual([
      { code: "8541430010", origin: "CN", value: 10000, line: 1 },
    ]);
    expect(await deletePortfolio(s, 1)).toBe(true);
    expect(await getPortfolio(s, 1)).toBeUndefined();
    const lines = await s.db.selectFrom("portfolio_lines").selectAll().execute();
    expect(lines).toEqual([]); // the lines went with it (foreign key, on delete cascade)
  });
});

const SAVED = `
id: fentanyl-stays-20
title: The fentanyl tariff stays at 20%
description: What if the cut of the IEEPA fentanyl tariff to 10% on Nov 10 2025 (CSMS 66749380) had not happened.
sources: [https://content.govdelivery.com/accounts/USDHSCBP/bulletins/3fa83c4]
edits:
  - set: { measure: ieepa-fentanyl-cn, from: "2025-11-10 00:01", rate: "20%", heading: "9903.01.24" }
`;

describe("saved scenarios", () => {
  it("keeps a scenario in the data/scenarios format and names it wherever a shipped id is taken", async () => {
    const s = await opened();
    const spec = scenarioFromText(SAVED, "fentanyl.yaml");
    await saveScenario(s, t.law, spec, NOW);
    expect((await listSavedScenarios(s)).map((x) => x.spec.id)).toEqual(["fentanyl-stays-20"]);
    const found = await scenarioSpec(s, "fentanyl-stays-20");
    const under = truceFor(t, found);
    const entry = { code: "8541.43.00.10", origin: "CN", date: "2025-11-10", value: 10000 };
    expect(t.duty(entry).total.amount).toBe("8400.00");
    expect(under.duty(entry).total.amount).toBe("9400.00");
    expect((await scenarioSpec(s, "threat-100")).id).toBe("threat-100");
    await expect(scenarioSpec(s, "nothing-such")).rejects.toThrow(
      /unknown scenario "nothing-such" \(known: baseline,/,
    );
    await expect(saveScenario(s, t.law, spec, NOW)).rejects.toThrow(ScenarioExistsError);
    await expect(saveScenario(s, t.law, { ...spec, id: "threat-100" }, NOW)).rejects.toThrow(/shipped/);
    expect(() => scenarioFromText(SAVED.replace("set:", "sett:"), "x.yaml")).toThrow(ScenarioError);
    const wrong = scenarioFromText(SAVED.replace("ieepa-fentanyl-cn", "ieepa-fentanyl-xx"), "x.yaml");
    await expect(saveScenario(s, t.law, { ...wrong, id: "other" }, NOW)).rejects.toThrow(
      /unknown measure ieepa-fentanyl-xx/,
    );
  });
});

describe("watchlists", () => {
  it("answers what changed for a watched line since it was last seen, with the engine's layers before and after", async () => {
    const s = await opened();
    const item = checkWatchItem(
      t,
      { code: "8541.43.00.10", origin: "cn", value: "10000", since: STEP - 86_400_000 },
      NOW,
      "items.0",
    );
    const id = await createWatchlist(
      s,
      "solar",
      [item, { code: "6102.20.00.10", origin: "VN", since: NOW }],
      NOW,
    );
    expect(await listWatchlists(s)).toEqual([
      { id, name: "solar", created: "2025-11-11T12:00:00Z", items: 2 },
    ]);
    const list = await getWatchlist(s, id);
    expect(list?.items[0]).toEqual({
      code: "8541.43.00.10",
      origin: "CN",
      importer: "US",
      value: "10000",
      lastSeen: "2025-11-09T05:01:00Z",
    });
    const answer = watchChanges(t, loadEvents(t.law), watchedLines(list as NonNullable<typeof list>), {
      now: NOW,
      upcomingDays: 7,
    });
    const solar = answer.items[0] as (typeof answer.items)[number];
    expect(solar.changes.map((c) => [c.instant, c.measure, c.kind])).toEqual([
      ["2025-11-10T05:01:00Z", "ieepa-fentanyl-cn", "rate"],
      ["2025-11-10T05:01:00Z", "ieepa-reciprocal-cn", "renewed"],
    ]);
    const cut = solar.changes[0] as (typeof solar.changes)[number];
    if ("error" in cut.before || "error" in cut.after) throw new Error("priced");
    expect(cut.before.total).toEqual({ rate: 94, amount: "9400.00" });
    expect(cut.after.total).toEqual({ rate: 84, amount: "8400.00" });
    const fentanyl = (side: typeof cut.before) =>
      "layers" in side ? side.layers.find((l) => l.measure === "ieepa-fentanyl-cn") : undefined;
    expect([fentanyl(cut.before)?.heading, fentanyl(cut.before)?.amount]).toEqual(["9903.01.24", "2000.00"]);
    expect([fentanyl(cut.after)?.rateText, fentanyl(cut.after)?.amount]).toEqual(["10%", "1000.00"]);
    expect(cut.before.instant).toBe("2025-11-10T05:00:00Z");
    // Coming within a week: the reciprocal tariff's exemptions revised on Nov 13 (9903.01.32, 9903.02.78).
    expect(solar.upcoming.map((u) => [u.instant, u.what])).toEqual([
      ["2025-11-13T05:01:00Z", "exemption 9903.01.32 revised"],
      ["2025-11-13T05:01:00Z", "exemption 9903.02.78 starts"],
    ]);
    // A line from Vietnam seen now: nothing new; China's measures do not touch it.
    const coat = answer.items[1] as (typeof answer.items)[number];
    expect([coat.valueGiven, coat.value, coat.changes, coat.upcoming]).toEqual([false, "100.00", [], []]);

    expect(await markSeen(s, id, NOW)).toBe(true);
    const seen = await getWatchlist(s, id);
    const later = watchChanges(t, [], watchedLines(seen as NonNullable<typeof seen>), {
      now: NOW + 60_000,
      upcomingDays: 0,
    });
    expect(later.items.map((i) => i.changes)).toEqual([[], []]);
    expect(await markSeen(s, id + 1, NOW)).toBe(false);
  });

  it("refuses an item the entry contract refuses, naming the item's field", () => {
    expect(() => checkWatchItem(t, { code: "8541.43.00.10", origin: "XX" }, NOW, "items.3")).toThrow(
      expect.objectContaining({ field: "items.3.origin" }),
    );
  });
});

describe("concurrency", () => {
  it("lets a reader read the last commit while a writer's transaction is open (WAL), then see the new one", async () => {
    const dir = freshDir();
    const writer = await opened(dir);
    const reader = await opened(dir);
    await savePortfolio(
      writer,
      "first",
      [{ code: "8541.43.00.10", origin: "CN", value: "1", fields: {} }],
      NOW,
    );
    let seenDuring: string[] = [];
    await writer.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("portfolios")
        .values({ name: "second", created: "2025-11-11T12:00:00Z", line_count: 0 })
        .execute();
      seenDuring = (await listPortfolios(reader)).map((p) => p.name);
    });
    expect(seenDuring).toEqual(["first"]);
    expect((await listPortfolios(reader)).map((p) => p.name)).toEqual(["first", "second"]);
  });
});
