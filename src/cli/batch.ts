/**
 * Batch mode: a CSV of entries in, the same rows out with total_rate, total_amount, layers and error.
 * Every input row yields one output row; a bad row yields an error naming its line and field.
 *
 * Speed: unquoted lines (the common case) are split directly; a line with a quote is handed, with
 * the lines it spans, to csv-parse. Output rows repeat the input line's own text, so what comes
 * in goes out unchanged.
 */
import { createReadStream, createWriteStream, statSync } from "node:fs";
import { SingleBar } from "cli-progress";
import { parse as parseCsv } from "csv-parse/sync";
import type { DutyResult } from "../engine/duty.js";
import { formatCents } from "../engine/money.js";
import type { Truce } from "../truce.js";
import { type EntryFields, INPUT_COLUMNS, InputError, parseEntry } from "./entry-input.js";

export const OUTPUT_COLUMNS = ["total_rate", "total_amount", "layers", "error"] as const;
const REQUIRED = ["code", "origin", "date", "value"] as const;

export interface BatchSummary {
  rows: number;
  errors: number;
  incomplete: number;
}

/** `heading:rate=amount` for each layer, separated by semicolons. */
export function layersCell(r: DutyResult): string {
  let out = "";
  for (const l of r.layers) {
    if (out) out += ";";
    out += `${l.heading}:${l.rateText}=${l.amountCents === null ? "n/a" : formatCents(l.amountCents)}`;
  }
  return out;
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Splits CSV text into records: [raw text of the record, its fields, its first line number]. */
export class CsvRecords {
  private pending = "";
  private line = 0;
  private carry: string | null = null;
  private carryLine = 0;

  /** Feeds a chunk; calls `emit` for every complete record. */
  push(chunk: string, emit: (raw: string, fields: string[], line: number) => void, final = false): void {
    let text = this.pending + chunk;
    if (this.line === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let start = 0;
    for (;;) {
      const nl = text.indexOf("\n", start);
      if (nl < 0) break;
      this.handleLine(text.slice(start, nl), emit);
      start = nl + 1;
    }
    this.pending = text.slice(start);
    if (final) {
      if (this.pending.length > 0) this.handleLine(this.pending, emit);
      this.pending = "";
      if (this.carry !== null) {
        emit(this.carry, [], -this.carryLine);
        this.carry = null;
      }
    }
  }

  private handleLine(rawLine: string, emit: (raw: string, fields: string[], line: number) => void): void {
    this.line++;
    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    if (this.carry !== null) {
      this.carry += `\n${line}`;
      if (quoteCount(this.carry) % 2 === 0) {
        const raw = this.carry;
        this.carry = null;
        emit(raw, parseQuoted(raw), this.carryLine);
      }
      return;
    }
    if (line.indexOf('"') < 0) {
      if (line.length > 0) emit(line, line.split(","), this.line);
      return;
    }
    if (quoteCount(line) % 2 === 1) {
      this.carry = line;
      this.carryLine = this.line;
      return;
    }
    emit(line, parseQuoted(line), this.line);
  }
}

function quoteCount(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++;
  return n;
}

function parseQuoted(raw: string): string[] {
  const rows = parseCsv(raw, { relax_column_count: true }) as string[][];
  return rows[0] ?? [];
}

/** Runs a batch file. Progress goes to stderr on a TTY; the summary always goes to stderr. */
export async function runBatch(t: Truce, inputPath: string, outputPath?: string): Promise<BatchSummary> {
  const out = outputPath ? createWriteStream(outputPath) : process.stdout;
  const total = statSync(inputPath).size;
  const bar =
    process.stderr.isTTY && outputPath
      ? new SingleBar({
          format: "duty {bar} {percentage}% | {rows} rows | {errors} errors",
          hideCursor: true,
        })
      : undefined;
  bar?.start(total, 0, { rows: 0, errors: 0 });

  const summary: BatchSummary = { rows: 0, errors: 0, incomplete: 0 };
  let header: string[] | null = null;
  let index: Partial<Record<string, number>> = {};
  let buffer = "";
  let read = 0;

  const onRecord = (raw: string, fields: string[], line: number) => {
    if (header === null) {
      header = fields.map((h) => h.trim().toLowerCase());
      const missing = REQUIRED.filter((c) => !header?.includes(c));
      if (missing.length > 0) {
        throw new InputError(
          missing[0] as (typeof REQUIRED)[number],
          `the header of ${inputPath} lacks the column(s) ${missing.join(", ")} (required: ${REQUIRED.join(", ")})`,
        );
      }
      index = Object.fromEntries(header.map((h, i) => [h, i]));
      buffer += `${raw},${OUTPUT_COLUMNS.join(",")}\n`;
      return;
    }
    summary.rows++;
    let cells: string;
    if (line < 0) {
      summary.errors++;
      cells = `,,,${csvCell(`line ${-line}: unterminated quoted field`)}`;
    } else if (fields.length !== header.length) {
      summary.errors++;
      cells = `,,,${csvCell(`line ${line}: expected ${header.length} columns, found ${fields.length}`)}`;
    } else {
      const input: EntryFields = {};
      for (const c of INPUT_COLUMNS) {
        const i = index[c];
        if (i !== undefined) input[c] = fields[i];
      }
      try {
        const parsed = parseEntry(input, t.hts);
        const r = t.engine.duty(parsed.entry, parsed.instant);
        if (!r.complete) summary.incomplete++;
        cells = `${r.totalRate},${formatCents(r.totalCents)},${csvCell(layersCell(r))},${
          r.complete ? "" : csvCell(`line ${line}: incomplete: ${r.warnings.join("; ")}`)
        }`;
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        summary.errors++;
        cells = `,,,${csvCell(`line ${line}: ${e.message}`)}`;
      }
    }
    buffer += `${raw},${cells}\n`;
    if (buffer.length > 1 << 16) {
      out.write(buffer);
      buffer = "";
    }
  };

  const records = new CsvRecords();
  const stream = createReadStream(inputPath, { encoding: "utf8", highWaterMark: 1 << 20 });
  for await (const chunk of stream) {
    records.push(chunk as string, onRecord);
    read += Buffer.byteLength(chunk as string);
    bar?.update(read, { rows: summary.rows, errors: summary.errors });
  }
  records.push("", onRecord, true);
  if (header === null) throw new InputError("code", `${inputPath} is empty (expected a header row)`);
  out.write(buffer);
  if (out !== process.stdout)
    await new Promise<void>((resolve) => (out as NodeJS.WritableStream).end(resolve));
  bar?.stop();
  process.stderr.write(
    `truce: ${summary.rows} rows, ${summary.rows - summary.errors} computed, ${summary.errors} errors, ${summary.incomplete} incomplete${outputPath ? `, written to ${outputPath}` : ""}\n`,
  );
  return summary;
}
