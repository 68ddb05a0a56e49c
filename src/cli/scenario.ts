/**
 * `truce scenario list` and `truce scenario compare <a> <b>`: the duty on one entry, or on every row
 * of a batch file, under two scenarios ("baseline" = the law as it is), layer by layer and in total.
 */
import type { Command } from "commander";
import { type Amount, compareResults, type EntryComparison, type LayerSide } from "../analytics/compare.js";
import { compareAverages } from "../analytics/report.js";
import { dutyOverLines } from "../engine/lines.js";
import { InputError } from "../entry/errors.js";
import { parseEntry } from "../entry/parse.js";
import { describeEdit, loadScenarios, ScenarioError, type ScenarioSpec } from "../law/scenario.js";
import { type Truce, truceFor } from "../truce.js";
import { isCalendarDate } from "../units/time.js";
import { averageComparisonText } from "./average.js";
import { batchCommand } from "./batch.js";
import { addEntryOptions, didYouMean, entryFields, fail, THREADS_OPTION } from "./common.js";
import { money, table } from "./render.js";
import { registerScenarioSave, resolveScenario, savedScenarios } from "./store.js";

// ---------------------------------------------------------------- text rendering

const signedMoney = (amount: string) => (/^-|^0\.00$/.test(amount) ? money(amount) : `+${money(amount)}`);
const points = (rate: number) => `${rate > 0 ? "+" : ""}${rate} pts`;

function sideText(s: LayerSide | null): string {
  if (!s) return "—";
  return `${s.heading === "none" ? "(no heading)" : s.heading} ${s.rateText} ${s.amount === null ? "n/a" : money(s.amount)}`;
}

function differenceText(d: Amount): string {
  return d.rate === 0 && d.amount === "0.00" ? "—" : `${points(d.rate)}  ${signedMoney(d.amount)}`;
}

export function comparisonText(c: EntryComparison): string {
  const out = [
    `${c.entry.importer} duty on ${c.entry.code}, origin ${c.entry.origin}, entered ${c.entry.entered}, customs value ${money(c.entry.value)}`,
    `A: ${c.a.id} (${c.a.title})`,
    `B: ${c.b.id} (${c.b.title})`,
    "",
  ];
  const rows = [["Measure", "Authority", "A", "B", "B - A"]];
  for (const l of c.layers) {
    rows.push([l.measure, l.authority, sideText(l.a), sideText(l.b), differenceText(l.difference)]);
  }
  rows.push([
    "Total",
    "",
    `${c.total.a.rate}% ${money(c.total.a.amount)}`,
    `${c.total.b.rate}% ${money(c.total.b.amount)}`,
    differenceText(c.total.difference),
  ]);
  out.push(table(rows));
  const why = c.layers.flatMap((l) => [
    ...(l.notApplied?.a ? [`  A, ${l.measure}: ${l.notApplied.a}`] : []),
    ...(l.notApplied?.b ? [`  B, ${l.measure}: ${l.notApplied.b}`] : []),
  ]);
  if (why.length > 0) out.push("", "Not applied:", ...why);
  const hypothetical = [
    ...new Set(
      [...c.results.a.layers, ...c.results.b.layers]
        .map((l) => l.provisional ?? "")
        .filter((p) => p.startsWith("hypothetical") || p.includes("; hypothetical")),
    ),
  ];
  if (hypothetical.length > 0) out.push("", "Hypothetical layers:", ...hypothetical.map((h) => `  - ${h}`));
  const wa = c.results.a.warnings;
  const wb = c.results.b.warnings;
  if (wa.join("\n") === wb.join("\n")) {
    if (wa.length > 0) out.push("", "Warnings:", ...wa.map((w) => `  - ${w}`));
  } else {
    if (wa.length > 0) out.push("", "Warnings (A):", ...wa.map((w) => `  - ${w}`));
    if (wb.length > 0) out.push("", "Warnings (B):", ...wb.map((w) => `  - ${w}`));
  }
  if (!c.complete) out.push("", "Incomplete: an amount could not be computed (see the warnings).");
  return out.join("\n");
}

// ---------------------------------------------------------------- commands

/** The scenarios of data/scenarios; an invalid file stops the command (exit 1). */
function scenarios(): ReadonlyMap<string, ScenarioSpec> {
  try {
    return loadScenarios();
  } catch (e) {
    if (e instanceof ScenarioError) fail(e.message, 1);
    throw e;
  }
}

/** A shipped scenario, or one saved in the store of `dataDir`. */
async function scenarioNamed(id: string, dataDir: string | undefined): Promise<ScenarioSpec> {
  scenarios();
  try {
    return await resolveScenario(id, dataDir);
  } catch (e) {
    if (e instanceof ScenarioError) fail(e.message);
    throw e;
  }
}

function under(t: Truce, s: ScenarioSpec): Truce {
  try {
    return truceFor(t, s);
  } catch (e) {
    if (e instanceof ScenarioError) fail(e.message, 1);
    throw e;
  }
}

