/**
 * China's totals on US goods by HS6 against M. Waugh's (tradewar-tracker, from PIIE's line data; copied to
 * data/cn/waugh-hs6-2018-2019.csv by scripts/build-cn.ts). His figure at a date is the MAXIMUM over the HS6's
 * national lines of MFN (China's schedule of that day) plus retaliation; ours is the maximum over the HS6's 2019
 * national lines (data/cn/schedule-2019-hs8.csv) of the engine's total at 23:59 Beijing time that day. Our MFN
 * is the one derived from the WTO 2025 figures for every date, so HS6 whose MFN changed in 2018-2019 differ by
 * construction; an increase he shows that the engine neither applies nor warns about is a silently missing layer.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { Truce } from "../truce.js";
import { CN_ZONE, parseInstant } from "../units/time.js";

export const WAUGH_DATES = [
  "2018-01-01",
  "2018-04-02",
  "2018-05-01",
  "2018-07-01",
  "2018-07-06",
  "2018-08-23",
  "2018-09-24",
  "2018-11-01",
  "2019-01-02",
  "2019-06-01",
  "2019-09-01",
  "2019-12-26",
] as const;

/**
 * The dates of Waugh's file on which only retaliation changed (the others carry MFN changes: May 1, July 1 and
 * Nov 1 2018, Jan 1 2019 with the autos suspension, and the Dec 2019 figure).
 */
const RETALIATION_DATES = new Set([
  "2018-04-02",
  "2018-07-06",
  "2018-08-23",
  "2018-09-24",
  "2019-06-01",
  "2019-09-01",
]);

/** Two totals agree when they differ by at most this many points. */
export const AGREEMENT_POINTS = 0.5;

export interface WaughRow {
  hs6: string;
  /** Percent at each of WAUGH_DATES; null where the source is blank. */
  totals: (number | null)[];
}

export function readWaugh(cnDir: string): WaughRow[] {
  const rows = parse(readFileSync(join(cnDir, "waugh-hs6-2018-2019.csv"), "utf8"), {
    columns: true,
  }) as Record<string, string>[];
  return rows.map((r) => ({
    hs6: r.hs6 ?? "",
    totals: WAUGH_DATES.map((d) => {
      const text = r[`total_${d.replace(/-/g, "_")}`] ?? "";
      return text === "" ? null : Number(text);
    }),
  }));
}

/** China's HS8 national lines of 2019 by HS6 (PIIE's line data). */
export function readSchedule2019(cnDir: string): Map<string, string[]> {
  const rows = parse(readFileSync(join(cnDir, "schedule-2019-hs8.csv"), "utf8"), { columns: true }) as Record<
    string,
    string
  >[];
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const code = r.hs8 ?? "";
    out.set(code.slice(0, 6), [...(out.get(code.slice(0, 6)) ?? []), code]);
  }
  return out;
}

export interface SilentMiss {
  hs6: string;
  date: string;
  /** Waugh's increase on that date, points. */
  waughIncrease: number;
}

export interface WaughComparison {
  /** Per date of WAUGH_DATES: HS6 compared (both totals known) and HS6 within AGREEMENT_POINTS. */
  compared: number[];
  agree: number[];
  /** HS6 of Waugh's file the engine cannot price (an HS2017 subheading absent from China's 2025 schedule). */
  unpriced: string[];
  silentMisses: SilentMiss[];
  /** Increases the engine gives every line of an HS6 that exceed Waugh's increase of its maximum. */
  extraIncreases: (SilentMiss & { engineIncrease: number })[];
}

export function compareWithWaugh(
  t: Truce,
  waugh: readonly WaughRow[],
  schedule: ReadonlyMap<string, readonly string[]>,
): WaughComparison {
  const instants = WAUGH_DATES.map((d) => parseInstant(`${d}T23:59`, CN_ZONE));
  const gapNotes = new Set(t.law.gaps.filter((g) => g.issuer === "CN").map((g) => g.note));
  const out: WaughComparison = {
    compared: WAUGH_DATES.map(() => 0),
    agree: WAUGH_DATES.map(() => 0),
    unpriced: [],
    silentMisses: [],
    extraIncreases: [],
  };
  for (const row of waugh) {
    if (t.cn.hs6(row.hs6) === undefined) {
      out.unpriced.push(row.hs6);
      continue;
    }
    const lines = schedule.get(row.hs6) ?? [row.hs6];
    let previous: number[] = [];
    for (let i = 0; i < WAUGH_DATES.length; i++) {
      const totals = lines.map((code) => {
        const r = t.engine.duty(
          { code, origin: "US", importer: "CN", valueCents: 1_000_000 },
          instants[i] as number,
        );
        return { total: r.totalRate, gap: r.warnings.some((w) => gapNotes.has(w)) };
      });
      const max = Math.max(...totals.map((x) => x.total));
      const increases = totals.map((x, k) => x.total - (previous[k] ?? x.total));
      const largestIncrease = Math.max(...increases);
      const smallestIncrease = Math.min(...increases);
      previous = totals.map((x) => x.total);
      const theirs = row.totals[i];
      if (theirs === null || theirs === undefined) continue;
      out.compared[i] = (out.compared[i] ?? 0) + 1;
      if (Math.abs(max - theirs) <= AGREEMENT_POINTS) out.agree[i] = (out.agree[i] ?? 0) + 1;
      // The increase of a maximum is at most the largest increase of a line: a Waugh increase larger than every
      // line's increase in the engine is a layer the engine lacks, unless a gap warns about it.
      const before = row.totals[i - 1];
      const date = WAUGH_DATES[i] as string;
      if (!RETALIATION_DATES.has(date) || before === null || before === undefined) continue;
      const increase = theirs - before;
      if (increase - largestIncrease > AGREEMENT_POINTS && !totals.some((x) => x.gap))
        out.silentMisses.push({ hs6: row.hs6, date, waughIncrease: increase });
      // When every line rises by at least d, so does their maximum.
      if (smallestIncrease - increase > AGREEMENT_POINTS)
        out.extraIncreases.push({
          hs6: row.hs6,
          date,
          waughIncrease: increase,
          engineIncrease: smallestIncrease,
        });
    }
  }
  return out;
}
