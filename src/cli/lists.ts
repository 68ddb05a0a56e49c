/**
 * Restricted-party lists and the parties kept, on the command line: `truce lists` (the shipped
 * lists and those loaded into the store), `truce lists update --file consolidated.json|csv` (load a
 * trade.gov Consolidated Screening List, say what changed since the last version and re-screen the
 * kept parties) and `truce parties add|list|remove|rescreen`. Each takes `--data-dir` and `--json`.
 * The clock is read here.
 */
import { createReadStream, existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import { defaultDataDir } from "../law/load.js";
import { type CslFile, CslFileError, cslFormatOf, readCslCsv, readCslJson } from "../screening/csl.js";
import type { ListEntry } from "../screening/list-entry.js";
import { loadShippedLists } from "../screening/lists.js";
import { ScreeningError, type ScreeningHit } from "../screening/screen.js";
import type { Store } from "../store/db.js";
import { STORE_FILE, storeDir } from "../store/dir.js";
import {
  addParty,
  type EntryRef,
  type ListChanges,
  type LoadedList,
  listParties,
  loadedLists,
  type Party,
  type PartyHit,
  type PartyRescreen,
  partyScreen,
  removeParty,
  rescreenParties,
  saveListFile,
  screenerWithLoaded,
} from "../store/screening.js";
import { formatInZone, US_ZONE } from "../units/time.js";
import { fail } from "./common.js";
import { dataDirOption, printJson, withStore } from "./store.js";

/** The entries shipped under data/screening (their problems are `truce check`'s to report). */
function shippedEntries(): ListEntry[] {
  return loadShippedLists(defaultDataDir()).entries;
}

/** Shipped entries per list id, in the order of the files. */
function countByList(entries: readonly ListEntry[]): { list: string; entries: number }[] {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.list, (counts.get(e.list) ?? 0) + 1);
  return [...counts].map(([list, n]) => ({ list, entries: n }));
}

/** The file's records, read as its name says (JSON whole, CSV streamed with progress on stderr). */
async function readListFile(file: string): Promise<CslFile> {
  const format = cslFormatOf(file);
  if (format === undefined)
    fail(`--file: "${basename(file)}" is neither .json nor .csv (the Consolidated Screening List's formats)`);
  if (!existsSync(file)) fail(`--file: no file ${file}`);
  try {
    if (format === "json") return readCslJson(readFileSync(file));
    const tty = process.stderr.isTTY === true;
    const read = await readCslCsv(createReadStream(file), (n) => {
      if (tty && n % 500 === 0) process.stderr.write(`\rreading ${basename(file)}: ${n} records`);
    });
    if (tty) process.stderr.write("\r");
    return read;
  } catch (e) {
    if (e instanceof CslFileError) fail(`--file: ${basename(file)}: ${e.message}`);
    throw e;
  }
}

function when(iso: string): string {
  return formatInZone(Date.parse(iso), US_ZONE);
}

function loadedText(l: LoadedList): string {
  return `${l.fileName} (${l.format}, version ${l.version.slice(0, 12)}, file dated ${l.fileDate ?? "—"}), loaded ${when(l.loadedAt)}: ${l.entries} entries, ${l.rejected} of ${l.records} records refused`;
}

function hitText(h: PartyHit): string {
  const full = h as Partial<ScreeningHit> & PartyHit;
  const listed = full.listedOn ? `, listed ${full.listedOn}` : "";
  const by = full.instrument ? ` by ${full.instrument.citation}` : "";
  return `${h.list}  ${h.name}  score ${h.score.toFixed(3)}  [${h.entryId}${listed}${by}]`;
}

function refText(r: EntryRef): string {
  return `${r.list}  ${r.entryId}  ${r.name}`;
}

/** At most this many entries of each kind of change are named in the text (all in JSON). */
const CHANGES_SHOWN = 20;

function changesText(c: ListChanges): string[] {
  if (c.sameVersion)
    return [`The same version is loaded already (${c.list.version.slice(0, 12)}): nothing changed.`];
  const out = [
    `Since ${c.previousVersion ? `version ${c.previousVersion.slice(0, 12)}` : "no earlier version"}: ${c.added.length} added, ${c.removed.length} removed, ${c.changed.length} changed`,
  ];
  for (const [mark, refs] of [
    ["+", c.added],
    ["-", c.removed],
    ["~", c.changed],
  ] as const) {
    for (const r of refs.slice(0, CHANGES_SHOWN)) out.push(`  ${mark} ${refText(r)}`);
    if (refs.length > CHANGES_SHOWN)
      out.push(`  ${mark} … and ${refs.length - CHANGES_SHOWN} more (--json lists all)`);
  }
  return out;
}

