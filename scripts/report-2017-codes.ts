/**
 * How much of the 2017 US import value from China sits in HTS10 codes the schedule accepts on an
 * entry date (default 2019-06-01), and how much of it reaches the product lists through successors.
 * Run: npx tsx scripts/report-2017-codes.ts [date] [sharedDir]   (reads data/trade of the shared directory)
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { loadHts } from "../src/nomenclature/hts.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const date = process.argv[2] ?? "2019-06-01";
const shared = resolve(process.argv[3] ?? join(root, "..", "shared"));
const hts = loadHts(join(root, "data", "hts"));
const file = join(shared, "data", "trade", "us_imports_from_cn_hts10_2017.csv.gz");
const rows = parse(gunzipSync(readFileSync(file)).toString("utf8"), { columns: true }) as {
  hts10: string;
  gen_customs_value_usd_2017: string;
}[];

let total = 0;
let valid = 0;
let current = 0;
let succeeded = 0;
let oneToMany = 0;
const misses: [string, number][] = [];
for (const r of rows) {
  const value = Number(r.gen_customs_value_usd_2017);
  total += value;
  if (hts.line(r.hts10, "2025-01-01") !== undefined) current += value;
  if (hts.inForce(r.hts10, date) === undefined) {
    misses.push([r.hts10, value]);
    continue;
  }
  valid += value;
  const s = hts.successors(r.hts10);
  if (s !== undefined) {
    succeeded += value;
    if (s.codes.length > 1) oneToMany += value;
  }
}
const pct = (x: number) => `${((100 * x) / total).toFixed(1)}%`;
console.log(`2017 US imports from China: ${rows.length} HTS10 lines, $${(total / 1e9).toFixed(1)}bn`);
console.log(`valid on ${date} (${hts.revisionOn(date).id}): ${pct(valid)}`);
console.log(`  of which read through successors: ${pct(succeeded)} (one-to-many: ${pct(oneToMany)})`);
console.log(`in the 2025 Basic edition: ${pct(current)}`);
misses.sort((a, b) => b[1] - a[1]);
console.log(
  `largest misses: ${misses
    .slice(0, 8)
    .map(([c, v]) => `${c} $${(v / 1e6).toFixed(0)}m`)
    .join(", ")}`,
);
