/** Wires the law, the nomenclatures and the engine together: the library's entry point. */
import { join } from "node:path";
import { type BaseRates, Engine } from "./engine/duty.js";
import { defaultDataDir, loadLaw } from "./law/load.js";
import type { Issuer, Law } from "./law/model.js";
import {
  type ApplyOptions,
  applyScenario,
  BASELINE_ID,
  type ScenarioSpec,
  scenarioById,
} from "./law/scenario.js";
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

const byScenarioId = new WeakMap<Truce, Map<string, Truce>>();
const bySpec = new WeakMap<Truce, WeakMap<ScenarioSpec, Truce>>();

/** The same nomenclatures as `truce` with another law, and an engine on it. */
export function withLaw(truce: Truce, law: Law): Truce {
  return { ...truce, law, engine: new Engine(law, truce.baseRates) };
}

/**
 * `truce` under a scenario: its law as the scenario changes it and an engine on that law, the
 * nomenclatures shared. The scenario is an id (a file of data/scenarios; "baseline" gives `truce`
 * itself) or a spec (e.g. an API body). Built once per Truce and scenario id (or spec object).
 * Throws ScenarioError for an unknown or invalid scenario.
 */
export function truceFor(truce: Truce, scenario: string | ScenarioSpec, options: ApplyOptions = {}): Truce {
  if (typeof scenario === "string") {
    if (scenario === BASELINE_ID) return truce;
    let cache = byScenarioId.get(truce);
    if (!cache) {
      cache = new Map();
      byScenarioId.set(truce, cache);
    }
    let t = cache.get(scenario);
    if (!t) {
      t = withLaw(truce, applyScenario(truce.law, scenarioById(scenario, options.dataDir), options));
      cache.set(scenario, t);
    }
    return t;
  }
  if (scenario.edits.length === 0) return truce;
  let cache = bySpec.get(truce);
  if (!cache) {
    cache = new WeakMap();
    bySpec.set(truce, cache);
  }
  let t = cache.get(scenario);
  if (!t) {
    t = withLaw(truce, applyScenario(truce.law, scenario, options));
    cache.set(scenario, t);
  }
  return t;
}

/** The engine answering under a scenario (see `truceFor`); "baseline" gives `truce.engine`. */
export function engineFor(truce: Truce, scenario: string | ScenarioSpec, options: ApplyOptions = {}): Engine {
  return truceFor(truce, scenario, options).engine;
}
