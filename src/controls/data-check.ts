/**
 * What the data check (`truce check`) asks of data/controls beyond the schema and the loader: every
 * event a status links to exists in data/events; every unconfirmed fact names the fact in doubt and
 * the document that would settle it (as in data/law); every scenario's control edits apply.
 */
import { ScenarioError, type ScenarioSpec } from "../law/scenario.js";
import { genericness } from "../law/unconfirmed-facts.js";
import type { Controls } from "./model.js";
import { applyControlScenario } from "./scenario.js";

export function controlDataProblems(
  controls: Controls,
  eventIds: ReadonlySet<string>,
  scenarios: Iterable<ScenarioSpec>,
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const facts = (where: string, list: readonly { fact: string; confirmBy: string }[]) => {
    for (const f of list) {
      const key = `${where.split(":")[0]}|${f.fact}|${f.confirmBy}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const p of genericness(f)) problems.push(`${where}.unconfirmed: ${p}`);
    }
  };
  for (const i of controls.instruments.values()) facts(`${i.file}: instrument`, i.unconfirmed ?? []);
  for (const c of controls.controls) {
    facts(`${c.instrument.file}: control ${c.id}`, c.unconfirmed);
    for (const s of c.steps) {
      facts(`${s.instrument.file}: status of ${c.id}`, s.unconfirmed);
      for (const e of s.events)
        if (!eventIds.has(e))
          problems.push(`${s.instrument.file}: status of ${c.id} links to unknown event ${e}`);
    }
  }
  for (const s of scenarios) {
    try {
      applyControlScenario(controls, s);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      problems.push(...e.problems);
    }
  }
  return problems;
}
