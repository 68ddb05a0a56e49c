/** CSV records as a batch reads them: unquoted lines split directly, quoted ones through csv-parse. */
import { parse as parseCsv } from "csv-parse/sync";

export const SPECIAL = /[",\n\r]/;

export function csvCell(text: string): string {
  return SPECIAL.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Splits CSV text into records: [raw text of the record, its fields, its first line number]. */
export class CsvRecords {
  private pending = "";
  private carry: string | null = null;
  private carryLine = 0;
  /** Quotes in `carry` so far (counted line by line: a long carry is never rescanned). */
  private carryQuotes = 0;

  constructor(
    /** The number of lines before the text to be pushed (for a block in the middle of a file). */
    private line = 0,
    /**
     * Offered every unquoted line first (without its line break): true if it took the line, which is
     * then not split into fields.
     */
    private readonly plain?: (line: string, number: number) => boolean,
  ) {}

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
      this.carryQuotes += quoteCount(line);
      if (this.carryQuotes % 2 === 0) {
        const raw = this.carry;
        this.carry = null;
        emit(raw, parseQuoted(raw), this.carryLine);
      }
      return;
    }
    if (line.indexOf('"') < 0) {
      if (line.length > 0 && !this.plain?.(line, this.line)) emit(line, splitCommas(line), this.line);
      return;
    }
    const quotes = quoteCount(line);
    if (quotes % 2 === 1) {
      this.carry = line;
      this.carryLine = this.line;
      this.carryQuotes = quotes;
      return;
    }
    emit(line, parseQuoted(line), this.line);
  }
}

/** `line.split(",")`, about twice as fast (indexOf and slice). */
export function splitCommas(line: string): string[] {
  const fields: string[] = [];
  let start = 0;
  for (;;) {
    const comma = line.indexOf(",", start);
    if (comma < 0) {
      fields.push(line.slice(start));
      return fields;
    }
    fields.push(line.slice(start, comma));
    start = comma + 1;
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
