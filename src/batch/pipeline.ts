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
 * a row allocates little: most of a row's time is memory latency and the one-time work per code
 * (its measures, its rates in each revision). So a large CSV file is split by heading, not by block:
 * each worker thread, with its own copy of the law and the nomenclature (checked to be the same as
 * this thread's), computes in every block the rows of its part of the headings (by a hash of their
 * digits), this thread the rest, and each block's rows are put back in input order. Each thread thus
 * reads the headings and builds the tables of its own codes only. Buffers are reused rather than allocated per block.
 */
import { closeSync, fstatSync, openSync, writeSync } from "node:fs";
import { availableParallelism } from "node:os";
import { InputError } from "../entry/errors.js";
import { defaultDataDir } from "../law/load.js";
import type { Truce } from "../truce.js";
import { type Block, BlockReader, Buffers, reread } from "./blocks.js";
import { addTotals, type BatchFormat, type BatchJob, noTotals, type RowTotals } from "./jobs.js";
import { Output } from "./output.js";
import { type BlockResult, mergeParts, type Part, Rows } from "./rows.js";
import { fingerprint, Helper, type WorkerInit } from "./workers.js";

/** Blocks a worker may hold before this thread waits for it. */
const MAX_IN_FLIGHT = 4;

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
   * Worker threads besides this thread for a CSV file, each computing the rows of its part of the
   * codes (see `Part`); JSON lines are computed on this thread. Default (`defaultWorkers`): one for a
   * file of at least `WORKER_FILE_BYTES` where two or more CPUs are available, else none.
   */
  workers?: number;
  /** Data directory the workers load (default: the default data directory, as `loadTruce()`). */
  dataDir?: string;
  /** Bytes read per block (default 1 MB; small values are for tests of block boundaries). */
  blockBytes?: number;
}

/**
 * The size of file from which a batch computes on two threads by default. On the 2-CPU benchmark
 * machine, with rows split by heading, the 1M-row file (36 MB) took 7.7-7.9 s of wall time on two
 * threads against 10.5-12 s on one (415 MB against 290-335 MB of memory), a 500,000-row file 7.2
 * against 7.6 s, and a 100,000-row file 4.6 against 3.8 s: the worker's loading of the law and the
 * tables both threads build are paid back only on a large file.
 */
export const WORKER_FILE_BYTES = 16 * 1024 * 1024;

/** The worker threads a batch of `bytes` uses unless told (see `BatchOptions.workers`). */
export function defaultWorkers(bytes: number): number {
  return bytes >= WORKER_FILE_BYTES && availableParallelism() >= 2 ? 1 : 0;
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

    // A CSV file is split by heading between this thread (part 0) and the workers (parts 1 ...), which
    // start first: they load the data while this thread loads its own and computes its first blocks.
    const workers = input === "csv" && stat.isFile() ? (options.workers ?? defaultWorkers(total)) : 0;
    const parts = 1 + workers;
    const partOfThread = (index: number): Part | undefined =>
      parts === 1 ? undefined : { index, of: parts };
    for (let k = 1; k < parts; k++) {
      const init: WorkerInit = {
        kind: "truce-batch",
        dataDir: options.dataDir ?? defaultDataDir(),
        inputPath,
        job,
        input,
        output,
        part: { index: k, of: parts },
      };
      const helper: Helper = new Helper(
        init,
        (id, r) => put(id, k, r, helper),
        (lost) => local.push(...lost.map((b) => ({ b, part: k }))),
        wake,
      );
      helpers.push(helper);
    }
    const t = typeof source === "function" ? source() : source;
    if (helpers.length > 0) {
      const expected = fingerprint(t);
      for (const h of helpers) h.expect(expected);
    }
    /** This thread's rows per part: its own (0), and those of a failed worker's part. */
    const rowsOf: Rows[] = [];
    const rowsFor = (part: number): Rows => {
      let r = rowsOf[part];
      if (r === undefined) {
        r = new Rows(t, job, input, output, inputPath, partOfThread(part));
        // A failed worker's part, computed here from the block it failed on: the header is known.
        const header = rowsOf[0]?.header;
        if (part > 0 && header) r.setHeader(header);
        rowsOf[part] = r;
      }
      return r;
    };

    /** Blocks computed in some of their parts, not yet written. */
    const done = new Map<
      number,
      { results: (BlockResult | undefined)[]; from: (Helper | null)[]; missing: number }
    >();
    /** Parts of blocks a failed worker held: read again from the file and computed here. */
    const local: { b: Block; part: number }[] = [];
    let wakeUp: (() => void) | null = null;
    function wake(): void {
      const w = wakeUp;
      wakeUp = null;
      w?.();
    }
    const sleep = () => new Promise<void>((resolve) => (wakeUp = resolve));
    function put(id: number, part: number, r: BlockResult, from: Helper | null): void {
      let d = done.get(id);
      if (d === undefined) {
        d = { results: new Array(parts).fill(undefined), from: new Array(parts).fill(null), missing: parts };
        done.set(id, d);
      }
      if (d.results[part] === undefined) d.missing--;
      d.results[part] = r;
      d.from[part] = from;
    }

    /** Gives a block to every part: the workers' to them (or here, for a failed worker), part 0 here. */
    const start = (b: Block): void => {
      for (let k = 1; k < parts; k++) {
        const h = helpers[k - 1] as Helper;
        if (h.dead) local.push({ b, part: k });
        else h.send(b);
      }
      put(b.id, 0, rowsFor(0).block(reader.bytes, b.linesBefore, buffers), null);
    };
    // The header comes first, on this thread: a bad header fails before anything is written.
    let exhausted = false;
    while (rowsFor(0).header === null) {
      const b = reader.next();
      if (b === null) break;
      start(b);
    }
    if (rowsFor(0).header === null)
      throw new InputError("code", `${inputPath} is empty (expected a header row)`);

    const out = outputPath ? fileSink(outputPath) : stdoutSink;
    sink = out;
    let nextToWrite = 0;
    const flush = async () => {
      for (let d = done.get(nextToWrite); d?.missing === 0; d = done.get(nextToWrite)) {
        done.delete(nextToWrite);
        nextToWrite++;
        const results = d.results as BlockResult[];
        for (const [k, from] of d.from.entries())
          if (from !== null) summary.workerRows += (results[k] as BlockResult).rows;
        let r = results[0] as BlockResult;
        if (parts > 1) {
          r = mergeParts(results, new Output(buffers.get()));
          for (const [k, part] of results.entries()) {
            const from = d.from[k];
            if (from === null || from === undefined) buffers.put(part.out);
            else from.recycle(part.out);
          }
        }
        addTotals(summary, r);
        const written = r.out;
        await out.write(written.subarray(0, r.length), () => buffers.put(written));
      }
      options.onProgress?.(reader.position, total, summary);
    };

    const again = { buf: Buffer.alloc(0) };
    for (;;) {
      await flush();
      const lost = local.shift();
      if (lost !== undefined) {
        const { b, part } = lost;
        put(b.id, part, rowsFor(part).block(reread(fd, b, again), b.linesBefore, buffers), null);
        continue;
      }
      const alive = helpers.filter((h) => !h.dead);
      if (alive.some((h) => h.inFlight.size >= MAX_IN_FLIGHT)) {
        await sleep();
        continue;
      }
      const b = exhausted ? null : reader.next();
      if (b === null) {
        exhausted = true;
        if (alive.some((h) => h.inFlight.size > 0)) await sleep();
        else if (local.length === 0) break;
        continue;
      }
      start(b);
      await messages();
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
