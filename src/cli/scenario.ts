/**
 * `truce scenario list` and `truce scenario compare <a> <b>`: the duty on one entry, or on every row
 * of a batch file, under two scenarios ("baseline" = the law as it is), layer by layer and in total.
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { parse as parseCsv } from "csv-parse/sync";
import type { DutyResult } from "../engine/duty.js";
import { dutyOverLines } from "../engine/lines.js";
import { formatCents } from "../engine/money.js";
import { isCalendarDate } from "../engine/time.js";
import { describeEdit, loadScenarios, ScenarioError, type ScenarioSpec } from "../law/scenario.js";
import { formatCode } from "../nomenclature/codes.js";
import { type Truce, truceFor } from "../truce.js";
import { averageComparisonText, compareAverages } from "./average.js";
import { addEntryOptions, entryFields, fail } from "./common.js";
import { type EntryFields, INPUT_COLUMNS, InputError, type InputField, parseEntry } from "./entry-input.js";
import { type DutyJson, money, table, toJson } from "./render.js";

export interface ScenarioRef {
  id: string;
  title: string;
}

export interface Amount {
  /** Percent of the customs value. */
  rate: number;
  /** Decimal string, e.g. "1234.56" (signed for differences). */
  amount: string;
}

export interface LayerSide {
  heading: string;
  rate: number;
  rateText: string;
  /** null when the engine could not compute it (see the results' warnings). */
  amount: string | null;
}

export interface LayerDifference {
  measure: string;
  authority: string;
  label: string;
  /** The layer under scenario a, or null when it does not apply there. */
  a: LayerSide | null;
  b: LayerSide | null;
  /** Why the layer is not applied on a side where it is missing, when the engine considered it. */
  notApplied?: { a?: string; b?: string };
  difference: Amount;
}

