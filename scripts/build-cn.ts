/**
 * Build China's tariff data on US goods (data/cn, data/lists/cn) from ../shared/data/cn
 * (developer-only; the product never reads ../shared at run time).
 *
 *   npx tsx scripts/build-cn.ts [sharedDir]
 *
 * sharedDir defaults to ../shared relative to the repository root; it may also point straight at the
 * directory holding the cn/*.csv files. Output (deterministic, sorted by code):
 *   data/lists/cn/retaliation-2018-2019.csv    the PIIE HS8 file, normalised (zeros, ISO dates, batch, annex)
 *   data/lists/cn/ctc-2018-5-batch1.csv        batch 1 (税委会公告〔2018〕5号, +25% from 2018-07-06 12:01)
 *   data/lists/cn/ctc-2018-7-batch2.csv        batch 2 (〔2018〕7号, +25% from 2018-08-23 12:01)
 *   data/lists/cn/ctc-2018-6-batch3.csv        batch 3 (〔2018〕6号/8号, 10/5% from 2018-09-24; 〔2019〕3号 25/20/10/5% from 2019-06-01)
 *   data/lists/cn/ctc-2018-autos-suspended.csv the 211 lines suspended from 2019-01-01 (〔2018〕10号)
 *   data/lists/cn/ctc-2025-2-farm.csv          the 2025 No. 2 farm lists (zeros restored, one code corrected)
 *   data/lists/cn/ctc-2019-4-sept-inferred.csv Sept 2019 lines inferred from Waugh's HS6 totals (single-line HS6)
 *   data/lists/cn/ctc-2019-4-sept-gap-hs6.csv  HS6 whose Sept 2019 increase cannot be put on lines (gaps)
 *   data/cn/waugh-hs6-2018-2019.csv            Waugh's HS6 totals, one row per HS6 (the check in test/cn-data)
 *   data/cn/schedule-2019-hs8.csv              China's 2019 HS8 lines (from the PIIE line data; the same check)
 *   data/cn/hs6.csv                            WTO 2025-01-01 applied rates by HS6 and the derived base rate
 *   data/cn/hs8.csv                            every HS8 line named by a list, with its HS6 and names
 *   data/cn/hs8-unmatched.csv                  HS8 lines whose HS6 is not in hs6.csv, with the reason
 *   data/cn/build-report.md                    counts and every odd input row
 * Hand-checked inputs it reads (never writes): data/cn/mfn-anchors.csv,
 * data/lists/cn/ctc-2019-4-sept-batch1-partial.csv, data/lists/cn/ctc-2025-feb-energy.csv,
 * data/lists/cn/ctc-2018-13-s232.csv (the MOF annex of April 2018), data/cn/piie-bjz-china-tariff-rates-2019-06-12.csv
 * (PIIE's line data of China's 2019 schedule, copied); from sharedDir also waugh_cn_tariffs_on_us_hs6_2018_2019.csv.gz.
 * Rates are percentages written as decimals ("25", "2.5"); internally they are integer ppm (1% = 10,000).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { parse as parseCsv } from "csv-parse/sync";
import { WAUGH_DATES } from "../src/analytics/cn-waugh.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const sharedArg = resolve(root, process.argv[2] ?? "../shared");
const inDir = existsSync(join(sharedArg, "data", "cn")) ? join(sharedArg, "data", "cn") : sharedArg;
const cnOut = join(root, "data", "cn");
const listsOut = join(root, "data", "lists", "cn");

type Row = Record<string, string>;

function readCsv(path: string, header = true): Row[] | string[][] {
  if (!existsSync(path)) throw new Error(`missing input ${path}`);
  return parseCsv(readFileSync(path, "utf8"), {
    columns: header,
    skip_empty_lines: true,
    relax_quotes: true,
  });
}
const rowsOf = (path: string) => readCsv(path, true) as Row[];
const cellsOf = (path: string) => readCsv(path, false) as string[][];

// ---------------------------------------------------------------------------------------------
// Numbers: percentages held as integer ppm.

function ppm(text: string, what: string): number {
  const t = text.trim();
  if (!/^-?\d+(\.\d+)?(E[+-]?\d+)?$/i.test(t)) throw new Error(`${what}: "${text}" is not a number`);
  return Math.round(Number(t) * 10_000);
}
function pct(p: number): string {
  const sign = p < 0 ? "-" : "";
  const a = Math.abs(p);
  const int = Math.floor(a / 10_000);
  const frac = String(a % 10_000)
    .padStart(4, "0")
    .replace(/0+$/, "");
  return `${sign}${int}${frac ? `.${frac}` : ""}`;
}
/** Mean of integer ppm values, rounded half away from zero to the ppm. */
function mean(values: number[]): number {
  const sum = values.reduce((a, b) => a + b, 0);
  const q = sum / values.length;
  return Math.sign(q) * Math.round(Math.abs(q));
}

// ---------------------------------------------------------------------------------------------
// CSV writing.

