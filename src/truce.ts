/** Wires the law, the nomenclatures and the engine together: the library's entry point. */
import { join } from "node:path";
import { type BaseRates, Engine } from "./engine/duty.js";
import { defaultDataDir, loadLaw } from "./law/load.js";
import type { Issuer, Law } from "./law/model.js";
import { usBaseRates } from "./nomenclature/base-rates.js";
import { type CnSchedule, loadCnSchedule } from "./nomenclature/cn.js";
import { type Hts, loadHts } from "./nomenclature/hts.js";

export interface Truce {
  law: Law;
  /** The US Harmonized Tariff Schedule, 2025 Basic to 2026 rev 10. */
  hts: Hts;
  /** China's schedule at HS6 (MFN) with the HS8 lines of its retaliation lists. */
  cn: CnSchedule;
  /** Each country's base (MFN) rates, as the engine reads them. */
  baseRates: Record<Issuer, BaseRates>;
  engine: Engine;
}

export function loadTruce(dataDir: string = defaultDataDir()): Truce {
  const law = loadLaw({ dataDir });
  const hts = loadHts(join(dataDir, "hts"));
  const cn = loadCnSchedule(join(dataDir, "cn"));
  const baseRates = { US: usBaseRates(hts), CN: cn.baseRates };
  const engine = new Engine(law, baseRates);
  return { law, hts, cn, baseRates, engine };
}
