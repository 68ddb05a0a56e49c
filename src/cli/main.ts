#!/usr/bin/env node
/** The `truce` command line. No business rule lives here: it parses, calls the core and renders. */
import { Argument, Command, InvalidArgumentError, Option } from "commander";
import { dutyOverLines } from "../engine/lines.js";
import { type Loaded, loadFromCache } from "../engine/loaded.js";
import { InputError } from "../entry/errors.js";
import { parseEntry } from "../entry/parse.js";
import { toJson } from "../entry/result.js";
import { LawError } from "../law/load.js";
import { CodeError, formatCode } from "../nomenclature/codes.js";
import type { Truce } from "../truce.js";
import { CN_ZONE, formatInZone, parseInstant, TimeError, US_ZONE } from "../units/time.js";
import {
  addEntryOptions,
  dateArg,
  didYouMean,
  entryFields,
  fail,
  THREADS_OPTION,
  wantsJson,
  writeJsonError,
} from "./common.js";

// Start-up is most of the time of one answer: modules a command does not use are imported in its
// action, and the commands of other modules are registered only when one of them may be run.

// A reader that stops early (`truce hts 85 | head`) closes the pipe: end quietly, as Unix tools do.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

let library: typeof import("../truce.js") | undefined;
/** The library (the entry contract, scenarios: zod and YAML), imported when a command needs it. */
async function importLibrary(): Promise<typeof import("../truce.js")> {
  library ??= await import("../truce.js");
  return library;
}

let cached: Truce | undefined;
/** The library's Truce, loaded on first use (`importLibrary()` first). */
function truce(): Truce {
  if (library === undefined) throw new Error("the library is used before it is imported");
  cached ??= library.loadTruce();
  return cached;
}

let parts: Loaded | undefined;
/**
 * The law, the nomenclatures and the engine: from the source cache when it holds the law (neither
 * zod nor YAML is loaded then), else from the sources through the library (which keeps them).
 */
async function loaded(): Promise<Loaded> {
  parts ??= cached ?? loadFromCache();
  if (parts === undefined) {
    await importLibrary();
    parts = truce();
  }
  return parts;
}

const program = new Command()
  .name("truce")
  .description("Exact, source-cited duties on trade between the United States and China")
  .version("0.1.0")
  .showHelpAfterError()
  // Usage errors (unknown option, missing argument) exit 2 like every other bad input; help exits 0.
  .exitOverride((e) => process.exit(e.exitCode === 0 ? 0 : 2))
  // With --json a usage error is JSON on stdout like every other error (and no help text follows).
  .configureOutput({
    writeErr: (text) => {
      if (!wantsJson()) process.stderr.write(text);
    },
    outputError: (text, write) => {
      if (!wantsJson()) write(text);
      else if (text.startsWith("error:")) writeJsonError({ detail: text.slice(6).trim() });
    },
  });

