/**
 * The batch's floor in this design: the same file run twice through `runBatch` in one process, on
 * one Truce. The first run builds what the engine keeps per code, per revision slot and per period
 * (a code's measures, its base rate in each revision, the special duties of each period); the
 * second finds them all built, so its time is what the rows themselves cost (reading, checking,
 * pricing from kept tables, writing). Prints JSON {loadMs, firstMs, secondMs, sameOutput}.
 * `node dist/bench/warm.js <input.csv> <output.csv>`.
 */
import { readFileSync } from "node:fs";
import { runBatch } from "../src/batch/pipeline.js";
import { loadTruce } from "../src/truce.js";

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error("usage: warm.js <input.csv> <output.csv>");

const t0 = performance.now();
const t = loadTruce();
const loadMs = performance.now() - t0;
const t1 = performance.now();
await runBatch(t, input, output, { workers: 0 });
const firstMs = performance.now() - t1;
const first = readFileSync(output);
const t2 = performance.now();
await runBatch(t, input, output, { workers: 0 });
const secondMs = performance.now() - t2;
const sameOutput = first.equals(readFileSync(output));
process.stdout.write(`${JSON.stringify({ loadMs, firstMs, secondMs, sameOutput })}\n`);
