/**
 * The rows of a block: records split from its bytes (CSV or JSON lines), their entry fields checked
 * by the entry contract, priced and written by the job's RowWriter. Every record yields one output
 * row, in order; a bad record yields an error naming its line (and field), never an exception.
 */
import { InputError } from "../entry/errors.js";
import { parseEntryOrProblem } from "../entry/parse.js";
import {
  type EntryFields,
  entryFieldsOf,
  INPUT_COLUMNS,
  type InputField,
  REQUIRED_COLUMNS,
} from "../entry/schema.js";
import type { Truce } from "../truce.js";
import type { Buffers } from "./blocks.js";
import { CsvRecords, csvCell, splitCommas } from "./csv.js";
import type { BatchFormat, BatchJob, Row, RowTotals, RowWriter } from "./jobs.js";
import { addTotals, noTotals, rowWriter } from "./jobs.js";
import { Output } from "./output.js";

export interface BlockResult extends RowTotals {
  /** UTF-8 output of the block's rows (and of the header, in the first block): out[0, length). */
  out: Uint8Array;
  length: number;
  /**
   * For a block computed for one part of the codes (see `Part`): where each record's output ends in
   * `out`, every record of the block counted (a record of another part writes nothing here).
   */
  ends?: Int32Array;
}

/**
 * One part of a batch split by heading between threads: the rows whose code falls in part `index` of
 * `of` (see `partOf`). Each thread then reads the headings and builds the tables of its own codes only.
 */
export interface Part {
  index: number;
  of: number;
}

/**
 * The part of a row: an FNV-1a hash of the first four digits of its code as written (dots and
 * anything else skipped), so that every spelling of a code, and every code of a heading, falls in one
 * part. By heading, not by code: the schedules are kept and read by heading, so that a thread reads
 * only its own headings (split by code, both threads of the 1M-row benchmark read nearly all of them
 * and took 10.5-11.1 s of wall time and 18 s of CPU time; by heading, 7.7-7.9 s and 13.3 s).
 */
export function partOf(code: string, start: number, end: number, of: number): number {
  let heading = 0;
  let digits = 0;
  for (let i = start; i < end && digits < 4; i++) {
    const c = code.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      heading = heading * 10 + (c - 48);
      digits++;
    }
  }
  return partOfHeading(heading, digits, of);
}

/** `partOf` of a code whose first `digits` digits (at most 4) are those of `heading`. */
function partOfHeading(heading: number, digits: number, of: number): number {
  let h = 0x811c9dc5;
  for (let k = digits - 1; k >= 0; k--) {
    const digit = Math.trunc(heading / (POWERS[k] as number)) % 10;
    h = Math.imul(h ^ (48 + digit), 0x01000193);
  }
  return (h >>> 0) % of;
}

const POWERS = [1, 10, 100, 1000];

/** The group of a code with fewer than four digits (after the 10,000 headings). */
const NO_HEADING = 10_000;
const EMPTY_LINE = -1;
const OTHER_PART = -2;

/** Where a block's records are written, and their totals counted. */
interface BlockOutput {
  w: Output;
  result: BlockResult;
  /** With a part: where the records begin in the output (after the header), then where each ends. */
  ends: number[] | undefined;
}

/** Decoded text per push to CsvRecords: short strings die young, a 1 MB one would not. */
const PIECE_BYTES = 1 << 16;

/** The position of each entry column in the header, -1 if absent. */
export type Columns = Record<InputField, number>;

function at(fields: readonly string[], i: number): string | undefined {
  return i < 0 ? undefined : fields[i];
}

/**
 * The entry fields of a row: one object shape for every row, whatever the columns (the return type
 * makes a field added to the entry contract fail to compile until it is read here).
 */
export function entryFields(f: readonly string[], c: Columns): Record<InputField, string | undefined> {
  return {
    code: at(f, c.code),
    origin: at(f, c.origin),
    date: at(f, c.date),
    at: at(f, c.at),
    value: at(f, c.value),
    importer: at(f, c.importer),
    quantity: at(f, c.quantity),
    unit: at(f, c.unit),
    steel_value: at(f, c.steel_value),
    aluminum_value: at(f, c.aluminum_value),
    copper_value: at(f, c.copper_value),
    loaded_on: at(f, c.loaded_on),
    mode: at(f, c.mode),
    excluded: at(f, c.excluded),
    claims: at(f, c.claims),
  };
}

/**
 * The column names of a header record (trimmed, lower-cased) and the position of each entry column;
 * throws InputError naming the first `required` column missing from the header of `source`.
 */
