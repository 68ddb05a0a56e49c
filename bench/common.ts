/** Paths and small helpers shared by the benchmark scripts (compiled to dist/bench by `npm run build`). */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: dist/bench/ → two levels up. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const OUT = join(ROOT, "bench", "out");
/** The realistic input (dotted and undotted codes, 1–2% unknown or out-of-date codes, a few malformed rows). */
export const BIG = join(OUT, "big.csv");
/** The realistic rows in order of heading (see `writeInHeadingOrder`), for the batch's locality floor. */
export const BY_HEADING = join(OUT, "big-by-heading.csv");
/** The same rows with every bad one replaced by a valid one. */
export const VALID = join(OUT, "valid.csv");
/** The rate the limit script looks up for each code as written in the inputs (prepared by the generator). */
export const RATES = join(OUT, "rates.csv");
export const CLI = join(ROOT, "dist", "src", "cli", "main.js");
/** Rows of the benchmark input and the seed of its generator. */
export const ROWS = 1_000_000;
export const SEED = 20251101;

const TWO_32 = 4294967296;

/**
 * xoshiro128** (Blackman and Vigna): 32-bit integer arithmetic only (Math.imul, shifts), a period of
 * 2^128 − 1, so a million rows never repeat the generator's sequence. Seeded by splitmix32.
 */
export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    let x = seed >>> 0;
    const split = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = split();
    this.s1 = split();
    this.s2 = split();
    this.s3 = split();
  }

  /** The next value, an integer in [0, 2^32). */
  next(): number {
    const r = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r;
  }

  /** An integer in [0, n), every value equally likely (rejection of the uneven top of the range); n ≤ 2^32. */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_32) throw new RangeError(`below(${n}): n must be 1..2^32`);
    const limit = TWO_32 - (TWO_32 % n);
    for (;;) {
      const x = this.next();
      if (x < limit) return x % n;
    }
  }

  /** A value in [0, 1) with 32 random bits (exact: a 32-bit integer over 2^32). */
  fraction(): number {
    return this.next() / TWO_32;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A deterministic source of values in [0, 1) (see `Random`). */
export function prng(seed: number): () => number {
  const r = new Random(seed);
  return () => r.fraction();
}

/** Starts `truce serve` on a free port; resolves with its URL, its process id and a way to stop it. */
export function startServer(): Promise<{ url: string; pid: number; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "serve"], {
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error("truce serve did not print its address within 60 s"));
    }, 60_000);
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /serving on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1] as string, pid: child.pid as number, stop: () => child.kill() });
      }
    });
    child.on("error", reject);
  });
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (null where there is none). */
export function processCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
/** The kernel's clock ticks per second for /proc times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;
