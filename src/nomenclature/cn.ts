/**
 * China's import nomenclature as far as the data allows: HS6 lines with a base rate derived from
 * the WTO 2025-01-01 snapshot (data/cn/hs6.csv) and the HS8 national lines named by the retaliation
 * lists (data/cn/hs8.csv). A user may give an HS6, an HS8 or a 10-digit code.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type KeptParts, keptParts } from "../units/cache.js";
import { parseScaled } from "../units/money.js";
import { csvParser, readCsvFile } from "../units/readers.js";
import type { BaseRate, BaseRates } from "./base-rates.js";
import { CodeError, formatCode, headingOf } from "./codes.js";
import { nomenclatureCacheDir } from "./hts.js";
import type { Rate } from "./rates.js";

export interface CnLine {
  code: string;
  level: 6 | 8;
  hs6: string;
  name?: string;
}

export interface CnResolved {
  /** The code the answer is found at: the HS8 line, or the HS6 when no HS8 was given or known. */
  code: string;
  level: 6 | 8;
  /** For an HS6: the HS8 national lines known under it (from the retaliation lists). */
  lines: CnLine[];
  warnings: string[];
}

/** Why a code is not a line of China's schedule, as a plain value (no exception, no stack trace). */
export interface CnCodeProblem {
  code: string;
  message: string;
  /** Codes the user may have meant (digits), looked up only if called. */
  suggestions: () => string[];
}

export interface CnSchedule {
  /** Throws CodeError for a code that is not a line of the schedule. */
  resolve(input: string): CnResolved;
  /** `resolve` with the refusal returned: for batches, where a bad code is a common row. */
  lookup(input: string): CnResolved | CnCodeProblem;
  hs6(code: string): { mfn: BaseRate; derivation: string; bestAvailable2025: string } | undefined;
  /** Every HS6 of the schedule, in code order (by heading; in file order within one). */
  codes(): IterableIterator<string>;
  /** The HS8 national lines the lists name (data/cn/hs8.csv), in code order (as `codes`). */
  lines8(): Iterable<CnLine>;
  /** Descriptions of headings (4 digits) and HS6 lines (data/cn/hs-descriptions.csv; read on first use). */
  descriptions(): ReadonlyMap<string, string>;
  baseRates: BaseRates;
}

const EDITION =
  "data/cn/hs6.csv (the WTO's applied rates on US goods of 2025-01-01, less the 2018-2019 retaliation they count)";

/**
 * China's base layer. Its rate is derived from a total (the WTO's applied rate on US goods, net of the retaliation
 * it counts; data/cn/README.md), so it is never called an MFN rate; the citation says how each HS6 was derived.
 */
const BASE_LAYER = {
  authority: "cn-base",
  measure: "cn-base-derived",
  label: "Base rate (derived: the WTO's 2025 applied total on US goods less the retaliation it counts)",
} as const;

interface Hs6Line {
  mfn: BaseRate;
  derivation: string;
  bestAvailable2025: string;
}

interface Tables {
  six: Map<string, Hs6Line>;
  eight: Map<string, CnLine>;
  under: Map<string, CnLine[]>;
}

/**
 * A heading's rows (the codes with those first four digits) as kept: HS6 rows [hs6, base_derived,
 * derivation, best_avlbl_2025_01_01] and HS8 rows [hs8, hs6, name] (English, else Chinese, else "").
 */
interface StoredTables {
  six: [string, string, string, string][];
  eight: [string, string, string][];
}

const KIND = "cn-tables";

/** How hs6.csv and hs8.csv are read: rows by column name. */
const TABLE_CSV = { columns: true };

/** data/cn/hs6.csv and hs8.csv split by heading, in file order within each. */
function readStoredTables(dir: string): Map<string, StoredTables> {
  const hs6Rows = readCsvFile<Record<string, string>>(undefined, join(dir, "hs6.csv"), TABLE_CSV);
  const hs8Rows = readCsvFile<Record<string, string>>(undefined, join(dir, "hs8.csv"), TABLE_CSV);
  const parts = new Map<string, StoredTables>();
  const partOf = (code: string): StoredTables => {
    const heading = headingOf(code);
    let part = parts.get(heading);
    if (part === undefined) {
      part = { six: [], eight: [] };
      parts.set(heading, part);
    }
    return part;
  };
  for (const r of hs6Rows) {
    const hs6 = r.hs6 ?? "";
    partOf(hs6).six.push([hs6, r.base_derived ?? "", r.derivation ?? "", r.best_avlbl_2025_01_01 ?? ""]);
  }
  // An HS8 is filed under its HS6's heading, where `under` looks for it.
  for (const r of hs8Rows)
    partOf(r.hs6 ?? "").eight.push([r.hs8 ?? "", r.hs6 ?? "", r.name_en || r.name_zh || ""]);
  return parts;
}

/** The look-up tables of a heading's rows. */
function tablesOf(stored: StoredTables): Tables {
  const six = new Map<string, Hs6Line>();
  for (const [hs6, base, derivation, bestAvailable2025] of stored.six) {
    const text = base.trim();
    const ppm = text === "" ? null : parseScaled(text, 4);
    const rate: Rate =
      ppm === null ? { kind: "unparsed", text: "no WTO figure" } : { kind: "adValorem", ppm };
    six.set(hs6, {
      mfn: Object.freeze({ rate, text: text === "" ? "n/a" : `${text}%`, revision: EDITION, assumed: true }),
      derivation,
      bestAvailable2025,
    });
  }
  const eight = new Map<string, CnLine>();
  const under = new Map<string, CnLine[]>();
  for (const [hs8, hs6, name] of stored.eight) {
    const line: CnLine = { code: hs8, level: 8, hs6, name: name || undefined };
    eight.set(line.code, line);
    const list = under.get(line.hs6) ?? [];
    list.push(line);
    under.set(line.hs6, list);
  }
  return { six, eight, under };
}