export function headerColumns(
  names: readonly string[],
  required: readonly string[],
  source: string,
): { header: string[]; columns: Columns } {
  const header = names.map((h) => h.trim().toLowerCase());
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new InputError(
      missing[0] as string,
      `the header of ${source} lacks the column(s) ${missing.join(", ")} (required: ${required.join(", ")})`,
    );
  }
  const index = new Map<string, number>();
  for (const [i, h] of header.entries()) index.set(h, i);
  return {
    header,
    columns: Object.fromEntries(INPUT_COLUMNS.map((c) => [c, index.get(c) ?? -1])) as Columns,
  };
}

/** Computes the rows of blocks; holds the CSV header once the first record has been seen. */
export class Rows {
  /** The input's column names (CSV), or [] for JSON lines; null until the header is read. */
  header: string[] | null;
  private columns = {} as Columns;
  /** The output of a block's records in the order `grouped` computes them (made on first use; it grows). */
  private scratch: Output | undefined;
  private readonly writer: RowWriter;

  constructor(
    private readonly t: Truce,
    job: BatchJob,
    private readonly input: BatchFormat,
    output: BatchFormat,
    private readonly inputPath: string,
    /** The rows this instance computes when a CSV batch is split by code (default: all). */
    private readonly part?: Part,
  ) {
    if (part !== undefined && input !== "csv") throw new Error("batch: only CSV input is split by code");
    this.writer = rowWriter(t, job, output);
    this.header = input === "jsonl" ? [] : null;
  }

  /** Takes the header record (trimmed, lower-cased names); throws InputError if a column is missing. */
  setHeader(names: readonly string[]): void {
    const { header, columns } = headerColumns(names, REQUIRED_COLUMNS, this.inputPath);
    this.columns = columns;
    this.header = header;
  }

  /** Computes the rows of a block (its UTF-8 bytes); the output is written into a buffer from `buffers`. */
  block(bytes: Uint8Array, linesBefore: number, buffers: Buffers): BlockResult {
    const w = new Output(buffers.get());
    const result: BlockResult = { out: w.out, length: 0, ...noTotals() };
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (this.input === "jsonl") this.jsonLines(text, linesBefore, w, result);
    else this.csv(text, linesBefore, w, result);
    result.out = w.out;
    result.length = w.length;
    return result;
  }

  private entry(w: Output, row: Row, fields: EntryFields, cells: string, result: BlockResult): void {
    const parsed = parseEntryOrProblem(fields, this.t);
    if ("field" in parsed) {
      result.errors++;
      this.writer.failed(w, row, cells, parsed);
      return;
    }
    this.writer.priced(w, row, parsed, result);
  }

  /**
   * The records of a CSV block. Those without quotes are computed grouped by heading (see
   * `grouped`); a block with a quote, and the file's header line, record by record (`sequential`).
   */
  private csv(text: Buffer, linesBefore: number, w: Output, result: BlockResult): void {
    const ends: number[] | undefined = this.part === undefined ? undefined : [];
    const into: BlockOutput = { w, result, ends };
    let from = 0;
    let before = linesBefore;
    if (linesBefore === 0) {
      const nl = text.indexOf(0x0a);
      const first = nl < 0 ? text.length : nl + 1;
      if (nl <= 0 || text.subarray(0, first).includes(0x22)) from = text.length;
      else {
        from = first;
        before = 1;
      }
      this.sequential(text.subarray(0, from), linesBefore, into);
    }
    if (from < text.length) {
      const rest = text.subarray(from);
      if (this.header !== null && !rest.includes(0x22)) this.grouped(rest, before, into);
      else this.sequential(rest, before, into);
    }
    if (ends !== undefined) {
      if (ends.length === 0) ends.push(w.length);
      result.ends = Int32Array.from(ends);
    }
  }

