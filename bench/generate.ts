/**
 * Writes the benchmark input: `rows` entries (code,origin,date,value), deterministic for a seed.
 * Codes are real HTS10 codes of the shipped nomenclature, every one equally likely, taken among
 * those in force on every date of the range (the first day and every date on which the line
 * answering for them may change), so that rows do not fail on their code; ~70% of origins are CN, the rest HK, VN, MX, DE and US; dates are uniform
 * over 2018-01-01..2026-11-27; values are log-uniform from $1 to $1,000,000, with cents. The file
 * is written again only when the spec or the list of codes changes.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { loadHts } from "../src/nomenclature/hts.js";
import { prng } from "./common.js";

export const FIRST_DAY = "2018-01-01";
export const LAST_DAY = "2026-11-27";
const ORIGINS = ["HK", "VN", "MX", "DE", "US"];

export interface Spec {
  rows: number;
  seed: number;
}

/** Codes every row may use: HTS10 codes in force on every date of the range. */
export function benchCodes(): string[] {
  const hts = loadHts();
  const out: string[] = [];
  for (const c of hts.codes10()) {
    const dates = [FIRST_DAY, ...hts.changeDates(c, FIRST_DAY, LAST_DAY)];
    if (dates.every((d) => hts.inForce(c, d) !== undefined)) out.push(c);
  }
  return out;
}

function days(): string[] {
  const out: string[] = [];
  const end = Date.parse(`${LAST_DAY}T00:00:00Z`);
  for (let t = Date.parse(`${FIRST_DAY}T00:00:00Z`); t <= end; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** Generates the file unless one for the same spec is already there. Returns true if it wrote one. */
export async function ensureInput(path: string, spec: Spec): Promise<boolean> {
  const meta = `${path}.meta.json`;
  const codes = benchCodes();
  let hash = 0;
  for (const c of codes)
    for (let i = 0; i < c.length; i++) hash = (Math.imul(hash, 31) + c.charCodeAt(i)) | 0;
  const want = JSON.stringify({
    ...spec,
    firstDay: FIRST_DAY,
    lastDay: LAST_DAY,
    codes: codes.length,
    hash,
    version: 1,
  });
  if (existsSync(path) && existsSync(meta) && readFileSync(meta, "utf8") === want) return false;
  mkdirSync(dirname(path), { recursive: true });
  const dates = days();
  const rand = prng(spec.seed);
  const out = createWriteStream(path);
  let buf = "code,origin,date,value\n";
  for (let i = 0; i < spec.rows; i++) {
    const code = codes[Math.floor(rand() * codes.length)] as string;
    const o = rand();
    const origin = o < 0.7 ? "CN" : (ORIGINS[Math.floor(((o - 0.7) / 0.3) * ORIGINS.length)] as string);
    const date = dates[Math.floor(rand() * dates.length)] as string;
    const cents = Math.floor(Math.exp(rand() * Math.log(1e8))) + 99;
    buf += `${code},${origin},${date},${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, "0")}\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once("drain", () => r()));
      buf = "";
    }
  }
  out.write(buf);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  writeFileSync(meta, want);
  return true;
}
