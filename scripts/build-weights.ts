/**
 * Copies the trade weights into data/weights with provenance:
 *   us-imports-from-cn-2024.csv   US imports for consumption from China, 2024, by HTS10 (Census)
 *   us-exports-to-cn-<year>.csv   US exports to China by HS6, 2022-2024 (US-reported, Census values)
 *   us-imports-from-cn-2017.csv   US imports from China, 2017, by HTS10 (USITC DataWeb), in their own
 *                                 2017 codes (the engine reads an HS 2017-era code through its successors)
 *   us-exports-to-cn-2017.csv     US exports to China, 2017, by HS6 (UN Comtrade, HS 2017), mapped to
 *                                 China's HS6 schedule (HS 2022)
 * Every row is kept; codes are checked against the shipped nomenclatures and the result written in a
 * `mapping` column (never dropped). China's 2017 HS6 codes of the HS 2017 era are carried to their
 * successors by the UNSD HS 2022-HS 2017 correlation (see successorsOf and data/weights/README.md).
 * Run: npx tsx scripts/build-weights.ts [sharedDir]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import type { MappingClass } from "../src/analytics/weights.js";
import { defaultDataDir } from "../src/law/load.js";
import { loadCnSchedule } from "../src/nomenclature/cn.js";
import { type HtsRevision, loadHts } from "../src/nomenclature/hts.js";

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
console.log(exportTally.join("\n"));

// ------------------------------------------------------------------------------------------------
// Weights carried to the shipped nomenclatures: the US imports of 2024 and 2017, US exports of 2017
// (PIIE's base year, codes of the HS 2017 era).

/** A weights row before it is written: the code the engine answers for, its value, how it was found. */
interface MappedRow {
  code: string;
  value: number;
  mapping: MappingClass;
  source: string;
  description: string;
}

const readCsv = (path: string) =>
  parse(readFileSync(path, "utf8"), { columns: true, bom: true }) as Record<string, string>[];
const concordance = join(shared, "data/concordance");
/** UNSD HS 2022 ↔ HS 2017 correlation, by HS 2017 code. */
const correlation = new Map<string, { hs2022: string; relationship: string }[]>();
for (const r of readCsv(join(concordance, "hs2022_hs2017_correlation.csv"))) {
  const hs2017 = r.hs2017 ?? "";
  const pairs = correlation.get(hs2017) ?? [];
  pairs.push({ hs2022: r.hs2022 ?? "", relationship: r.relationship ?? "" });
  correlation.set(hs2017, pairs);
}
/** The UNSD conversion (each HS 2022 code's main HS 2017 source; leading zeros dropped in the file). */
const mainSource = new Map<string, string>();
for (const r of readCsv(join(concordance, "concord_hs6_2022_to_2017.csv"))) {
  mainSource.set((r.hs6_2022 ?? "").padStart(6, "0"), (r.hs6_2017 ?? "").padStart(6, "0"));
}

/**
 * The HS 2022 successors of an HS 2017 subheading: its 1:1, 1:n and n:1 partners in the UNSD
 * correlation; failing those, its n:n partners whose main source (UNSD conversion) it is; failing
 * those, all its n:n partners. (The n:n pairs join every code of a group to every other, e.g.
 * 8517.12 to the display modules of 85.24: taken first they would move phones onto displays.)
 */
function successorsOf(hs2017: string): string[] {
  const pairs = correlation.get(hs2017) ?? [];
  const direct = pairs.filter((p) => p.relationship !== "n:n").map((p) => p.hs2022);
  if (direct.length > 0) return direct;
  const main = pairs.filter((p) => mainSource.get(p.hs2022) === hs2017).map((p) => p.hs2022);
  return main.length > 0 ? main : pairs.map((p) => p.hs2022);
}

/**
 * Splits an integer value over keys in proportion to their weights (equally when every weight is
 * zero), by largest remainder, so that the parts are integers adding up to the value.
 */
function split(
  value: number,
  keys: readonly string[],
  weightOf: (key: string) => number,
): Map<string, number> {
  const weights = keys.map(weightOf);
  const total = weights.reduce((a, b) => a + b, 0);
  const shares = total > 0 ? weights.map((w) => w / total) : weights.map(() => 1 / keys.length);
  const parts = shares.map((s) => Math.floor(value * s));
  let rest = value - parts.reduce((a, b) => a + b, 0);
  const order = shares.map((s, i) => ({ i, r: value * s - (parts[i] as number) })).sort((a, b) => b.r - a.r);
  for (const { i } of order) {
    if (rest <= 0) break;
    parts[i] = (parts[i] as number) + 1;
    rest--;
  }
  const out = new Map<string, number>();
  keys.forEach((k, i) => {
    if ((parts[i] as number) > 0) out.set(k, parts[i] as number);
  });
  return out;
}

