/**
 * Loads the export controls of data/controls/**.yaml: validates each file (schema.ts), resolves the
 * statuses each instrument sets (its own controls' or another's, as a suspension does) and the items
 * one control takes from another (`itemsOf`), and reads every local time in the issuer's zone.
 */
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { citationProblems } from "../law/citations.js";
import type { Horizon, Issuer } from "../law/model.js";
import { readYamlFile, yamlFiles } from "../law/yaml-files.js";
import { parseScaled } from "../units/money.js";
import { CN_ZONE, US_ZONE, zonedInstant } from "../units/time.js";
import type { Control, ControlInstrument, Controls, StatusStep } from "./model.js";
import { type ControlFile, controlFile, type ItemSpec } from "./schema.js";

export const CONTROLS_DIR = "controls";

export class ControlsError extends Error {
  constructor(readonly problems: string[]) {
    super(`the export-control data is invalid:\n  ${problems.join("\n  ")}`);
  }
}

export const zoneOf = (issuer: Issuer): string => (issuer === "US" ? US_ZONE : CN_ZONE);

/** Reads and builds every control file under `dataDir`/controls. Throws ControlsError listing every problem. */
export function loadControls(dataDir: string, horizon: Partial<Record<Issuer, Horizon>>): Controls {
  const dir = join(dataDir, CONTROLS_DIR);
  const problems: string[] = [];
  const files: { file: string; spec: ControlFile }[] = [];
  if (existsSync(dir))
    for (const path of yamlFiles(dir)) {
      const file = relative(dir, path);
      const spec = readYamlFile(path, file, controlFile, problems);
      if (spec !== undefined) files.push({ file, spec });
    }
  const controls = buildControls(files, horizon, problems);
  if (problems.length > 0) throw new ControlsError(problems);
  return controls;
}

/** The model of validated files; what is wrong across files (unknown ids, order of statuses) goes to `problems`. */
export function buildControls(
  files: readonly { file: string; spec: ControlFile }[],
  horizon: Partial<Record<Issuer, Horizon>>,
  problems: string[],
): Controls {
  const instruments = new Map<string, ControlInstrument>();
  const byId = new Map<string, Control & { steps: StatusStep[]; items: ItemSpec[] }>();
  const itemsOf = new Map<string, string[]>();
  for (const { file, spec } of files) {
    if (instruments.has(spec.id)) {
      problems.push(`${file}: instrument id ${spec.id} is also used in ${instruments.get(spec.id)?.file}`);
      continue;
    }
    const instrument: ControlInstrument = {
      ...spec.instrument,
      id: spec.id,
      issuer: spec.issuer,
      file,
      sources: spec.instrument.sources ?? [],
    };
    instruments.set(spec.id, instrument);
    problems.push(...citationProblems(instrument));
    for (const c of spec.controls ?? []) {
      if (byId.has(c.id)) {
        problems.push(`${file}: control id ${c.id} is also used in ${byId.get(c.id)?.instrument.file}`);
        continue;
      }
      const atLeastPpm = c.threshold ? parseScaled(c.threshold.atLeastPercent, 4) : null;
      if (c.threshold && (atLeastPpm === null || atLeastPpm <= 0 || atLeastPpm > 1_000_000))
        problems.push(
          `${file}: control ${c.id}: threshold ${c.threshold.atLeastPercent}% is not above 0% and at most 100%`,
        );
      byId.set(c.id, {
        id: c.id,
        issuer: spec.issuer,
        zone: zoneOf(spec.issuer),
        instrument,
        label: c.label,
        action: c.action,
        from: c.from,
        exceptFrom: c.exceptFrom ?? [],
        to: c.to,
        exceptTo: c.exceptTo ?? [],
        origins: c.origins ?? ["*"],
        exceptOrigins: c.exceptOrigins ?? [],
        items: [...(c.items ?? [])],
        ...(c.threshold && atLeastPpm !== null
          ? {
              threshold: {
                elements: c.threshold.elements,
                atLeastPpm,
                atLeastPercent: c.threshold.atLeastPercent,
                basis: c.threshold.basis,
              },
            }
          : {}),
        partyLists: c.parties?.lists ?? [],
        ownedByListed: c.ownedByListed === true,
        endUses: c.endUses ?? [],
        endUsers: c.endUsers ?? [],
        ...(c.note ? { note: c.note } : {}),
        unconfirmed: c.unconfirmed ?? [],
        limits: c.limits ?? [],
        steps: [],
      });
      if (c.itemsOf) itemsOf.set(c.id, c.itemsOf);
    }
  }
  for (const [id, others] of itemsOf) {
    const control = byId.get(id);
    for (const other of others) {
      const source = byId.get(other);
      if (!source || !control)
        problems.push(`${control?.instrument.file}: ${id}.itemsOf names unknown control ${other}`);
      else control.items.push(...source.items);
    }
  }
  for (const { file, spec } of files) {
    const instrument = instruments.get(spec.id);
    if (!instrument || instrument.file !== file) continue;
    spec.statuses.forEach((s, k) => {
      const where = `${file}: statuses.${k}`;
      const control = byId.get(s.control);
      if (!control) {
        problems.push(`${where}: unknown control ${s.control}${suggestion(s.control, byId.keys())}`);
        return;
      }
      const from = zonedInstant(s.from, control.zone);
      const until = s.until === undefined ? undefined : zonedInstant(s.until, control.zone);
      const reportedUntil =
        s.reportedUntil === undefined ? undefined : zonedInstant(s.reportedUntil, control.zone);
      if (until !== undefined && until <= from)
        problems.push(`${where}: until ${s.until} is not after from ${s.from}`);
      control.steps.push({
        from,
        status: s.status,
        ...(until !== undefined ? { until } : {}),
        ...(reportedUntil !== undefined ? { reportedUntil } : {}),
        instrument,
        events: s.events ?? [],
        ...(s.note ? { note: s.note } : {}),
        unconfirmed: s.unconfirmed ?? [],
      });
    });
  }
  for (const control of byId.values()) {
    control.steps.sort((a, b) => a.from - b.from);
    if (control.steps.length === 0)
      problems.push(`${control.instrument.file}: control ${control.id} has no status`);
    for (let k = 1; k < control.steps.length; k++)
      if (control.steps[k]?.from === control.steps[k - 1]?.from)
        problems.push(`${control.instrument.file}: control ${control.id} has two statuses at one instant`);
  }
  const controls = [...byId.values()].sort(
    (a, b) => a.issuer.localeCompare(b.issuer) || a.id.localeCompare(b.id),
  );
  return {
    instruments,
    controls,
    byId,
    horizon: {
      ...(horizon.US ? { US: { confirmedTo: horizon.US.confirmedTo, end: horizon.US.end } } : {}),
      ...(horizon.CN ? { CN: { confirmedTo: horizon.CN.confirmedTo, end: horizon.CN.end } } : {}),
    },
  };
}

function suggestion(name: string, known: Iterable<string>): string {
  const close = [...known].filter((k) => k.startsWith(name.slice(0, 6))).slice(0, 3);
  return close.length > 0 ? ` (did you mean ${close.join(", ")}?)` : "";
}
