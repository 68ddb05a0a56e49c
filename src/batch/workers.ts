/**
 * Worker threads of a batch: each loads its own copy of the law and the nomenclature (checked to be
 * the same as the calling thread's) and computes the rows of its part of the codes (see `Part`) in
 * every block, whose bytes it reads from the file itself.
 */
import { openSync } from "node:fs";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { CodeSet } from "../law/model.js";
import { loadTruce, type Truce } from "../truce.js";
import { BLOCK_BYTES, type Block, Buffers, reread } from "./blocks.js";
import type { BatchFormat, BatchJob } from "./jobs.js";
import { type BlockResult, type Part, Rows } from "./rows.js";

export interface WorkerInit {
  kind: "truce-batch";
  dataDir: string;
  inputPath: string;
  job: BatchJob;
  input: BatchFormat;
  output: BatchFormat;
  /** The rows the worker computes. */
  part: Part;
}

/** A block to compute (the worker reads its bytes from the file), or an output buffer given back. */
type ToWorker = Block | { recycle: Uint8Array };
type FromWorker =
  | { ready: true; fingerprint: string }
  | ({ id: number } & BlockResult)
  | { id: number; error: string };

/**
 * What must match between this thread's law and a worker's (loaded from the data directory) for the
 * worker's rows to be used: a hash of everything the engine reads from the measures and gaps, so a
 * law changed in memory (e.g. a scenario) keeps its rows on this thread.
 */
export function fingerprint(t: Truce): string {
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
  const rows = new Rows(t, init.job, init.input, init.output, init.inputPath, init.part);
  const fd = openSync(init.inputPath, "r");
  const input = { buf: Buffer.allocUnsafeSlow(2 * BLOCK_BYTES) };
  const buffers = new Buffers();
  port.on("message", (m: ToWorker) => {
    if ("recycle" in m) {
      buffers.put(m.recycle);
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
export class Helper {
  /** Whether its law has been checked to be the calling thread's (its results are used from then on). */
  private ready = false;
  dead = false;
  readonly inFlight = new Map<number, Block>();
  private readonly worker: Worker;

  /** The fingerprint of the worker's law, once it has loaded, and the one it must match. */
  private fingerprint: string | undefined;
  private expected: string | undefined;

  /**
   * Starts the worker (it loads the law and the nomenclature meanwhile); `expect` gives it the
   * fingerprint its law must have. Blocks may be sent at once: their results come after its law is
   * checked.
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
      } else if (this.ready && this.inFlight.delete(m.id)) {
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
