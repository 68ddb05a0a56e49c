/**
 * Batch mode: a CSV of entries in, the same rows out with total_rate, total_amount, layers and error.
 * Every input row yields one output row, in input order; a bad row yields an error naming its line
 * and field.
 *
 * Speed: the file is read in blocks of about 1 MB that end on a record boundary (a newline outside
 * quotes). Within a block, unquoted lines (the common case) are split directly; a line with a quote
 * is handed, with the lines it spans, to csv-parse. Output rows repeat the input line's own text,
 * so what comes in goes out unchanged. A simple entry is priced without building the full result
 * (`Engine.price`), and rows are written straight into the block's output buffer (`Output`), so that
 * a row allocates little: most of a row's time is memory latency. On a large file a worker thread,
 * with its own copy of the law and the nomenclature (checked to be the same as this thread's), takes
 * blocks whenever it is free while this thread computes the others; the blocks are written back in
 * order. Buffers are reused rather than allocated per block, which keeps the resident memory of both
 * threads down.
 */
import { closeSync, fstatSync, openSync, readSync, writeSync } from "node:fs";
import { availableParallelism } from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { SingleBar } from "cli-progress";
import { parse as parseCsv } from "csv-parse/sync";
import { pricedRow } from "../engine/duty.js";
import { dutyOverLines } from "../engine/lines.js";
import { formatCents } from "../engine/money.js";
import { defaultDataDir } from "../law/load.js";
import type { CodeSet } from "../law/model.js";
import { loadTruce, type Truce } from "../truce.js";
import { INPUT_COLUMNS, InputError, parseEntry } from "./entry-input.js";

export const OUTPUT_COLUMNS = ["total_rate", "total_amount", "layers", "error"] as const;
const REQUIRED = ["code", "origin", "date", "value"] as const;

/** Bytes read per block. */
const BLOCK_BYTES = 1 << 20;
/** Bytes per block this thread computes while a worker is still loading. */
const WARM_UP_BLOCK_BYTES = 1 << 16;
/** Below this size a file is computed on this thread alone (a worker takes ~0.4 s to load the data). */
const PARALLEL_MIN_BYTES = 8 << 20;

export interface BatchSummary {
  rows: number;
  errors: number;
  incomplete: number;
  /** Rows computed by worker threads (the rest by the calling thread). */
  workerRows: number;
}

export interface BatchOptions {
  /**
   * Worker threads computing blocks besides this thread: 0 for none; default 1 for files of 8 MB or
   * more when the machine has more than one core, else 0.
   */
  workers?: number;
  /** Data directory the workers load (default: the default data directory, as `loadTruce()`). */
  dataDir?: string;
  /** Bytes read per block (default 1 MB; small values are for tests of block boundaries). */
  blockBytes?: number;
  /**
   * Whether the calling thread computes blocks too (default true). With false, blocks wait for the
   * workers (for tests of the worker path); the calling thread still takes over if they fail.
   */
  mainThread?: boolean;
}

