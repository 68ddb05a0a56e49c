/** Paths and small helpers shared by the benchmark scripts (compiled to dist/bench by `npm run build`). */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: dist/bench/ → two levels up. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const OUT = join(ROOT, "bench", "out");
export const BIG = join(OUT, "big.csv");
export const CLI = join(ROOT, "dist", "src", "cli", "main.js");
/** Rows of the benchmark input and the seed of its generator. */
export const ROWS = 1_000_000;
export const SEED = 20251101;

/** mulberry32: a small deterministic PRNG, values in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