export interface EntryComparison {
  a: ScenarioRef;
  b: ScenarioRef;
  entry: {
    importer: string;
    code: string;
    origin: string;
    instant: string;
    entered: string;
    value: string;
  };
  layers: LayerDifference[];
  total: { a: Amount; b: Amount; difference: Amount };
  /** False when an amount could not be computed under either scenario. */
  complete: boolean;
  /** The full results, as `truce duty --json` prints them. */
  results: { a: DutyJson; b: DutyJson };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function ref(s: ScenarioSpec): ScenarioRef {
  return { id: s.id, title: s.title };
}

/** Layers keyed by measure (the base-rate layer as "base"), in order. */
function keyed(r: DutyResult): Map<string, DutyResult["layers"][number]> {
  const out = new Map<string, DutyResult["layers"][number]>();
  r.layers.forEach((l, i) => {
    let key = i === 0 ? "base" : l.measure;
    for (let n = 2; out.has(key); n++) key = `${l.measure}#${n}`;
    out.set(key, l);
  });
  return out;
}

function side(l: DutyResult["layers"][number] | undefined): LayerSide | null {
  if (!l) return null;
  return {
    heading: l.heading,
    rate: l.rate,
    rateText: l.rateText,
    amount: l.amountCents === null ? null : formatCents(l.amountCents),
  };
}

function totalOf(r: DutyResult): Amount {
  return { rate: r.totalRate, amount: formatCents(r.totalCents) };
}

/** The layer-by-layer and total differences between two results for the same entry (b less a). */
export function compareResults(
  a: DutyResult,
  b: DutyResult,
  valueCents: number,
  scenarios: { a: ScenarioSpec; b: ScenarioSpec },
  warnings: readonly string[] = [],
): EntryComparison {
  const la = keyed(a);
  const lb = keyed(b);
  const keys = [...la.keys(), ...[...lb.keys()].filter((k) => !la.has(k))];
  const layers: LayerDifference[] = [];
  for (const key of keys) {
    const x = la.get(key);
    const y = lb.get(key);
    const l = (x ?? y) as DutyResult["layers"][number];
    const notApplied: { a?: string; b?: string } = {};
    if (!x) notApplied.a = a.notApplied.find((n) => n.measure === l.measure)?.reason;
    if (!y) notApplied.b = b.notApplied.find((n) => n.measure === l.measure)?.reason;
    layers.push({
      measure: l.measure,
      authority: l.authority,
      label: l.label,
      a: side(x),
      b: side(y),
      ...(notApplied.a || notApplied.b ? { notApplied } : {}),
      difference: {
        rate: round6((y?.rate ?? 0) - (x?.rate ?? 0)),
        amount: formatCents((y?.amountCents ?? 0) - (x?.amountCents ?? 0)),
      },
    });
  }
  const ja = toJson(a, valueCents, warnings);
  return {
    a: ref(scenarios.a),
    b: ref(scenarios.b),
    entry: {
      importer: ja.importer,
      code: ja.code,
      origin: ja.origin,
      instant: ja.instant,
      entered: ja.entered,
      value: ja.value,
    },
    layers,
    total: {
      a: totalOf(a),
      b: totalOf(b),
      difference: {
        rate: round6(b.totalRate - a.totalRate),
        amount: formatCents(b.totalCents - a.totalCents),
      },
    },
    complete: a.complete && b.complete,
    results: { a: ja, b: toJson(b, valueCents, warnings) },
  };
}

export interface BatchRow {
  /** Line of the input file where the row starts. */
  line: number;
  /** The input row's fields, by (lower-case) column name. */
  fields: Record<string, string>;
  a?: Amount;
  b?: Amount;
  difference?: Amount;
  complete?: boolean;
  error?: string;
}

export interface BatchComparison {
  a: ScenarioRef;
  b: ScenarioRef;
  columns: string[];
  rows: BatchRow[];
  totals: {
    rows: number;
    errors: number;
    /** Rows with an amount that could not be computed under either scenario (counted as 0). */
    incomplete: number;
    /** Customs value of the rows computed. */
    value: string;
    a: Amount;
    b: Amount;
    difference: Amount;
  };
}

const REQUIRED = ["code", "origin", "date", "value"] as const;
/** Batch columns passed to the entry parser: those of `truce duty --input`. */
const FIELDS: readonly InputField[] = INPUT_COLUMNS;

/** Rate of an amount on a value, in percent. */
function rateOf(cents: number, valueCents: number): number {
  return valueCents > 0 ? round6((cents * 100) / valueCents) : 0;
}

/**
 * Every row of a batch CSV (the columns of `truce duty --input`) under two scenarios: per-row totals,
 * their difference, and the totals of the batch. A bad row gets an error naming its line and field.
 */
export function compareBatch(
  text: string,
  ta: Truce,
  tb: Truce,
  scenarios: { a: ScenarioSpec; b: ScenarioSpec },
): BatchComparison {
  const records = parseCsv(text, {
    columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  }) as { record: Record<string, string>; info: { lines: number } }[];
  const header = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const columns =
    (parseCsv(header, { relax_column_count: true }) as string[][])[0]?.map((c) => c.trim().toLowerCase()) ??
    [];
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new InputError(
      (missing[0] ?? "code") as InputField,
      `the batch file has no ${missing.join(", ")} column (its header: ${columns.join(",")})`,
    );
  }
  const rows: BatchRow[] = [];
  let valueCents = 0;
  let aCents = 0;
  let bCents = 0;
  let errors = 0;
  let incomplete = 0;
  for (const { record, info } of records) {
    const row: BatchRow = { line: info.lines, fields: record };
    rows.push(row);
    const fields: EntryFields = {};
    for (const f of FIELDS) if (record[f] !== undefined) fields[f] = record[f];
    try {
      const p = parseEntry(fields, ta);
      const ra = dutyOverLines(ta.engine, p.entry, p.instant, p.lines);
      const rb = dutyOverLines(tb.engine, p.entry, p.instant, p.lines);
      row.a = totalOf(ra);
      row.b = totalOf(rb);
      row.difference = {
        rate: round6(rb.totalRate - ra.totalRate),
        amount: formatCents(rb.totalCents - ra.totalCents),
      };
      row.complete = ra.complete && rb.complete;
      if (!row.complete) incomplete++;
      valueCents += p.entry.valueCents;
      aCents += ra.totalCents;
      bCents += rb.totalCents;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      row.error = `line ${info.lines}: ${e.message}`;
      errors++;
    }
  }
  return {
    a: ref(scenarios.a),
    b: ref(scenarios.b),
    columns,
    rows,
    totals: {
      rows: rows.length,
      errors,
      incomplete,
      value: formatCents(valueCents),
      a: { rate: rateOf(aCents, valueCents), amount: formatCents(aCents) },
      b: { rate: rateOf(bCents, valueCents), amount: formatCents(bCents) },
      difference: {
        rate: round6(rateOf(bCents, valueCents) - rateOf(aCents, valueCents)),
        amount: formatCents(bCents - aCents),
      },
    },
  };
}

export const BATCH_OUTPUT_COLUMNS = [
  "total_rate_a",
  "total_amount_a",
  "total_rate_b",
  "total_amount_b",
  "difference_rate",
  "difference_amount",
  "error",
] as const;

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The batch comparison as CSV: the input columns, then BATCH_OUTPUT_COLUMNS. */
export function batchCsv(c: BatchComparison): string {
  const lines = [[...c.columns, ...BATCH_OUTPUT_COLUMNS].map(csvCell).join(",")];
  for (const r of c.rows) {
    const out = [
      ...c.columns.map((col) => r.fields[col] ?? ""),
      r.a ? String(r.a.rate) : "",
      r.a?.amount ?? "",
      r.b ? String(r.b.rate) : "",
      r.b?.amount ?? "",
      r.difference ? String(r.difference.rate) : "",
      r.difference?.amount ?? "",
      r.error ?? (r.complete === false ? "incomplete: an amount could not be computed" : ""),
    ];
    lines.push(out.map(csvCell).join(","));
  }
  return `${lines.join("\n")}\n`;
}

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

