#!/usr/bin/env node
/** The `truce` command line. No business rule lives here: it parses, calls the engine and renders. */
import { join } from "node:path";
import { Argument, Command, InvalidArgumentError, Option } from "commander";
import { dutyOverLines } from "../engine/lines.js";
import { InputError } from "../entry/errors.js";
import { parseEntry } from "../entry/parse.js";
import { errorJson, toJson } from "../entry/result.js";
import {
  defaultDataDir,
  LawError,
  loadLaterHeadings,
  loadNotesHeadingLists,
  loadNotInHts,
  loadRenumbered,
} from "../law/load.js";
import { prefixesOf } from "../law/model.js";
import { type Loaded, loadFromCache } from "../loaded.js";
import { CodeError, formatCode } from "../nomenclature/codes.js";
import type { Truce } from "../truce.js";
import { CN_ZONE, formatInZone, parseInstant, TimeError, US_ZONE } from "../units/time.js";
import { addEntryOptions, dateArg, entryFields, fail, wantsJson, writeJsonError } from "./common.js";
import { toText } from "./render.js";

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
      else if (text.startsWith("error:")) writeJsonError({ message: text.slice(6).trim() });
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
      if (o.input) {
        // A batch takes every entry field from its columns and writes CSV: nothing given here is ignored.
        const given = Object.keys(o).filter(
          (k) => !["input", "output", "json"].includes(k) && cmd.getOptionValueSource(k) === "cli",
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
            process.stdout.write(`${JSON.stringify(errorJson(e), null, 2)}\n`);
            process.exit(2);
          }
          const hint =
            e.suggestions.length > 0 ? `\n  did you mean: ${e.suggestions.map(formatCode).join(", ")}?` : "";
          fail(`--${e.field.replace("_", "-")} ${e.detail}${hint}`);
        }
        throw e;
      }
      const result = dutyOverLines(t.engine, parsed.entry, parsed.instant, parsed.lines);
      const json = toJson(result, parsed.entry.valueCents, parsed.warnings);
      if (o.json) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      else {
        const description =
          result.importer === "US" ? t.hts.line(result.code, result.date)?.description : undefined;
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
    const t = await loaded();
    const on = o.date ?? t.hts.revisions[t.hts.revisions.length - 1]?.effectiveDate ?? "2026-01-01";
    try {
      const lines = t.hts.resolve(code, on);
      const instant = parseInstant(on, US_ZONE);
      const rows = lines.map((l) => {
        const prefixes = prefixesOf(l.code);
        const special = t.law.measures.flatMap((m) => {
          const row = m.issuer === "US" && m.heading !== "none" ? m.products.rowOf(prefixes) : undefined;
          if (row === undefined) return [];
          const only = row.described === undefined ? "" : ` (only goods described as "${row.described}")`;
          return [
            {
              heading: row.heading ?? m.heading,
              measure: m.id,
              label: `${m.label}${only}`,
              origins: m.origins ? [...m.origins] : ["*"],
            },
          ];
        });
        return { ...l, special };
      });
      if (o.json) {
        process.stdout.write(
          `${JSON.stringify({ date: on, revision: t.hts.revisionOn(on).id, lines: rows }, null, 2)}\n`,
        );
        return;
      }
      process.stdout.write(
        `HTS revision ${t.hts.revisionOn(on).id} (in force ${formatInZone(instant, US_ZONE).slice(0, 10)})\n\n`,
      );
      for (const r of rows) {
        process.stdout.write(
          `${formatCode(r.code).padEnd(13)} ${r.general || "(see parent)"}  ${r.description}\n`,
        );
        for (const s of r.special)
          process.stdout.write(`${"".padEnd(14)}${s.heading}  ${s.label} [${s.origins.join(",")}]\n`);
      }
    } catch (e) {
      if (e instanceof CodeError) {
        fail(
          `${e.message}${e.suggestions.length ? `\n  did you mean: ${e.suggestions.map(formatCode).join(", ")}?` : ""}`,
        );
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
    const { measuresInForce } = await import("../law/query.js");
    const rows = measuresInForce((await loaded()).law, o.importer, instant, o.all === true);
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
    const [{ checkLaw }, { compareWithWaugh, readSchedule2019, readWaugh }, { loadEvents }, scenario] =
      await Promise.all([
        import("../law/check.js"),
        import("../analytics/cn-waugh.js"),
        import("../law/events.js"),
        import("../law/scenario.js"),
        importLibrary(),
      ]);
    const { applyScenario, loadScenarios } = scenario;
    const t = truce();
    const report = checkLaw(
      t.law,
      t.hts,
      loadNotInHts(),
      loadRenumbered(),
      loadLaterHeadings(),
      loadNotesHeadingLists(),
    );
    const problems = [...report.problems];
    const count = (what: string, load: () => { size: number } | unknown[]) => {
      try {
        const loaded = load();
        return `${Array.isArray(loaded) ? loaded.length : (loaded as { size: number }).size} ${what}`;
      } catch (e) {
        problems.push((e as Error).message);
        return `? ${what}`;
      }
    };
    // China's side, against M. Waugh's HS6 totals of 2018-2019: no layer missing silently, none extra.
    const cnDir = join(defaultDataDir(), "cn");
    const waugh = compareWithWaugh(t, readWaugh(cnDir), readSchedule2019(cnDir));
    for (const m of waugh.silentMisses)
      problems.push(
        `China ${formatCode(m.hs6)} on ${m.date}: Waugh's total rises ${m.waughIncrease} points; the engine neither applies nor warns of a layer`,
      );
    for (const m of waugh.extraIncreases)
      problems.push(
        `China ${formatCode(m.hs6)} on ${m.date}: every line rises ${m.engineIncrease} points, more than Waugh's ${m.waughIncrease}`,
      );
    const events = count("events", () => loadEvents(t.law));
    const scenarios = count("scenarios", () => {
      const all = loadScenarios();
      for (const s of all.values()) applyScenario(t.law, s);
      return all;
    });
    process.stdout.write(
      `${t.law.instruments.size} instruments, ${t.law.measures.length} measures, ${report.checked.headings} heading references, ${report.checked.codes} product codes checked; China's HS6 totals compared with Waugh's 2018-2019 on ${Math.max(...waugh.compared)} HS6; ${events}, ${scenarios} loaded\n`,
    );
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
    const t = await loaded();
    const latest = t.hts.revisions[t.hts.revisions.length - 1];
    const horizon = { US: t.law.horizon.US, CN: t.law.horizon.CN };
    if (o.json) {
      const status = {
        horizon: { US: horizon.US?.confirmedTo ?? null, CN: horizon.CN?.confirmedTo ?? null },
        hts: { latest: latest?.id ?? null, inForceFrom: latest?.effectiveDate ?? null },
        basis: { US: horizon.US?.basis ?? null, CN: horizon.CN?.basis ?? null },
        law: { instruments: t.law.instruments.size, measures: t.law.measures.length },
      };
      process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
      return;
    }
    const out = ["Data horizon: the last date the law is confirmed to, per importer"];
    for (const issuer of ["US", "CN"] as const) {
      const h = horizon[issuer];
      out.push(`  ${issuer}  ${h?.confirmedTo ?? "not given"}  ${h?.basis ?? ""}`);
    }
    out.push(
      `US tariff schedule: latest edition held ${latest?.id ?? "none"}, in force from ${latest?.effectiveDate ?? "?"}; later dates use it`,
      `Law: ${t.law.instruments.size} instruments, ${t.law.measures.length} measures`,
      "Answers for instants after the horizon carry a warning (beyondHorizon: true in JSON).",
    );
    process.stdout.write(`${out.join("\n")}\n`);
  });

/** The commands defined here: naming one of them registers no other module's commands. */
const OWN_COMMANDS = new Set(program.commands.map((c) => c.name()));
if (!OWN_COMMANDS.has(process.argv[2] ?? "")) {
  const [{ registerAverageCommand }, { registerScenarioCommands }, { registerTimelineCommands }] =
    await Promise.all([
      import("./average.js"),
      import("./scenario.js"),
      import("./timeline.js"),
      importLibrary(),
    ]);
  registerAverageCommand(program, truce);
  registerScenarioCommands(program, truce);
  registerTimelineCommands(program, truce);
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