function hitsCount(n: number): string {
  return `${n} hit${n === 1 ? "" : "s"}`;
}

function partyLabel(p: Party): string {
  const where = [p.country, p.address].filter((x) => x !== undefined).join(", ");
  return `#${p.id} ${p.name}${where ? ` (${where})` : ""}`;
}

function rescreenText(answers: readonly PartyRescreen[]): string[] {
  if (answers.length === 0) return ["No parties kept (truce parties add NAME)."];
  const out = [`Parties re-screened: ${answers.length}`];
  for (const a of answers) {
    if (a.newHits.length === 0 && a.goneHits.length === 0) {
      out.push(`  ${partyLabel(a.party)}: no change (${hitsCount(a.party.hits.length)})`);
      continue;
    }
    out.push(`  ${partyLabel(a.party)}:`);
    for (const h of a.newHits) out.push(`    NEW   ${hitText(h)}`);
    for (const h of a.goneHits) out.push(`    GONE  ${hitText(h)}`);
  }
  return out;
}

function rescreenJson(answers: readonly PartyRescreen[]) {
  return answers.map((a) => ({ party: a.party, newHits: a.newHits, goneHits: a.goneHits }));
}

function idArg(v: string): number {
  if (!/^[1-9]\d{0,15}$/.test(v)) throw new InvalidArgumentError("expected a positive whole number");
  return Number(v);
}

/** The screener of the store's parties: the shipped lists and the loaded ones. */
async function partyScreener(store: Store) {
  return partyScreen(await screenerWithLoaded(store, shippedEntries()));
}

/** Runs `fn`, turning the matcher's refusal (a bad country, a name without letters) into a usage error. */
async function screening<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ScreeningError) fail(e.message);
    throw e;
  }
}

