/**
 * Saved scenarios: the same edits as data/scenarios/*.yaml, validated by the same parser
 * (`parseScenario`) and checked against the law (`applyScenario`) before they are kept. A saved
 * scenario is named by its id wherever a shipped one is (`scenarioSpec`); its id may not be a
 * shipped one's.
 */
import { parse as parseYaml } from "yaml";
import type { Law } from "../law/model.js";
import {
  applyScenario,
  loadScenarios,
  parseScenario,
  ScenarioError,
  type ScenarioSpec,
} from "../law/scenario.js";
import { isoInstant } from "../units/time.js";
import type { Store } from "./db.js";

/** A scenario id that is taken (shipped, or saved before). */
export class ScenarioExistsError extends Error {}

/** The scenario of a YAML or JSON text (YAML is a superset of JSON). Throws ScenarioError. */
export function scenarioFromText(text: string, source: string): ScenarioSpec {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new ScenarioError([`${source}: not valid YAML or JSON: ${(e as Error).message}`]);
  }
  return parseScenario(raw, source);
}

/** What is kept of a spec: the file's fields, not where it was read from. */
function kept(spec: ScenarioSpec) {
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    sources: spec.sources,
    edits: spec.edits,
  };
}

export interface SavedScenario {
  spec: ScenarioSpec;
  created: string;
}

/**
 * Keeps a scenario after checking that it applies to `law` (unknown measures, inconsistent values
 * are refused as ScenarioError). `replace`: a saved scenario of the same id is replaced; a shipped
 * id is never taken (ScenarioExistsError).
 */
export async function saveScenario(
  store: Store,
  law: Law,
  spec: ScenarioSpec,
  now: number,
  options: { replace?: boolean; dataDir?: string } = {},
): Promise<SavedScenario> {
  if (loadScenarios(options.dataDir).has(spec.id))
    throw new ScenarioExistsError(`scenario id "${spec.id}" is a shipped scenario's; give yours another id`);
  applyScenario(law, spec, options.dataDir === undefined ? {} : { dataDir: options.dataDir });
  const created = isoInstant(now);
  const row = { id: spec.id, spec: JSON.stringify(kept(spec)), created };
  await store.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("saved_scenarios")
      .select("id")
      .where("id", "=", spec.id)
      .executeTakeFirst();
    if (existing && !options.replace)
      throw new ScenarioExistsError(
        `a scenario "${spec.id}" is saved already (replace it, or give another id)`,
      );
    if (existing) await trx.updateTable("saved_scenarios").set(row).where("id", "=", spec.id).execute();
    else await trx.insertInto("saved_scenarios").values(row).execute();
  });
  return { spec: { ...kept(spec), file: `saved scenario ${spec.id}` }, created };
}

/** Parsed specs by their stored text: the same text gives the same object (the library caches laws per object). */
const specs = new Map<string, ScenarioSpec>();

function specOf(text: string, id: string): ScenarioSpec {
  let s = specs.get(text);
  if (!s) {
    s = parseScenario(JSON.parse(text), `saved scenario ${id}`);
    specs.set(text, s);
  }
  return s;
}

export async function listSavedScenarios(store: Store): Promise<SavedScenario[]> {
  const rows = await store.db.selectFrom("saved_scenarios").selectAll().orderBy("id").execute();
  return rows.map((r) => ({ spec: specOf(r.spec, r.id), created: r.created }));
}

export async function savedScenario(store: Store, id: string): Promise<SavedScenario | undefined> {
  const r = await store.db.selectFrom("saved_scenarios").selectAll().where("id", "=", id).executeTakeFirst();
  return r ? { spec: specOf(r.spec, r.id), created: r.created } : undefined;
}

export async function deleteSavedScenario(store: Store, id: string): Promise<boolean> {
  const r = await store.db.deleteFrom("saved_scenarios").where("id", "=", id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/**
 * A scenario by id: a shipped one (data/scenarios, "baseline") or a saved one. Throws ScenarioError
 * naming the known ids.
 */
export async function scenarioSpec(store: Store, id: string, dataDir?: string): Promise<ScenarioSpec> {
  const shipped = loadScenarios(dataDir);
  const s = shipped.get(id);
  if (s) return s;
  const saved = await savedScenario(store, id);
  if (saved) return saved.spec;
  const savedIds = (await listSavedScenarios(store)).map((x) => x.spec.id);
  throw new ScenarioError([
    `unknown scenario "${id}" (known: ${[...shipped.keys()].join(", ")}${savedIds.length > 0 ? `; saved: ${savedIds.join(", ")}` : ""})`,
  ]);
}