  private sequential(text: Buffer, linesBefore: number, into: BlockOutput): void {
    const { w, result, ends } = into;
    const writer = this.writer;
    const part = this.part;
    // The first record of the file is its header, even where the header is known already (a block
    // computed again, for a part that another thread failed to compute).
    let headerNext = linesBefore === 0;
    const onRecord = (raw: string, fields: string[], line: number): void => {
      const header = this.header;
      if (header === null || headerNext) {
        headerNext = false;
        this.setHeader(fields);
        // Split by code, the header is written once, by part 0.
        if (part === undefined || part.index === 0) w.text(writer.header(raw));
        ends?.push(w.length);
        return;
      }
      if (ends !== undefined && ends.length === 0) ends.push(w.length);
      if (part !== undefined) {
        const code = line < 0 ? undefined : fields[this.columns.code];
        const owner = code === undefined ? 0 : partOf(code, 0, code.length, part.of);
        if (owner !== part.index) {
          ends?.push(w.length);
          return;
        }
      }
      this.record(raw, fields, line, header, w, result);
      ends?.push(w.length);
    };
    const records = new CsvRecords(
      linesBefore,
      part === undefined
        ? undefined
        : (line) => {
            // An unquoted line of another part is skipped without splitting it into fields.
            if (this.header === null || headerNext) return false;
            const owner = this.ownerOfLine(line, part.of);
            if (owner === part.index) return false;
            if (ends?.length === 0) ends.push(w.length);
            ends?.push(w.length);
            return true;
          },
    );
    let pos = 0;
    do {
      // Pieces end just after a newline, so never inside a UTF-8 sequence.
      const nl = pos + PIECE_BYTES < text.length ? text.indexOf(0x0a, pos + PIECE_BYTES) : -1;
      const end = nl < 0 ? text.length : nl + 1;
      records.push(text.toString("utf8", pos, end), onRecord, end === text.length);
      pos = end;
    } while (pos < text.length);
  }

  /**
   * The records of a block without quotes (after the header), computed in order of heading (in input
   * order within one) and written in input order. The tables the engine keeps for a heading's codes
   * are then read while in the processor's cache: on the 1M-row benchmark file, computed in input
   * order, they missed it on most rows.
   */
  private grouped(text: Buffer, linesBefore: number, into: BlockOutput): void {
    const { w, result, ends } = into;
    const header = this.header as string[];
    const part = this.part;
    const column = this.columns.code;
    // Every line: where it starts and ends (without its line break), and its heading (its group), or
    // EMPTY_LINE (no record) or OTHER_PART (a record with no output here).
    let lines = 1;
    for (let i = text.indexOf(0x0a); i >= 0; i = text.indexOf(0x0a, i + 1)) lines++;
    const starts = new Int32Array(lines);
    const stops = new Int32Array(lines);
    const groups = new Int32Array(lines);
    const counts = new Int32Array(NO_HEADING + 2);
    let records = 0;
    let pos = 0;
    for (let k = 0; k < lines; k++) {
      const nl = text.indexOf(0x0a, pos);
      const next = nl < 0 ? text.length : nl + 1;
      let stop = nl < 0 ? text.length : nl;
      if (stop > pos && text[stop - 1] === 0x0d) stop--;
      starts[k] = pos;
      stops[k] = stop;
      pos = next;
      if (stop === starts[k]) {
        groups[k] = EMPTY_LINE;
        continue;
      }
      // The code's first four digits (dots and anything else skipped), as `partOf` reads them.
      let i = starts[k] as number;
      let commas = 0;
      for (; commas < column && i < stop; i++) if (text[i] === 0x2c) commas++;
      let heading = 0;
      let digits = 0;
      for (; i < stop && digits < 4; i++) {
        const c = text[i] as number;
        if (c === 0x2c) break;
        if (c >= 48 && c <= 57) {
          heading = heading * 10 + (c - 48);
          digits++;
        }
      }
      if (part !== undefined) {
        // A line too short to have a code column is part 0's (as `ownerOfLine` says).
        const owner = commas < column ? 0 : partOfHeading(heading, digits, part.of);
        if (owner !== part.index) {
          groups[k] = OTHER_PART;
          continue;
        }
      }
      const group = digits === 4 ? heading : NO_HEADING;
      groups[k] = group;
      counts[group + 1] = (counts[group + 1] as number) + 1;
      records++;
    }
    if (ends !== undefined && ends.length === 0) ends.push(w.length);
    // A counting sort by heading: `order` holds the lines of heading 0, then 1, ... each in input order.
    for (let g = 1; g < counts.length; g++) counts[g] = (counts[g] as number) + (counts[g - 1] as number);
    const order = new Int32Array(records);
    for (let k = 0; k < lines; k++) {
      const g = groups[k] as number;
      if (g >= 0) {
        const at = counts[g] as number;
        order[at] = k;
        counts[g] = at + 1;
      }
    }
    this.scratch ??= new Output(new Uint8Array(1 << 16));
    const scratch = this.scratch;
    scratch.length = 0;
    const outStarts = new Int32Array(lines);
    const outStops = new Int32Array(lines);
    for (let r = 0; r < records; r++) {
      const k = order[r] as number;
      const raw = text.toString("utf8", starts[k], stops[k]);
      outStarts[k] = scratch.length;
      this.record(raw, splitCommas(raw), linesBefore + k + 1, header, scratch, result);
      outStops[k] = scratch.length;
    }
    const out = scratch.out;
    for (let k = 0; k < lines; k++) {
      const g = groups[k] as number;
      if (g === EMPTY_LINE) continue;
      if (g >= 0) w.bytes(out.subarray(outStarts[k], outStops[k]));
      ends?.push(w.length);
    }
  }

