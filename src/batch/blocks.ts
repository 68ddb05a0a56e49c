/**
 * The input file as blocks of whole records (about 1 MB each), read through one reused buffer, and
 * the reused output buffers.
 */
import { readSync } from "node:fs";

/** Bytes read per block. */
export const BLOCK_BYTES = 1 << 20;

export interface Block {
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
function lastBoundary(buf: Uint8Array, quoted: boolean): number {
  let q = quoted ? buf.indexOf(0x22) : -1;
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
 * Where a BlockReader reads from: puts up to `length` bytes into `into` at `offset` (read at
 * `position` when not null) and says how many: 0 at the end of the input, -1 when none have arrived
 * yet (a stream: see `nextArrived`).
 */
export type ByteSource = (into: Buffer, offset: number, length: number, position: number | null) => number;

/**
 * Reads a file (or a stream) as blocks of whole records through one reused buffer (a UTF-8 byte
 * order mark at the start is skipped). `bytes` is valid until the next call of `next`.
 */
export class BlockReader {
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

  private readonly read: ByteSource;

  constructor(
    /** A file descriptor, or a source of bytes. */
    source: number | ByteSource,
    private readonly blockBytes = BLOCK_BYTES,
    /** False for a pipe: read in sequence. */
    private readonly seekable = true,
    /** Whether a quoted field may hold a newline (CSV); false for JSON lines. */
    private readonly quoted = true,
  ) {
    this.window = Buffer.allocUnsafeSlow(Math.max(2 * blockBytes, 1 << 13));
    this.read =
      typeof source === "number"
        ? (into, offset, length, position) => readSync(source, into, offset, length, position)
        : source;
  }

  /** Bytes read so far. */
  get position(): number {
    return this.windowStart + this.filled;
  }

  /** The next block: at most `limit` bytes (default and maximum: the reader's block size). */
  next(limit = this.blockBytes): Block | null {
    const b = this.nextArrived(limit);
    if (b === undefined) throw new Error("batch: a file source said its bytes had not arrived");
    return b;
  }

  /**
   * `next` for a source that may have nothing yet: when it has none, the whole records read so far
   * are a block (shorter than the limit), or undefined if there are none (call again once more bytes
   * have arrived).
   */
  nextArrived(limit = this.blockBytes): Block | null | undefined {
    const most = Math.min(limit, this.blockBytes);
    for (;;) {
      const available = this.filled - this.begin;
      if (this.started && (available >= most || this.eof)) {
        const view = this.window.subarray(this.begin, this.filled);
        // At most `most` bytes up to a record boundary (more only for a record longer than that).
        const capped = Math.min(available, most);
        let end =
          this.eof && available === capped ? available : lastBoundary(view.subarray(0, capped), this.quoted);
        if (end === 0) end = this.eof ? available : lastBoundary(view, this.quoted);
        if (end > 0) return this.cut(end);
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
      const n = this.read(
        this.window,
        this.filled,
        this.window.length - this.filled,
        this.seekable ? this.position : null,
      );
      if (n < 0) {
        const end = this.started
          ? lastBoundary(this.window.subarray(this.begin, this.filled), this.quoted)
          : 0;
        return end > 0 ? this.cut(end) : undefined;
      }
      if (n === 0) this.eof = true;
      this.filled += n;
      if (!this.started && (this.filled >= 3 || this.eof)) {
        this.started = true;
        const w = this.window;
        if (this.filled >= 3 && w[0] === 0xef && w[1] === 0xbb && w[2] === 0xbf) this.begin = 3;
      }
    }
  }

  /** The next `end` bytes of the window (whole records) as a block. */
  private cut(end: number): Block {
    this.bytes = this.window.subarray(this.begin, this.begin + end);
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
}

/** Reads a block's bytes again (a block a failed worker held) into `into`, grown if need be. */
export function reread(fd: number, b: Block, into: { buf: Buffer }): Buffer {
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

/** Reused output buffers (a block's output is encoded into one; it comes back once written). */
/** Output buffers kept for reuse per thread: enough for the blocks in flight (see MAX_IN_FLIGHT). */
const KEPT_BUFFERS = 6;

export class Buffers {
  private readonly free: Uint8Array[] = [];

  get(): Uint8Array {
    return this.free.pop() ?? new Uint8Array(4 << 20);
  }

  put(buf: Uint8Array): void {
    if (this.free.length < KEPT_BUFFERS) this.free.push(buf);
  }
}
