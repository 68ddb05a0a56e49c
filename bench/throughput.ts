/**
 * In-process `engine.duty()` calls per second, in a fresh process; prints JSON.
 * `node dist/bench/throughput.js <input.csv> [rows]`.
 *
 * Entries and instants are prepared first (parseEntry), from the first `rows` rows of the benchmark
 * input: the same mix as the batch (every code equally likely, ~70% CN, dates 2018-2026). A second
 * mix draws the codes from a Zipf(1) distribution over the same codes, closer to real trade where a
 * few thousand lines carry most entries. Each mix is warmed up, then timed over several passes.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Entry } from "../src/engine/contract.js";
import { parseEntry } from "../src/entry/parse.js";
import { loadTruce } from "../src/truce.js";
import { prng } from "./common.js";

const [input, rowsArg] = process.argv.slice(2);
if (!input) throw new Error("usage: throughput.js <input.csv> [rows]");
const wanted = Number(rowsArg ?? 200_000);

const t = loadTruce();
const rows: string[][] = [];
const lines = createInterface({ input: createReadStream(input), crlfDelay: Number.POSITIVE_INFINITY });
for await (const line of lines) {
  if (rows.length > wanted) break;
  rows.push(line.split(","));
}
lines.close();
rows.shift(); // header

function prepare(pick: (row: string[], i: number) => string): { entries: Entry[]; instants: number[] } {
  const entries: Entry[] = [];
  const instants: number[] = [];
  rows.forEach((r, i) => {
    try {
      const p = parseEntry({ code: pick(r, i), origin: r[1], date: r[2], value: r[3] }, t);
      entries.push(p.entry);
      instants.push(p.instant);
    } catch {
      // a code not in force on the row's date (Zipf mix): left out
    }
  });
  return { entries, instants };
}

function measure(entries: Entry[], instants: number[]) {
  let sink = 0;
  const pass = (): number => {
    const t0 = performance.now();
    for (let i = 0; i < entries.length; i++) {
      sink += t.engine.duty(entries[i] as Entry, instants[i] as number).totalCents;
    }
    return performance.now() - t0;
  };
  for (let k = 0; k < 2; k++) pass(); // warm-up: caches filled, code optimised
  const rates: number[] = [];
  let spent = 0;
  while (rates.length < 3 || (spent < 2000 && rates.length < 10)) {
    const ms = pass();
    spent += ms;
    rates.push((entries.length / ms) * 1000);
  }
  if (sink === -1) process.stdout.write(" ");
  const mean = (entries.length * rates.length * 1000) / spent;
  return { calls: entries.length, passes: rates.length, best: Math.max(...rates), mean };
}

const uniform = prepare((r) => r[0] as string);
const codes = [...new Set(rows.map((r) => r[0] as string))];
const rand = prng(7);
// Zipf(1): P(rank k) ∝ 1/k, sampled by inverting the cumulative weights.
const cumulative: number[] = [];
let sum = 0;
for (let k = 1; k <= codes.length; k++) {
  sum += 1 / k;
  cumulative.push(sum);
}
const zipfCode = (): string => {
  const x = rand() * sum;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return codes[lo] as string;
};
const zipf = prepare(() => zipfCode());

process.stdout.write(
  `${JSON.stringify({
    uniform: { ...measure(uniform.entries, uniform.instants), distinctCodes: codes.length },
    zipf: measure(zipf.entries, zipf.instants),
  })}\n`,
);
