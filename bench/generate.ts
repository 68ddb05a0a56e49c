/**
 * Writes the benchmark inputs: what users send, deterministic for a seed (`Random`, integer
 * arithmetic only). Columns code,origin,date,value,importer; every row distinct.
 *
 * - Dates uniform over 2018-01-01..2026-11-27 (from 2018-01-02 for China as importer: midnight in Beijing
 *   on the first day is before the first instant covered).
 * - Importer US (90%): a code of the US schedule in force on the row's date (`Hts.inForce`, across the
 *   2018-2024 editions and the 2025-2026 revisions): an HTS10 code, an HTS8 code for a line that has
 *   no HTS10 code in the data, or an HS 2017-era code gone since (`Hts.succeededCodes`); written dotted (8541.43.00.10, 60%) or as
 *   digits (8541430010). Origins: CN 60%, the rest HK, VN, MX, CA, DE, JP, KR, TW, IN, TH.
 * - Importer CN (10%): an HS6 of China's schedule, or (half the time, where the retaliation lists name
 *   one) an HS8 line under it; dotted (8541.43, 8541.43.00) or digits. Origins: US 80%, the rest DE,
 *   JP, KR, AU, BR, CA.
 * - Values from $1 to $999,999: a number of digits (1-6), then a whole-dollar amount of that many
 *   digits, with cents 80% of the time.
 * - Bad rows of the realistic file: 0.75% codes out of date (a code of the schedule, neither it nor its
 *   HTS8 in force on the row's date), 0.75% unknown codes (in no revision; for China, an HS6 not in its
 *   schedule), and 0.01% each of a malformed value, a malformed date and a short row.
 *
 * The all-valid file has the same rows except that each bad one is replaced by a valid row. A third
 * file gives, for every code as written in either input, the rate the limit script multiplies by
 * (the line's base rate on a date it is in force, ad valorem only; 0 otherwise). Files are written
 * again only when the spec or the schedules change.
 */
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  type WriteStream,
  writeFileSync,
} from "node:fs";
import { dirname } from "node:path";
import { formatCode } from "../src/nomenclature/codes.js";
import type { Rate } from "../src/nomenclature/rates.js";
import { loadTruce } from "../src/truce.js";
import { Random } from "./common.js";

export const FIRST_DAY = "2018-01-01";
export const LAST_DAY = "2026-11-27";
export const HEADER = "code,origin,date,value,importer";
const US_OTHER_ORIGINS = ["HK", "VN", "MX", "CA", "DE", "JP", "KR", "TW", "IN", "TH"];
const CN_OTHER_ORIGINS = ["DE", "JP", "KR", "AU", "BR", "CA"];
/** Shares in rows per million. */
const SHARE = {
  cnImporter: 100_000,
  outOfDate: 7_500,
  unknown: 7_500,
  badValue: 100,
  badDate: 100,
  short: 100,
};

export interface Spec {
  rows: number;
  seed: number;
}

export interface Paths {
  realistic: string;
  valid: string;
  rates: string;
}

export interface InputStats {
  rows: number;
  /** Distinct rows of each file (checked with a set of the row texts). */
  distinct: { realistic: number; valid: number };
  /** Rows of the realistic file by kind. */
  kinds: Record<"valid" | "outOfDate" | "unknown" | "badValue" | "badDate" | "short", number>;
  /** Rows of the realistic file by how the code is written. */
  written: Record<"dotted" | "digits", number>;
  importerCn: number;
  /** Codes the US rows draw from (HTS10, and HTS8 without HTS10 in the data) and China's HS6. */
  usCodes: number;
  cnHs6: number;
}

