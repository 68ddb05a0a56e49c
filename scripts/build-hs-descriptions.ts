/**
 * Build data/cn/hs-descriptions.csv: the descriptions that China's HS search (src/nomenclature/search.ts)
 * ranks, for the HS6 lines of data/cn/hs6.csv and their headings (developer-only; the product never
 * reads ../shared at run time).
 *
 *   npx tsx scripts/build-hs-descriptions.ts [sharedDir]
 *
 * sharedDir defaults to ../shared relative to the repository root. Sources, in order of preference:
 *   1. UN Comtrade's HS 2022 description of each HS6 (`cmd_desc` of sharedDir/data/trade/us_cn_hs6_2022_2024.csv.gz,
 *      US-reported trade with China by HS6; classification H6 = HS 2022), source `un-comtrade-hs2022`;
 *   2. for an HS6 not traded in those years, and for every heading (4 digits), the text the US HTS 2025
 *      Basic edition (data/hts, itself HS 2022 to 6 digits) prints for that heading or subheading,
 *      source `hts-2025-basic`; a subheading printed only as "Other" keeps its superior texts after ": ".
 *   3. for an HS6 in neither (codes of HS 2017 that HS 2022 dropped), UN Comtrade's HS 2017 description
 *      (`hs_version` H5 rows of sharedDir/data/trade/us_cn_hs6_2015_2021.csv.gz), source `un-comtrade-hs2017`.
 * An HS6 none of them describes is left out (named on stderr): code search still finds it.
 * Output sorted by code: `code,description,source`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { parse as parseCsv } from "csv-parse/sync";
import { loadHts } from "../src/nomenclature/hts.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const shared = resolve(root, process.argv[2] ?? "../shared");
const tradeFile = join(shared, "data", "trade", "us_cn_hs6_2022_2024.csv.gz");

const hs6Rows = parseCsv(readFileSync(join(root, "data", "cn", "hs6.csv"), "utf8"), {
  columns: true,
}) as Record<string, string>[];
const wanted = new Set(hs6Rows.map((r) => r.hs6 ?? ""));

// 1. UN Comtrade HS 2022 descriptions (the latest year's text of a code wins; they do not differ).
const comtrade = new Map<string, string>();
const tradeRows = parseCsv(gunzipSync(readFileSync(tradeFile)).toString("utf8"), {
  columns: true,
}) as Record<string, string>[];
for (const r of tradeRows) {
  if (r.classification_code !== "H6")
    throw new Error(`${tradeFile}: classification ${r.classification_code}`);
  const code = r.cmd_code ?? "";
  if (wanted.has(code) && (r.cmd_desc ?? "") !== "") comtrade.set(code, (r.cmd_desc ?? "").trim());
}

// 3. UN Comtrade HS 2017 descriptions (used after the HTS texts below).
const comtrade2017 = new Map<string, string>();
const oldFile = join(shared, "data", "trade", "us_cn_hs6_2015_2021.csv.gz");
for (const r of parseCsv(gunzipSync(readFileSync(oldFile)).toString("utf8"), { columns: true }) as Record<
  string,
  string
>[]) {
  const code = r.hs6 ?? "";
  if (r.hs_version === "H5" && wanted.has(code) && !comtrade.has(code) && (r.cmd_desc ?? "") !== "")
    comtrade2017.set(code, (r.cmd_desc ?? "").trim());
}

// 2. HTS 2025 Basic: the texts of headings and subheadings, from the parent chains of its lines.
const hts = loadHts(join(root, "data", "hts"), { cache: false });
const date = hts.revisions[0]?.effectiveDate ?? "2025-01-01";
if (hts.revisions[0]?.id !== "2025_basic") throw new Error("data/hts: the first revision is not 2025_basic");
const htsText = new Map<string, string>();
/** The text of the first HTS8 line of each heading (for a heading printed as its one line, 4801.00.01). */
const firstLine = new Map<string, string>();
for (const code of hts.codes8()) {
  const line = hts.line(code, date);
  if (line === undefined) continue;
  if (!firstLine.has(code.slice(0, 4))) firstLine.set(code.slice(0, 4), line.description.replace(/:$/, ""));
  const superior: string[] = [];
  for (const p of line.parents) {
    if (p.code === undefined) {
      superior.push(p.description);
      continue;
    }
    if (p.code.length === 4 || p.code.length === 6) {
      const text = p.description.replace(/:$/, "");
      const within = superior.map((s) => s.replace(/:$/, "")).join(": ");
      if (!htsText.has(p.code))
        htsText.set(p.code, p.code.length === 6 && within !== "" ? `${within}: ${text}` : text);
    }
    superior.length = 0;
  }
  // A heading or HS6 printed as its HTS8 line alone (no text of its own): the line's text.
  for (const prefix of [code.slice(0, 4), code.slice(0, 6)])
    if (!htsText.has(prefix) && code.endsWith("0000".slice(0, 8 - prefix.length)))
      htsText.set(prefix, line.description.replace(/:$/, ""));
}

const out: [string, string, string][] = [];
const headings = new Set<string>();
let fromHts = 0;
let from2017 = 0;
for (const code of [...wanted].sort()) {
  headings.add(code.slice(0, 4));
  const text = comtrade.get(code);
  const fromHtsText = htsText.get(code);
  const text2017 = comtrade2017.get(code);
  if (text !== undefined) out.push([code, text, "un-comtrade-hs2022"]);
  else if (fromHtsText !== undefined) {
    out.push([code, fromHtsText, "hts-2025-basic"]);
    fromHts++;
  } else if (text2017 !== undefined) {
    out.push([code, text2017, "un-comtrade-hs2017"]);
    from2017++;
  } else process.stderr.write(`no description for HS6 ${code}\n`);
}
let headingsFound = 0;
for (const code of headings) {
  // A heading printed with its one subheading (9614.00): that subheading's text; else its first line's.
  const h = htsText.get(code) ?? htsText.get(`${code}00`) ?? firstLine.get(code);
  if (h === undefined) process.stderr.write(`no description for heading ${code}\n`);
  else {
    out.push([code, h, "hts-2025-basic"]);
    headingsFound++;
  }
}
out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
writeFileSync(
  join(root, "data", "cn", "hs-descriptions.csv"),
  `code,description,source\n${out.map((r) => r.map(quote).join(",")).join("\n")}\n`,
);
process.stdout.write(
  `data/cn/hs-descriptions.csv: ${out.length} rows (${comtrade.size} HS6 from UN Comtrade HS 2022, ${fromHts} HS6 and ${headingsFound} of ${headings.size} headings from HTS 2025 Basic, ${from2017} HS6 of HS 2017 from UN Comtrade)\n`,
);
