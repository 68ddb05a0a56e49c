/**
 * In-process `engine.duty()` calls per second, in a fresh process; prints JSON.
 * `node dist/bench/throughput.js <input.csv> [warm-up rows] [measured rows]`.
 *
 * Entries and instants are prepared first (parseEntry) from the all-valid benchmark input, the mix
 * the batch sees (dotted and undotted codes, both importers, dates 2018-2026, every row distinct).
 * - distinct: the first rows warm the engine up (code optimised, caches of the law filled), then
 *   one pass is timed over the following rows, each entry priced once: no entry is repeated, as in a
 *   batch of distinct rows. This is the figure held to the target.
 * - price: `engine.price(entry, instant, row)`, the batch's in-process call (the same layers, amounts
 *   and totals as `duty`, without the result object), falling back to `engine.duty` for the entries
 *   it does not answer (a specific base rate, a Chinese HS6); on the same distinct entries after the
 *   same warm-up.
 * - library: `truce.duty(entry)`, the library's call with the entry's parsing, on distinct entries
 *   given as text fields (as a batch row or an API body gives them).
 * - repeated (info): passes over the warm-up rows again and again, a hot set of entries.
 * - zipf (info): the codes of the warm-up rows drawn from a Zipf(1) distribution, closer to real
 *   trade where a few thousand lines carry most entries; passes as for `repeated`.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { type Entry, pricedRow } from "../src/engine/contract.js";
import { parseEntry } from "../src/entry/parse.js";
import { type EntryInput, loadTruce } from "../src/truce.js";
import { prng } from "./common.js";

const [input, warmArg, measuredArg] = process.argv.slice(2);
if (!input) throw new Error("usage: throughput.js <input.csv> [warm-up rows] [measured rows]");
const warmRows = Number(warmArg ?? 100_000);
const measuredRows = Number(measuredArg ?? 500_000);
/** Rows after those `duty` is timed on, for `price` (entries neither call has seen). */
const priceRows = measuredRows / 2;

const t = loadTruce();
const rows: string[][] = [];
const lines = createInterface({ input: createReadStream(input), crlfDelay: Number.POSITIVE_INFINITY });
for await (const line of lines) {
  if (rows.length > warmRows + measuredRows + priceRows) break;
  rows.push(line.split(","));
}
lines.close();
rows.shift(); // header

interface Prepared {
  entries: Entry[];
  instants: number[];
}

function prepare(from: string[][], pick: (row: string[]) => string): Prepared {
  const entries: Entry[] = [];
  const instants: number[] = [];
  for (const r of from) {
    try {
      const p = parseEntry({ code: pick(r), origin: r[1], date: r[2], value: r[3], importer: r[4] }, t);
      entries.push(p.entry);
      instants.push(p.instant);
    } catch {
      // a code not in force on the row's date (Zipf mix): left out
    }
  }
  return { entries, instants };
}

let sink = 0;
function pass({ entries, instants }: Prepared): number {
  const t0 = performance.now();
  for (let i = 0; i < entries.length; i++) {
    sink += t.engine.duty(entries[i] as Entry, instants[i] as number).totalCents;
  }
  return performance.now() - t0;
}

const row = pricedRow();
function pricePass({ entries, instants }: Prepared): number {
  const t0 = performance.now();
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as Entry;
    const instant = instants[i] as number;
    sink += t.engine.price(entry, instant, row) ? row.totalCents : t.engine.duty(entry, instant).totalCents;
  }
  return performance.now() - t0;
}

function repeated(p: Prepared) {
  for (let k = 0; k < 2; k++) pass(p); // warm-up: caches filled, code optimised
  const rates: number[] = [];
  let spent = 0;
  while (rates.length < 3 || (spent < 2000 && rates.length < 10)) {
    const ms = pass(p);
    spent += ms;
    rates.push((p.entries.length / ms) * 1000);
  }
  const mean = (p.entries.length * rates.length * 1000) / spent;
  return { calls: p.entries.length, passes: rates.length, best: Math.max(...rates), mean };
}

const warm = prepare(rows.slice(0, warmRows), (r) => r[0] as string);
const fresh = prepare(rows.slice(warmRows, warmRows + measuredRows), (r) => r[0] as string);
for (let k = 0; k < 2; k++) pass(warm);
const freshMs = pass(fresh);
const distinct = {
  calls: fresh.entries.length,
  warmUpCalls: warm.entries.length,
  perSecond: (fresh.entries.length / freshMs) * 1000,
};
// `price` on entries the engine has not seen (after the same warm-up, and `duty` on the others).
const priceFresh = prepare(rows.slice(warmRows + measuredRows), (r) => r[0] as string);
for (let k = 0; k < 2; k++) pricePass(warm);
const priceMs = pricePass(priceFresh);
const price = { calls: priceFresh.entries.length, perSecond: (priceFresh.entries.length / priceMs) * 1000 };

// The library's own call, parsing included: `truce.duty(entry)` on distinct entries given as a batch
// file's fields (at most 200,000 of them, after the same warm-up).
const asInput = (r: string[]) => ({ code: r[0], origin: r[1], date: r[2], value: r[3], importer: r[4] });
for (const r of rows.slice(0, warmRows)) sink += t.duty(asInput(r) as EntryInput).total.rate;
const libraryInputs = rows.slice(warmRows, warmRows + 200_000).map(asInput) as EntryInput[];
const l0 = performance.now();
for (const input of libraryInputs) sink += t.duty(input).total.rate;
const library = {
  calls: libraryInputs.length,
  perSecond: (libraryInputs.length / (performance.now() - l0)) * 1000,
};

const codes = [...new Set(rows.slice(0, warmRows).map((r) => r[0] as string))];
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
const zipf = prepare(rows.slice(0, warmRows), () => zipfCode());

const result = { distinct, price, library, repeated: repeated(warm), zipf: repeated(zipf) };
if (sink === -1) process.stdout.write(" ");
process.stdout.write(`${JSON.stringify(result)}\n`);