export function registerListCommands(program: Command): void {
  // ---------------------------------------------------------------- lists

  const lists = program
    .command("lists")
    .description("restricted-party lists: those shipped and those loaded into the store")
    .addOption(dataDirOption())
    .option("--json", "print {shipped, loaded} as JSON")
    .action(async (o: { dataDir?: string; json?: boolean }) => {
      const shipped = countByList(shippedEntries());
      // A command that only reads does not create the store.
      const loaded = existsSync(join(storeDir(o.dataDir), STORE_FILE))
        ? await withStore(o, (store) => loadedLists(store))
        : [];
      if (o.json) return printJson({ shipped, loaded });
      const out = ["Shipped (data/screening):"];
      for (const s of shipped) out.push(`  ${s.list}  ${s.entries} entries`);
      out.push("", "Loaded into the store:");
      if (loaded.length === 0) out.push("  none (truce lists update --file consolidated.csv)");
      for (const l of loaded) out.push(`  ${l.source}  ${loadedText(l)}`);
      out.push(
        "",
        "Screening uses both, side by side: an entry on a shipped list and on a loaded one is two hits.",
      );
      process.stdout.write(`${out.join("\n")}\n`);
    });

  lists
    .command("update")
    .description("load a trade.gov Consolidated Screening List (consolidated.json or consolidated.csv)")
    .requiredOption("--file <file>", "consolidated.json or consolidated.csv, as downloaded from trade.gov")
    .addOption(dataDirOption())
    .option("--json", "print the load, the records refused, the changes and the re-screened parties as JSON")
    .addHelpText(
      "after",
      `
The file replaces the last one loaded; the entries added, removed and changed since are named, and
every kept party is screened again: its new hits and the hits that went away are shown. A record
that cannot be an entry (no name, no start_date, a date not YYYY-MM-DD) is refused and named.

Examples:
  truce lists update --file consolidated.csv
  truce lists update --file consolidated.json --json`,
    )
    .action(async (_: unknown, cmd: Command) => {
      // `truce lists` takes --data-dir and --json too: given after `update`, they may be its.
      const o = cmd.optsWithGlobals<{ file: string; dataDir?: string; json?: boolean }>();
      const file = await readListFile(o.file);
      process.stderr.write(
        `read ${file.records} records from ${basename(o.file)}: ${file.entries.length} entries, ${file.errors.length} refused\n`,
      );
      const now = Date.now();
      const { changes, answers } = await withStore(o, async (store) => {
        const changes = await saveListFile(store, file, basename(o.file), now);
        const answers = await rescreenParties(store, await partyScreener(store), now);
        return { changes, answers };
      });
      if (o.json) return printJson({ ...changes, refused: file.errors, parties: rescreenJson(answers) });
      const out = [`Loaded ${loadedText(changes.list)}`];
      for (const e of file.errors.slice(0, CHANGES_SHOWN))
        out.push(`  refused record ${e.record}${e.id ? ` (${e.id})` : ""}: ${e.field}: ${e.detail}`);
      if (file.errors.length > CHANGES_SHOWN)
        out.push(`  … and ${file.errors.length - CHANGES_SHOWN} more refused (--json lists all)`);
      out.push("", ...changesText(changes), "", ...rescreenText(answers));
      process.stdout.write(`${out.join("\n")}\n`);
    });

  // ---------------------------------------------------------------- parties

  const parties = program
    .command("parties")
    .description("parties kept in the store, screened against the lists, re-screened when they change");

  parties
    .command("add")
    .description("keep a party and screen it now")
    .argument("<name>", "the party's name")
    .option("--country <ISO2>", "its country (ISO 3166-1 alpha-2)")
    .option("--address <text>", "its address")
    .option("--note <text>", "a note of yours")
    .addOption(dataDirOption())
    .option("--json", "print the party with its hits as JSON")
    .action(
      async (
        name: string,
        o: { country?: string; address?: string; note?: string; dataDir?: string; json?: boolean },
      ) => {
        const now = Date.now();
        const party = await screening(() =>
          withStore(o, async (store) =>
            addParty(
              store,
              {
                name,
                ...(o.country === undefined ? {} : { country: o.country.toUpperCase() }),
                ...(o.address === undefined ? {} : { address: o.address }),
                ...(o.note === undefined ? {} : { note: o.note }),
              },
              await partyScreener(store),
              now,
            ),
          ),
        );
        if (o.json) return printJson(party);
        const out = [
          `Kept ${partyLabel(party)}, screened ${when(party.screenedAt)}: ${hitsCount(party.hits.length)}`,
        ];
        for (const h of party.hits) out.push(`  ${hitText(h)}`);
        process.stdout.write(`${out.join("\n")}\n`);
      },
    );

  parties
    .command("list")
    .description("the parties kept, with the hits of their last screening")
    .addOption(dataDirOption())
    .option("--json", "print {parties} as JSON")
    .action(async (o: { dataDir?: string; json?: boolean }) => {
      const all = await withStore(o, (store) => listParties(store));
      if (o.json) return printJson({ parties: all });
      const out = all.length === 0 ? ["No parties kept (truce parties add NAME)."] : [];
      for (const p of all) {
        out.push(
          `${partyLabel(p)}: ${hitsCount(p.hits.length)} at ${when(p.screenedAt)}${p.note ? `  — ${p.note}` : ""}`,
        );
        for (const h of p.hits) out.push(`  ${hitText(h)}`);
      }
      process.stdout.write(`${out.join("\n")}\n`);
    });

  parties
    .command("remove")
    .description("forget a party")
    .argument("<id>", "the party's id (truce parties list)", idArg)
    .addOption(dataDirOption())
    .action(async (id: number, o: { dataDir?: string }) => {
      const removed = await withStore(o, (store) => removeParty(store, id));
      if (!removed) fail(`no party ${id} (truce parties list)`);
      process.stdout.write(`Removed party ${id}.\n`);
    });

  parties
    .command("rescreen")
    .description("screen every kept party again: its new hits and those gone since its last screening")
    .addOption(dataDirOption())
    .option("--json", "print {parties: [{party, newHits, goneHits}]} as JSON")
    .action(async (o: { dataDir?: string; json?: boolean }) => {
      const now = Date.now();
      const answers = await withStore(o, async (store) =>
        rescreenParties(store, await partyScreener(store), now),
      );
      if (o.json) return printJson({ parties: rescreenJson(answers) });
      process.stdout.write(`${rescreenText(answers).join("\n")}\n`);
    });
}
