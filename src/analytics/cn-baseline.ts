/** China's rate on US goods for each HS6 of the WTO 2025-01-01 snapshot, as the engine gives it. */
import type { Scenario } from "../engine/contract.js";
import { dutyOverLines } from "../engine/lines.js";
import type { Truce } from "../truce.js";
import { CN_ZONE, parseInstant } from "../units/time.js";

export interface BaselineRow {
  hs6: string;
  /** WTO best_avlbl on 2025-01-01 (percent). */
  best: number;
  /** The engine's rate on 2025-01-01 at noon, Beijing time, as the WTO counts (WTO_COMPARABLE; percent). */
  engine: number;
  derivation: string;
}

/**
 * What the WTO's figures count: not China's countermeasure to Section 232 (pork 0203.29: WTO 42 = 12 + 25 + 5,
 * where USDA's applied total is 67 = 12 + 25 + 25 + 5; data/cn/README.md).
 */
export const WTO_COMPARABLE: Scenario = { id: "wto-comparable", disable: ["cn-s232-countermeasure"] };

/** The engine's rate for an HS6: the simple average over its known national lines. */
export function cnRateAtHs6(t: Truce, hs6: string, at: string, scenario?: Scenario): number {
  const resolved = t.cn.resolve(hs6);
  return dutyOverLines(
    t.engine,
    { code: resolved.code, origin: "US", importer: "CN", valueCents: 1_000_000 },
    parseInstant(at, CN_ZONE),
    resolved.lines.map((l) => l.code),
    scenario,
  ).totalRate;
}

export function cnBaseline(t: Truce): BaselineRow[] {
  const rows: BaselineRow[] = [];
  for (const hs6 of t.cn.codes()) {
    const info = t.cn.hs6(hs6);
    if (!info || info.bestAvailable2025 === "" || info.mfn.rate.kind === "unparsed") continue;
    rows.push({
      hs6,
      best: Number(info.bestAvailable2025),
      engine: cnRateAtHs6(t, hs6, "2025-01-01T12:00", WTO_COMPARABLE),
      derivation: info.derivation,
    });
  }
  return rows;
}
