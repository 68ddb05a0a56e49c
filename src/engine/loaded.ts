/**
 * The law, the nomenclatures and the engine on them, wired together: what `loadTruce()` loads
 * (truce.ts adds `duty(entry)` and the entry contract). This module loads neither zod nor YAML, so
 * that a command answering one entry can start from the source cache alone (`loadFromCache`).
 */
import { join } from "node:path";
import { defaultDataDir, loadCachedLaw } from "../law/load.js";
import type { Issuer, Law } from "../law/model.js";
import { type BaseRates, usBaseRates } from "../nomenclature/base-rates.js";
import { type CnSchedule, loadCnSchedule } from "../nomenclature/cn.js";
import { type Hts, loadHts } from "../nomenclature/hts.js";
import { Engine } from "./duty.js";

export interface Loaded {
  law: Law;
  /** The US Harmonized Tariff Schedule, 2018 Basic to 2026 rev 10. */
  hts: Hts;
  /** China's schedule at HS6 (MFN) with the HS8 lines of its retaliation lists. */
  cn: CnSchedule;
  /** Each country's base (MFN) rates, as the engine reads them. */
  baseRates: Record<Issuer, BaseRates>;
  engine: Engine;
}

/** A law with the nomenclatures of `dataDir` and an engine on them. */
export function withNomenclatures(law: Law, dataDir: string): Loaded {
  const hts = loadHts(join(dataDir, "hts"));
  const cn = loadCnSchedule(join(dataDir, "cn"));
  return withEngine(law, hts, cn, { US: usBaseRates(hts), CN: cn.baseRates });
}

/** The law and nomenclatures given, and an engine on them. */
export function withEngine(law: Law, hts: Hts, cn: CnSchedule, baseRates: Record<Issuer, BaseRates>): Loaded {
  return { law, hts, cn, baseRates, engine: new Engine(law, baseRates) };
}

/**
 * What `loadTruce(dataDir)` loads, from the law kept in the source cache; undefined when the cache
 * is off or misses (then `loadTruce` reads and validates the sources, and keeps them).
 */
export function loadFromCache(dataDir: string = defaultDataDir()): Loaded | undefined {
  const law = loadCachedLaw({ dataDir });
  return law === undefined ? undefined : withNomenclatures(law, dataDir);
}
