/** Reads a weights file (CSV `code,origin,value`; extra columns ignored), reporting bad rows by line. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { defaultDataDir } from "../law/data-dir.js";
import type { Issuer } from "../law/model.js";
import { cacheDirOf, cacheOff, keptParse } from "../units/cache.js";
import { csvParser, parseCsv } from "../units/readers.js";
import type { WeightRow } from "./average.js";

/**
 * How a shipped weights row's code was found in the nomenclature (the file's `mapping` column):
 * the code itself (`hts10`, `hs6`); its HTS8 still exists (`hts8`: the HTS8 or its one current line, or
 * in the 2017 US weights a renumbered statistical number read at its HTS8; `hts8-1:n`: split over the
 * HTS8's current lines); an HS 2017-era code kept, read through its successors once it has left the
 * schedule (`successors`, the 2017 US weights); carried by the HS 2022–HS 2017 concordance to one
 * successor (`1:1`) or split over several (`1:n`); or not found (`unmapped`: kept with its code,
 * reported by the average, never averaged).
 */
export type MappingClass = "hts10" | "hts8" | "hts8-1:n" | "successors" | "hs6" | "1:1" | "1:n" | "unmapped";

/** Per mapping class: how many codes of the source year (the `source` column) and their value. */
export type MappingReport = Partial<Record<MappingClass, { sourceCodes: number; value: number }>>;

export interface WeightsFile {
  path: string;
  rows: WeightRow[];
  /** Rows that could not be read: line, field and what was expected. */
  errors: string[];
  description: string;
  /** For files with a `mapping` column (the shipped weights): value by mapping class. */
  mapping?: MappingReport;
}

/** The columns a weights file is read for (the others, e.g. a description, are not kept). */
const READ_COLUMNS = ["code", "origin", "value", "mapping", "source"];

/**
 * Reads a weights file. `cacheDir`: where the rows csv-parse reads are kept between runs (see
 * `keptParse`), for the shipped files.
 */
export function readWeights(path: string, description = path, cacheDir?: string): WeightsFile {
  const bytes = readFileSync(path);
  const records = keptParse(
    cacheDir,
    "csv-weights",
    bytes,
    csvParser(`weights rows (${READ_COLUMNS.join(",")}) and lines`),
    () =>
      (
        parseCsv(bytes.toString("utf8"), {
          columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
          skip_empty_lines: true,
          bom: true,
          relax_column_count: true,
          info: true,
        }) as unknown as { record: Record<string, string>; info: { lines: number } }[]
      ).map(({ record, info }) => ({
        record: Object.fromEntries(
          READ_COLUMNS.filter((c) => Object.hasOwn(record, c)).map((c) => [c, record[c]]),
        ),
        info: { lines: info.lines },
      })),
  );
  const rows: WeightRow[] = [];
  const errors: string[] = [];
  const bySource = new Map<string, { sources: Set<string>; value: number }>();
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
    else {
      rows.push({ code, origin, value, line: info.lines });
      if (record.mapping !== undefined) {
        const m = bySource.get(record.mapping) ?? { sources: new Set<string>(), value: 0 };
        m.sources.add(record.source ?? code);
        m.value += value;
        bySource.set(record.mapping, m);
      }
    }
  }
  const file: WeightsFile = { path, rows, errors, description };
  if (bySource.size > 0) {
    file.mapping = Object.fromEntries(
      [...bySource].map(([k, v]) => [k, { sourceCodes: v.sources.size, value: v.value }]),
    );
  }
  return file;
}

const shipped = new Map<string, WeightsFile>();

/** The years of the shipped weights, by importer. */
export const WEIGHTS_YEARS: Record<Issuer, readonly string[]> = {
  US: ["2017", "2024"],
  CN: ["2017", "2022", "2023", "2024"],
};

const WEIGHTS_FILES: Record<Issuer, (year: string) => [file: string, description: string]> = {
  US: (year) =>
    year === "2017"
      ? [
          "us-imports-from-cn-2017.csv",
          "US imports from China, 2017, by HTS10 (USITC DataWeb, general customs value), in their 2017 codes (read through their successors once they leave the schedule)",
        ]
      : ["us-imports-from-cn-2024.csv", "US imports for consumption from China, 2024, by HTS10 (Census)"],
  CN: (year) =>
    year === "2017"
      ? [
          "us-exports-to-cn-2017.csv",
          "US exports to China, 2017, by HS6 (UN Comtrade, US-reported, HS 2017), carried to HS 2022 by the UNSD correlation",
        ]
      : [`us-exports-to-cn-${year}.csv`, `US exports to China, ${year}, by HS6 (US-reported, Census values)`],
};

/** The shipped weights: US imports from China (HTS10, 2017 or 2024) or US exports to China (HS6, a year). */
export function defaultWeights(dataDir: string, importer: Issuer, year = "2024"): WeightsFile {
  const years = WEIGHTS_YEARS[importer];
  if (!years.includes(year)) {
    throw new Error(`weights year ${year} for importer ${importer}: expected ${years.join(", ")}`);
  }
  const [file, description] = WEIGHTS_FILES[importer](year);
  const path = join(dataDir, "weights", file);
  // The shipped files do not change while the process runs: each is read once.
  let w = shipped.get(path);
  if (!w) {
    w = readWeights(
      path,
      description,
      !cacheOff() && dataDir === defaultDataDir() ? cacheDirOf(dirname(dataDir)) : undefined,
    );
    shipped.set(path, w);
  }
  return w;
}
