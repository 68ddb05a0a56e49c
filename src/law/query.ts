/**
 * Questions about the law itself (not about one entry): what is in force at an instant, which
 * special duties point at the lines under a code.
 */

import type { Hts, HtsLine } from "../nomenclature/hts.js";
import { formatPpm } from "../units/money.js";
import { formatInZone } from "../units/time.js";
import { type Issuer, type Law, prefixesOf, valueAt } from "./model.js";

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

export interface SpecialDuty {
  heading: string;
  measure: string;
  label: string;
  /** Origins the measure names, or ["*"] for any. */
  origins: string[];
}

/**
 * The US lines under a code in the revision in force on a date, each with the special duties whose
 * lists name it (in `special`, in place of the HTS's special-programme column; a row covering only
 * described goods says so). Throws CodeError for an unknown code.
 */
export function linesWithMeasures(
  law: Law,
  hts: Hts,
  code: string,
  date: string,
): { date: string; revision: string; lines: (Omit<HtsLine, "special"> & { special: SpecialDuty[] })[] } {
  const lines = hts.resolve(code, date).map((l) => {
    const prefixes = prefixesOf(l.code);
    const special = law.measures.flatMap((m) => {
      const row = m.issuer === "US" && m.heading !== "none" ? m.products.rowOf(prefixes) : undefined;
      if (row === undefined) return [];
      const only = row.described === undefined ? "" : ` (only goods described as "${row.described}")`;
      return [
        {
          heading: row.heading ?? m.heading,
          measure: m.id,
          label: `${m.label}${only}`,
          origins: m.origins ? [...m.origins] : ["*"],
        },
      ];
    });
    return { ...l, special };
  });
  return { date, revision: hts.revisionOn(date).id, lines };
}
