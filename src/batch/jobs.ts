/**
 * What a batch computes for each row and how it writes it: the duty (`truce duty --input`) or the
 * duty under two scenarios (`truce scenario compare --input`), as CSV (the input row followed by the
 * job's columns) or as JSON lines (one object per row).
 */
import { compareResults, rateOf, ref, round6 } from "../analytics/compare.js";
import type { PricedRow } from "../engine/contract.js";
import { pricedRow } from "../engine/contract.js";
import { dutyOverLines } from "../engine/lines.js";
import type { ParsedEntry } from "../entry/parse.js";
import { errorJson, toJson } from "../entry/result.js";
import type { ScenarioSpec } from "../law/scenario.js";
import { type Truce, truceFor } from "../truce.js";
import { formatCents } from "../units/money.js";
import { csvCell } from "./csv.js";
import { COMMA, NEWLINE, type Output } from "./output.js";

/** What a batch computes: plain data, so that a worker thread can build the same job. */
export type BatchJob = { kind: "duty" } | { kind: "compare"; a: ScenarioSpec; b: ScenarioSpec };
export type BatchFormat = "csv" | "jsonl";

/** The columns a duty batch adds to each row. */
export const DUTY_COLUMNS = ["total_rate", "total_amount", "layers", "error"] as const;
/** The columns a comparison batch adds to each row. */
export const COMPARE_COLUMNS = [
  "total_rate_a",
  "total_amount_a",
  "total_rate_b",
  "total_amount_b",
  "difference_rate",
  "difference_amount",
  "error",
] as const;

/** Counts and sums of a block's rows (or of a whole batch). */
export interface RowTotals {
  rows: number;
  errors: number;
  /** Rows with an amount that could not be computed (counted as 0 in the sums). */
  incomplete: number;
  /** Customs value of the rows computed, in cents. */
  valueCents: number;
  /** Duty of the rows computed, in cents (under scenario a for a comparison). */
  dutyCents: number;
  /** Under scenario b (a comparison only). */
  dutyCentsB: number;
}

export function noTotals(): RowTotals {
  return { rows: 0, errors: 0, incomplete: 0, valueCents: 0, dutyCents: 0, dutyCentsB: 0 };
}

export function addTotals(into: RowTotals, t: RowTotals): void {
  into.rows += t.rows;
  into.errors += t.errors;
  into.incomplete += t.incomplete;
  into.valueCents += t.valueCents;
  into.dutyCents += t.dutyCents;
  into.dutyCentsB += t.dutyCentsB;
}

/** One input row as the job sees it. */
export interface Row {
  line: number;
  /** The row's own text (CSV), written back unchanged in CSV output. */
  raw: string;
  /** The row's fields by column name (JSON lines output). */
  input: () => Record<string, unknown>;
}

/** A row that could not be priced. */
export interface RowError {
  field?: string;
  message: string;
  /** Looked up only where shown (JSON lines output). */
  suggestions?: () => readonly string[];
}

/** Writes a batch's rows. */
export interface RowWriter {
  /** The first line of the output (CSV: the input header and the job's columns), or "". */
  header(inputHeader: string): string;
  /**
   * A row whose entry parsed: priced and written. `notPriced`: `Engine.price` was asked already and
   * did not answer.
   */
  priced(w: Output, row: Row, parsed: ParsedEntry, totals: RowTotals, notPriced?: boolean): void;
  /** A bad row. For CSV, `cells` is the row as written under the input's columns (padded). */
  failed(w: Output, row: Row, cells: string, error: RowError): void;
}

function jsonLine(w: Output, value: unknown): void {
  w.text(JSON.stringify(value));
  w.byte(NEWLINE);
}

function jsonError(row: Row, e: RowError): unknown {
  return {
    line: row.line,
    input: row.input(),
    ...errorJson({ field: e.field, detail: e.message, suggestions: e.suggestions?.() }),
  };
}

