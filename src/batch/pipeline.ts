/**
 * The batch pipeline: entries in (CSV or JSON lines), every row checked by the entry contract,
 * priced by the job (the duty, or a comparison of two scenarios) and written out (CSV or JSON
 * lines), one output row per input row, in input order; a bad row yields an error naming its line
 * and field. `truce duty --input` and `truce scenario compare --input` run it on a file
 * (`runBatch`); the API's batch upload on the request's bytes as they arrive (`batchStream`, the
 * same blocks and rows, its output given back block by block as it is computed).
 *
 * Speed: the file is read in blocks of about 1 MB that end on a record boundary (a newline outside
 * quotes). Within a block, unquoted lines (the common case) are split directly; a line with a quote
 * is handed, with the lines it spans, to csv-parse. CSV output rows repeat the input line's own text,
 * so what comes in goes out unchanged. A simple entry is priced without building the full result
 * (`Engine.price`), and rows are written straight into the block's output buffer (`Output`), so that
 * a row allocates little: most of a row's time is memory latency. On a large file a worker thread,
 * with its own copy of the law and the nomenclature (checked to be the same as this thread's), takes
 * blocks whenever it is free while this thread computes the others; the blocks are written back in
 * order. Buffers are reused rather than allocated per block, which keeps the resident memory of both
 * threads down.
 */
import { closeSync, fstatSync, openSync, writeSync } from "node:fs";
import { InputError } from "../entry/errors.js";
import { defaultDataDir } from "../law/load.js";
import type { Truce } from "../truce.js";
import { type Block, BlockReader, Buffers, reread } from "./blocks.js";
import { addTotals, type BatchFormat, type BatchJob, noTotals, type RowTotals } from "./jobs.js";
import { type BlockResult, Rows } from "./rows.js";
import { fingerprint, Helper } from "./workers.js";

/** Bytes per block this thread computes while a worker is still loading. */
const WARM_UP_BLOCK_BYTES = 1 << 16;

export interface BatchSummary extends RowTotals {
  /** Rows computed by worker threads (the rest by the calling thread). */
  workerRows: number;
  input: BatchFormat;
  output: BatchFormat;
}

export interface BatchOptions {
  /** What to compute for each row (default: the duty). */
  job?: BatchJob;
  /** The input's format (default: JSON lines for a file named *.jsonl or *.ndjson, else CSV). */
  input?: BatchFormat;
  /** The output's format (default: the input's). JSON lines input gives JSON lines output. */
  output?: BatchFormat;
  /** Called after each block written: bytes read so far, the file's size, the totals so far. */
  onProgress?: (bytesRead: number, totalBytes: number, totals: RowTotals) => void;
  /**
   * Worker threads computing blocks besides this thread (default 0). Measured on 1M distinct rows
   * (2 cores): one worker gave the same wall time as none (9.2–10.1 s against 9.7 s) for 1.6x the
   * CPU and 580 MB against 330 MB, since each thread builds the per-code tables again; so none by
   * default until the tables are shared.
   */
  workers?: number;
  /** Data directory the workers load (default: the default data directory, as `loadTruce()`). */
  dataDir?: string;
  /**
   * Whether rows in the common form are priced by the fast path (default true; see FastRows): false
   * for the tests that hold its output byte-identical to the general path's.
   */
  fastPath?: boolean;
  /** Bytes read per block (default 1 MB; small values are for tests of block boundaries). */
  blockBytes?: number;
  /**
   * Whether the calling thread computes blocks too (default true). With false, blocks wait for the
   * workers (for tests of the worker path); the calling thread still takes over if they fail.
   */
  mainThread?: boolean;
}

/** The format of a batch file named `path`: JSON lines for *.jsonl / *.ndjson, else CSV. */
export function formatOf(path: string): BatchFormat {
  return /\.(jsonl|ndjson)$/i.test(path) ? "jsonl" : "csv";
}

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