function days(): string[] {
  const out: string[] = [];
  const end = Date.parse(`${LAST_DAY}T00:00:00Z`);
  for (let t = Date.parse(`${FIRST_DAY}T00:00:00Z`); t <= end; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** The ad valorem part of a base rate, in ppm (0 for free, specific or unparsed rates). */
function adValoremPpm(rate: Rate): number {
  if (rate.kind === "adValorem") return rate.ppm;
  if (rate.kind === "compound") return rate.parts.reduce((sum, p) => sum + adValoremPpm(p), 0);
  return 0;
}

class Output {
  private buf = "";
  constructor(private readonly out: WriteStream) {}
  async line(text: string): Promise<void> {
    this.buf += `${text}\n`;
    if (this.buf.length > 1 << 16) {
      if (!this.out.write(this.buf)) await new Promise<void>((r) => this.out.once("drain", () => r()));
      this.buf = "";
    }
  }
  end(): Promise<void> {
    this.out.write(this.buf);
    return new Promise((resolve, reject) => this.out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
}

/**
 * Writes the rows of a CSV file (its code in the first column) in order of heading: by the first four
 * digits of the code, in input order within a heading. The batch computed on it reads each heading's
 * tables while they are in the processor's cache, which bounds what computing rows in that order
 * could gain.
 */
export function writeInHeadingOrder(from: string, to: string): void {
  const lines = readFileSync(from, "utf8").split("\n");
  if (lines.at(-1) === "") lines.pop();
  const header = lines.shift() ?? "";
  const headingKey = (line: string): string => {
    let digits = "";
    for (let i = 0; i < line.length && digits.length < 4; i++) {
      const c = line[i] as string;
      if (c === ",") break;
      if (c >= "0" && c <= "9") digits += c;
    }
    return digits;
  };
  const keyed = lines.map((line) => ({ key: headingKey(line), line }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  writeFileSync(to, `${[header, ...keyed.map((k) => k.line)].join("\n")}\n`);
}

/** Generates the files unless they are there for the same spec. Returns their statistics and whether it wrote them. */
export async function ensureInputs(
  paths: Paths,
  spec: Spec,
): Promise<{ stats: InputStats; generated: boolean }> {
  const t = loadTruce();
  const { hts, cn } = t;
  const dates = days();
  const dayIndex = new Map(dates.map((d, i) => [d, i]));

  // The US codes and the day ranges [from, to) on which each is in force.
  const codes10 = [...hts.codes10()];
  const known10 = new Set(codes10);
  const known8 = new Set(hts.codes8());
  const with10 = new Set(codes10.map((c) => c.slice(0, 8)));
  // HS 2017-era codes gone from the current schedule (those with successors) are drawn on the dates
  // the 2018-2024 editions hold them.
  const gone = hts.succeededCodes().filter((c) => !known10.has(c) && !known8.has(c));
  const usCodes = [...new Set([...codes10, ...[...known8].filter((c) => !with10.has(c)), ...gone])];
  const everKnown = new Set([...known8, ...gone.map((c) => c.slice(0, 8))]);
  const ranges: number[][] = usCodes.map((code) => {
    const bounds = [FIRST_DAY, ...hts.changeDates(code, FIRST_DAY, LAST_DAY)];
    const out: number[] = [];
    bounds.forEach((d, k) => {
      if (hts.inForce(code, d) === undefined) return;
      const from = dayIndex.get(d) as number;
      const next = bounds[k + 1];
      const to = next === undefined ? dates.length : (dayIndex.get(next) as number);
      const last = out.length - 1;
      if (last > 0 && out[last] === from) out[last] = to;
      else out.push(from, to);
    });
    return out;
  });
  const inForceOn = (k: number, day: number): boolean => {
    const r = ranges[k] as number[];
    for (let j = 0; j < r.length; j += 2)
      if (day >= (r[j] as number) && day < (r[j + 1] as number)) return true;
    return false;
  };

  const hs6 = [...cn.codes()];
  const knownHs6 = new Set(hs6);
  const hs8Under = new Map(hs6.map((c) => [c, cn.resolve(c).lines.map((l) => l.code)]));

  let fingerprint = 0;
  for (const c of [...usCodes, ...hs6])
    for (let i = 0; i < c.length; i++) fingerprint = (Math.imul(fingerprint, 31) + c.charCodeAt(i)) | 0;
  const want = JSON.stringify({ ...spec, firstDay: FIRST_DAY, lastDay: LAST_DAY, fingerprint, version: 4 });
  const meta = `${paths.realistic}.meta.json`;
  if ([paths.realistic, paths.valid, paths.rates].every(existsSync) && existsSync(meta)) {
    const stored = JSON.parse(readFileSync(meta, "utf8")) as { spec: string; stats: InputStats };
    if (stored.spec === want) return { stats: stored.stats, generated: false };
  }

  const r = new Random(spec.seed);
  const pick = <T>(list: readonly T[]): T => list[r.below(list.length)] as T;
  /** Rate of each code as written (looked up by the limit script). */
  const rates = new Map<string, number>();
  const stats: InputStats = {
    rows: spec.rows,
    distinct: { realistic: 0, valid: 0 },
    kinds: { valid: 0, outOfDate: 0, unknown: 0, badValue: 0, badDate: 0, short: 0 },
    written: { dotted: 0, digits: 0 },
    importerCn: 0,
    usCodes: usCodes.length,
    cnHs6: hs6.length,
  };

  const value = (): string => {
    const digits = 1 + r.below(6);
    const low = 10 ** (digits - 1);
    const dollars = low + r.below(9 * low);
    return r.below(5) === 0 ? String(dollars) : `${dollars}.${String(r.below(100)).padStart(2, "0")}`;
  };
  const written = (code: string): string => {
    return r.below(10) < 6 ? formatCode(code) : code;
  };
  const usValidCode = (day: number): string => {
    for (;;) {
      const k = r.below(usCodes.length);
      if (!inForceOn(k, day)) continue;
      const code = usCodes[k] as string;
      const text = written(code);
      if (!rates.has(text))
        rates.set(text, adValoremPpm(hts.lineRate(code, dates[day] as string, false).rate));
      return text;
    }
  };
  const cnValidCode = (): string => {
    const six = pick(hs6);
    const under = hs8Under.get(six) as string[];
    const code = under.length > 0 && r.below(2) === 0 ? pick(under) : six;
    const text = written(code);
    if (!rates.has(text)) rates.set(text, adValoremPpm(cn.baseRates.mfn(code, FIRST_DAY).rate));
    return text;
  };
  /** A day and a code of the schedule not in force on it, nor its HTS8 (else it would be read as its HTS8). */
  const outOfDate = (): { day: number; code: string } => {
    for (;;) {
      const day = r.below(dates.length);
      for (let attempt = 0; attempt < 1000; attempt++) {
        const k = r.below(usCodes.length);
        if (inForceOn(k, day)) continue;
        const code = usCodes[k] as string;
        if (code.length === 10 && hts.inForce(code.slice(0, 8), dates[day] as string) !== undefined) continue;
        return { day, code: written(code) };
      }
    }
  };
  /** A code under a real HS6 that no revision holds, nor its HTS8 (on the row's date or any other). */
  const unknownUsCode = (day: number): string => {
    for (;;) {
      const code = `${pick(usCodes).slice(0, 6)}${String(r.below(10_000)).padStart(4, "0")}`;
      const hts8 = code.slice(0, 8);
      if (known10.has(code) || everKnown.has(hts8)) continue;
      if (hts.inForce(hts8, dates[day] as string) === undefined) return written(code);
    }
  };
  const unknownCnCode = (): string => {
    for (;;) {
      const code = `${pick(hs6).slice(0, 4)}${String(r.below(100)).padStart(2, "0")}`;
      if (!knownHs6.has(code)) return written(r.below(2) === 0 ? code : `${code}00`);
    }
  };
  const validRow = (): string => {
    const cnImporter = r.below(1_000_000) < SHARE.cnImporter;
    // 2018-01-01 in Beijing starts before the first covered instant (2018-01-01 00:00 in New York).
    const day = cnImporter ? 1 + r.below(dates.length - 1) : r.below(dates.length);
    const code = cnImporter ? cnValidCode() : usValidCode(day);
    const origin = cnImporter
      ? r.below(10) < 8
        ? "US"
        : pick(CN_OTHER_ORIGINS)
      : r.below(10) < 6
        ? "CN"
        : pick(US_OTHER_ORIGINS);
    return `${code},${origin},${dates[day]},${value()},${cnImporter ? "CN" : "US"}`;
  };

  mkdirSync(dirname(paths.realistic), { recursive: true });
  const realistic = new Output(createWriteStream(paths.realistic));
  const valid = new Output(createWriteStream(paths.valid));
  await realistic.line(HEADER);
  await valid.line(HEADER);
  const seen = new Set<string>();
  const seenValid = new Set<string>();
  const distinctValid = (): string => {
    for (;;) {
      const row = validRow();
      if (!seen.has(row) && !seenValid.has(row)) return row;
    }
  };
  for (let i = 0; i < spec.rows; i++) {
    let row: string;
    let bad = true;
    do {
      const kind = r.below(1_000_000);
      let edge = 0;
      const within = (share: number): boolean => {
        edge += share;
        return kind < edge;
      };
      if (within(SHARE.outOfDate)) {
        const { day, code } = outOfDate();
        row = `${code},${r.below(10) < 6 ? "CN" : pick(US_OTHER_ORIGINS)},${dates[day]},${value()},US`;
        if (!seen.has(row)) stats.kinds.outOfDate++;
      } else if (within(SHARE.unknown)) {
        const cnImporter = r.below(10) === 0;
        const day = 1 + r.below(dates.length - 1);
        const code = cnImporter ? unknownCnCode() : unknownUsCode(day);
        row = `${code},${cnImporter ? "US" : "CN"},${dates[day]},${value()},${cnImporter ? "CN" : "US"}`;
        if (!seen.has(row)) stats.kinds.unknown++;
      } else if (within(SHARE.badValue)) {
        const fields = validRow().split(",");
        fields[3] = pick([`${fields[3]}$`, `-${fields[3]}`, `${fields[3]}x`, "n/a"]);
        row = fields.join(",");
        if (!seen.has(row)) stats.kinds.badValue++;
      } else if (within(SHARE.badDate)) {
        const fields = validRow().split(",");
        const [y, m, d] = (fields[2] as string).split("-");
        fields[2] = pick([`${m}/${d}/${y}`, `${y}-${m}-32`, `${y}${m}${d}`, `${y}-13-${d}`]);
        row = fields.join(",");
        if (!seen.has(row)) stats.kinds.badDate++;
      } else if (within(SHARE.short)) {
        row = validRow().split(",").slice(0, 3).join(",");
        if (!seen.has(row)) stats.kinds.short++;
      } else {
        row = validRow();
        bad = false;
        if (!seen.has(row)) stats.kinds.valid++;
      }
    } while (seen.has(row));
    seen.add(row);
    if (row.endsWith(",CN")) stats.importerCn++;
    stats.written[row.slice(0, row.indexOf(",")).includes(".") ? "dotted" : "digits"]++;
    await realistic.line(row);
    if (bad) {
      const replacement = distinctValid();
      seenValid.add(replacement);
      await valid.line(replacement);
    } else {
      seenValid.add(row);
      await valid.line(row);
    }
  }
  await realistic.end();
  await valid.end();
  stats.distinct = {
    realistic: await distinctRows(paths.realistic),
    valid: await distinctRows(paths.valid),
  };
  writeFileSync(paths.rates, `code,rate_ppm\n${[...rates].map(([c, ppm]) => `${c},${ppm}`).join("\n")}\n`);
  writeFileSync(meta, JSON.stringify({ spec: want, stats }));
  return { stats, generated: true };
}

/** Distinct data rows of a file, counted from the file itself. */
async function distinctRows(path: string): Promise<number> {
  const rows = new Set(readFileSync(path, "utf8").split("\n"));
  rows.delete(HEADER);
  rows.delete("");
  return rows.size;
}