function csvError(w: Output, cells: string, outputColumns: number, row: Row, e: RowError): void {
  w.text(cells);
  w.text(",".repeat(outputColumns));
  w.text(csvCell(`line ${row.line}: ${e.field === undefined ? "" : `${e.field}: `}${e.message}`));
  w.byte(NEWLINE);
}

/** The duty columns of a row `Engine.price` answered (the row's own text written before them). */
export function writePriced(w: Output, p: PricedRow): void {
  w.totals(p.totalRate, p.totalCents);
  const cell = w.length;
  let special = false;
  for (let k = 0; k < p.layers; k++) {
    if (w.layer(k, p.headings[k] as string, p.rateTexts[k] as string)) special = true;
    w.cents(p.amountsCents[k] as number);
  }
  if (special) w.quoteFrom(cell);
  w.byte(COMMA);
  w.byte(NEWLINE);
}

/** The duty of each row: total_rate, total_amount, layers (heading:rate=amount;…) and error. */
class DutyCsv implements RowWriter {
  private readonly priced_: PricedRow = pricedRow();

  constructor(private readonly t: Truce) {}

  header(inputHeader: string): string {
    return `${inputHeader},${DUTY_COLUMNS.join(",")}\n`;
  }

  priced(w: Output, row: Row, parsed: ParsedEntry, totals: RowTotals, notPriced = false): void {
    const { engine } = this.t;
    const p = this.priced_;
    w.text(row.raw);
    totals.valueCents += parsed.entry.valueCents;
    if (!notPriced && parsed.lines.length === 0 && engine.price(parsed.entry, parsed.instant, p)) {
      totals.dutyCents += p.totalCents;
      writePriced(w, p);
      return;
    }
    const r = dutyOverLines(engine, parsed.entry, parsed.instant, parsed.lines);
    totals.dutyCents += r.totalCents;
    w.totals(r.totalRate, r.totalCents);
    const cell = w.length;
    let special = false;
    for (const [k, l] of r.layers.entries()) {
      if (w.layer(k, l.heading, l.rateText)) special = true;
      if (l.amountCents === null) w.text("n/a");
      else w.cents(l.amountCents);
    }
    if (special) w.quoteFrom(cell);
    w.byte(COMMA);
    if (!r.complete) {
      totals.incomplete++;
      w.text(csvCell(`line ${row.line}: incomplete: ${r.warnings.join("; ")}`));
    }
    w.byte(NEWLINE);
  }

  failed(w: Output, row: Row, cells: string, error: RowError): void {
    csvError(w, cells, DUTY_COLUMNS.length, row, error);
  }
}

/** The duty of each row as `truce duty --json` prints it: {line, input, result} or {line, input, error}. */
class DutyJsonLines implements RowWriter {
  constructor(private readonly t: Truce) {}

  header(): string {
    return "";
  }

  priced(w: Output, row: Row, parsed: ParsedEntry, totals: RowTotals): void {
    const r = dutyOverLines(this.t.engine, parsed.entry, parsed.instant, parsed.lines);
    totals.valueCents += parsed.entry.valueCents;
    totals.dutyCents += r.totalCents;
    if (!r.complete) totals.incomplete++;
    jsonLine(w, {
      line: row.line,
      input: row.input(),
      result: toJson(r, parsed.entry.valueCents, parsed.warnings),
    });
  }

  failed(w: Output, row: Row, _cells: string, error: RowError): void {
    jsonLine(w, jsonError(row, error));
  }
}

/** Both scenarios' duty on each row and their difference. */
class Comparison {
  readonly ta: Truce;
  readonly tb: Truce;

  constructor(
    t: Truce,
    readonly job: Extract<BatchJob, { kind: "compare" }>,
  ) {
    this.ta = truceFor(t, job.a);
    this.tb = truceFor(t, job.b);
  }