const SPECIAL = /[",\n\r]/;

function csvCell(text: string): string {
  return SPECIAL.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Splits CSV text into records: [raw text of the record, its fields, its first line number]. */
export class CsvRecords {
  private pending = "";
  private carry: string | null = null;
  private carryLine = 0;
  /** Quotes in `carry` so far (counted line by line: a long carry is never rescanned). */
  private carryQuotes = 0;

  /** `line`: the number of lines before the text to be pushed (for a block in the middle of a file). */
  constructor(private line = 0) {}

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
      if (line.length > 0) emit(line, splitCommas(line), this.line);
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
function splitCommas(line: string): string[] {
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

// ------------------------------------------------------------------------------------------------
// Blocks of the input file

interface Block {
  id: number;
  /** Where the block's bytes are in the file: whole records (the last block: whatever is left). */
  start: number;
  length: number;
  /** Number of lines before the block. */
  linesBefore: number;
}

/**
 * End (exclusive) of the last record boundary in `buf`: just after the last newline that is outside
 * quotes (quote parity even from the start of `buf`, which is itself a boundary); 0 if none.
 */
function lastBoundary(buf: Uint8Array): number {
  let q = buf.indexOf(0x22);
  if (q < 0) return buf.lastIndexOf(0x0a) + 1;
  let odd = false;
  let last = 0;
  let pos = 0;
  for (;;) {
    const nl = buf.indexOf(0x0a, pos);
    if (nl < 0) return last;
    while (q >= 0 && q < nl) {
      odd = !odd;
      q = buf.indexOf(0x22, q + 1);
    }
    if (!odd) last = nl + 1;
    pos = nl + 1;
  }
}

function countNewlines(buf: Uint8Array): number {
  let n = 0;
  for (let i = buf.indexOf(0x0a); i >= 0; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
}

/**
 * Reads a file as blocks of whole records through one reused buffer (a UTF-8 byte order mark at the
 * start is skipped). `bytes` is valid until the next call of `next`.
 */
class BlockReader {
  private window: Buffer;
  /** File offset of window[0]; window[begin, filled) is read and not yet in a block. */
  private windowStart = 0;
  private begin = 0;
  private filled = 0;
  private eof = false;
  private started = false;
  private lines = 0;
  private ids = 0;
  bytes: Buffer = Buffer.alloc(0);

  constructor(
    private readonly fd: number,
    private readonly blockBytes = BLOCK_BYTES,
    /** False for a pipe: read in sequence. */
    private readonly seekable = true,
  ) {
    this.window = Buffer.allocUnsafeSlow(Math.max(2 * blockBytes, 1 << 13));
  }

  /** Bytes read so far. */
  get position(): number {
    return this.windowStart + this.filled;
  }

  /** The next block: at most `limit` bytes (default and maximum: the reader's block size). */
  next(limit = this.blockBytes): Block | null {
    const most = Math.min(limit, this.blockBytes);
    for (;;) {
      const available = this.filled - this.begin;
      if (this.started && (available >= most || this.eof)) {
        const view = this.window.subarray(this.begin, this.filled);
        // At most `most` bytes up to a record boundary (more only for a record longer than that).
        const capped = Math.min(available, most);
        let end = this.eof && available === capped ? available : lastBoundary(view.subarray(0, capped));
        if (end === 0) end = this.eof ? available : lastBoundary(view);
        if (end > 0) {
          this.bytes = view.subarray(0, end);
          const block = {
            id: this.ids++,
            start: this.windowStart + this.begin,
            length: end,
            linesBefore: this.lines,
          };
          this.lines += countNewlines(this.bytes);
          this.begin += end;
          return block;
        }
        if (this.eof) return null;
      }
      if (this.begin > 0) {
        this.window.copyWithin(0, this.begin, this.filled);
        this.windowStart += this.begin;
        this.filled -= this.begin;
        this.begin = 0;
      }
      if (this.filled === this.window.length) {
        // A record longer than the window (a long quoted field, or an unterminated one).
        const wider = Buffer.allocUnsafeSlow(2 * this.window.length);
        this.window.copy(wider, 0, 0, this.filled);
        this.window = wider;
      }
      const n = readSync(
        this.fd,
        this.window,
        this.filled,
        this.window.length - this.filled,
        this.seekable ? this.position : null,
      );
      if (n === 0) this.eof = true;
      this.filled += n;
      if (!this.started && (this.filled >= 3 || this.eof)) {
        this.started = true;
        const w = this.window;
        if (this.filled >= 3 && w[0] === 0xef && w[1] === 0xbb && w[2] === 0xbf) this.begin = 3;
      }
    }
  }
}

/** Reads a block's bytes again (a block a failed worker held) into `into`, grown if need be. */
function reread(fd: number, b: Block, into: { buf: Buffer }): Buffer {
  if (into.buf.length < b.length) into.buf = Buffer.allocUnsafeSlow(b.length);
  let done = 0;
  while (done < b.length) {
    const n = readSync(fd, into.buf, done, b.length - done, b.start + done);
    if (n === 0)
      throw new Error(`batch: the input file changed while it was read (at byte ${b.start + done})`);
    done += n;
  }
  return into.buf.subarray(0, b.length);
}

// ------------------------------------------------------------------------------------------------
// Rows

/** Reused output buffers (a block's output is encoded into one; it comes back once written). */
class Buffers {
  private readonly free: Uint8Array[] = [];

  get(): Uint8Array {
    return this.free.pop() ?? new Uint8Array(4 << 20);
  }

  put(buf: Uint8Array): void {
    if (this.free.length < 16) this.free.push(buf);
  }
}

interface BlockResult {
  /** UTF-8 output of the block's rows (and of the header, in the first block): out[0, length). */
  out: Uint8Array;
  length: number;
  rows: number;
  errors: number;
  incomplete: number;
}

/** Decoded text per push to CsvRecords: short strings die young, a 1 MB one would not. */
const PIECE_BYTES = 1 << 16;

type Column = (typeof INPUT_COLUMNS)[number];
/** The position of each input column in the header, -1 if absent. */
type Columns = Record<Column, number>;

function at(fields: readonly string[], i: number): string | undefined {
  return i < 0 ? undefined : fields[i];
}

/**
 * The entry fields of a row: one object shape for every row, whatever the columns (the return type
 * makes a column added to INPUT_COLUMNS fail to compile until it is read here).
 */
function input(f: readonly string[], c: Columns): Record<Column, string | undefined> {
  return {
    code: at(f, c.code),
    origin: at(f, c.origin),
    date: at(f, c.date),
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
    at: at(f, c.at),
    claims: at(f, c.claims),
  };
}

/** Computes the rows of blocks; holds the header once the first record has been seen. */
class Rows {
  header: string[] | null = null;
  private columns = {} as Columns;
  private readonly priced = pricedRow();

  constructor(
    private readonly t: Truce,
    private readonly inputPath: string,
  ) {}

  /** Takes the header record (trimmed, lower-cased names); throws InputError if a column is missing. */
  setHeader(names: readonly string[]): void {
    const header = names.map((h) => h.trim().toLowerCase());
    const missing = REQUIRED.filter((c) => !header.includes(c));
    if (missing.length > 0) {
      throw new InputError(
        missing[0] as (typeof REQUIRED)[number],
        `the header of ${this.inputPath} lacks the column(s) ${missing.join(", ")} (required: ${REQUIRED.join(", ")})`,
      );
    }
    const index = new Map<string, number>();
    for (const [i, h] of header.entries()) index.set(h, i);
    this.columns = Object.fromEntries(INPUT_COLUMNS.map((c) => [c, index.get(c) ?? -1])) as Columns;
    this.header = header;
  }

  /** Computes the rows of a block (its UTF-8 bytes); the output is written into a buffer from `buffers`. */
  block(bytes: Uint8Array, linesBefore: number, buffers: Buffers): BlockResult {
    const w = new Output(buffers.get());
    const result: BlockResult = { out: w.out, length: 0, rows: 0, errors: 0, incomplete: 0 };
    const { engine } = this.t;
    const priced = this.priced;
    const onRecord = (raw: string, fields: string[], line: number): void => {
      const header = this.header;
      if (header === null) {
        this.setHeader(fields);
        w.text(`${raw},${OUTPUT_COLUMNS.join(",")}\n`);
        return;
      }
      result.rows++;
      if (line < 0) {
        // The rest of the file after an opening quote: written as one quoted cell (the raw text could
        // not be read back), padded to the header's width.
        result.errors++;
        w.text(
          `${csvCell(raw)}${",".repeat(header.length - 1)},,,,${csvCell(`line ${-line}: unterminated quoted field`)}\n`,
        );
        return;
      }
      if (fields.length !== header.length) {
        // Every output row has the header's width: a short row is padded; a long one is kept whole
        // in its first cell (its fields cannot be put under the header's columns).
        result.errors++;
        w.text(
          fields.length < header.length
            ? `${raw}${",".repeat(header.length - fields.length)}`
            : `${csvCell(raw)}${",".repeat(header.length - 1)}`,
        );
        w.text(`,,,,${csvCell(`line ${line}: expected ${header.length} columns, found ${fields.length}`)}\n`);
        return;
      }
      w.text(raw);
      const rowStart = w.length;
      try {
        const parsed = parseEntry(input(fields, this.columns), this.t);
        if (parsed.lines.length === 0 && engine.price(parsed.entry, parsed.instant, priced)) {
          w.totals(priced.totalRate, priced.totalCents);
          const cell = w.length;
          let special = false;
          for (let k = 0; k < priced.layers; k++) {
            if (w.layer(k, priced.headings[k] as string, priced.rateTexts[k] as string)) special = true;
            w.cents(priced.amountsCents[k] as number);
          }
          if (special) w.quoteFrom(cell);
          w.text(",\n");
          return;
        }
        const r = dutyOverLines(engine, parsed.entry, parsed.instant, parsed.lines);
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
          result.incomplete++;
          w.text(csvCell(`line ${line}: incomplete: ${r.warnings.join("; ")}`));
        }
        w.byte(NEWLINE);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        result.errors++;
        w.length = rowStart;
        w.text(`,,,,${csvCell(`line ${line}: ${e.message}`)}\n`);
      }
    };
    const records = new CsvRecords(linesBefore);
    const decoder = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let pos = 0;
    do {
      // Pieces end just after a newline, so never inside a UTF-8 sequence.
      const nl = pos + PIECE_BYTES < decoder.length ? decoder.indexOf(0x0a, pos + PIECE_BYTES) : -1;
      const end = nl < 0 ? decoder.length : nl + 1;
      records.push(decoder.toString("utf8", pos, end), onRecord, end === decoder.length);
      pos = end;
    } while (pos < decoder.length);
    result.out = w.out;
    result.length = w.length;
    return result;
  }
}

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const totalRateTexts = new Map<number, string>();

/** `String(rate)`, memoised (a batch has few distinct total rates). */
function totalRateText(rate: number): string {
  let text = totalRateTexts.get(rate);
  if (text === undefined) {
    text = String(rate);
    if (totalRateTexts.size >= 4096) totalRateTexts.clear();
    totalRateTexts.set(rate, text);
  }
  return text;
}

/**
 * A block's output, written as UTF-8 straight into a buffer: ASCII text byte by byte, amounts digit
 * by digit, so that a row builds no strings of its own.
 */
export class Output {
  length = 0;
  private readonly encoder = new TextEncoder();
  private readonly digits = new Uint8Array(24);

  constructor(public out: Uint8Array) {}

  private room(bytes: number): Uint8Array {
    if (this.out.length - this.length < bytes) {
      const wider = new Uint8Array(Math.max(2 * this.out.length, this.length + bytes));
      wider.set(this.out.subarray(0, this.length));
      this.out = wider;
    }
    return this.out;
  }

  byte(b: number): void {
    this.room(1)[this.length++] = b;
  }

  text(s: string): void {
    this.cellText(s);
  }

  /** Writes `s`; true if it holds a character that needs quoting in a CSV cell (`"`, `,`, CR, LF). */
  private cellText(s: string): boolean {
    const n = s.length;
    const out = this.room(3 * n);
    let at = this.length;
    let special = false;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.length += this.encoder.encodeInto(s, out.subarray(this.length)).written;
        return SPECIAL.test(s);
      }
      if (c === 0x22 || c === 0x2c || c === 0x0a || c === 0x0d) special = true;
      out[at++] = c;
    }
    this.length = at;
    return special;
  }

  /** An amount in cents as `formatCents` writes it ("-12.05"). */
  cents(cents: number): void {
    if (!Number.isSafeInteger(cents)) {
      this.text(formatCents(cents));
      return;
    }
    const out = this.room(24);
    if (cents < 0) out[this.length++] = 0x2d;
    let rest = Math.abs(cents);
    const d = this.digits;
    let n = 0;
    do {
      d[n++] = 0x30 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0 || n < 3);
    let at = this.length;
    while (n > 2) out[at++] = d[--n] as number;
    out[at++] = 0x2e;
    out[at++] = d[1] as number;
    out[at++] = d[0] as number;
    this.length = at;
  }

  /** `,total_rate,total_amount,` (the commas around the first two output cells). */
  totals(rate: number, cents: number): void {
    this.byte(COMMA);
    this.text(totalRateText(rate));
    this.byte(COMMA);
    this.cents(cents);
    this.byte(COMMA);
  }

  /**
   * `heading:rate=` of layer `k` (`;` before all but the first); true if a CSV-special character was
   * written (see `quoteFrom`).
   */
  layer(k: number, heading: string, rate: string): boolean {
    if (k > 0) this.byte(0x3b);
    const special = this.cellText(heading);
    this.byte(0x3a);
    const specialRate = this.cellText(rate);
    this.byte(0x3d);
    return special || specialRate;
  }

  /** Rewrites what was written from `start` as one quoted CSV cell. */
  quoteFrom(start: number): void {
    const text = Buffer.from(this.out.buffer, this.out.byteOffset + start, this.length - start).toString(
      "utf8",
    );
    this.length = start;
    this.text(csvCell(text));
  }
}

// ------------------------------------------------------------------------------------------------
// Worker threads

interface WorkerInit {
  kind: "truce-batch";
  dataDir: string;
  inputPath: string;
}

/**
 * The header (sent first), a block to compute (the worker reads its bytes from the file), or an
 * output buffer given back.
 */
type ToWorker = { header: string[] } | Block | { recycle: Uint8Array };
type FromWorker =
  | { ready: true; fingerprint: string }
  | ({ id: number } & BlockResult)
  | { id: number; error: string };

/**
 * What must match between this thread's law and a worker's (loaded from the data directory) for the
 * worker's rows to be used: a hash of everything the engine reads from the measures and gaps, so a
 * law changed in memory (e.g. a scenario) keeps its rows on this thread.
 */
function fingerprint(t: Truce): string {
  let h = 0x811c9dc5;
  const add = (x: unknown): void => {
    const text =
      typeof x === "string" ? x : JSON.stringify(x, (_k, v) => (v instanceof Set ? [...v].sort() : v));
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x2c, 0x01000193);
  };
  const codes = (set: CodeSet): void => {
    add(set.all);
    for (const p of set.entries()) add(p);
  };
  add(t.hts.revisions.map((r) => r.id));
  for (const m of t.law.measures) {
    const { products, exemptions, instrument, values, inTransit, ...rest } = m;
    add(rest);
    codes(products);
    add(values.map((v) => [v.from, v.ppm, v.status, v.heading, v.instrument.citation, v.instrument.url]));
    add(instrument.citation);
    for (const x of exemptions) {
      const { products: xp, instrument: xi, ...xr } = x;
      add(xr);
      add(xi.citation);
      codes(xp);
    }
    add(inTransit.map(({ instrument: ti, ...tr }) => [tr, ti.citation]));
  }
  for (const g of t.law.gaps) {
    const { products, instrument, ...rest } = g;
    add(rest);
    codes(products);
  }
  return `${t.law.measures.length}:${t.law.gaps.length}:${(h >>> 0).toString(16)}`;
}

function workerMain(init: WorkerInit): void {
  const port = parentPort;
  if (port === null) return;
  const t = loadTruce(init.dataDir);
  const rows = new Rows(t, init.inputPath);
  const fd = openSync(init.inputPath, "r");
  const input = { buf: Buffer.allocUnsafeSlow(2 * BLOCK_BYTES) };
  const buffers = new Buffers();
  port.on("message", (m: ToWorker) => {
    if ("recycle" in m) {
      buffers.put(m.recycle);
      return;
    }
    if ("header" in m) {
      rows.setHeader(m.header);
      return;
    }
    try {
      const r = rows.block(reread(fd, m, input), m.linesBefore, buffers);
      port.postMessage({ id: m.id, ...r } satisfies FromWorker, [r.out.buffer as ArrayBuffer]);
    } catch (e) {
      port.postMessage({ id: m.id, error: (e as Error).stack ?? String(e) } satisfies FromWorker);
    }
  });
  port.postMessage({ ready: true, fingerprint: fingerprint(t) } satisfies FromWorker);
}

if (!isMainThread && (workerData as WorkerInit | undefined)?.kind === "truce-batch") {
  workerMain(workerData as WorkerInit);
}

/** A worker computing blocks; blocks it was given come back through `onLost` if it fails. */
class Helper {
  ready = false;
  dead = false;
  readonly inFlight = new Map<number, Block>();
  private readonly worker: Worker;

  /** The fingerprint of the worker's law, once it has loaded, and the one it must match. */
  private fingerprint: string | undefined;
  private expected: string | undefined;

  /**
   * Starts the worker (it loads the law and the nomenclature meanwhile); `expect` gives it the
   * fingerprint its law must have, `start` the header.
   */
  constructor(
    init: WorkerInit,
    private readonly onResult: (id: number, r: BlockResult) => void,
    private readonly onLost: (blocks: Block[]) => void,
    private readonly wake: () => void,
  ) {
    const data = init;
    const url = import.meta.url;
    this.worker = url.endsWith(".ts")
      ? // Under a TypeScript runner (tests): the worker registers tsx, then loads this file.
        new Worker(
          `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`,
          { eval: true, workerData: data },
        )
      : new Worker(new URL(url), { workerData: data });
    this.worker.on("message", (m: FromWorker) => {
      if ("ready" in m) {
        this.fingerprint = m.fingerprint;
        this.check();
      } else if ("error" in m) {
        this.fail();
      } else if (this.inFlight.delete(m.id)) {
        this.onResult(m.id, m);
      }
      this.wake();
    });
    this.worker.on("error", () => this.fail());
    this.worker.on("exit", () => this.fail());
  }

  /** Sets the fingerprint the worker's law must have: a worker with another law is not used. */
  expect(fingerprint: string): void {
    this.expected = fingerprint;
    this.check();
  }

  private check(): void {
    if (this.fingerprint === undefined || this.expected === undefined || this.dead) return;
    if (this.fingerprint === this.expected) this.ready = true;
    else this.fail();
  }

  start(header: string[]): void {
    if (!this.dead) this.worker.postMessage({ header } satisfies ToWorker);
  }

  send(b: Block): void {
    this.inFlight.set(b.id, b);
    this.worker.postMessage({
      id: b.id,
      start: b.start,
      length: b.length,
      linesBefore: b.linesBefore,
    } satisfies ToWorker);
  }

  /** Gives an output buffer back to the worker, once written. */
  recycle(buf: Uint8Array): void {
    if (!this.dead) this.worker.postMessage({ recycle: buf } satisfies ToWorker, [buf.buffer as ArrayBuffer]);
  }

  /** Stops using the worker; the blocks it held are computed elsewhere. */
  private fail(): void {
    if (this.dead) return;
    this.dead = true;
    this.ready = false;
    const lost = [...this.inFlight.values()];
    this.inFlight.clear();
    void this.worker.terminate();
    if (lost.length > 0) this.onLost(lost);
    this.wake();
  }

  async stop(): Promise<void> {
    if (this.dead) return;
    this.dead = true;
    await this.worker.terminate();
  }
}

// ------------------------------------------------------------------------------------------------

/** Where the output goes: a file (written synchronously) or standard output. */
interface Sink {
  /** Writes bytes; `release` is called once they may be reused. */
  write(bytes: Uint8Array, release: () => void): Promise<void> | undefined;
  close(): void;
}

function fileSink(path: string): Sink {
  const fd = openSync(path, "w");
  return {
    write(bytes, release) {
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
      release();
      return undefined;
    },
    close: () => closeSync(fd),
  };
}

const stdoutSink: Sink = {
  write(bytes, release) {
    if (process.stdout.write(bytes, () => release())) return undefined;
    return new Promise<void>((resolve) => process.stdout.once("drain", () => resolve()));
  },
  close() {},
};

/**
 * Lets the workers' messages in between two blocks: a timer, as one turn through setImmediate was seen
 * to leave a waiting message unread.
 */
const messages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Runs a batch file. Progress goes to stderr on a TTY; the summary always goes to stderr. */
export async function runBatch(
  /** The law and nomenclature, or how to load them (then loaded once the workers have started). */
  source: Truce | (() => Truce),
  inputPath: string,
  outputPath?: string,
  options: BatchOptions = {},
): Promise<BatchSummary> {
  const fd = openSync(inputPath, "r");
  const helpers: Helper[] = [];
  let sink: Sink | undefined;
  try {
    const stat = fstatSync(fd);
    const total = stat.size;
    const reader = new BlockReader(fd, options.blockBytes, stat.isFile());
    const buffers = new Buffers();
    const summary: BatchSummary = { rows: 0, errors: 0, incomplete: 0, workerRows: 0 };

    // Finished blocks not yet written, with the worker that computed them (null: this thread).
    const done = new Map<number, { r: BlockResult; from: Helper | null }>();
    // Blocks a failed worker held: read again from the file and computed here.
    const local: Block[] = [];
    let wakeUp: (() => void) | null = null;
    const wake = () => {
      const w = wakeUp;
      wakeUp = null;
      w?.();
    };
    const sleep = () => new Promise<void>((resolve) => (wakeUp = resolve));

    // Workers start first: they load the data while this thread loads its own (if it has not yet),
    // reads the header and computes its first block.
    const workers =
      options.workers ?? (stat.isFile() && total >= PARALLEL_MIN_BYTES && availableParallelism() > 1 ? 1 : 0);
    if (workers > 0 && stat.isFile()) {
      const init = { kind: "truce-batch" as const, dataDir: options.dataDir ?? defaultDataDir(), inputPath };
      for (let k = 0; k < workers; k++) {
        const helper: Helper = new Helper(
          init,
          (id, r) => done.set(id, { r, from: helper }),
          (lost) => local.unshift(...lost.sort((a, b) => a.id - b.id)),
          wake,
        );
        helpers.push(helper);
      }
    }
    const t = typeof source === "function" ? source() : source;
    const rows = new Rows(t, inputPath);
    if (helpers.length > 0) {
      const expected = fingerprint(t);
      for (const h of helpers) h.expect(expected);
    }

    // The header comes first, on this thread: a bad header fails before anything is written.
    // While a worker loads, this thread computes small blocks, so as to see its message soon.
    const warming = () => helpers.some((h) => !h.ready && !h.dead);
    while (rows.header === null) {
      const b = reader.next(warming() ? WARM_UP_BLOCK_BYTES : undefined);
      if (b === null) break;
      done.set(b.id, { r: rows.block(reader.bytes, b.linesBefore, buffers), from: null });
    }
    const header = rows.header;
    if (header === null) throw new InputError("code", `${inputPath} is empty (expected a header row)`);
    for (const h of helpers) h.start(header);
    await messages();

    const out = outputPath ? fileSink(outputPath) : stdoutSink;
    sink = out;
    const bar =
      process.stderr.isTTY && outputPath
        ? new SingleBar({
            format: "duty {bar} {percentage}% | {rows} rows | {errors} errors",
            hideCursor: true,
          })
        : undefined;
    bar?.start(total, 0, { rows: 0, errors: 0 });

    let nextToWrite = 0;
    const flush = async () => {
      for (let d = done.get(nextToWrite); d !== undefined; d = done.get(nextToWrite)) {
        done.delete(nextToWrite);
        nextToWrite++;
        const { r, from } = d;
        summary.rows += r.rows;
        summary.errors += r.errors;
        summary.incomplete += r.incomplete;
        if (from !== null) summary.workerRows += r.rows;
        const release = () => (from === null ? buffers.put(r.out) : from.recycle(r.out));
        await out.write(r.out.subarray(0, r.length), release);
      }
      bar?.update(reader.position, { rows: summary.rows, errors: summary.errors });
    };

    let exhausted = false;
    const again = { buf: Buffer.alloc(0) };
    /** The next block to compute, with its bytes when this thread is to compute it. */
    const take = (here: boolean): { b: Block; bytes: () => Uint8Array } | null => {
      const lost = local.shift();
      if (lost !== undefined) return { b: lost, bytes: () => reread(fd, lost, again) };
      if (exhausted) return null;
      const b = reader.next(here && warming() ? WARM_UP_BLOCK_BYTES : undefined);
      if (b === null) {
        exhausted = true;
        return null;
      }
      const bytes = here ? reader.bytes : undefined;
      return { b, bytes: () => bytes ?? reread(fd, b, again) };
    };
    for (;;) {
      await flush();
      for (const h of helpers) {
        while (h.ready && !h.dead && h.inFlight.size < 2) {
          const next = take(false);
          if (next === null) break;
          h.send(next.b);
        }
      }
      // Compute a block here unless too many finished blocks wait for one a worker holds (a block a
      // failed worker gave back is always taken).
      const here = options.mainThread !== false || helpers.every((h) => h.dead);
      const next = here && (done.size < 8 || local.length > 0) ? take(true) : null;
      if (next !== null) {
        done.set(next.b.id, { r: rows.block(next.bytes(), next.b.linesBefore, buffers), from: null });
        await messages();
        continue;
      }
      const alive = helpers.filter((h) => !h.dead);
      if (alive.some((h) => h.inFlight.size > 0)) await sleep();
      else if (exhausted && local.length === 0) break;
      else if (!here && alive.some((h) => !h.ready)) await sleep();
      else throw new Error("batch: no block in progress and none to start (scheduling error)");
    }
    await flush();
    for (const h of helpers) await h.stop();
    helpers.length = 0;
    bar?.stop();
    process.stderr.write(
      `truce: ${summary.rows} rows, ${summary.rows - summary.errors} computed, ${summary.errors} errors, ${summary.incomplete} incomplete${outputPath ? `, written to ${outputPath}` : ""}\n`,
    );
    return summary;
  } finally {
    for (const h of helpers) await h.stop();
    sink?.close();
    closeSync(fd);
  }
}