/**
 * Rows for one code carried to its successors: the whole value to one, or split over several; by the
 * HS6 concordance (`1:1`, `1:n`) or within an HTS8 that still exists (`hts8`, `hts8-1:n`).
 */
function carried(
  source: string,
  description: string,
  successors: Map<string, number>,
  within: "hs6" | "hts8" = "hs6",
): MappedRow[] {
  const single = successors.size === 1;
  const mapping: MappingClass = within === "hts8" ? (single ? "hts8" : "hts8-1:n") : single ? "1:1" : "1:n";
  return [...successors].map(([code, part]) => ({ code, value: part, mapping, source, description }));
}

/** Writes a mapped weights file and returns its tally by mapping class (source codes, value). */
function writeMapped(file: string, origin: string, rows: MappedRow[]): string {
  const out: string[][] = [["code", "origin", "value", "mapping", "source", "description"]];
  const tally = new Map<string, { sources: Set<string>; value: number }>();
  for (const r of rows) {
    out.push([r.code, origin, String(r.value), r.mapping, r.source, r.description]);
    const t = tally.get(r.mapping) ?? { sources: new Set(), value: 0 };
    t.sources.add(r.source);
    t.value += r.value;
    tally.set(r.mapping, t);
  }
  writeFileSync(join(dataDir, "weights", file), csv(out));
  return [...tally]
    .map(([k, v]) => `${file} ${k}: ${v.sources.size} source codes, $${(v.value / 1e9).toFixed(2)}bn`)
    .join("\n");
}

// US side: an HTS10 → the code itself, the current lines of its HTS8, or (codes of the HS 2017 era) the
// current HTS10 lines of its HS6's successors.
const imports2024 = new Map(imports.map((r) => [r.HS10 ?? "", Number(r.CON_VAL_YR)]));
const latest = (hts.revisions.at(-1) as HtsRevision).effectiveDate;
/** Current HTS10 lines (Chapter 99 aside) by HTS8. */
const linesByHts8 = new Map<string, string[]>();
for (const code of codes10) {
  if (code.startsWith("99")) continue;
  const lines = linesByHts8.get(code.slice(0, 8)) ?? [];
  lines.push(code);
  linesByHts8.set(code.slice(0, 8), lines);
}

interface SourceRow {
  code: string;
  value: number;
  description: string;
}

/**
 * US import weights of 2024 carried to the shipped HTS. Successor lines: not those that are themselves
 * codes of the source data (they existed then, with their own value), and of the rest those in force
 * both in 2025 Basic and in the latest revision; each filter is skipped when it would leave none. A
 * value is split over several successors by their 2024 imports from China.
 */
function mapUsImports(rows: readonly SourceRow[]): MappedRow[] {
  const sourceCodes = new Set(rows.map((r) => r.code));
  const prefer = (all: string[], keep: (c: string) => boolean) => {
    const kept = all.filter(keep);
    return kept.length > 0 ? kept : all;
  };
  const successorLines = (lines: string[]) =>
    prefer(
      prefer(lines, (c) => !sourceCodes.has(c)),
      (c) => hts.inForce(c, "2025-01-01") !== undefined && hts.inForce(c, latest) !== undefined,
    );
  const by2024 = (c: string) => imports2024.get(c) ?? 0;
  const out: MappedRow[] = [];
  for (const { code, value, description } of rows) {
    const row = { code, value, source: code, description };
    if (codes10.has(code)) out.push({ ...row, mapping: "hts10" });
    else if (codes8.has(code.slice(0, 8))) {
      // Renumbered within an HTS8 that still exists: its current lines (an HTS8 answered whole would
      // get every list of the HTS8, whatever statistical numbers a note excepts).
      const lines = successorLines(linesByHts8.get(code.slice(0, 8)) ?? []);
      if (lines.length === 0) out.push({ ...row, mapping: "hts8" });
      else out.push(...carried(code, description, split(value, lines, by2024), "hts8"));
    } else out.push({ ...row, mapping: "unmapped" });
  }
  return out;
}

const usTally2024 = writeMapped(
  "us-imports-from-cn-2024.csv",
  "CN",
  mapUsImports(
    imports.map((r) => ({
      code: r.HS10 ?? "",
      value: Number(r.CON_VAL_YR),
      description: r.I_COMMODITY_SDESC ?? "",
    })),
  ),
);

/**
 * US imports of 2017 in their own codes, as PIIE weighs them: the engine answers an HS 2017-era code
 * on the dates its schedule has it, and through its successors (data/hts/pre2025/successors.csv.gz)
 * once it has left the schedule. The `mapping` column says how a code is read in the latest revision:
 * `hts10` (a line of it), `successors` (an HS 2017-era code, or one under an HTS8, that has
 * successors), `hts8` (a statistical number since renumbered within an HTS8 of it: carried to that
 * HTS8's lines, split by their 2024 imports),
 * `unmapped` (none of these: reported, never averaged).
 */