function cell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
function writeCsv(path: string, header: string[], rows: string[][]): void {
  mkdirSync(dirname(path), { recursive: true });
  const lines = [header.join(","), ...rows.map((r) => r.map(cell).join(","))];
  writeFileSync(path, `${lines.join("\n")}\n`);
}
const clean = (s: string | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

const report: string[] = [];
function note(line: string): void {
  report.push(line);
}

// ---------------------------------------------------------------------------------------------
// 1. The PIIE (Bown) 2018-2019 HS8 file. Columns are CUMULATIVE additional rates in force after each date.

const PIIE_FILE = "piie_cn_retaliation_hs8_2018_2019.csv";
const PIIE_SOURCE = "PIIE (Bown) piie_cn_retaliation_hs8_2018_2019.csv";

interface PiieLine {
  code: string;
  batch: 1 | 2 | 3;
  annex: "" | "1" | "2" | "3" | "4";
  r: { jul06: number; aug23: number; sep24: number; jan01: number; jun01: number };
  suspended: boolean;
  /** Rate this line bore before the 2019-01-01 autos suspension (0 if never suspended). */
  suspendedRate: number;
  /** Rate announced for 2019-06-01 (〔2019〕3号), for suspended batch-3 lines the annex-4 rate. */
  rate20190601: number;
  name: string;
}

function loadPiie(): PiieLine[] {
  const rows = rowsOf(join(inDir, PIIE_FILE));
  const out: PiieLine[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const code = (row.hs08 ?? "").trim();
    if (!/^\d{8}$/.test(code)) throw new Error(`${PIIE_FILE}: bad code "${row.hs08}"`);
    if (seen.has(code)) throw new Error(`${PIIE_FILE}: duplicate ${code}`);
    seen.add(code);
    const r = {
      jul06: ppm(row.reta_2018Jul06 ?? "", code),
      aug23: ppm(row.reta_2018Aug23 ?? "", code),
      sep24: ppm(row.reta_2018Sep24 ?? "", code),
      jan01: ppm(row.reta_2019Jan01 ?? "", code),
      jun01: ppm(row.reta_2019Jun01 ?? "", code),
    };
    const off = (row.off_date ?? "").trim();
    const key = [r.jul06, r.aug23, r.sep24, r.jan01, r.jun01].map(pct).join("/");
    let batch: 1 | 2 | 3;
    let annex: PiieLine["annex"] = "";
    let rate20190601: number;
    // Every pattern the file may show; anything else stops the build.
    switch (`${key}|${off}`) {
      case "25/25/25/25/25|":
        batch = 1;
        rate20190601 = r.jun01;
        break;
      case "25/25/25/0/0|1/1/2019":
        batch = 1;
        rate20190601 = 250_000;
        break;
      case "0/25/25/25/25|":
        batch = 2;
        rate20190601 = r.jun01;
        break;
      case "0/25/25/0/0|1/1/2019":
        batch = 2;
        rate20190601 = 250_000;
        break;
      case "0/0/10/10/25|":
        batch = 3;
        annex = "1";
        rate20190601 = r.jun01;
        break;
      case "0/0/10/10/20|":
        batch = 3;
        annex = "2";
        rate20190601 = r.jun01;
        break;
      case "0/0/5/5/10|":
        batch = 3;
        annex = "3";
        rate20190601 = r.jun01;
        break;
      case "0/0/5/5/5|":
        batch = 3;
        annex = "4";
        rate20190601 = r.jun01;
        break;
      case "0/0/5/0/0|1/1/2019":
        // 〔2019〕3号 keeps 595 annex-4 lines at 5% = 662 - 67: the 67 suspended 5% lines are annex 4.
        batch = 3;
        annex = "4";
        rate20190601 = 50_000;
        break;
      default:
        throw new Error(`${PIIE_FILE}: ${code} has an unexpected rate pattern ${key} off_date "${off}"`);
    }
    const suspended = off !== "";
    out.push({
      code,
      batch,
      annex,
      r,
      suspended,
      suspendedRate: suspended ? r.sep24 : 0,
      rate20190601,
      name: clean(row.product_name_zh),
    });
  }
  out.sort((a, b) => a.code.localeCompare(b.code));
  return out;
}

// ---------------------------------------------------------------------------------------------
// 2. Hand-checked inputs.

interface SeptLine {
  code: string;
  r0901: number;
  r0214: number;
  name: string;
}
function loadSept(): SeptLine[] {
  const file = join(listsOut, "ctc-2019-4-sept-batch1-partial.csv");
  return rowsOf(file).map((row) => {
    const code = row.code ?? "";
    if (!/^\d{8}$/.test(code)) throw new Error(`${file}: bad code "${code}"`);
    const r0901 = ppm(row.rate_2019_09_01 ?? "", code);
    const r0214 = ppm(row.rate_2020_02_14 ?? "", code);
    if (r0214 * 2 !== r0901) throw new Error(`${file}: ${code} is not halved on 2020-02-14`);
    return { code, r0901, r0214, name: clean(row.name_en) };
  });
}

interface SimpleLine {
  code: string;
  rate: number;
  nameZh: string;
  nameEn: string;
}
function loadEnergy(): SimpleLine[] {
  const file = join(listsOut, "ctc-2025-feb-energy.csv");
  return rowsOf(file).map((row) => {
    const code = row.code ?? "";
    if (!/^\d{8}$/.test(code)) throw new Error(`${file}: bad code "${code}"`);
    return { code, rate: ppm(row.rate ?? "", code), nameZh: clean(row.name_zh), nameEn: clean(row.name_en) };
  });
}

interface Anchor {
  hs6: string;
  mfn: number;
  grade: string;
}
function loadAnchors(): Map<string, Anchor> {
  const file = join(cnOut, "mfn-anchors.csv");
  const out = new Map<string, Anchor>();
  for (const row of rowsOf(file)) {
    const hs6 = row.hs6 ?? "";
    if (!/^\d{6}$/.test(hs6)) throw new Error(`${file}: bad hs6 "${hs6}"`);
    out.set(hs6, { hs6, mfn: ppm(row.mfn ?? "", hs6), grade: row.grade ?? "" });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 3. The 2025 No. 2 farm lists (M. Waugh, trade-war-redux-2025): item, code (zeros stripped), English name.

/**
 * Corrections to the Waugh farm lists, by annex item. Item 252 repeats item 253's code 03063210; the annex is in
 * code order (251 03063110 rock-lobster seedlings, 253 03063210 lobster seedlings, 254 03063290) and item 252 is
 * "live, fresh or chilled rock lobster", which is 03063190 in China's nomenclature (2018 name 活、鲜、冷的岩礁虾和其他龙虾).
 */
const FARM_FIXES: Record<string, { from: string; to: string; why: string }> = {
  "2:252": {
    from: "03063210",
    to: "03063190",
    why: "code corrected from 03063210 (duplicate of item 253; inferred from the annex's code order and the 2018 name of 03063190)",
  },
};
const FARM_ITEMS = { 1: 29, 2: 711 } as const; // items per annex in 税委会公告2025年第2号

interface FarmLine {
  code: string;
  annex: 1 | 2;
  item: number;
  rate: number;
  nameEn: string;
  note: string;
}
function loadFarm(): FarmLine[] {
  const out: FarmLine[] = [];
  const specs: [1 | 2, string, number][] = [
    [1, "waugh-china-15-percent-030425.csv", 150_000],
    [2, "waugh-china-10-percent-030425.csv", 100_000],
  ];
  for (const [annex, file, rate] of specs) {
    const items = new Set<number>();
    for (const cells of cellsOf(join(inDir, file))) {
      const [itemText, raw, name] = cells;
      const item = Number(itemText);
      if (!Number.isInteger(item) || item < 1) throw new Error(`${file}: bad item "${itemText}"`);
      if (!/^\d{7,8}$/.test(raw ?? "")) throw new Error(`${file}: item ${item} bad code "${raw}"`);
      let code = (raw ?? "").padStart(8, "0");
      const notes: string[] = [];
      if (code !== raw) notes.push("leading zero restored");
      const fix = FARM_FIXES[`${annex}:${item}`];
      if (fix) {
        if (fix.from !== code)
          throw new Error(`${file}: fix for item ${item} expects ${fix.from}, found ${code}`);
        code = fix.to;
        notes.push(fix.why);
      }
      items.add(item);
      out.push({ code, annex, item, rate, nameEn: clean(name), note: notes.join("; ") });
    }
    const missing: number[] = [];
    for (let k = 1; k <= FARM_ITEMS[annex]; k++) if (!items.has(k)) missing.push(k);
    if (missing.length)
      note(`- ${file}: items missing from the source file: ${missing.join(", ")} (${missing.length} lines).`);
  }
  const codes = new Map<string, FarmLine>();
  for (const f of out) {
    const prev = codes.get(f.code);
    if (prev)
      throw new Error(
        `farm lists: ${f.code} twice (annex ${prev.annex} item ${prev.item}, annex ${f.annex} item ${f.item})`,
      );
    codes.set(f.code, f);
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}

// ---------------------------------------------------------------------------------------------
// 4. WTO HS6 and the base-rate derivation (see data/cn/README.md).

interface WtoRow {
  hs6: string;
  best: number | null;
  imports: number;
}
function loadWto(): WtoRow[] {
  const file = "wto_cn_applied_on_us_hs6_2025-01-01.csv";
  const out: WtoRow[] = [];
  const seen = new Set<string>();
  for (const row of rowsOf(join(inDir, file))) {
    const hs6 = (row.hs_code ?? "").trim();
    if (!/^\d{6}$/.test(hs6)) throw new Error(`${file}: bad hs_code "${row.hs_code}"`);
    if (seen.has(hs6)) throw new Error(`${file}: duplicate ${hs6}`);
    seen.add(hs6);
    if (row.reporter_iso !== "CHN" || row.partner_iso !== "USA" || row.year_dt !== "2025-01-01")
      throw new Error(`${file}: ${hs6} is not China/USA/2025-01-01`);
    const b = (row.best_avlbl ?? "").trim();
    const best = b === "" ? null : ppm(b, hs6);
    if (best !== null && (best < 0 || best > 2_000_000)) note(`- WTO ${hs6}: best_avlbl ${b} out of range.`);
    const impText = (row.imports ?? "").trim();
    const imports = Math.round(Number(impText));
    if (!Number.isFinite(imports) || imports < 0) throw new Error(`${file}: ${hs6} imports "${impText}"`);
    out.push({ hs6, best, imports });
  }
  return out.sort((a, b) => a.hs6.localeCompare(b.hs6));
}

// ---------------------------------------------------------------------------------------------
// 5. The April 2 2018 countermeasure to Section 232 (税委会〔2018〕13号): the hand-checked transcription of the
//    MOF annex (data/lists/cn/ctc-2018-13-s232.csv).

interface AprilLine {
  code: string;
  rate: number;
  nameZh: string;
}
function loadApril(): AprilLine[] {
  const file = join(listsOut, "ctc-2018-13-s232.csv");
  const lines = rowsOf(file).map((row) => {
    const code = row.code ?? "";
    if (!/^\d{8}$/.test(code)) throw new Error(`${file}: bad code "${code}"`);
    return { code, rate: ppm(row.rate ?? "", code), nameZh: clean(row.name_zh) };
  });
  const at = (rate: number) => lines.filter((l) => l.rate === rate).length;
  // The announcement: 128 lines, 120 at +15% (fruit, nuts, wine, steel pipes ...), 8 at +25% (pork, aluminium scrap).
  if (lines.length !== 128 || at(150_000) !== 120 || at(250_000) !== 8)
    throw new Error(
      `${file}: ${lines.length} lines (${at(150_000)} at 15, ${at(250_000)} at 25); the annex has 128 (120, 8)`,
    );
  return lines;
}

// ---------------------------------------------------------------------------------------------
// 6. M. Waugh's HS6 totals (tradewar-tracker, MIT): China's MFN + retaliation on US goods at 12 dates, the MAXIMUM
//    over the national lines of the HS6 (his notebook: groupby hs6, max), computed from the PIIE (Bown, Jung, Zhang)
//    line data incl. April 2018 and Sept 2019. Copied to data/cn/waugh-hs6-2018-2019.csv. With China's 2019 HS8
//    lines (PIIE, below; written to data/cn/schedule-2019-hs8.csv), the Sept 2019 increase of an HS6 with a single national line is that
//    line's rate: those lines are inferred; the other HS6 with an increase are gaps.

const WAUGH_FILE = "waugh_cn_tariffs_on_us_hs6_2018_2019.csv.gz";
const WAUGH_SOURCE =
  "M. Waugh, tradewar-tracker (MIT) new_tariff_list_2020.csv = shared waugh_cn_tariffs_on_us_hs6_2018_2019.csv.gz";

/** HS6 -> total in ppm at each of WAUGH_DATES (null where the source is blank). */
function loadWaugh(): Map<string, (number | null)[]> {
  const path = join(inDir, WAUGH_FILE);
  if (!existsSync(path)) throw new Error(`missing input ${path}`);
  const rows = parseCsv(gunzipSync(readFileSync(path)).toString("utf8"), { columns: true }) as Row[];
  const out = new Map<string, (number | null)[]>();
  for (const row of rows) {
    const hs6 = row.hs6 ?? "";
    const at = (WAUGH_DATES as readonly string[]).indexOf(row.time_of_tariff ?? "");
    if (!/^\d{6}$/.test(hs6) || at < 0) throw new Error(`${WAUGH_FILE}: bad row ${JSON.stringify(row)}`);
    const values = out.get(hs6) ?? WAUGH_DATES.map(() => null);
    const t = (row.tariff ?? "").trim();
    // The source's floats (14.000000000000002) are read to 4 decimals (ppm).
    values[at] = t === "" ? null : ppm(Number(t).toFixed(4), `${WAUGH_FILE} ${hs6}`);
    out.set(hs6, values);
  }
  return out;
}

// China's line data of 2018-2019 from PIIE (Bown, Jung, Zhang, 2019-06-12, sheet "China Tariff Rates": HS10 lines of
// China's 2019 schedule with the change of each line's rate at each date), copied to
// data/cn/piie-bjz-china-tariff-rates-2019-06-12.csv. Gives China's 2019 HS8 lines and each line's total on 2019-06-01.
const BJZ_FILE = "piie-bjz-china-tariff-rates-2019-06-12.csv";

interface Schedule2019 {
  /** HS6 -> its HS8 lines. */
  lines: Map<string, string[]>;
  /** HS8 -> its highest HS10 total (MFN + retaliation) after 2019-06-01, ppm. */
  june: Map<string, number>;
  /** HS8 -> the April 2 2018 change (the countermeasure to Section 232), ppm, where not 0. */
  april: Map<string, number>;
}
function loadSchedule2019(): Schedule2019 {
  const file = join(cnOut, BJZ_FILE);
  const out: Schedule2019 = { lines: new Map(), june: new Map(), april: new Map() };
  for (const row of rowsOf(file)) {
    const hs10 = row.hs10 ?? "";
    // 28 lines split by value carry a letter (8521101100A/B).
    if (!/^\d{10}[AB]?$/.test(hs10)) throw new Error(`${file}: bad code "${hs10}"`);
    const hs8 = hs10.slice(0, 8);
    const changes = Object.entries(row)
      .filter(([k]) => k !== "hs10")
      .map(([k, v]) => ppm(v === "" ? "0" : v, `${file} ${hs10} ${k}`));
    const total = changes.reduce((a, b) => a + b, 0);
    const h6 = hs8.slice(0, 6);
    const lines = out.lines.get(h6) ?? [];
    if (!lines.includes(hs8)) out.lines.set(h6, [...lines, hs8]);
    out.june.set(hs8, Math.max(out.june.get(hs8) ?? Number.NEGATIVE_INFINITY, total));
    const apr = ppm(row.apr02_2018_s232 || "0", hs10);
    if (apr !== 0) out.april.set(hs8, apr);
  }
  return out;
}

interface SeptInference {
  /**
   * basis: "hs6-single-line"; "hs6-single-line-successor" for a 2025 line that splits that single line;
   * "hs6-max-setter" for the one line of a several-line HS6 whose 2019-06-01 total is 10 or 5 below the HS6's new
   * maximum (the new maximum is some listed line's old total plus 10 or 5: when only one line fits, it is that one).
   */
  inferred: (SeptLine & { hs6: string; basis: string })[];
  /** HS6 with a Sept 2019 increase whose lines are not all known: [hs6, increase, lines, known lines]. */
  gaps: string[][];
}
function inferSept(
  waugh: Map<string, (number | null)[]>,
  schedule: Schedule2019,
  partial: SeptLine[],
  lines2025: string[],
) {
  const jun = WAUGH_DATES.indexOf("2019-06-01");
  const sep = WAUGH_DATES.indexOf("2019-09-01");
  const known = new Map(partial.map((s) => [s.code, s]));
  const out: SeptInference = { inferred: [], gaps: [] };
  for (const [hs6, values] of [...waugh.entries()].sort()) {
    const before = values[jun];
    const after = values[sep];
    if (before === null || after === null || before === undefined || after === undefined) continue;
    const increase = after - before;
    if (increase <= 0) continue;
    const lines = schedule.lines.get(hs6) ?? [];
    const only = lines.length === 1 ? lines[0] : undefined;
    if (only !== undefined) {
      if (increase !== 100_000 && increase !== 50_000)
        throw new Error(
          `${WAUGH_FILE}: ${hs6} has one line and rises by ${pct(increase)} on 2019-09-01 (not 10 or 5)`,
        );
      const listed = known.get(only);
      if (listed) {
        if (listed.r0901 !== increase)
          throw new Error(
            `${only}: the partial Sept 2019 list says ${pct(listed.r0901)}, Waugh's HS6 ${pct(increase)}`,
          );
        continue;
      }
      out.inferred.push({
        code: only,
        hs6,
        r0901: increase,
        r0214: increase / 2,
        name: "",
        basis: "hs6-single-line",
      });
      // A 2025 line of that HS6 that China's 2019 schedule does not have splits the single 2019 line.
      for (const code of [...new Set(lines2025)].sort())
        if (code.slice(0, 6) === hs6 && code !== only && !known.has(code))
          out.inferred.push({
            code,
            hs6,
            r0901: increase,
            r0214: increase / 2,
            name: "",
            basis: "hs6-single-line-successor",
          });
      continue;
    }
    const juneMax = Math.max(...lines.map((c) => schedule.june.get(c) ?? Number.NEGATIVE_INFINITY));
    if (juneMax !== before)
      throw new Error(`${hs6}: Waugh's 2019-06-01 maximum ${pct(before)}, PIIE's lines ${pct(juneMax)}`);
    const fits = lines.filter((c) => [100_000, 50_000].includes(after - (schedule.june.get(c) ?? 0)));
    const setter = fits.length === 1 ? fits[0] : undefined;
    const listedSetter = setter === undefined ? undefined : known.get(setter);
    if (
      setter !== undefined &&
      listedSetter &&
      listedSetter.r0901 !== after - (schedule.june.get(setter) ?? 0)
    )
      throw new Error(
        `${setter}: the partial Sept 2019 list says ${pct(listedSetter.r0901)}, Waugh and PIIE imply otherwise`,
      );
    if (setter !== undefined && !known.has(setter)) {
      const rate = after - (schedule.june.get(setter) ?? 0);
      out.inferred.push({
        code: setter,
        hs6,
        r0901: rate,
        r0214: rate / 2,
        name: "",
        basis: "hs6-max-setter",
      });
    }
    const listedHere = lines.filter((c) => known.has(c) || c === setter);
    out.gaps.push([hs6, pct(increase), String(lines.length), listedHere.join(";")]);
  }
  return out;
}

/** Headings/subheadings under China's tariff-rate quotas (wheat, maize, rice, sugar, wool, cotton, fertilisers). */
const TRQ_HS4 = ["1001", "1005", "1006", "1101", "1102", "1103", "1701", "5101", "5105", "5201", "5203"];
const TRQ_HS6 = ["310210", "310520", "310530"];

// ---------------------------------------------------------------------------------------------

function main(): void {
  const piie = loadPiie();
  const septPartial = loadSept();
  const april = loadApril();
  const waugh = loadWaugh();
  const energy = loadEnergy();
  const anchors = loadAnchors();
  const farm = loadFarm();
  const schedule2019 = loadSchedule2019();
  const lines2019 = new Set([...schedule2019.lines.values()].flat());
  writeCsv(
    join(cnOut, "schedule-2019-hs8.csv"),
    ["hs8"],
    [...lines2019].sort().map((c) => [c]),
  );
  // The PIIE line data's April 2 2018 column is the annex transcribed by hand: the same 128 lines and rates.
  const aprilDiff = [
    ...april.filter((a) => schedule2019.april.get(a.code) !== a.rate).map((a) => a.code),
    ...[...schedule2019.april.keys()].filter((c) => !april.some((a) => a.code === c)),
  ];
  if (aprilDiff.length > 0)
    throw new Error(`April 2018 list and ${BJZ_FILE} differ on ${aprilDiff.join(", ")}`);
  const septInference = inferSept(waugh, schedule2019, septPartial, [
    ...farm.map((f) => f.code),
    ...energy.map((e) => e.code),
  ]);
  const sept = [...septPartial, ...septInference.inferred];
  const wto = loadWto();
  const wtoHs6 = new Set(wto.map((w) => w.hs6));
  for (const f of farm)
    if (!wtoHs6.has(f.code.slice(0, 6))) {
      f.note = [
        f.note,
        `HS6 ${f.code.slice(0, 6)} is not an HS2022 subheading: code probably mis-transcribed in the source list (not corrected)`,
      ]
        .filter(Boolean)
        .join("; ");
      note(
        `- farm list annex ${f.annex} item ${f.item}: ${f.code} has an HS6 that is not in HS2022 (left as given).`,
      );
    }

  // -- counts checked against the announcements
  const count = (f: (l: PiieLine) => boolean) => piie.filter(f).length;
  const expect = (what: string, got: number, want: number) => {
    if (got !== want) throw new Error(`${what}: ${got} lines, the announcement says ${want}`);
  };
  expect(
    "batch 1 (〔2018〕5号)",
    count((l) => l.batch === 1),
    545,
  );
  expect(
    "batch 2 (〔2018〕7号)",
    count((l) => l.batch === 2),
    333,
  );
  expect(
    "batch 3 (〔2018〕6号)",
    count((l) => l.batch === 3),
    5207,
  );
  for (const [annex, n] of [
    ["1", 2493],
    ["2", 1078],
    ["3", 974],
    ["4", 662],
  ] as const)
    expect(
      `batch 3 annex ${annex}`,
      count((l) => l.annex === annex),
      n,
    );
  expect(
    "suspended, batch 1 (〔2018〕10号 annex 1)",
    count((l) => l.suspended && l.batch === 1),
    28,
  );
  expect(
    "suspended, batch 2 (annex 2)",
    count((l) => l.suspended && l.batch === 2),
    116,
  );
  expect(
    "suspended, batch 3 (annex 3)",
    count((l) => l.suspended && l.batch === 3),
    67,
  );

  // -- successor lines: a 2025 line (farm or energy list) that the 2018 lists do not name inherits the 2018
  // treatment of its HS6 when every 2018 line of that HS6 had the same one (soybeans 12019010 → 12019011/19),
  // provided China's 2019 schedule does not have it (03054110 existed and was not listed).
  const piieCodes = new Set(piie.map((l) => l.code));
  const treatment = (l: PiieLine) => [l.batch, l.annex, l.r.sep24, l.rate20190601, l.suspended].join("|");
  const successors: { line: PiieLine; of: string[] }[] = [];
  for (const code of [...new Set([...farm.map((f) => f.code), ...energy.map((e) => e.code)])].sort()) {
    // A line of China's 2019 schedule that the 2018 lists do not name was not listed: not a successor.
    if (piieCodes.has(code) || lines2019.has(code)) continue;
    const same = piie.filter((l) => l.code.slice(0, 6) === code.slice(0, 6));
    const first = same[0];
    if (first === undefined || new Set(same.map(treatment)).size !== 1) continue;
    successors.push({ line: { ...first, code, name: "" }, of: same.map((l) => l.code) });
  }
  const successorSource = (of: string[]) =>
    `successor: a 2025 line absent from the 2018 lists, given the treatment shared by every 2018 line of its HS6 (${of.join(", ")}); inferred`;
  const withSuccessors = (batch: 1 | 2 | 3) => [
    ...piie.filter((l) => l.batch === batch).map((l) => ({ line: l, source: batchSource[batch] ?? "" })),
    ...successors
      .filter((x) => x.line.batch === batch)
      .map((x) => ({ line: x.line, source: successorSource(x.of) })),
  ];

  // -- list files
  const batchSource: Record<number, string> = {
    1: `${PIIE_SOURCE}; CTC 税委会公告〔2018〕5号`,
    2: `${PIIE_SOURCE}; CTC 税委会公告〔2018〕7号`,
    3: `${PIIE_SOURCE}; CTC 税委会公告〔2018〕6号/〔2018〕8号/〔2019〕3号`,
  };
  const yn = (b: boolean) => (b ? "yes" : "no");
  writeCsv(
    join(listsOut, "retaliation-2018-2019.csv"),
    [
      "code",
      "batch",
      "annex",
      "reta_2018_07_06",
      "reta_2018_08_23",
      "reta_2018_09_24",
      "reta_2019_01_01",
      "reta_2019_06_01",
      "off_date",
      "name_zh",
      "source",
    ],
    piie.map((l) => [
      l.code,
      String(l.batch),
      l.annex,
      pct(l.r.jul06),
      pct(l.r.aug23),
      pct(l.r.sep24),
      pct(l.r.jan01),
      pct(l.r.jun01),
      l.suspended ? "2019-01-01" : "",
      l.name,
      PIIE_SOURCE,
    ]),
  );
  for (const [batch, file] of [
    [1, "ctc-2018-5-batch1.csv"],
    [2, "ctc-2018-7-batch2.csv"],
  ] as const)
    writeCsv(
      join(listsOut, file),
      ["code", "rate", "autos_suspended", "name_zh", "source"],
      withSuccessors(batch).map(({ line: l, source }) => [l.code, "25", yn(l.suspended), l.name, source]),
    );
  writeCsv(
    join(listsOut, "ctc-2018-6-batch3.csv"),
    ["code", "annex", "rate_2018_09_24", "rate_2019_06_01", "autos_suspended", "name_zh", "source"],
    withSuccessors(3).map(({ line: l, source }) => [
      l.code,
      l.annex,
      pct(l.r.sep24),
      pct(l.rate20190601),
      yn(l.suspended),
      l.name,
      source,
    ]),
  );
  writeCsv(
    join(listsOut, "ctc-2018-autos-suspended.csv"),
    ["code", "batch", "annex", "rate_suspended", "suspended_from", "name_zh", "source"],
    piie
      .filter((l) => l.suspended)
      .map((l) => [
        l.code,
        String(l.batch),
        l.annex,
        pct(l.suspendedRate),
        "2019-01-01",
        l.name,
        `${PIIE_SOURCE} (off_date 1/1/2019); CTC 税委会公告〔2018〕10号`,
      ]),
  );
  writeCsv(
    join(listsOut, "ctc-2025-2-farm.csv"),
    ["code", "rate", "annex", "item", "name_en", "note", "source"],
    farm.map((f) => [
      f.code,
      pct(f.rate),
      String(f.annex),
      String(f.item),
      f.nameEn,
      f.note,
      `waugh-china-${f.annex === 1 ? 15 : 10}-percent-030425.csv (trade-war-redux-2025, MIT); CTC 税委会公告2025年第2号 annex ${f.annex}`,
    ]),
  );

  writeCsv(
    join(cnOut, "waugh-hs6-2018-2019.csv"),
    ["hs6", ...WAUGH_DATES.map((d) => `total_${d.replace(/-/g, "_")}`)],
    [...waugh.entries()]
      .sort()
      .map(([hs6, values]) => [hs6, ...values.map((v) => (v === null ? "" : pct(v)))]),
  );
  writeCsv(
    join(listsOut, "ctc-2019-4-sept-inferred.csv"),
    ["code", "rate_2019_09_01", "rate_2020_02_14", "hs6", "basis", "source"],
    septInference.inferred.map((s) => [
      s.code,
      pct(s.r0901),
      pct(s.r0214),
      s.hs6,
      s.basis,
      s.basis === "hs6-single-line"
        ? `inferred: the HS6's only 2019 line (PIIE); Waugh HS6 total +${pct(s.r0901)} on 2019-09-01`
        : s.basis === "hs6-max-setter"
          ? "inferred: the only line whose 2019-06-01 total (PIIE) is 10 or 5 below Waugh's HS6 maximum of 2019-09-01"
          : `inferred: a 2025 line splitting the HS6's only 2019 line (PIIE); Waugh HS6 total +${pct(s.r0901)} on 2019-09-01`,
    ]),
  );
  writeCsv(
    join(listsOut, "ctc-2019-4-sept-gap-hs6.csv"),
    ["hs6", "waugh_increase_2019_09_01", "lines_2019", "lines_known", "source"],
    septInference.gaps.map((g) => [...g, "Waugh HS6 maximum rises on 2019-09-01; which lines is unknown"]),
  );

  // -- per-line legacy retaliation still applied on 2025-01-01
  const legacyLaw = new Map<string, number>(); // as the law stands (suspended autos: 0)
  const legacyWto = new Map<string, number>(); // as the WTO figures appear to count it (suspended 25% vehicles kept)
  const suspendedVehicle = new Set<string>();
  for (const l of piie) {
    legacyLaw.set(l.code, l.r.jun01);
    legacyWto.set(l.code, l.suspended && l.suspendedRate === 250_000 ? 250_000 : l.r.jun01);
    if (l.suspended && l.suspendedRate === 250_000) suspendedVehicle.add(l.code);
  }
  // 2025 successor lines come below, with the other known lines.
  for (const s of sept) {
    if ("basis" in s && s.basis === "hs6-single-line-successor") continue;
    legacyLaw.set(s.code, (legacyLaw.get(s.code) ?? 0) + s.r0214);
    legacyWto.set(s.code, (legacyWto.get(s.code) ?? 0) + s.r0214);
  }
  // The April 2018 lines are national lines of their HS6 too (the engine averages over them), with nothing the WTO
  // counts: its figures leave out the countermeasure to Section 232 (pork 0203.29: 42 = 12 + 25 + 5; USDA: 67).
  for (const a of april) {
    if (!legacyLaw.has(a.code)) legacyLaw.set(a.code, 0);
    if (!legacyWto.has(a.code)) legacyWto.set(a.code, 0);
  }
  // The other known lines of an HS6 with listed lines are averaged too, as the engine averages over them: a 2025
  // successor with its 2019 line's rates, any other line (of a 2025 list, not named by the 2018-2019 lists) at 0.
  const hs6Listed = new Set([...legacyLaw.keys()].map((c) => c.slice(0, 6)));
  const batchSuccessor = new Map(successors.map((x) => [x.line.code, x.line]));
  const septSuccessor = new Map(
    septInference.inferred
      .filter((x) => x.basis === "hs6-single-line-successor")
      .map((x) => [x.code, x.r0214]),
  );
  for (const code of [...farm.map((f) => f.code), ...energy.map((e) => e.code), ...septSuccessor.keys()]) {
    if (!hs6Listed.has(code.slice(0, 6)) || legacyLaw.has(code)) continue;
    const before = batchSuccessor.get(code);
    const sept2019 = septSuccessor.get(code) ?? 0;
    legacyLaw.set(code, (before?.r.jun01 ?? 0) + sept2019);
    const wtoCounted =
      before?.suspended && before.suspendedRate === 250_000 ? 250_000 : (before?.r.jun01 ?? 0);
    legacyWto.set(code, wtoCounted + sept2019);
  }
  const linesByHs6 = new Map<string, string[]>();
  for (const code of [...legacyLaw.keys()].sort()) {
    const h = code.slice(0, 6);
    linesByHs6.set(h, [...(linesByHs6.get(h) ?? []), code]);
  }

  // HS4s where the 2018 (HS2017) codes of the lists are missing from the WTO (HS2022) file.
  const wtoSet = new Set(wto.map((w) => w.hs6));
  const renumbered = new Map<string, string[]>(); // hs4 -> HS2017 hs6 codes not in WTO
  for (const h of linesByHs6.keys())
    if (!wtoSet.has(h)) renumbered.set(h.slice(0, 4), [...(renumbered.get(h.slice(0, 4)) ?? []), h]);

  const hs6Rows: string[][] = [];
  const tally = new Map<string, number>();
  const bump = (k: string) => tally.set(k, (tally.get(k) ?? 0) + 1);
  for (const w of wto) {
    const tags: string[] = [];
    const lines = linesByHs6.get(w.hs6) ?? [];
    let legacy: number | null = null;
    let mfn: number | null = null;
    if (lines.length) {
      legacy = mean(lines.map((c) => legacyLaw.get(c) ?? 0));
    }
    if (w.best === null) {
      tags.push("wto-blank");
    } else if (!lines.length) {
      mfn = w.best;
      tags.push("no-listed-retaliation");
    } else {
      const hasSuspendedVehicle = lines.some((c) => suspendedVehicle.has(c));
      const asWto = mean(lines.map((c) => legacyWto.get(c) ?? 0));
      if (hasSuspendedVehicle && w.best - asWto >= 0) {
        mfn = w.best - asWto;
        tags.push(`netted-incl-suspended-autos(netted=${pct(asWto)})`);
      } else if (w.best - (legacy ?? 0) >= 0) {
        mfn = w.best - (legacy ?? 0);
        tags.push("netted");
      } else {
        mfn = w.best;
        tags.push("not-netted:best<legacy");
      }
    }
    const r = renumbered.get(w.hs6.slice(0, 4));
    if (r && !lines.length) tags.push(`hs2022-successor-of:${r.join("+")}`);
    if (TRQ_HS4.includes(w.hs6.slice(0, 4)) || TRQ_HS6.includes(w.hs6)) tags.push("trq");
    const anchor = anchors.get(w.hs6);
    if (anchor) {
      if (mfn === anchor.mfn) tags.push("anchor-ok");
      else {
        tags.push(`anchor-override(derived=${mfn === null ? "" : pct(mfn)})`);
        mfn = anchor.mfn;
      }
    }
    for (const t of tags) bump(t.replace(/[(:].*$/, ""));
    hs6Rows.push([
      w.hs6,
      w.best === null ? "" : pct(w.best),
      String(w.imports),
      mfn === null ? "" : pct(mfn),
      legacy === null ? "" : pct(legacy),
      tags.join(";"),
    ]);
  }
  for (const a of anchors.keys())
    if (!wtoSet.has(a)) throw new Error(`mfn-anchors.csv: ${a} not in the WTO file`);
  writeCsv(
    join(cnOut, "hs6.csv"),
    [
      "hs6",
      "best_avlbl_2025_01_01",
      "imports_usd",
      "base_derived",
      "legacy_retaliation_2025_01_01",
      "derivation",
    ],
    hs6Rows,
  );

  // -- HS8 concordance
  interface H8 {
    nameZh: string;
    nameEn: string;
    lists: Set<string>;
  }
  const hs8 = new Map<string, H8>();
  const add = (code: string, list: string, nameZh = "", nameEn = "") => {
    const e = hs8.get(code) ?? { nameZh: "", nameEn: "", lists: new Set<string>() };
    if (!e.nameZh && nameZh) e.nameZh = nameZh;
    if (!e.nameEn && nameEn) e.nameEn = nameEn;
    e.lists.add(list);
    hs8.set(code, e);
  };
  for (const l of piie) add(l.code, `ctc-2018-batch${l.batch}`, l.name);
  for (const a of april) add(a.code, "ctc-2018-13-s232", a.nameZh);
  for (const s of septPartial) add(s.code, "ctc-2019-4-sept-batch1-partial", "", s.name);
  for (const s of septInference.inferred) add(s.code, "ctc-2019-4-sept-inferred");
  for (const e of energy) add(e.code, "ctc-2025-feb-energy", e.nameZh, e.nameEn);
  for (const f of farm) add(f.code, "ctc-2025-2-farm", "", f.nameEn);
  const hs8Rows: string[][] = [];
  const unmatched: string[][] = [];
  for (const code of [...hs8.keys()].sort()) {
    const e = hs8.get(code);
    if (!e) continue;
    const h6 = code.slice(0, 6);
    const lists = [...e.lists].sort().join(";");
    const inHs6 = wtoSet.has(h6);
    hs8Rows.push([code, h6, e.nameZh, e.nameEn, lists, inHs6 ? "yes" : "no"]);
    if (!inHs6)
      unmatched.push([
        code,
        h6,
        lists,
        /ctc-2025/.test(lists)
          ? "HS6 is not an HS2022 subheading although the list is of 2025: probably mis-transcribed in the third-party list (not corrected)"
          : "HS6 absent from the WTO 2025-01-01 file (HS2022): an HS2017 subheading of China's 2018 schedule, renumbered in HS2022",
      ]);
  }
  writeCsv(join(cnOut, "hs8.csv"), ["hs8", "hs6", "name_zh", "name_en", "lists", "hs6_in_hs6_csv"], hs8Rows);
  writeCsv(join(cnOut, "hs8-unmatched.csv"), ["hs8", "hs6", "lists", "reason"], unmatched);

  // -- report
  const blank = wto.filter((w) => w.best === null);
  const head = [
    "# build-cn report (generated by scripts/build-cn.ts; do not edit)",
    "",
    "## Inputs",
    `- ${PIIE_FILE}: ${piie.length} HS8 lines (batch 1 ${count((l) => l.batch === 1)}, batch 2 ${count((l) => l.batch === 2)}, batch 3 ${count((l) => l.batch === 3)}; suspended autos ${count((l) => l.suspended)}).`,
    `- wto_cn_applied_on_us_hs6_2025-01-01.csv: ${wto.length} HS6 rows, ${blank.length} with a blank best_avlbl.`,
    `- farm lists: ${farm.filter((f) => f.annex === 1).length} + ${farm.filter((f) => f.annex === 2).length} lines kept.`,
    `- successor lines: ${successors.length} 2025 lines absent from the 2018 lists added to the 2018 batch files with the treatment every 2018 line of their HS6 shared (source column says so): ${successors.map((x) => x.line.code).join(", ")}.`,
    `- hand-checked: ${septPartial.length} Sept 2019 lines, ${april.length} April 2018 lines, ${energy.length} Feb 2025 lines, ${anchors.size} MFN anchors.`,
    `- ${WAUGH_SOURCE}: ${waugh.size} HS6; Sept 2019 lines inferred (single-line HS6, their 2025 successors, the one line that can set a several-line HS6's new maximum): ${septInference.inferred.length} (${septInference.inferred.filter((s) => s.r0901 === 100_000).length} at 10, ${septInference.inferred.filter((s) => s.r0901 === 50_000).length} at 5); HS6 with a Sept 2019 increase whose lines are unknown (gaps): ${septInference.gaps.length}.`,
    "",
    "## Odd input rows",
    `- WTO rows with a blank best_avlbl (left blank, never zeroed): ${blank.map((w) => `${w.hs6} (imports $${w.imports})`).join(", ")}.`,
    ...report,
    `- HS2017 HS6 codes of the lists that the WTO file (HS2022) does not have (${[...renumbered.values()].flat().length}): ${[...renumbered.values()].flat().join(", ")}.`,
    "",
    "## hs6.csv derivation tags",
    ...[...tally.entries()].sort().map(([k, v]) => `- ${k}: ${v}`),
    "",
    "## hs8.csv",
    `- ${hs8Rows.length} HS8 lines; ${unmatched.length} whose HS6 is not in hs6.csv (listed in hs8-unmatched.csv).`,
    "",
  ];
  writeFileSync(join(cnOut, "build-report.md"), head.join("\n"));
  console.log(head.join("\n"));
}

main();
