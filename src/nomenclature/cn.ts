/**
 * China's import nomenclature as far as the data allows: HS6 lines with a base rate derived from
 * the WTO 2025-01-01 snapshot (data/cn/hs6.csv) and the HS8 national lines named by the retaliation
 * lists (data/cn/hs8.csv). A user may give an HS6, an HS8 or a 10-digit code.
 */
import { join } from "node:path";
import { parseScaled } from "../units/money.js";
import { readCsvFile } from "../units/readers.js";
import type { BaseRate, BaseRates } from "./base-rates.js";
import { CodeError, formatCode } from "./codes.js";
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
  /** Every HS6 of the schedule, in file order. */
  codes(): IterableIterator<string>;
  /** The HS8 national lines the lists name (data/cn/hs8.csv), in file order. */
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

function readTables(dir: string, cacheDir: string | undefined): Tables {
  const hs6Rows = readCsvFile<Record<string, string>>(cacheDir, join(dir, "hs6.csv"), { columns: true });
  const hs8Rows = readCsvFile<Record<string, string>>(cacheDir, join(dir, "hs8.csv"), { columns: true });
  const six = new Map<string, Hs6Line>();
  for (const r of hs6Rows) {
    const text = (r.base_derived ?? "").trim();
    const ppm = text === "" ? null : parseScaled(text, 4);
    const rate: Rate =
      ppm === null ? { kind: "unparsed", text: "no WTO figure" } : { kind: "adValorem", ppm };
    six.set(r.hs6 ?? "", {
      mfn: Object.freeze({ rate, text: text === "" ? "n/a" : `${text}%`, revision: EDITION, assumed: true }),
      derivation: r.derivation ?? "",
      bestAvailable2025: r.best_avlbl_2025_01_01 ?? "",
    });
  }
  const eight = new Map<string, CnLine>();
  const under = new Map<string, CnLine[]>();
  for (const r of hs8Rows) {
    const line: CnLine = {
      code: r.hs8 ?? "",
      level: 8,
      hs6: r.hs6 ?? "",
      name: r.name_en || r.name_zh || undefined,
    };
    eight.set(line.code, line);
    const list = under.get(line.hs6) ?? [];
    list.push(line);
    under.set(line.hs6, list);
  }
  return { six, eight, under };
}

/**
 * China's schedule read from `dir`; the files are read on first use (a US-only run never pays for
 * them), their parse kept in `cacheDir` (see `readCsvFile`).
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
  let read: Tables | undefined;
  const tables = (): Tables => {
    read ??= readTables(dir, cacheDir);
    return read;
  };

  const nearest = (hs6: string): string[] => {
    const n = Number(hs6);
    return [...tables().six.keys()]
      .filter((c) => c.slice(0, 4) === hs6.slice(0, 4))
      .sort((a, b) => Math.abs(Number(a) - n) - Math.abs(Number(b) - n))
      .slice(0, 5);
  };

  const lookup = (input: string): CnResolved | CnCodeProblem => {
    const { six, eight, under } = tables();
    const digits = input.replace(/[.\s]/g, "");
    if (!/^\d{6}(\d{2}){0,2}$/.test(digits)) {
      return {
        code: digits,
        message: `"${input}" is not an HS code (expected 6, 8 or 10 digits, e.g. 1201.90)`,
        suggestions: () => [],
      };
    }
    const hs6 = digits.slice(0, 6);
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
      const row = tables().six.get(code.slice(0, 6));
      if (!row)
        throw new CodeError(
          code,
          `${formatCode(code.slice(0, 6))} is not an HS6 line of China's schedule`,
          [],
        );
      return row.mfn;
    },
    cite: (rate: BaseRate, dottedCode: string) => {
      const hs6 = dottedCode.replace(/\./g, "").slice(0, 6);
      const how = tables().six.get(hs6)?.derivation ?? "";
      return `China's base rate at HS6 ${dottedCode.slice(0, 7)}: ${rate.revision}, derivation "${how}" (data/cn/README.md)`;
    },
    url: "https://ttd.wto.org/",
    baseLayer: BASE_LAYER,
  };

  return {
    resolve,
    lookup,
    hs6: (code) => tables().six.get(code.slice(0, 6)),
    codes: () => tables().six.keys(),
    lines8: () => tables().eight.values(),
    descriptions,
    baseRates,
  };
}