function batchTotalsText(c: BatchComparison): string {
  const t = c.totals;
  return table([
    ["", "Value", "A", "B", "B - A"],
    [
      `Total (${t.rows - t.errors} of ${t.rows} rows)`,
      money(t.value),
      `${t.a.rate}% ${money(t.a.amount)}`,
      `${t.b.rate}% ${money(t.b.amount)}`,
      differenceText(t.difference),
    ],
  ]);
}

export function batchText(c: BatchComparison, withRows: boolean): string {
  const out = [`A: ${c.a.id} (${c.a.title})`, `B: ${c.b.id} (${c.b.title})`, ""];
  if (withRows) {
    const rows = [["Line", "Code", "Origin", "Date", "Value", "A", "B", "B - A"]];
    for (const r of c.rows) {
      const f = r.fields;
      rows.push([
        String(r.line),
        f.code ?? "",
        f.origin ?? "",
        f.at || f.date || "",
        f.value ?? "",
        ...(r.error
          ? ["error (see below)"]
          : [
              `${r.a?.rate}% ${money(r.a?.amount ?? "0.00")}`,
              `${r.b?.rate}% ${money(r.b?.amount ?? "0.00")}${r.complete ? "" : " (incomplete)"}`,
              differenceText(r.difference as Amount),
            ]),
      ]);
    }
    out.push(table(rows), "");
  }
  out.push(batchTotalsText(c));
  const errors = c.rows.filter((r) => r.error);
  if (errors.length > 0) out.push("", "Errors:", ...errors.map((r) => `  - ${r.error}`));
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

function scenarioNamed(id: string): ScenarioSpec {
  const all = scenarios();
  const s = all.get(id);
  if (!s) fail(`unknown scenario "${id}" (known: ${[...all.keys()].join(", ")})`);
  return s;
}

function under(t: Truce, s: ScenarioSpec): Truce {
  try {
    return truceFor(t, s.id);
  } catch (e) {
    if (e instanceof ScenarioError) fail(e.message, 1);
    throw e;
  }
}

function inputFailure(e: InputError): never {
  const hint =
    e.suggestions.length > 0 ? `\n  did you mean: ${e.suggestions.map(formatCode).join(", ")}?` : "";
  const what = e.field === "code" ? "CODE" : `--${e.field.replace("_", "-")}`;
  const batch =
    e.field === "code" && /is required/.test(e.message) ? " (or --input FILE.csv for a batch)" : "";
  fail(`${what} ${e.message.slice(e.field.length + 2)}${batch}${hint}`);
}

/** Adds `truce scenario list` and `truce scenario compare` to the program. */
export function registerScenarioCommands(program: Command, truce: () => Truce): void {
  const group = program
    .command("scenario")
    .description("what-if scenarios: edits to the law (data/scenarios), compared with each other");

  group
    .command("list")
    .description("the scenarios of data/scenarios and their edits (baseline: the law as it is)")
    .option("--json", "print JSON")
    .action((o: { json?: boolean }) => {
      const all = [...scenarios().values()];
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
      .argument("<a>", 'a scenario id ("baseline": the law as it is)')
      .argument("<b>", "another scenario id")
      .argument("[code]", "HTS code (for --importer CN an HS6, HS8 or 10-digit code)"),
  )
    .option("--json", "print JSON")
    .option("--input <file.csv>", "batch: a CSV of entries (the columns of truce duty --input)")
    .option("--output <file.csv>", "batch: write the rows with both totals and their difference here")
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
      (
        aId: string,
        bId: string,
        code: string | undefined,
        o: Record<string, string | string[] | boolean | undefined>,
      ) => {
        const sa = scenarioNamed(aId);
        const sb = scenarioNamed(bId);
        const t = truce();
        const ta = under(t, sa);
        const tb = under(t, sb);
        if (o.input) {
          let text: string;
          try {
            text = readFileSync(String(o.input), "utf8");
          } catch (e) {
            fail(`--input: ${(e as Error).message}`);
          }
          let c: BatchComparison;
          try {
            c = compareBatch(text, ta, tb, { a: sa, b: sb });
          } catch (e) {
            if (e instanceof InputError) fail(`--input: ${e.message.slice(e.field.length + 2)}`);
            throw e;
          }
          if (o.output) writeFileSync(String(o.output), batchCsv(c));
          if (o.json) {
            const body = o.output ? { a: c.a, b: c.b, totals: c.totals } : c;
            process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
          } else process.stdout.write(`${batchText(c, !o.output)}\n`);
          process.exitCode = c.totals.errors > 0 ? 1 : 0;
          return;
        }
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
}