  /** The part of an unquoted line: from its code column (part 0 for a line too short to have one). */
  private ownerOfLine(line: string, of: number): number {
    const column = this.columns.code;
    let start = 0;
    for (let i = 0; i < column; i++) {
      const comma = line.indexOf(",", start);
      if (comma < 0) return 0;
      start = comma + 1;
    }
    const comma = line.indexOf(",", start);
    return partOf(line, start, comma < 0 ? line.length : comma, of);
  }

  /** One record after the header: an error row for a malformed one, else its entry priced. */
  private record(
    raw: string,
    fields: string[],
    line: number,
    header: string[],
    w: Output,
    result: BlockResult,
  ): void {
    const writer = this.writer;
    result.rows++;
    if (line < 0) {
      // The rest of the file after an opening quote: one quoted cell (the raw text could not be
      // read back), padded to the header's width.
      result.errors++;
      const row = { line: -line, raw, input: () => ({ raw }) };
      writer.failed(w, row, `${csvCell(raw)}${",".repeat(header.length - 1)}`, {
        message: "unterminated quoted field",
      });
      return;
    }
    if (fields.length !== header.length) {
      // Every output row has the header's width: a short row is padded; a long one is kept whole
      // in its first cell (its fields cannot be put under the header's columns).
      result.errors++;
      const cells =
        fields.length < header.length
          ? `${raw}${",".repeat(header.length - fields.length)}`
          : `${csvCell(raw)}${",".repeat(header.length - 1)}`;
      writer.failed(w, { line, raw, input: () => ({ raw }) }, cells, {
        message: `expected ${header.length} columns, found ${fields.length}`,
      });
      return;
    }
    // The fields by column name are built only for JSON lines output, which shows them.
    const input = () => Object.fromEntries(header.map((h, i) => [h, fields[i] ?? ""]));
    this.entry(w, { line, raw, input }, entryFields(fields, this.columns), raw, result);
  }

  private jsonLines(text: Buffer, linesBefore: number, w: Output, result: BlockResult): void {
    let line = linesBefore;
    let pos = 0;
    if (linesBefore === 0 && text[0] === 0xef && text[1] === 0xbb && text[2] === 0xbf) pos = 3;
    while (pos < text.length) {
      const nl = text.indexOf(0x0a, pos);
      const end = nl < 0 ? text.length : nl;
      line++;
      const raw = text.toString("utf8", pos, end).trim();
      pos = end + 1;
      if (raw === "") continue;
      result.rows++;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (e) {
        result.errors++;
        this.writer.failed(w, { line, raw, input: () => ({ raw }) }, "", {
          message: `not a JSON object: ${(e as Error).message}`,
        });
        continue;
      }
      const row: Row = { line, raw, input: () => value as Record<string, unknown> };
      let fields: EntryFields;
      try {
        fields = entryFieldsOf(value);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        result.errors++;
        this.writer.failed(w, row, "", {
          field: e.field,
          message: e.detail,
          suggestions: () => e.suggestions,
        });
        continue;
      }
      this.entry(w, row, fields, "", result);
    }
  }
}

/**
 * The output of a block computed in parts (see `Part`), in input order: the header from part 0, then
 * each record's output from the part that wrote it. The parts' totals are added up.
 */
export function mergeParts(parts: readonly BlockResult[], into: Output): BlockResult {
  const result: BlockResult = { out: into.out, length: 0, ...noTotals() };
  const first = parts[0] as BlockResult;
  const firstEnds = first.ends as Int32Array;
  into.bytes(first.out.subarray(0, firstEnds[0]));
  for (let i = 1; i < firstEnds.length; i++) {
    for (const p of parts) {
      const ends = p.ends as Int32Array;
      const start = ends[i - 1] as number;
      const end = ends[i] as number;
      if (end > start) {
        into.bytes(p.out.subarray(start, end));
        break;
      }
    }
  }
  for (const p of parts) addTotals(result, p);
  result.out = into.out;
  result.length = into.length;
  return result;
}