  results(parsed: ParsedEntry, totals: RowTotals) {
    const a = dutyOverLines(this.ta.engine, parsed.entry, parsed.instant, parsed.lines);
    const b = dutyOverLines(this.tb.engine, parsed.entry, parsed.instant, parsed.lines);
    totals.valueCents += parsed.entry.valueCents;
    totals.dutyCents += a.totalCents;
    totals.dutyCentsB += b.totalCents;
    if (!(a.complete && b.complete)) totals.incomplete++;
    return { a, b };
  }
}

class CompareCsv implements RowWriter {
  private readonly c: Comparison;

  constructor(t: Truce, job: Extract<BatchJob, { kind: "compare" }>) {
    this.c = new Comparison(t, job);
  }

  header(inputHeader: string): string {
    return `${inputHeader},${COMPARE_COLUMNS.join(",")}\n`;
  }

  priced(w: Output, row: Row, parsed: ParsedEntry, totals: RowTotals): void {
    const { a, b } = this.c.results(parsed, totals);
    w.text(row.raw);
    w.totals(a.totalRate, a.totalCents);
    w.text(String(b.totalRate));
    w.byte(COMMA);
    w.cents(b.totalCents);
    w.byte(COMMA);
    w.text(String(round6(b.totalRate - a.totalRate)));
    w.byte(COMMA);
    w.cents(b.totalCents - a.totalCents);
    w.byte(COMMA);
    if (!(a.complete && b.complete)) {
      const warnings = [...new Set([...a.warnings, ...b.warnings])];
      w.text(csvCell(`line ${row.line}: incomplete: ${warnings.join("; ")}`));
    }
    w.byte(NEWLINE);
  }

  failed(w: Output, row: Row, cells: string, error: RowError): void {
    csvError(w, cells, COMPARE_COLUMNS.length, row, error);
  }
}

class CompareJsonLines implements RowWriter {
  private readonly c: Comparison;

  constructor(t: Truce, job: Extract<BatchJob, { kind: "compare" }>) {
    this.c = new Comparison(t, job);
  }

  header(): string {
    return "";
  }

  priced(w: Output, row: Row, parsed: ParsedEntry, totals: RowTotals): void {
    const { a, b } = this.c.results(parsed, totals);
    const comparison = compareResults(a, b, parsed.entry.valueCents, this.c.job, parsed.warnings);
    jsonLine(w, { line: row.line, input: row.input(), comparison });
  }

  failed(w: Output, row: Row, _cells: string, error: RowError): void {
    jsonLine(w, jsonError(row, error));
  }
}

export function rowWriter(t: Truce, job: BatchJob, format: BatchFormat): RowWriter {
  if (job.kind === "duty") return format === "csv" ? new DutyCsv(t) : new DutyJsonLines(t);
  return format === "csv" ? new CompareCsv(t, job) : new CompareJsonLines(t, job);
}

/** The scenarios of a comparison, for its summary. */
export function jobScenarios(job: BatchJob) {
  return job.kind === "compare" ? { a: ref(job.a), b: ref(job.b) } : undefined;
}

/** A batch's totals in dollars and percent (b less a for a comparison). */
export function totalsSummary(t: RowTotals, job: BatchJob) {
  const rate = (cents: number) => rateOf(cents, t.valueCents);
  const base = {
    rows: t.rows,
    computed: t.rows - t.errors,
    errors: t.errors,
    incomplete: t.incomplete,
    value: formatCents(t.valueCents),
  };
  if (job.kind === "duty")
    return { ...base, duty: { rate: rate(t.dutyCents), amount: formatCents(t.dutyCents) } };
  return {
    ...base,
    a: { rate: rate(t.dutyCents), amount: formatCents(t.dutyCents) },
    b: { rate: rate(t.dutyCentsB), amount: formatCents(t.dutyCentsB) },
    difference: {
      rate: round6(rate(t.dutyCentsB) - rate(t.dutyCents)),
      amount: formatCents(t.dutyCentsB - t.dutyCents),
    },
  };
}
