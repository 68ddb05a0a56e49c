/**
 * Batch mode: a CSV of entries in, the same rows out with total_rate, total_amount, layers and error.
 * Every input row yields one output row, in input order; a bad row yields an error naming its line
 * and field.
 *
 * Speed: the file is read in blocks of about 1 MB that end on a record boundary (a newline outside
 * quotes). Within a block, unquoted lines (the common case) are split directly; a line with a quote
 * is handed, with the lines it spans, to csv-parse. Output rows repeat the input line's own text,
 * so what comes in goes out unchanged. On a large file a worker thread, with its own copy of the
 * law and the nomenclature, computes every other block while this thread computes the rest; the
 * blocks are written back in order.
 */
import { closeSync, createWriteStream, fstatSync, openSync, readSync } from "node:fs";
import { availableParallelism } from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { SingleBar } from "cli-progress";
import { parse as parseCsv } from "csv-parse/sync";
import type { DutyResult } from "../engine/duty.js";
import { dutyOverLines } from "../engine/lines.js";
import { formatCents } from "../engine/money.js";
import { defaultDataDir } from "../law/load.js";
import { loadTruce, type Truce } from "../truce.js";
import { INPUT_COLUMNS, InputError, parseEntry } from "./entry-input.js";

export const OUTPUT_COLUMNS = ["total_rate", "total_amount", "layers", "error"] as const;
const REQUIRED = ["code", "origin", "date", "value"] as const;

/** Bytes read per block. */
const BLOCK_BYTES = 1 << 20;
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

/** `heading:rate=amount` for each layer, separated by semicolons. */
export function layersCell(r: DutyResult): string {
  let out = "";
  for (const l of r.layers) {
    if (out) out += ";";
    out += `${l.heading}:${l.rateText}=${l.amountCents === null ? "n/a" : formatCents(l.amountCents)}`;
  }
  return out;
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
      if (line.length > 0) emit(line, line.split(","), this.line);
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
  /** UTF-8 bytes of whole records (the last block: whatever is left). */
  bytes: Buffer;
  /** Number of lines before the block. */
  linesBefore: number;
}

/**
 * End (exclusive) of the last record boundary in `buf`: just after the last newline that is outside
 * quotes (quote parity even from the start of `buf`, which is itself a boundary); 0 if none.
 */
function lastBoundary(buf: Buffer): number {
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

function countNewlines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(0x0a); i >= 0; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** Reads a file as blocks of whole records (a UTF-8 byte order mark at the start is dropped). */
class BlockReader {
  private carry: Buffer = Buffer.alloc(0);
  private position = 0;
  private eof = false;
  private lines = 0;
  private ids = 0;
  bytesRead = 0;

  constructor(
    private readonly fd: number,
    private readonly blockBytes = BLOCK_BYTES,
  ) {}

  next(): Block | null {
    for (;;) {
      if (this.carry.length >= this.blockBytes || this.eof) {
        const end = this.eof ? this.carry.length : lastBoundary(this.carry);
        if (end > 0) {
          const bytes = this.carry.subarray(0, end);
          this.carry = this.carry.subarray(end);
          const block = { id: this.ids++, bytes, linesBefore: this.lines };
          this.lines += countNewlines(bytes);
          return block;
        }
        if (this.eof) return null;
      }
      // At least 4 KB per read: the first read sees the whole byte order mark, if any.
      const size = Math.max(this.blockBytes, 4096);
      const chunk = Buffer.allocUnsafe(size);
      const n = readSync(this.fd, chunk, 0, size, this.position);
      this.position += n;
      this.bytesRead += n;
      if (n === 0) {
        this.eof = true;
        continue;
      }
      let data = chunk.subarray(0, n);
      if (this.position === n && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf)
        data = data.subarray(3);
      this.carry = this.carry.length === 0 ? data : Buffer.concat([this.carry, data]);
    }
  }
}

// ------------------------------------------------------------------------------------------------
// Rows

const EMPTY_BYTES = new Uint8Array(0);

/** The bytes of `chunks` in a new ArrayBuffer of their own (never Buffer's shared pool). */
function concat(chunks: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const c of chunks) n += c.byteLength;
  const all = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return all;
}

interface BlockResult {
  /** UTF-8 output of the block's rows (and of the header, in the first block), in its own ArrayBuffer. */
  out: Uint8Array;
  rows: number;
  errors: number;
  incomplete: number;
}

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
  };
}

/** Computes the rows of blocks; holds the header once the first record has been seen. */
class Rows {
  header: string[] | null = null;
  private columns = {} as Columns;

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

