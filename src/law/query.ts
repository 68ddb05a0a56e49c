/** Questions about the law itself (not about one entry): what is in force at an instant. */

import { formatPpm } from "../units/money.js";
import { formatInZone } from "../units/time.js";
import { type Issuer, type Law, valueAt } from "./model.js";

export interface MeasureState {
  measure: string;
  heading: string;
  authority: string;
  label: string;
  rate: string | null;
  status: string;
  since: string;
  citation: string;
}

/** The state of each measure of an issuer at an instant: final ones, or every one that has started with `all`. */
export function measuresInForce(law: Law, issuer: Issuer, instant: number, all: boolean): MeasureState[] {
  const out: MeasureState[] = [];
  for (const m of law.measures) {
    if (m.issuer !== issuer) continue;
    const v = valueAt(m.values, instant);
    if (!v || (!all && v.status !== "final")) continue;
    out.push({
      measure: m.id,
      heading: v.heading,
      authority: m.authority,
      label: m.label,
      rate: v.ppm === null ? null : formatPpm(v.ppm),
      status: v.status,
      since: formatInZone(v.from, m.zone),
      citation: v.instrument.citation,
    });
  }
  return out;
}
