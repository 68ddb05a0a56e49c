/** Reads a weights file (CSV `code,origin,value`; extra columns ignored), reporting bad rows by line. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { Issuer } from "../law/model.js";
import type { WeightRow } from "./average.js";

export interface WeightsFile {
  path: string;
  rows: WeightRow[];
  /** Rows that could not be read: line, field and what was expected. */
  errors: string[];
  description: string;
}

export function readWeights(path: string, description = path): WeightsFile {
  const records = parse(readFileSync(path, "utf8"), {
    columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
    skip_empty_lines: true,
    bom: true,
    relax_column_count: true,
    info: true,
  }) as { record: Record<string, string>; info: { lines: number } }[];
  const rows: WeightRow[] = [];
  const errors: string[] = [];
  if (records.length > 0) {
    const header = (records[0] as { record: Record<string, string> }).record;
    const missing = ["code", "origin", "value"].filter((c) => !Object.hasOwn(header, c));
    if (missing.length > 0)
      throw new Error(`${path}: the header lacks ${missing.join(", ")} (expected code,origin,value)`);
  }
  for (const { record, info } of records) {
    const code = (record.code ?? "").replace(/[.\s]/g, "");
    const origin = (record.origin ?? "").trim().toUpperCase();
    const value = Number((record.value ?? "").replace(/,/g, ""));
    if (!/^\d{6,10}$/.test(code))
      errors.push(`line ${info.lines}: code "${record.code}" is not an HS/HTS code (6 to 10 digits)`);
    else if (!/^[A-Z]{2}$/.test(origin))
      errors.push(`line ${info.lines}: origin "${record.origin}" is not an ISO alpha-2 code`);
    else if (!Number.isFinite(value) || value < 0)
      errors.push(`line ${info.lines}: value "${record.value}" is not a non-negative number`);
    else rows.push({ code, origin, value, line: info.lines });
  }
  return { path, rows, errors, description };
}

const shipped = new Map<string, WeightsFile>();

/** The shipped weights: US imports from China (HTS10, 2024) or US exports to China (HS6, a year). */
export function defaultWeights(dataDir: string, importer: Issuer, year = "2024"): WeightsFile {
  if (importer === "CN" && !["2022", "2023", "2024"].includes(year)) {
    throw new Error(`weights year ${year}: expected 2022, 2023 or 2024`);
  }
  const [file, description] =
    importer === "US"
      ? ["us-imports-from-cn-2024.csv", "US imports for consumption from China, 2024, by HTS10 (Census)"]
      : [`us-exports-to-cn-${year}.csv`, `US exports to China, ${year}, by HS6 (US-reported, Census values)`];
  const path = join(dataDir, "weights", file);
  // The shipped files do not change while the process runs: each is read once.
  let w = shipped.get(path);
  if (!w) {
    w = readWeights(path, description);
    shipped.set(path, w);
  }
  return w;
}