  block(b: Block): BlockResult {
    const result: BlockResult = { out: EMPTY_BYTES, rows: 0, errors: 0, incomplete: 0 };
    const { engine } = this.t;
    // Output text is encoded every 64 KB: long strings built row by row would outlive several
    // young-generation collections and be copied by each.
    const chunks: Buffer[] = [];
    let out = "";
    const onRecord = (raw: string, fields: string[], line: number): void => {
      const header = this.header;
      if (header === null) {
        this.setHeader(fields);
        out += `${raw},${OUTPUT_COLUMNS.join(",")}\n`;
        return;
      }
      result.rows++;
      let cells: string;
      if (line < 0) {
        // The rest of the file after an opening quote: written as one quoted cell (the raw text could
        // not be read back), padded to the header's width.
        result.errors++;
        out += `${csvCell(raw)}${",".repeat(header.length - 1)},,,,${csvCell(`line ${-line}: unterminated quoted field`)}\n`;
        return;
      } else if (fields.length !== header.length) {
        result.errors++;
        cells = `,,,${csvCell(`line ${line}: expected ${header.length} columns, found ${fields.length}`)}`;
      } else {
        try {
          const parsed = parseEntry(input(fields, this.columns), this.t);
          const r = dutyOverLines(engine, parsed.entry, parsed.instant, parsed.lines);
          let special = false;
          let layers = "";
          for (const l of r.layers) {
            if (layers) layers += ";";
            if (SPECIAL.test(l.heading) || SPECIAL.test(l.rateText)) special = true;
            layers += `${l.heading}:${l.rateText}=${l.amountCents === null ? "n/a" : formatCents(l.amountCents)}`;
          }
          if (special) layers = csvCell(layers);
          if (r.complete) cells = `${r.totalRate},${formatCents(r.totalCents)},${layers},`;
          else {
            result.incomplete++;
            cells = `${r.totalRate},${formatCents(r.totalCents)},${layers},${csvCell(
              `line ${line}: incomplete: ${r.warnings.join("; ")}`,
            )}`;
          }
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          result.errors++;
          cells = `,,,${csvCell(`line ${line}: ${e.message}`)}`;
        }
      }
      out += `${raw},${cells}\n`;
      if (out.length >= 1 << 16) {
        chunks.push(Buffer.from(out, "utf8"));
        out = "";
      }
    };
    new CsvRecords(b.linesBefore).push(b.bytes.toString("utf8"), onRecord, true);
    chunks.push(Buffer.from(out, "utf8"));
    result.out = concat(chunks);
    return result;
  }
}

// ------------------------------------------------------------------------------------------------
// Worker threads

interface WorkerInit {
  kind: "truce-batch";
  dataDir: string;
  inputPath: string;
  header: string[];
}

type ToWorker = { id: number; bytes: Uint8Array; linesBefore: number };
type FromWorker =
  | { ready: true; fingerprint: string }
  | { id: number; out: Uint8Array; rows: number; errors: number; incomplete: number }
  | { id: number; error: string };

/** What must match between this thread's data and a worker's for the worker's rows to be used. */
function fingerprint(t: Truce): string {
  let products = 0;
  let values = 0;
  for (const m of t.law.measures) {
    products += m.products.size();
    values += m.values.length;
  }
  const revisions = t.hts.revisions.map((r) => r.id).join(",");
  return `${revisions}|${t.law.measures.map((m) => m.id).join(",")}|${t.law.gaps.length}|${products}|${values}`;
}

function workerMain(init: WorkerInit): void {
  const port = parentPort;
  if (port === null) return;
  const t = loadTruce(init.dataDir);
  const rows = new Rows(t, init.inputPath);
  rows.setHeader(init.header);
  port.on("message", (m: ToWorker) => {
    try {
      const bytes = Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength);
      const r = rows.block({ id: m.id, bytes, linesBefore: m.linesBefore });
      const reply: FromWorker = {
        id: m.id,
        out: r.out,
        rows: r.rows,
        errors: r.errors,
        incomplete: r.incomplete,
      };
      port.postMessage(reply, [r.out.buffer as ArrayBuffer]);
    } catch (e) {
      port.postMessage({ id: m.id, error: (e as Error).stack ?? String(e) } satisfies FromWorker);
    }
  });
  port.postMessage({ ready: true, fingerprint: fingerprint(t) } satisfies FromWorker);
}

if (!isMainThread && (workerData as WorkerInit | undefined)?.kind === "truce-batch") {
  workerMain(workerData as WorkerInit);
}

/** A worker computing blocks; blocks it was given come back through `take` if it fails. */
class Helper {
  ready = false;
  dead = false;
  readonly inFlight = new Map<number, Block>();
  private readonly worker: Worker;

