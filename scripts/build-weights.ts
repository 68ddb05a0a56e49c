/**
 * Copies the trade weights into data/weights with provenance:
 *   us-imports-from-cn-2024.csv   US imports for consumption from China, 2024, by HTS10 (Census)
 *   us-exports-to-cn-<year>.csv   US exports to China by HS6, 2022-2024 (US-reported, Census values)
 * Every row is kept; codes are checked against the shipped nomenclatures and the result written in a
 * `mapping` column (never dropped). Run: npx tsx scripts/build-weights.ts [sharedDir]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { defaultDataDir } from "../src/law/load.js";
import { loadCnSchedule } from "../src/nomenclature/cn.js";
import { loadHts } from "../src/nomenclature/hts.js";

const dataDir = defaultDataDir();
const shared = resolve(process.argv[2] ?? join(dataDir, "..", "..", "shared"));
const hts = loadHts(join(dataDir, "hts"));
const cn = loadCnSchedule(join(dataDir, "cn"));
const codes10 = new Set(hts.codes10());
const codes8 = new Set(hts.codes8());

function csv(rows: string[][]): string {
  return `${rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\n")}\n`;
}

const imports = parse(readFileSync(join(shared, "data/trade/us_imports_from_cn_hs10_2024.csv"), "utf8"), {
  columns: true,
}) as Record<string, string>[];
const out: string[][] = [["code", "origin", "value", "mapping", "description"]];
const tally = new Map<string, { rows: number; value: number }>();
for (const r of imports) {
  const code = r.HS10 ?? "";
  const mapping = codes10.has(code) ? "hts10" : codes8.has(code.slice(0, 8)) ? "hts8" : "unmapped";
  const t = tally.get(mapping) ?? { rows: 0, value: 0 };
  t.rows++;
  t.value += Number(r.CON_VAL_YR);
  tally.set(mapping, t);
  out.push([code, "CN", r.CON_VAL_YR ?? "", mapping, r.I_COMMODITY_SDESC ?? ""]);
}
writeFileSync(join(dataDir, "weights", "us-imports-from-cn-2024.csv"), csv(out));

const trade = parse(
  gunzipSync(readFileSync(join(shared, "data/trade/us_cn_hs6_2022_2024.csv.gz"))).toString("utf8"),
  {
    columns: true,
  },
) as Record<string, string>[];
const exportTally: string[] = [];
for (const year of ["2022", "2023", "2024"]) {
  const rows: string[][] = [["code", "origin", "value", "mapping", "description"]];
  let mapped = 0;
  let unmapped = 0;
  for (const r of trade) {
    if (r.ref_year !== year || r.flow_code !== "X") continue;
    const code = r.cmd_code ?? "";
    const known = cn.hs6(code) !== undefined;
    if (known) mapped += Number(r.primary_value);
    else unmapped += Number(r.primary_value);
    rows.push([code, "US", r.primary_value ?? "", known ? "hs6" : "unmapped", r.cmd_desc ?? ""]);
  }
  writeFileSync(join(dataDir, "weights", `us-exports-to-cn-${year}.csv`), csv(rows));
  exportTally.push(
    `${year}: ${rows.length - 1} HS6, $${(mapped / 1e9).toFixed(1)}bn mapped, $${(unmapped / 1e9).toFixed(2)}bn not in China's HS6 list`,
  );
}
console.log(
  [...tally.entries()]
    .map(([k, v]) => `imports ${k}: ${v.rows} rows, $${(v.value / 1e9).toFixed(1)}bn`)
    .join("\n"),
);
console.log(exportTally.join("\n"));