addEntryOptions(
  program
    .command("duty")
    .description("the duty on one entry, layer by layer with citations (or a batch CSV with --input)")
    .argument(
      "[code]",
      "HTS code (8541.43.00.10, 8541430010, 8541.43.00); for --importer CN an HS6, HS8 or 10-digit code",
    ),
)
  .option("--json", "print the full result as JSON")
  .option(
    "--input <file>",
    "batch mode: a CSV of entries (columns code,origin,date,value,...) or JSON lines (*.jsonl, one entry object a line)",
  )
  .option(
    "--output <file>",
    "batch mode: where to write the rows (default: standard output); CSV, or JSON lines with --json or a JSON lines input",
  )
  .option(...THREADS_OPTION)
  .addHelpText(
    "after",
    `
Examples:
  truce duty 8541.43.00.10 --origin CN --date 2025-11-01 --value 10000
  truce duty 8703.80.00 --origin CN --at 2026-02-24T00:00 --value 50000 --json
  truce duty 1201.90 --importer CN --origin US --date 2025-04-15 --value 10000
  truce duty 1201.90.19 --importer CN --origin US --at 2025-11-10T13:01 --value 10000 --excluded yes
  truce duty --input entries.csv --output duties.csv
  truce duty --input entries.csv --json > duties.jsonl`,
  )
  .action(
    async (
      code: string | undefined,
      o: Record<string, string | string[] | boolean | undefined>,
      cmd: Command,
    ) => {
      if (o.threads !== undefined && !o.input) fail("--threads is for a batch: give --input FILE");
      if (o.input) {
        // A batch takes every entry field from its columns and writes CSV: nothing given here is ignored.
        const given = Object.keys(o).filter(
          (k) => !["input", "output", "json", "threads"].includes(k) && cmd.getOptionValueSource(k) === "cli",
        );
        const names = [
          ...(code === undefined ? [] : [`the code ${code}`]),
          ...given.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`),
        ];
        const [{ batchCommand }, { INPUT_COLUMNS }] = await Promise.all([
          import("./batch.js"),
          importLibrary(),
        ]);
        if (names.length > 0)
          fail(
            `--input takes each entry from its row: ${names.join(", ")} cannot be used with it (give per-row fields as columns: ${INPUT_COLUMNS.join(",")})`,
          );
        await batchCommand(
          truce,
          { kind: "duty" },
          {
            input: String(o.input),
            output: o.output ? String(o.output) : undefined,
            json: o.json === true,
            threads: o.threads as number | undefined,
          },
        );
        return;
      }
      const fields = entryFields(code, o);
      const t = await loaded();
      let parsed: ReturnType<typeof parseEntry>;
      try {
        parsed = parseEntry(fields, t);
      } catch (e) {
        if (e instanceof InputError) {
          if (o.json) {
            // The answer's JSON form: field, message and the dotted codes it may have meant.
            writeJsonError(e);
            process.exit(2);
          }
          fail(`--${e.field.replace("_", "-")} ${e.detail}${didYouMean(e.suggestions)}`);
        }
        throw e;
      }
      const result = dutyOverLines(t.engine, parsed.entry, parsed.instant, parsed.lines);
      const json = toJson(result, parsed.entry.valueCents, parsed.warnings);
      if (o.json) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      else {
        const description =
          result.importer === "US" ? t.hts.line(result.code, result.date)?.description : undefined;
        const { toText } = await import("./render.js");
        process.stdout.write(`${toText(json, description)}\n`);
      }
    },
  );

program
  .command("schema")
  .description("the JSON Schema of an entry (what duty takes) or of a result (what duty --json prints)")
  .addArgument(new Argument("<which>", "entry or result").choices(["entry", "result"]))
  .action(async (which: "entry" | "result") => {
    const schema =
      which === "entry"
        ? (await import("../entry/schema.js")).entryJsonSchema()
        : (await import("../entry/result-schema.js")).resultJsonSchema();
    process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
  });

program
  .command("hts")
  .description("HTS lines under a code, their MFN rates and the special duties pointing at them")
  .argument("<code>", "a heading, subheading or full code: 8541, 8541.43, 8541.43.00.10")
  .option("--date <YYYY-MM-DD>", "revision in force on this date", dateArg)
  .option("--json", "print JSON")
  .action(async (code: string, o: { date?: string; json?: boolean }) => {
    const [t, { linesWithMeasures }] = await Promise.all([loaded(), import("../law/query.js")]);
    const on = o.date ?? t.hts.revisions[t.hts.revisions.length - 1]?.effectiveDate ?? "2026-01-01";
    try {
      const listing = linesWithMeasures(t.law, t.hts, code, on);
      if (o.json) {
        process.stdout.write(`${JSON.stringify(listing, null, 2)}\n`);
        return;
      }
      const instant = parseInstant(on, US_ZONE);
      process.stdout.write(
        `HTS revision ${listing.revision} (in force ${formatInZone(instant, US_ZONE).slice(0, 10)})\n\n`,
      );
      for (const r of listing.lines) {
        process.stdout.write(
          `${formatCode(r.code).padEnd(13)} ${r.general || "(see parent)"}  ${r.description}\n`,
        );
        for (const s of r.special)
          process.stdout.write(`${"".padEnd(14)}${s.heading}  ${s.label} [${s.origins.join(",")}]\n`);
      }
    } catch (e) {
      if (e instanceof CodeError) {
        fail(`${e.message}${didYouMean(e.suggestions)}`);
      }
      throw e;
    }
  });

program
  .command("measures")
  .description("the measures in force at an instant")
  .option("--on <date>", "date or instant (default: today is not assumed; required)")
  .addOption(new Option("--importer <US|CN>", "importing country").choices(["US", "CN"]).default("US"))
  .option("--all", "also list suspended, threatened and ended measures")
  .option("--json", "print JSON")
  .action(async (o: { on?: string; importer: "US" | "CN"; all?: boolean; json?: boolean }) => {
    if (!o.on) fail("--on <date> is required (e.g. --on 2025-11-10)");
    const zone = o.importer === "US" ? US_ZONE : CN_ZONE;
    let instant: number;
    try {
      instant = parseInstant(o.on, zone);
    } catch (e) {
      fail(`--on ${(e as Error).message}`);
    }
    const [{ law }, { measuresInForce }] = await Promise.all([loaded(), import("../law/query.js")]);
    const rows = measuresInForce(law, o.importer, instant, o.all === true);
    if (o.json) {
      process.stdout.write(
        `${JSON.stringify({ instant: formatInZone(instant, zone), measures: rows }, null, 2)}\n`,
      );
      return;
    }
    process.stdout.write(`Measures of ${o.importer} at ${formatInZone(instant, zone)}:\n\n`);
    for (const r of rows) {
      process.stdout.write(
        `${r.heading.padEnd(11)} ${(r.rate ?? "").padEnd(6)} ${r.status.padEnd(10)} ${r.label}  since ${r.since}  (${r.citation})\n`,
      );
    }
  });

program
  .command("check")
  .description(
    "the data check: the law against the HTS (headings, product codes, dated values, lists), China's 2018-2019 layers against Waugh's HS6 totals, events, scenarios",
  )
  .action(async () => {
    const [{ checkData }] = await Promise.all([import("../analytics/data-check.js"), importLibrary()]);
    const { summary, problems } = checkData(truce());
    process.stdout.write(`${summary}\n`);
    for (const p of problems) process.stdout.write(`problem: ${p}\n`);
    if (problems.length > 0) process.exitCode = 1;
    else process.stdout.write("no problems\n");
  });

program
  .command("status")
  .description("how current the data is: the law's horizon per importer and the latest HTS edition held")
  .option("--json", "print JSON: {horizon: {US, CN}, hts: {latest, inForceFrom}, ...}")
  .addHelpText(
    "after",
    "\nAn answer for an instant after an importer's horizon carries a warning (beyondHorizon: true in JSON).",
  )
  .action(async (o: { json?: boolean }) => {
    const [{ dataStatus }] = await Promise.all([import("../analytics/data-check.js"), importLibrary()]);
    const status = dataStatus(truce());
    if (o.json) {
      process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
      return;
    }
    const out = ["Data horizon: the last date the law is confirmed to, per importer"];
    for (const issuer of ["US", "CN"] as const) {
      out.push(`  ${issuer}  ${status.horizon[issuer] ?? "not given"}  ${status.basis[issuer] ?? ""}`);
    }
    out.push(
      `US tariff schedule: latest edition held ${status.hts.latest ?? "none"}, in force from ${status.hts.inForceFrom ?? "?"}; later dates use it`,
      `Law: ${status.law.instruments} instruments, ${status.law.measures} measures`,
      "Answers for instants after the horizon carry a warning (beyondHorizon: true in JSON).",
    );
    process.stdout.write(`${out.join("\n")}\n`);
  });

program
  .command("serve")
  .description(
    "the HTTP API: listens on PORT (default 8080) and HOST (default 127.0.0.1); reference at /docs",
  )
  .option("--data-dir <dir>", "the store's directory (default: TRUCE_DATA_DIR, else ~/.local/share/truce)")
  .action(async (o: { dataDir?: string }) => {
    // The one way the CLI reaches the API door: it starts it (loaded only for this command).
    const { serve } = await import("../api/server.js");
    await serve(o.dataDir === undefined ? {} : { dataDir: o.dataDir });
  });

/** The commands defined here: naming one of them registers no other module's commands. */
const OWN_COMMANDS = new Set(program.commands.map((c) => c.name()));
if (!OWN_COMMANDS.has(process.argv[2] ?? "")) {
  const [
    { registerAverageCommand },
    { registerScenarioCommands },
    { registerTimelineCommands },
    { registerSearchCommands },
    { registerStoreCommands },
    { registerListCommands },
    { registerScreenCommand },
    { registerControlCommands },
  ] = await Promise.all([
    import("./average.js"),
    import("./scenario.js"),
    import("./timeline.js"),
    import("./search.js"),
    import("./store.js"),
    import("./lists.js"),
    import("./screen.js"),
    import("./controls.js"),
    importLibrary(),
  ]);
  registerAverageCommand(program, truce);
  registerSearchCommands(program, loaded);
  registerScenarioCommands(program, truce);
  registerTimelineCommands(program, truce);
  registerStoreCommands(program, truce);
  registerListCommands(program);
  registerScreenCommand(program, truce);
  registerControlCommands(program, truce);
  (await import("./ingest.js")).registerIngestCommands(program, truce);
}

try {
  await program.parseAsync();
} catch (e) {
  // The errors of modules imported by a command's action: imported again here (already loaded).
  const [{ EventsError }, { ScenarioError }] = await Promise.all([
    import("../law/events.js"),
    import("../law/scenario.js"),
  ]);
  if (e instanceof LawError || e instanceof EventsError) fail(e.message, 1);
  // Bad input: one line naming what is wrong, exit 2.
  if (
    e instanceof InvalidArgumentError ||
    e instanceof InputError ||
    e instanceof CodeError ||
    e instanceof TimeError ||
    e instanceof ScenarioError
  )
    fail(e.message, 2);
  fail((e as Error).stack ?? String(e), 1);
}