  constructor(
    init: Omit<WorkerInit, "header">,
    header: string[],
    expected: string,
    private readonly onResult: (id: number, out: Uint8Array, counts: Omit<BlockResult, "out">) => void,
    private readonly onLost: (blocks: Block[]) => void,
    private readonly wake: () => void,
  ) {
    const data = { ...init, header } satisfies WorkerInit;
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
        if (m.fingerprint === expected) this.ready = true;
        else this.fail();
      } else if ("error" in m) {
        this.fail();
      } else {
        this.inFlight.delete(m.id);
        this.onResult(m.id, m.out, { rows: m.rows, errors: m.errors, incomplete: m.incomplete });
      }
      this.wake();
    });
    this.worker.on("error", () => this.fail());
    this.worker.on("exit", () => this.fail());
  }

  send(b: Block): void {
    this.inFlight.set(b.id, b);
    const msg: ToWorker = { id: b.id, bytes: b.bytes, linesBefore: b.linesBefore };
    this.worker.postMessage(msg);
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

/** Runs a batch file. Progress goes to stderr on a TTY; the summary always goes to stderr. */
export async function runBatch(
  t: Truce,
  inputPath: string,
  outputPath?: string,
  options: BatchOptions = {},
): Promise<BatchSummary> {
  const fd = openSync(inputPath, "r");
  const helpers: Helper[] = [];
  try {
    const total = fstatSync(fd).size;
    const reader = new BlockReader(fd, options.blockBytes);
    const rows = new Rows(t, inputPath);
    const summary: BatchSummary = { rows: 0, errors: 0, incomplete: 0, workerRows: 0 };

    // The header comes first, on this thread: a bad header fails before anything is written.
    const local: Block[] = [];
    const done = new Map<number, { out: Uint8Array; counts: Omit<BlockResult, "out">; worker: boolean }>();
    while (rows.header === null) {
      const b = reader.next();
      if (b === null) break;
      const r = rows.block(b);
      done.set(b.id, { out: r.out, counts: r, worker: false });
    }
    if (rows.header === null) throw new InputError("code", `${inputPath} is empty (expected a header row)`);

    const out = outputPath ? createWriteStream(outputPath) : process.stdout;
    const bar =
      process.stderr.isTTY && outputPath
        ? new SingleBar({
            format: "duty {bar} {percentage}% | {rows} rows | {errors} errors",
            hideCursor: true,
          })
        : undefined;
    bar?.start(total, 0, { rows: 0, errors: 0 });

    let wakeUp: (() => void) | null = null;
    const wake = () => {
      const w = wakeUp;
      wakeUp = null;
      w?.();
    };
    const sleep = () => new Promise<void>((resolve) => (wakeUp = resolve));

    const workers = options.workers ?? (total >= PARALLEL_MIN_BYTES && availableParallelism() > 1 ? 1 : 0);
    if (workers > 0) {
      const expected = fingerprint(t);
      const init = { kind: "truce-batch" as const, dataDir: options.dataDir ?? defaultDataDir(), inputPath };
      for (let k = 0; k < workers; k++) {
        helpers.push(
          new Helper(
            init,
            rows.header,
            expected,
            (id, out, counts) => done.set(id, { out, counts, worker: true }),
            (lost) => local.unshift(...lost.sort((a, b) => a.id - b.id)),
            wake,
          ),
        );
      }
    }

    let nextToWrite = 0;
    const flush = async () => {
      for (let d = done.get(nextToWrite); d !== undefined; d = done.get(nextToWrite)) {
        done.delete(nextToWrite);
        nextToWrite++;
        summary.rows += d.counts.rows;
        summary.errors += d.counts.errors;
        summary.incomplete += d.counts.incomplete;
        if (d.worker) summary.workerRows += d.counts.rows;
        if (!out.write(d.out)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      }
      bar?.update(reader.bytesRead, { rows: summary.rows, errors: summary.errors });
    };

    let exhausted = false;
    const take = (): Block | null => {
      const b = local.shift();
      if (b !== undefined) return b;
      if (exhausted) return null;
      const n = reader.next();
      if (n === null) exhausted = true;
      return n;
    };
    for (;;) {
      await flush();
      for (const h of helpers) {
        while (h.ready && !h.dead && h.inFlight.size < 2) {
          const b = take();
          if (b === null) break;
          h.send(b);
        }
      }
      // Compute a block here unless too many finished blocks wait for one a worker holds (a block a
      // failed worker gave back is always taken).
      const here = options.mainThread !== false || helpers.every((h) => h.dead);
      const b = here && (done.size < 8 || local.length > 0) ? take() : null;
      if (b !== null) {
        const r = rows.block(b);
        done.set(b.id, { out: r.out, counts: r, worker: false });
        // Let the workers' messages in.
        await new Promise<void>((resolve) => setImmediate(resolve));
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
    if (out !== process.stdout) {
      await new Promise<void>((resolve) => (out as NodeJS.WritableStream).end(resolve));
    }
    bar?.stop();
    process.stderr.write(
      `truce: ${summary.rows} rows, ${summary.rows - summary.errors} computed, ${summary.errors} errors, ${summary.incomplete} incomplete${outputPath ? `, written to ${outputPath}` : ""}\n`,
    );
    return summary;
  } finally {
    for (const h of helpers) await h.stop();
    closeSync(fd);
  }
}
