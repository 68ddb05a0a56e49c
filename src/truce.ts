/**
 * The library's entry point: `loadTruce()` wires the law, the nomenclatures and the engine
 * together; `truce.duty(entry)` answers one entry. Also exported: the entry and result contracts.
 */
import { join } from "node:path";
import { Engine } from "./engine/duty.js";
import { dutyOverLines } from "./engine/lines.js";
import { parseEntry } from "./entry/parse.js";
import { type DutyJson, toJson } from "./entry/result.js";
import { type EntryInput, entryFieldsOf } from "./entry/schema.js";
import { defaultDataDir, loadLaw } from "./law/load.js";
import type { Issuer, Law } from "./law/model.js";
import {
  type ApplyOptions,
  applyScenario,
  BASELINE_ID,
  type ScenarioSpec,
  scenarioById,
} from "./law/scenario.js";
import type { BaseRates } from "./nomenclature/base-rates.js";
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
  /**
   * The duty on one entry, as `truce duty … --json` prints it. The entry's fields are those of a
   * batch file's columns (see `EntryInput`). Throws InputError (with `field`) for a bad entry; a bad
   * entry is never priced.
   */
  duty(entry: EntryInput): DutyJson;
}

function makeTruce(law: Law, hts: Hts, cn: CnSchedule, baseRates: Record<Issuer, BaseRates>): Truce {
  const engine = new Engine(law, baseRates);
  const truce: Truce = {
    law,
    hts,
    cn,
    baseRates,
    engine,
    duty(entry) {
      const parsed = parseEntry(entryFieldsOf(entry), truce);
      const result = dutyOverLines(engine, parsed.entry, parsed.instant, parsed.lines);
      return toJson(result, parsed.entry.valueCents, parsed.warnings);
    },
  };
  return truce;
}

export function loadTruce(dataDir: string = defaultDataDir()): Truce {
  const law = loadLaw({ dataDir });
  const hts = loadHts(join(dataDir, "hts"));
  const cn = loadCnSchedule(join(dataDir, "cn"));
  return makeTruce(law, hts, cn, { US: usBaseRates(hts), CN: cn.baseRates });
}

const byScenarioId = new WeakMap<Truce, Map<string, Truce>>();
const bySpec = new WeakMap<Truce, WeakMap<ScenarioSpec, Truce>>();

/** The same nomenclatures as `truce` with another law, and an engine on it. */
export function withLaw(truce: Truce, law: Law): Truce {
  return makeTruce(law, truce.hts, truce.cn, truce.baseRates);
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

export { InputError } from "./entry/errors.js";
export type { DutyJson } from "./entry/result.js";
export { DutyResultSchema, RESULT_VERSION, resultJsonSchema } from "./entry/result.js";
export type { EntryInput } from "./entry/schema.js";
export { EntryInputSchema, entryJsonSchema, INPUT_COLUMNS } from "./entry/schema.js";
export type { ScenarioSpec } from "./law/scenario.js";