function inputFailure(e: InputError): never {
  const what = e.field === "code" ? "CODE" : `--${e.field.replace("_", "-")}`;
  const batch =
    e.field === "code" && /is required/.test(e.message) ? " (or --input FILE.csv for a batch)" : "";
  fail(`${what} ${e.detail}${batch}${didYouMean(e.suggestions)}`);
}

/** Adds `truce scenario list` and `truce scenario compare` to the program. */
export function registerScenarioCommands(program: Command, truce: () => Truce): void {
  const group = program
    .command("scenario")
    .description("what-if scenarios: edits to the law (data/scenarios), compared with each other");

  group
    .command("list")
    .description("the scenarios of data/scenarios and those saved in the store, with their edits")
    .option("--data-dir <dir>", "the store's directory (saved scenarios)")
    .option("--json", "print JSON")
    .action(async (o: { json?: boolean; dataDir?: string }) => {
      const all = [...scenarios().values(), ...(await savedScenarios(o.dataDir))];
      if (o.json) {
        process.stdout.write(
          `${JSON.stringify(
            all.map((s) => ({
              id: s.id,
              title: s.title,
              description: s.description,
              sources: s.sources,
              edits: s.edits,
              ...(s.file ? { file: s.file } : {}),
            })),
            null,
            2,
          )}\n`,
        );
        return;
      }
      const out: string[] = [];
      for (const s of all) {
        out.push(`${s.id}  ${s.title}`);
        if (s.edits.length === 0) out.push("    (no edits)");
        for (const e of s.edits) out.push(`    - ${describeEdit(e)}`);
      }
      process.stdout.write(`${out.join("\n")}\n`);
    });

  addEntryOptions(
    group
      .command("compare")
      .description(
        "the duty under scenario b against scenario a, layer by layer, for one entry or a batch file",
      )
      .argument("<a>", 'a scenario id, shipped or saved ("baseline": the law as it is)')
      .argument("<b>", "another scenario id")
      .argument("[code]", "HTS code (for --importer CN an HS6, HS8 or 10-digit code)"),
  )
    .option("--json", "print JSON")
    .option("--data-dir <dir>", "the store's directory (saved scenarios)")
    .option("--input <file>", "batch: a CSV or JSON lines file of entries (as truce duty --input)")
    .option(
      "--output <file>",
      "batch: where to write the rows with both totals and their difference (default: standard output)",
    )
    .option(...THREADS_OPTION)
    .addHelpText(
      "after",
      `
Examples:
  truce scenario compare baseline threat-100 6102.20.00.10 --origin CN --date 2025-11-15 --value 10000
  truce scenario compare baseline truce-lapses-2025-11-10 1201.90.19 --importer CN --origin US --at 2025-11-10T13:01 --value 10000
  truce scenario compare baseline ieepa-restored --input entries.csv --output compared.csv
  truce scenario compare baseline threat-100 --date 2025-11-15          # trade-weighted averages, both directions`,
    )
    .action(
      async (
        aId: string,
        bId: string,
        code: string | undefined,
        o: Record<string, string | string[] | boolean | undefined>,
      ) => {
        const dataDir = typeof o.dataDir === "string" ? o.dataDir : undefined;
        const sa = await scenarioNamed(aId, dataDir);
        const sb = await scenarioNamed(bId, dataDir);
        if (o.input) {
          await batchCommand(
            truce,
            { kind: "compare", a: sa, b: sb },
            {
              input: String(o.input),
              output: o.output ? String(o.output) : undefined,
              json: o.json === true,
              threads: o.threads as number | undefined,
            },
          );
          return;
        }
        const t = truce();
        const ta = under(t, sa);
        const tb = under(t, sb);
        if (code === undefined) {
          const date = o.date as string | undefined;
          if (!date || !isCalendarDate(date)) {
            fail(
              "give a code and an entry, --input FILE, or --date YYYY-MM-DD for the trade-weighted averages",
            );
          }
          const c = compareAverages(ta, tb, date);
          if (o.json) process.stdout.write(`${JSON.stringify({ a: sa.id, b: sb.id, ...c }, null, 2)}\n`);
          else process.stdout.write(`${averageComparisonText(c, sa.id, sb.id)}\n`);
          return;
        }
        const fields = entryFields(code, o);
        let parsed: ReturnType<typeof parseEntry>;
        try {
          parsed = parseEntry(fields, t);
        } catch (e) {
          if (e instanceof InputError) inputFailure(e);
          throw e;
        }
        const ra = dutyOverLines(ta.engine, parsed.entry, parsed.instant, parsed.lines);
        const rb = dutyOverLines(tb.engine, parsed.entry, parsed.instant, parsed.lines);
        const c = compareResults(ra, rb, parsed.entry.valueCents, { a: sa, b: sb }, parsed.warnings);
        if (o.json) process.stdout.write(`${JSON.stringify(c, null, 2)}\n`);
        else process.stdout.write(`${comparisonText(c)}\n`);
      },
    );

  registerScenarioSave(group, truce);
}