/**
 * Runs a batch file, writing to `outputPath` (default: standard output). Throws InputError for a
 * file that cannot be read as a batch at all (no header, a required column missing); a bad row is
 * an error row in the output, counted in the summary.
 */
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
    const job = options.job ?? { kind: "duty" };
    const input = options.input ?? formatOf(inputPath);
    const output = options.output ?? input;
    if (input === "jsonl" && output === "csv")
      throw new InputError(
        "output",
        "JSON lines input gives JSON lines output (name the output *.jsonl; CSV output needs CSV input)",
      );
    const reader = new BlockReader(fd, options.blockBytes, stat.isFile(), input === "csv");
    const buffers = new Buffers();
    const summary: BatchSummary = { ...noTotals(), workerRows: 0, input, output };

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
    const workers = options.workers ?? 0;
    if (workers > 0 && stat.isFile()) {
      const init = {
        kind: "truce-batch" as const,
        dataDir: options.dataDir ?? defaultDataDir(),
        inputPath,
        job,
        input,
        output,
      };
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
    const rows = new Rows(t, job, input, output, inputPath, options.fastPath ?? true);
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
    if (input === "csv") for (const h of helpers) h.start(header);
    await messages();

    const out = outputPath ? fileSink(outputPath) : stdoutSink;
    sink = out;

    let nextToWrite = 0;
    const flush = async () => {
      for (let d = done.get(nextToWrite); d !== undefined; d = done.get(nextToWrite)) {
        done.delete(nextToWrite);
        nextToWrite++;
        const { r, from } = d;
        addTotals(summary, r);
        if (from !== null) summary.workerRows += r.rows;
        const release = () => (from === null ? buffers.put(r.out) : from.recycle(r.out));
        await out.write(r.out.subarray(0, r.length), release);
      }
      options.onProgress?.(reader.position, total, summary);
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
    return summary;
  } finally {
    for (const h of helpers) await h.stop();
    sink?.close();
    closeSync(fd);
  }
}

/** Bytes received and not yet read by the BlockReader, in the order they came. */
class Arrivals {
  private readonly chunks: Uint8Array[] = [];
  /** Bytes of chunks[0] already read. */
  private offset = 0;
  ended = false;

  push(chunk: Uint8Array): void {
    if (chunk.length > 0) this.chunks.push(chunk);
  }

  /** The BlockReader's source: what has arrived (-1 if nothing yet, 0 once ended). */
  readonly read = (into: Buffer, at: number, length: number): number => {
    let n = 0;
    while (n < length) {
      const chunk = this.chunks[0];
      if (chunk === undefined) break;
      const take = Math.min(length - n, chunk.length - this.offset);
      into.set(chunk.subarray(this.offset, this.offset + take), at + n);
      n += take;
      this.offset += take;
      if (this.offset === chunk.length) {
        this.chunks.shift();
        this.offset = 0;
      }
    }
    return n > 0 || this.ended ? n : -1;
  };
}

export interface StreamOptions {
  job?: BatchJob;
  input: BatchFormat;
  /** Default: the input's. */
  output?: BatchFormat;
  /** How the input is named in an error about it as a whole (a missing column). */
  name: string;
  /** Most rows accepted (default: no limit); one more throws `TooManyRows` before its block is sent. */
  maxRows?: number;
}

/** A streamed batch with more rows than its limit. */
export class TooManyRows extends Error {
  constructor(readonly maxRows: number) {
    super(`a batch is at most ${maxRows} rows`);
  }
}

/**
 * A batch on a stream of bytes (an upload): yields the output block by block as each is computed
 * (the first once the header and the rows that have arrived with it are done), and returns the
 * totals. A block is the whole records that have arrived while the one before was computed, up to
 * 1 MB, so that rows go out soon after they come in. Throws InputError before yielding anything for
 * an input that cannot be read as a batch (no header, a required column missing); a bad row is an
 * error row, as in `runBatch`.
 */
export async function* batchStream(
  t: Truce,
  chunks: AsyncIterable<Uint8Array>,
  options: StreamOptions,
): AsyncGenerator<Uint8Array, RowTotals & { input: BatchFormat; output: BatchFormat }> {
  const { input, name } = options;
  const output = options.output ?? input;
  if (input === "jsonl" && output === "csv")
    throw new InputError("output", "JSON lines input gives JSON lines output (CSV output needs CSV input)");
  const rows = new Rows(t, options.job ?? { kind: "duty" }, input, output, name);
  const arrivals = new Arrivals();
  const reader = new BlockReader(arrivals.read, undefined, false, input === "csv");
  const buffers = new Buffers();
  const totals = noTotals();
  const incoming = chunks[Symbol.asyncIterator]();
  for (;;) {
    const b = reader.nextArrived();
    if (b === null) break;
    if (b === undefined) {
      const next = await incoming.next();
      if (next.done) arrivals.ended = true;
      else arrivals.push(next.value);
      continue;
    }
    const r = rows.block(reader.bytes, b.linesBefore, buffers);
    addTotals(totals, r);
    if (options.maxRows !== undefined && totals.rows > options.maxRows)
      throw new TooManyRows(options.maxRows);
    const out = Buffer.from(r.out.subarray(0, r.length));
    buffers.put(r.out);
    if (out.length > 0) yield out;
  }
  if (rows.header === null) throw new InputError("code", `${name} is empty (expected a header row)`);
  return { ...totals, input, output };
}
