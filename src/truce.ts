/**
 * The library's entry point: `loadTruce()` wires the law, the nomenclatures and the engine
 * together; `truce.duty(entry)` answers one entry. Also exported: the entry and result contracts.
 */

import type { Engine } from "./engine/duty.js";
import { dutyOverLines } from "./engine/lines.js";
import { type Loaded, withEngine, withNomenclatures } from "./engine/loaded.js";
import { parseEntry } from "./entry/parse.js";
import { type DutyJson, toJson } from "./entry/result.js";
import { type EntryInput, entryFieldsOf } from "./entry/schema.js";
import { defaultDataDir } from "./law/load.js";
import type { Law } from "./law/model.js";
import { loadLaw } from "./law/read-law.js";
import {
  type ApplyOptions,
  applyScenario,
  BASELINE_ID,
  type ScenarioSpec,
  scenarioById,
} from "./law/scenario.js";

export interface Truce extends Loaded {
  /**
   * The duty on one entry, as `truce duty … --json` prints it. The entry's fields are those of a
   * batch file's columns (see `EntryInput`). Throws InputError (with `field`) for a bad entry; a bad
   * entry is never priced.
   */
  duty(entry: EntryInput): DutyJson;
}

/** `loaded` with `duty(entry)`. */
export function truceOf(loaded: Loaded): Truce {
  const truce: Truce = {
    ...loaded,
    duty(entry) {
      const parsed = parseEntry(entryFieldsOf(entry), truce);
      const result = dutyOverLines(loaded.engine, parsed.entry, parsed.instant, parsed.lines);
      return toJson(result, parsed.entry.valueCents, parsed.warnings);
    },
  };
  return truce;
}

export function loadTruce(dataDir: string = defaultDataDir()): Truce {
  return truceOf(withNomenclatures(loadLaw({ dataDir }), dataDir));
}

const byScenarioId = new WeakMap<Truce, Map<string, Truce>>();
const bySpec = new WeakMap<Truce, WeakMap<ScenarioSpec, Truce>>();

/** The same nomenclatures as `truce` with another law, and an engine on it. */
export function withLaw(truce: Truce, law: Law): Truce {
  return truceOf(withEngine(law, truce.hts, truce.cn, truce.baseRates));
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
export { RESULT_VERSION } from "./entry/result.js";
export { DutyResultSchema, resultJsonSchema } from "./entry/result-schema.js";
export type { EntryInput } from "./entry/schema.js";
export { EntryInputSchema, entryJsonSchema, INPUT_COLUMNS } from "./entry/schema.js";
export type { ScenarioSpec } from "./law/scenario.js";
