/**
 * Export controls on the timeline: their dated steps (start, suspension, resumption at the end of a
 * suspension, a later end only reported) as deadlines for `truce deadlines` and the `.ics` feed, and
 * the controls each negotiation event led to.
 */
import { type Deadline, type Importer, inWindow, type Window } from "../law/changes.js";
import { formatInZone, isoInstant, localDate } from "../units/time.js";
import type { Control, Controls, StatusStep } from "./model.js";

function compactUtc(ms: number): string {
  return isoInstant(ms).replace(/[-:]/g, "").replace(/00Z$/, "Z");
}

function deadline(
  c: Control,
  step: StatusStep,
  instant: number,
  kind: string,
  what: string,
  confirmed: boolean,
): Deadline {
  const flags = [
    ...step.unconfirmed.map((f) => `${f.fact} (confirm by ${f.confirmBy})`),
    ...(step.instrument.grade === "P"
      ? []
      : [`${step.instrument.citation} is graded ${step.instrument.grade}`]),
  ];
  return {
    uid: `control.${kind}.${c.id}.${compactUtc(instant)}@truce`,
    instant,
    allDay: false,
    date: localDate(instant, c.zone),
    zone: c.zone,
    when: formatInZone(instant, c.zone),
    side: c.issuer,
    origin: "law",
    kind: "deadline",
    summary: `${c.issuer}: ${what} — ${c.label}`,
    what,
    measures: [c.id],
    citation: step.instrument.citation,
    url: step.instrument.url,
    sources: [step.instrument.url, ...step.instrument.sources],
    confirmed: confirmed && flags.length === 0,
    ...(flags.length > 0 ? { note: flags.join(" ") } : {}),
  };
}

/** The dated steps of every control as deadlines: starts, suspensions, resumptions, reported later ends. */
export function controlDeadlines(
  controls: Controls,
  window: Window,
  importer: Importer = "both",
): Deadline[] {
  const out: Deadline[] = [];
  for (const c of controls.controls) {
    if (importer !== "both" && c.issuer !== importer) continue;
    for (const step of c.steps) {
      const add = (instant: number, kind: string, what: string, confirmed = true) => {
        if (inWindow(instant, c.zone, window)) out.push(deadline(c, step, instant, kind, what, confirmed));
      };
      if (step.status === "suspended") {
        add(step.from, "suspended", `export control suspended (${step.instrument.citation})`);
        if (step.until !== undefined)
          add(step.until, "resumes", "export control due to apply again at the end of its suspension");
        if (step.reportedUntil !== undefined)
          add(
            step.reportedUntil,
            "reported-resumes",
            "reported later end of the export control's suspension (unconfirmed)",
            false,
          );
      } else add(step.from, step.status, `export control ${step.status}`);
    }
  }
  return out.sort((a, b) => a.instant - b.instant || a.uid.localeCompare(b.uid));
}

/** The law's and events' deadlines with the controls' (both sorted by instant). */
export function withControlDeadlines(
  list: readonly Deadline[],
  controls: Controls,
  window: Window,
  importer: Importer = "both",
): Deadline[] {
  return [...list, ...controlDeadlines(controls, window, importer)].sort(
    (a, b) => a.instant - b.instant || a.uid.localeCompare(b.uid),
  );
}

/** The controls each event led to (a status that names it), by event id. */
export function controlsByEvent(controls: Controls): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of controls.controls)
    for (const step of c.steps)
      for (const e of step.events) {
        const list = out.get(e) ?? [];
        if (!list.includes(c.id)) list.push(c.id);
        out.set(e, list);
      }
  return out;
}
