/**
 * What users keep, on the command line: `truce portfolio add|list|show|delete`, `truce watch
 * [changes]|add|list|seen` and `truce scenario save`. Each takes `--data-dir` (else TRUCE_DATA_DIR,
 * else ~/.local/share/truce) and `--json`. The clock is read here and given to the store.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { type Side, UPCOMING_DAYS, type WatchAnswer, watchChanges } from "../analytics/watch.js";
import type { WeightsFile } from "../analytics/weights.js";
import { InputError } from "../entry/errors.js";
import { loadEvents } from "../law/events.js";
import type { Issuer } from "../law/model.js";
import { loadScenarios, ScenarioError, type ScenarioSpec, scenarioById } from "../law/scenario.js";
import type { Store } from "../store/db.js";
import { STORE_FILE, storeDir } from "../store/dir.js";
import {
  deletePortfolio,
  getPortfolio,
  lineJson,
  listPortfolios,
  portfolioDuties,
  portfolioWeights,
  readPortfolioCsv,
  savePortfolio,
} from "../store/portfolios.js";
import {
  listSavedScenarios,
  ScenarioExistsError,
  saveScenario,
  scenarioFromText,
  scenarioSpec,
} from "../store/scenarios.js";
import {
  addWatchItems,
  checkWatchItem,
  createWatchlist,
  getWatchlist,
  listWatchlists,
  markSeen,
  watchedLines,
  watchlistNamed,
} from "../store/watchlists.js";
import type { Truce } from "../truce.js";
import { formatInZone, parseInstant, TimeError, US_ZONE } from "../units/time.js";
import { dateArg, fail } from "./common.js";
import { money } from "./render.js";

const DATA_DIR_HELP = "the store's directory (default: TRUCE_DATA_DIR, else ~/.local/share/truce)";

/** The --data-dir option every store command takes. */
export function dataDirOption(): Option {
  return new Option("--data-dir <dir>", DATA_DIR_HELP);
}

/**
 * Opens the store of `--data-dir`, runs `fn` and closes it. SQLite and Kysely are imported here, on
 * first use: the commands that do not use the store do not load them (~0.2 s of CPU).
 */
