/**
 * A scenario's export-control edits (`controls:` in a data/scenarios file): each sets a control's
 * status from an instant (its issuer's zone), replacing a status at the same instant. The statuses
 * it sets are flagged `hypothetical: scenario <id>` on the answers they produce.
 */
import { ScenarioError, type ScenarioSpec } from "../law/scenario.js";
import { zonedInstant } from "../units/time.js";
import type { Control, Controls, StatusStep } from "./model.js";
import { CONTROL_STATUSES, type ControlStatus } from "./schema.js";

/** The controls as the scenario leaves them (the baseline's when it has no control edits). */
export function applyControlScenario(controls: Controls, scenario: ScenarioSpec): Controls {
  const edits = scenario.controls ?? [];
  if (edits.length === 0) return controls;
  const where = scenario.file ?? scenario.id;
  const problems: string[] = [];
  const changed = new Map<string, StatusStep[]>();
  edits.forEach((e, k) => {
    const control = controls.byId.get(e.control);
    if (!control) {
      problems.push(`${where}: controls.${k}.control: unknown control ${e.control}`);
      return;
    }
    if (!(CONTROL_STATUSES as readonly string[]).includes(e.status)) {
      problems.push(
        `${where}: controls.${k}.status: "${e.status}" is not one of ${CONTROL_STATUSES.join(", ")}`,
      );
      return;
    }
    if ((e.status === "suspended") !== (e.until !== undefined)) {
      problems.push(
        `${where}: controls.${k}.until: a suspended status states until (when it applies again), and only it`,
      );
      return;
    }
    const from = zonedInstant(e.from, control.zone);
    const steps = changed.get(control.id) ?? [...control.steps];
    const previous = steps.filter((s) => s.from <= from).at(-1) ?? steps[0];
    if (!previous) return;
    const step: StatusStep = {
      from,
      status: e.status as ControlStatus,
      ...(e.until !== undefined ? { until: zonedInstant(e.until, control.zone) } : {}),
      instrument: previous.instrument,
      events: [],
      ...(e.note ? { note: e.note } : {}),
      unconfirmed: [],
      hypothetical: `scenario ${scenario.id}`,
    };
    changed.set(
      control.id,
      [...steps.filter((s) => s.from !== from), step].sort((a, b) => a.from - b.from),
    );
  });
  if (problems.length > 0) throw new ScenarioError(problems);
  const list: Control[] = controls.controls.map((c) => {
    const steps = changed.get(c.id);
    return steps ? { ...c, steps } : c;
  });
  return { ...controls, controls: list, byId: new Map(list.map((c) => [c.id, c])) };
}