/** The revision of every base rate of China's schedule (see `BaseRates.revisionOn`). */
const THE_EDITION = Object.freeze({ id: EDITION, assumed: true });

const NO_ROWS: StoredTables = { six: [], eight: [] };

/**
 * China's schedule read from `dir`; the files are read on first use (a US-only run never pays for
 * them) and kept split by heading in `cacheDir` (see `keptParts`), so that a call for one code reads
 * only its heading's rows.
 */
export function loadCnSchedule(dir: string, cacheDir = nomenclatureCacheDir()): CnSchedule {
  let described: Map<string, string> | undefined;
  const descriptions = (): ReadonlyMap<string, string> => {
    described ??= new Map(
      readCsvFile<Record<string, string>>(cacheDir, join(dir, "hs-descriptions.csv"), {
        columns: true,
      }).map((r) => [r.code ?? "", r.description ?? ""]),
    );
    return described;
  };
  let kept: KeptParts<null> | undefined;
  const stored = (): KeptParts<null> => {
    kept ??= keptParts(
      cacheDir,
      KIND,
      [fileURLToPath(import.meta.url)],
      dir,
      [join(dir, "hs6.csv"), join(dir, "hs8.csv")],
      csvParser(JSON.stringify(TABLE_CSV)),
      () => ({ header: null, parts: readStoredTables(dir) }),
    );
    return kept;
  };
  const byHeading = new Map<string, Tables>();
  /** The tables of the heading of a code. */
  const tables = (code: string): Tables => {
    const heading = headingOf(code);
    let t = byHeading.get(heading);
    if (t === undefined) {
      t = tablesOf(stored().part<StoredTables>(heading) ?? NO_ROWS);
      byHeading.set(heading, t);
    }
    return t;
  };
  /** Every heading's tables, in code order. */
  function* everyTable(): Generator<Tables> {
    for (const heading of stored().names()) yield tables(heading);
  }

  const nearest = (hs6: string): string[] => {
    const n = Number(hs6);
    return [...tables(hs6).six.keys()]
      .sort((a, b) => Math.abs(Number(a) - n) - Math.abs(Number(b) - n))
      .slice(0, 5);
  };

  const lookup = (input: string): CnResolved | CnCodeProblem => {
    const digits = input.replace(/[.\s]/g, "");
    if (!/^\d{6}(\d{2}){0,2}$/.test(digits)) {
      return {
        code: digits,
        message: `"${input}" is not an HS code (expected 6, 8 or 10 digits, e.g. 1201.90)`,
        suggestions: () => [],
      };
    }
    const hs6 = digits.slice(0, 6);
    const { six, eight, under } = tables(hs6);
    if (!six.has(hs6)) {
      return {
        code: digits,
        message: `${formatCode(hs6)} is not an HS6 line of China's schedule`,
        suggestions: () => nearest(hs6),
      };
    }
    const warnings: string[] = [];
    if (digits.length === 6) {
      const lines = under.get(hs6) ?? [];
      return { code: hs6, level: 6, lines, warnings };
    }
    const hs8 = digits.slice(0, 8);
    if (digits.length === 10) warnings.push(`China's duties are set at 8 digits: ${formatCode(hs8)} is used`);
    if (!eight.has(hs8)) {
      warnings.push(
        `${formatCode(hs8)} is on no retaliation list; the lists are matched at 8 digits, then at HS6 ${formatCode(hs6)}`,
      );
    }
    return { code: hs8, level: 8, lines: [], warnings };
  };

  const resolve = (input: string): CnResolved => {
    const found = lookup(input);
    if ("message" in found) throw new CodeError(found.code, found.message, found.suggestions);
    return found;
  };

  const baseRates: BaseRates = {
    mfn: (code: string) => {
      const row = tables(code).six.get(code.slice(0, 6));
      if (!row)
        throw new CodeError(
          code,
          `${formatCode(code.slice(0, 6))} is not an HS6 line of China's schedule`,
          [],
        );
      return row.mfn;
    },
    // One edition, assumed for every date: the engine keeps a code's rate once for all dates.
    revisionOn: () => THE_EDITION,
    cite: (rate: BaseRate, dottedCode: string) => {
      const hs6 = dottedCode.replace(/\./g, "").slice(0, 6);
      const how = tables(hs6).six.get(hs6)?.derivation ?? "";
      return `China's base rate at HS6 ${dottedCode.slice(0, 7)}: ${rate.revision}, derivation "${how}" (data/cn/README.md)`;
    },
    url: "https://ttd.wto.org/",
    baseLayer: BASE_LAYER,
  };

  return {
    resolve,
    lookup,
    hs6: (code) => tables(code).six.get(code.slice(0, 6)),
    codes: function* () {
      for (const t of everyTable()) yield* t.six.keys();
    },
    lines8: function* () {
      for (const t of everyTable()) yield* t.eight.values();
    },
    descriptions,
    baseRates,
  };
}