export async function withStore<T>(o: { dataDir?: string }, fn: (store: Store) => Promise<T>): Promise<T> {
  const { openStore } = await import("../store/db.js");
  const store = await openStore(storeDir(o.dataDir));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Whether the store exists (a command that only reads does not create it). */
export function hasStore(dataDir?: string): boolean {
  return existsSync(join(storeDir(dataDir), STORE_FILE));
}

/**
 * A scenario by id: a shipped one (data/scenarios), else a saved one when the store exists (a
 * command that only reads does not create the store). Throws ScenarioError naming the known ids.
 */
export async function resolveScenario(id: string, dataDir?: string): Promise<ScenarioSpec> {
  const shipped = loadScenarios().get(id);
  if (shipped) return shipped;
  if (!hasStore(dataDir)) return scenarioById(id);
  return withStore({ ...(dataDir === undefined ? {} : { dataDir }) }, (store) => scenarioSpec(store, id));
}

/** The saved scenarios when the store exists (none otherwise). */
export async function savedScenarios(dataDir?: string): Promise<ScenarioSpec[]> {
  if (!hasStore(dataDir)) return [];
  const saved = await withStore({ ...(dataDir === undefined ? {} : { dataDir }) }, listSavedScenarios);
  return saved.map((s) => s.spec);
}

/** `--weights portfolio:ID`: a saved portfolio's values as weights; undefined for another --weights. */
export async function weightsOfPortfolio(
  ref: string | undefined,
  importer: Issuer,
  dataDir?: string,
): Promise<WeightsFile | undefined> {
  const m = /^portfolio:([1-9]\d{0,15})$/.exec(ref ?? "");
  if (!m) return undefined;
  const p = await withStore({ ...(dataDir === undefined ? {} : { dataDir }) }, (store) =>
    getPortfolio(store, Number(m[1])),
  );
  if (!p) fail(`--weights: no portfolio ${m[1]} (truce portfolio list)`);
  return portfolioWeights(p, importer);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function idArg(v: string): number {
  if (!/^[1-9]\d{0,15}$/.test(v)) throw new InvalidArgumentError("expected a positive whole number");
  return Number(v);
}

/** An instant option (a date is 00:01 New York time), or a usage error naming the option. */
function instantOption(name: string) {
  return (v: string): number => {
    try {
      return parseInstant(v, US_ZONE);
    } catch (e) {
      if (e instanceof TimeError) throw new InvalidArgumentError(`${name}: ${e.message}`);
      throw e;
    }
  };
}

function when(iso: string): string {
  return formatInZone(Date.parse(iso), US_ZONE);
}

function sideText(s: Side): string {
  if ("error" in s) return `not priced: ${s.error.field} ${s.error.message}`;
  const layers = s.layers.map(
    (l) => `${l.heading} ${l.rateText}${l.amount === null ? "" : ` ${money(l.amount)}`}`,
  );
  return `${s.total.rate}% ${money(s.total.amount)}  (${layers.join(" + ")})`;
}

function watchText(name: string, a: WatchAnswer): string {
  const out = [`Watchlist ${name}, as of ${when(a.now)}:`];
  for (const i of a.items) {
    const value = i.valueGiven ? money(i.value) : `${money(i.value)} (no value kept: amounts per $100)`;
    out.push("", `${i.code} from ${i.origin} into ${i.importer}, value ${value}; last seen ${when(i.since)}`);
    if (i.changes.length === 0) out.push("  no change since");
    for (const c of i.changes) {
      out.push(`  ${c.when}  ${c.what}  [${c.measure}]  ${c.citation}`);
      out.push(`      before: ${sideText(c.before)}`, `      after:  ${sideText(c.after)}`);
    }
    for (const u of i.upcoming) {
      out.push(
        `  coming ${u.when}  ${u.what}  [${u.measures.join(", ")}]${u.confirmed ? "" : " (unconfirmed)"}`,
      );
      if (u.after) out.push(`      then: ${sideText(u.after)}`);
    }
  }
  out.push("", `Coming steps are shown to ${when(a.upcomingUntil)}. Mark them seen: truce watch seen`);
  return out.join("\n");
}

/** The id of the watchlist named `name`, or a failure saying how to make one. */
async function listId(store: Store, name: string): Promise<number> {
  const id = await watchlistNamed(store, name);
  if (id === undefined)
    fail(`no watchlist "${name}" (add a line to it: truce watch add --list ${name} --code … --origin …)`);
  return id;
}

export function registerStoreCommands(program: Command, truce: () => Truce): void {
  // ---------------------------------------------------------------- portfolios

  const portfolio = program
    .command("portfolio")
    .description("portfolios kept in the store: lines (code, origin, value, …) uploaded as CSV");

  portfolio
    .command("add")
    .description("keep a portfolio: a CSV with the columns of truce duty --input but no date")
    .argument("<name>", "the portfolio's name")
    .requiredOption(
      "--input <file.csv>",
      "CSV: code,origin,value required; importer, quantity, unit, claims … optional",
    )
    .addOption(dataDirOption())
    .option("--json", "print {id, name, created, lines, errors} as JSON")
    .addHelpText(
      "after",
      `
Each row is checked as an entry on today's date; bad rows are named (line, field, what is wrong)
and not kept, and the command then exits 1.

Examples:
  truce portfolio add solar --input lines.csv
  truce portfolio show 1 --date 2025-11-10`,
    )
    .action(async (name: string, o: { input: string; dataDir?: string; json?: boolean }) => {
      let text: string;
      try {
        text = readFileSync(o.input, "utf8");
      } catch (e) {
        fail(`--input: ${(e as Error).message}`);
      }
      const now = Date.now();
      let read: ReturnType<typeof readPortfolioCsv>;
      try {
        read = readPortfolioCsv(truce(), text, now, o.input);
      } catch (e) {
        if (e instanceof InputError) fail(`--input: ${e.detail}`);
        throw e;
      }
      const saved = await withStore(o, (store) => savePortfolio(store, name, read.lines, now));
      if (o.json) printJson({ ...saved, errors: read.errors });
      else {
        process.stdout.write(`portfolio ${saved.id} "${saved.name}": ${saved.lines} lines kept\n`);
        for (const e of read.errors)
          process.stderr.write(`truce: line ${e.line}: ${e.field}: ${e.detail} (not kept)\n`);
      }
      process.exitCode = read.errors.length > 0 ? 1 : 0;
    });

  portfolio
    .command("list")
    .description("the portfolios kept")
    .addOption(dataDirOption())
    .option("--json", "print JSON")
    .action(async (o: { dataDir?: string; json?: boolean }) => {
      const all = await withStore(o, listPortfolios);
      if (o.json) return printJson({ portfolios: all });
      if (all.length === 0)
        process.stdout.write("no portfolio kept (truce portfolio add NAME --input FILE.csv)\n");
      for (const p of all)
        process.stdout.write(`${p.id}  ${p.name}  ${p.lines} lines  kept ${when(p.created)}\n`);
    });

  portfolio
    .command("show")
    .description("a portfolio's lines, or with --date the duty on each (the batch's rows and totals)")
    .argument("<id>", "the portfolio's id (truce portfolio list)", idArg)
    .option(
      "--date <YYYY-MM-DD>",
      "price every line on this date (CSV as truce duty --input writes it)",
      dateArg,
    )
    .addOption(dataDirOption())
    .option("--json", "print JSON ({id, name, created, lines}, or with --date {rows, totals})")
    .action(async (id: number, o: { date?: string; dataDir?: string; json?: boolean }) => {
      const p = await withStore(o, (store) => getPortfolio(store, id));
      if (!p) fail(`no portfolio ${id} (truce portfolio list)`);
      if (o.date) {
        const out = await portfolioDuties(truce(), p, o.date, o.json ? "jsonl" : "csv");
        if (o.json) printJson({ id: p.id, name: p.name, date: o.date, rows: out.rows, totals: out.totals });
        else {
          process.stdout.write(out.csv ?? "");
          const t = out.totals;
          if ("duty" in t)
            process.stderr.write(
              `truce: ${t.rows} rows, ${t.errors} errors; duty ${money(t.duty.amount)} (${t.duty.rate}%) on ${money(t.value)}\n`,
            );
          process.exitCode = t.errors > 0 ? 1 : 0;
        }
        return;
      }
      const lines = p.lines.map(lineJson);
      if (o.json) return printJson({ id: p.id, name: p.name, created: p.created, lines });
      process.stdout.write(`portfolio ${p.id} "${p.name}", kept ${when(p.created)}, ${lines.length} lines\n`);
      for (const [i, l] of lines.entries())
        process.stdout.write(
          `${String(i + 1).padStart(5)}  ${Object.entries(l)
            .map(([k, v]) => `${k}=${v}`)
            .join(" ")}\n`,
        );
    });

  portfolio
    .command("delete")
    .description("delete a portfolio and its lines")
    .argument("<id>", "the portfolio's id", idArg)
    .addOption(dataDirOption())
    .option("--json", "print {deleted: id} as JSON")
    .action(async (id: number, o: { dataDir?: string; json?: boolean }) => {
      if (!(await withStore(o, (store) => deletePortfolio(store, id)))) fail(`no portfolio ${id}`);
      if (o.json) printJson({ deleted: id });
      else process.stdout.write(`portfolio ${id} deleted\n`);
    });

  // ---------------------------------------------------------------- watchlists

  const watch = program
    .command("watch")
    .description("watchlists: what changed, or will change, for your lines since you last looked");

  watch
    .command("changes", { isDefault: true })
    .description(
      "what changed for each line of a watchlist since it was last seen, and what comes next (the default)",
    )
    .option("--list <name>", "the watchlist", "default")
    .option(
      "--since <instant>",
      "look back from here instead of when each line was last seen",
      instantOption("--since"),
    )
    .option(
      "--now <instant>",
      "as of this instant instead of the clock (reproducible answers)",
      instantOption("--now"),
    )
    .option("--days <n>", `days ahead for coming steps and deadlines (default ${UPCOMING_DAYS})`, (v) => {
      if (!/^\d{1,4}$/.test(v)) throw new InvalidArgumentError("expected a number of days");
      return Number(v);
    })
    .option("--seen", "then mark the lines seen (as of --now or the clock)")
    .addOption(dataDirOption())
    .option(
      "--json",
      "print JSON: {since, now, items: [{code, origin, changes: [{at, measure, kind, before, after}], upcoming}]}",
    )
    .addHelpText(
      "after",
      `
Each step of the law that touches a line (one of its measures among the line's layers, or among the
measures considered and not applied) is shown with the duty a minute before and at the step.

Examples:
  truce watch add --code 8541.43.00.10 --origin CN --value 10000 --since 2025-11-01
  truce watch --now 2025-11-11
  truce watch seen`,
    )
    .action(
      async (o: {
        list: string;
        since?: number;
        now?: number;
        days?: number;
        seen?: boolean;
        dataDir?: string;
        json?: boolean;
      }) => {
        const now = o.now ?? Date.now();
        const t = truce();
        const answer = await withStore(o, async (store) => {
          const list = await getWatchlist(store, await listId(store, o.list));
          if (!list) fail(`no watchlist "${o.list}"`);
          const a = watchChanges(t, loadEvents(t.law), watchedLines(list), {
            now,
            ...(o.since === undefined ? {} : { since: o.since }),
            ...(o.days === undefined ? {} : { upcomingDays: o.days }),
          });
          if (o.seen) await markSeen(store, list.id, now);
          return { id: list.id, name: list.name, ...a };
        });
        if (o.json) printJson(answer);
        else process.stdout.write(`${watchText(answer.name, answer)}\n`);
      },
    );

  watch
    .command("add")
    .description("watch a line: a code and an origin (and a value) in a watchlist, created if new")
    .requiredOption("--code <code>", "HTS code (for --importer CN an HS6, HS8 or 10-digit code)")
    .requiredOption("--origin <ISO2>", "country of origin")
    .addOption(new Option("--importer <US|CN>", "importing country").choices(["US", "CN"]).default("US"))
    .option("--value <USD>", "customs value (without it amounts are shown on $100)")
    .option("--since <instant>", "count the line as last seen then (default: now)", instantOption("--since"))
    .option("--list <name>", "the watchlist", "default")
    .addOption(dataDirOption())
    .option("--json", "print the watchlist as JSON")
    .action(
      async (o: {
        code: string;
        origin: string;
        importer: "US" | "CN";
        value?: string;
        since?: number;
        list: string;
        dataDir?: string;
        json?: boolean;
      }) => {
        const now = Date.now();
        let item: ReturnType<typeof checkWatchItem>;
        try {
          item = checkWatchItem(
            truce(),
            {
              code: o.code,
              origin: o.origin,
              importer: o.importer,
              ...(o.value === undefined ? {} : { value: o.value }),
              ...(o.since === undefined ? {} : { since: o.since }),
            },
            now,
            "item",
          );
        } catch (e) {
          if (e instanceof InputError)
            fail(`--${e.field.replace(/^item\./, "").replace("_", "-")} ${e.detail}`);
          throw e;
        }
        const list = await withStore(o, async (store) => {
          const existing = await watchlistNamed(store, o.list);
          const id = existing ?? (await createWatchlist(store, o.list, [], now));
          await addWatchItems(store, id, [item], now);
          return getWatchlist(store, id);
        });
        if (o.json) printJson(list);
        else
          process.stdout.write(
            `watching ${o.code} from ${item.origin} in watchlist "${o.list}" (${list?.items.length} lines)\n`,
          );
      },
    );

  watch
    .command("list")
    .description("the watchlists and their lines, each with when it was last seen")
    .addOption(dataDirOption())
    .option("--json", "print JSON")
    .action(async (o: { dataDir?: string; json?: boolean }) => {
      const lists = await withStore(o, async (store) => {
        const out = [];
        for (const s of await listWatchlists(store)) out.push(await getWatchlist(store, s.id));
        return out;
      });
      if (o.json) return printJson({ watchlists: lists });
      if (lists.length === 0) process.stdout.write("no watchlist (truce watch add --code … --origin …)\n");
      for (const l of lists) {
        if (!l) continue;
        process.stdout.write(`${l.id}  ${l.name}  ${l.items.length} lines\n`);
        for (const i of l.items)
          process.stdout.write(
            `     ${i.code} from ${i.origin} into ${i.importer}${i.value ? ` value ${money(i.value)}` : ""}; last seen ${when(i.lastSeen)}\n`,
          );
      }
    });

  watch
    .command("seen")
    .description("mark every line of a watchlist seen now")
    .option("--list <name>", "the watchlist", "default")
    .option("--at <instant>", "seen at this instant instead of now", instantOption("--at"))
    .addOption(dataDirOption())
    .option("--json", "print the watchlist as JSON")
    .action(async (o: { list: string; at?: number; dataDir?: string; json?: boolean }) => {
      const at = o.at ?? Date.now();
      const list = await withStore(o, async (store) => {
        const id = await listId(store, o.list);
        await markSeen(store, id, at);
        return getWatchlist(store, id);
      });
      if (o.json) printJson(list);
      else process.stdout.write(`watchlist "${o.list}" seen at ${formatInZone(at, US_ZONE)}\n`);
    });
}

/** `truce scenario save FILE`: keeps a scenario file (data/scenarios format) in the store. */
export function registerScenarioSave(group: Command, truce: () => Truce): void {
  group
    .command("save")
    .description("keep a scenario (a YAML or JSON file in the data/scenarios format) in the store")
    .argument("<file>", "the scenario file")
    .option("--replace", "replace a saved scenario of the same id")
    .addOption(dataDirOption())
    .option("--json", "print the scenario saved as JSON")
    .addHelpText(
      "after",
      `
Its id then names it wherever a shipped scenario id is taken (truce scenario compare, truce average
--scenario, the API). A shipped id cannot be taken.

Example:
  truce scenario save my-scenario.yaml && truce scenario compare baseline my-scenario --date 2025-11-15`,
    )
    .action(async (file: string, o: { replace?: boolean; dataDir?: string; json?: boolean }) => {
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (e) {
        fail((e as Error).message);
      }
      try {
        const spec = scenarioFromText(text, file);
        const saved = await withStore(o, (store) =>
          saveScenario(store, truce().law, spec, Date.now(), { replace: o.replace === true }),
        );
        if (o.json) printJson({ ...saved.spec, file: undefined, saved: true, created: saved.created });
        else process.stdout.write(`scenario ${saved.spec.id} saved ("${saved.spec.title}")\n`);
      } catch (e) {
        if (e instanceof ScenarioError || e instanceof ScenarioExistsError) fail(e.message);
        throw e;
      }
    });
}