function classify2017(code: string): MappingClass {
  if (hts.inForce(code, latest) !== undefined) return "hts10";
  if (hts.successors(code) !== undefined) return "successors";
  return hts.inForce(code.slice(0, 8), latest) !== undefined ? "hts8" : "unmapped";
}
const source2017 = parse(
  gunzipSync(readFileSync(join(shared, "data/trade/us_imports_from_cn_hts10_2017.csv.gz"))).toString("utf8"),
  { columns: true },
) as Record<string, string>[];
const sourceRows2017: SourceRow[] = source2017.map((r) => ({
  code: r.hts10 ?? "",
  value: Number(r.gen_customs_value_usd_2017),
  description: r.description ?? "",
}));
// A statistical number renumbered within an HTS8 of the latest revision is carried to that HTS8's lines
// (as the 2024 weights are): read at its HTS8 it would fall under every list of the HTS8, whatever
// statistical numbers a note excepts (8517.62.00.50 of 2017 under both List 3 and List 4A).
const carriedWithinHts8 = new Map<string, MappedRow[]>();
for (const r of mapUsImports(sourceRows2017)) {
  if (r.code === r.source) continue;
  const rows = carriedWithinHts8.get(r.source);
  if (rows === undefined) carriedWithinHts8.set(r.source, [r]);
  else rows.push(r);
}
const rows2017: MappedRow[] = sourceRows2017.flatMap(({ code, value, description }) => {
  const mapping = classify2017(code);
  const carried = mapping === "hts8" ? carriedWithinHts8.get(code) : undefined;
  return carried ?? [{ code, value, mapping, source: code, description }];
});
const usTally = writeMapped("us-imports-from-cn-2017.csv", "CN", rows2017);

/**
 * How the 2017 codes resolve on a date, as the averages read them: as the code itself (its HTS10, or
 * its HTS8 where no HTS10 edition is held), at its HTS8 (a statistical number no longer in force),
 * through its successors, at its current rate (a current code the pre-2025 databases lack: Chapter
 * 98), or not at all.
 */
const RESOLUTION_DATES = ["2018-09-24", "2020-02-14", "2022-06-01", "2025-01-20", "2025-11-10"];
const resolution = RESOLUTION_DATES.map((date) => {
  const by = { itself: 0, hts8: 0, successors: 0, current: 0, none: 0 };
  for (const r of rows2017) {
    if (hts.inForce(r.code, date) !== undefined) by.itself += r.value;
    else if (hts.inForce(r.code.slice(0, 8), date) !== undefined) by.hts8 += r.value;
    else if (hts.successors(r.code) !== undefined) by.successors += r.value;
    else if (r.mapping !== "unmapped") by.current += r.value;
    else by.none += r.value;
  }
  const bn = (v: number) => `$${(v / 1e9).toFixed(2)}bn`;
  return `${date}: itself ${bn(by.itself)}, at its HTS8 ${bn(by.hts8)}, through successors ${bn(by.successors)}, at its current rate ${bn(by.current)}, none ${bn(by.none)}`;
});

// China's side: 2017 HS6 (HS 2017) → itself or its HS 2022 successors in China's HS6 schedule.
const exports2024 = new Map(
  trade
    .filter((r) => r.ref_year === "2024" && r.flow_code === "X")
    .map((r) => [r.cmd_code ?? "", Number(r.primary_value)]),
);
const cn2017: MappedRow[] = [];
const comtrade = parse(
  gunzipSync(readFileSync(join(shared, "data/trade/us_cn_hs6_2015_2021.csv.gz"))).toString("utf8"),
  { columns: true },
) as Record<string, string>[];
for (const r of comtrade) {
  if (r.year !== "2017" || r.flow !== "X") continue;
  const code = r.hs6 ?? "";
  const value = Math.round(Number(r.primary_value));
  const description = r.cmd_desc ?? "";
  if (value === 0) continue;
  const successors = successorsOf(code).filter((c) => cn.hs6(c) !== undefined);
  if (successors.length === 1 && successors[0] === code)
    cn2017.push({ code, value, mapping: "hs6", source: code, description });
  else if (successors.length === 0)
    cn2017.push({ code, value, mapping: "unmapped", source: code, description });
  else
    cn2017.push(
      ...carried(
        code,
        description,
        split(value, successors, (c) => exports2024.get(c) ?? 0),
      ),
    );
}
const cnTally = writeMapped("us-exports-to-cn-2017.csv", "US", cn2017);
console.log(`${usTally2024}\n${usTally}\n${resolution.join("\n")}\n${cnTally}`);
