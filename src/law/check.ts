/**
 * The data check: what the schema cannot see. Run by the tests and by `truce check`.
 * - every Chapter 99 heading the law names exists in some shipped HTS revision, or is listed with the
 *   later revision and the instrument that creates it in data/lists/us/ch99-headings-later.csv (a
 *   listed heading that a shipped revision has, or one listed without its revision or source, is a problem);
 * - every product code in a measure's scope or exemptions is an HTS code (or a prefix of one) in some revision,
 *   or is listed with its reason in data/lists/<issuer>/not-in-hts.csv;
 * - a measure's dated values do not contradict each other;
 * - every instrument cites a source (enforced by the schema) and every measure has a value.
 */
import type { Hts } from "../nomenclature/hts.js";
import { LATER_HEADINGS_FILE } from "./load.js";
import type { CodeSet, Law } from "./model.js";

export interface CheckReport {
  problems: string[];
  checked: { headings: number; codes: number };
}

function headingCode(h: string): string {
  return h.replace(/\./g, "");
}

export function checkLaw(
  law: Law,
  hts: Hts,
  notInHts: ReadonlyMap<string, string>,
  laterHeadings: ReadonlyMap<string, string> = new Map(),
): CheckReport {
  const problems: string[] = [];
  const ch99 = new Set(hts.chapter99Codes());
  for (const [h, source] of laterHeadings) {
    if (!/^\d{4}\.\d{2}\.\d{2}$/.test(h)) problems.push(`${LATER_HEADINGS_FILE}: "${h}" is not a heading`);
    else if (ch99.has(headingCode(h)))
      problems.push(`${LATER_HEADINGS_FILE} lists ${h}, which a shipped HTS revision has: remove it`);
    if (!/^\S.*: \S/.test(source))
      problems.push(`${LATER_HEADINGS_FILE}: ${h} needs the revision and the source that create it`);
  }
  const known = new Set<string>();
  for (const c of hts.codes8()) known.add(c);
  for (const c of hts.codes10()) known.add(c);
  const prefixes = new Set<string>();
  for (const c of known) for (const n of [2, 4, 6, 8]) prefixes.add(c.slice(0, n));

  let headings = 0;
  const seenHeadings = new Set<string>();
  const heading = (h: string | undefined, where: string) => {
    if (!h || h === "none") return;
    headings++;
    if (seenHeadings.has(`${h}|${where}`)) return;
    seenHeadings.add(`${h}|${where}`);
    if (/^\d{4}\./.test(h) && !ch99.has(headingCode(h)) && !laterHeadings.has(h)) {
      problems.push(`${where}: heading ${h} is in no shipped HTS revision`);
    }
  };

  let codes = 0;
  for (const c of notInHts.keys()) {
    if (known.has(c) || prefixes.has(c))
      problems.push(`not-in-hts.csv lists ${c}, which the HTS has: remove it`);
  }
  const checkCodes = (set: CodeSet, where: string) => {
    const unknown: string[] = [];
    for (const c of set.entries()) {
      codes++;
      if (!known.has(c) && !prefixes.has(c) && !notInHts.has(c)) unknown.push(c);
    }
    if (unknown.length > 0) {
      problems.push(
        `${where}: ${unknown.length} code(s) in no shipped HTS revision: ${unknown.slice(0, 10).join(", ")}`,
      );
    }
  };

  for (const m of law.measures) {
    if (m.issuer !== "US") continue;
    const where = `${m.instrument.file} (${m.id})`;
    heading(m.heading, where);
    for (const v of m.values) heading(v.heading, `${v.instrument.file} (${m.id})`);
    for (const r of m.notStackedOn) heading(r.heading, where);
    for (const x of m.exemptions) {
      heading(x.heading, `${x.instrument.file} (${m.id} exemption)`);
      checkCodes(x.products, `${x.instrument.file} (${m.id} exemption)`);
    }
    for (const t of m.inTransit) heading(t.heading, `${t.instrument.file} (${m.id} in transit)`);
    checkCodes(m.products, where);
    for (let i = 1; i < m.values.length; i++) {
      const a = m.values[i - 1];
      const b = m.values[i];
      if (a && b && a.status === "ended" && b.status === "final" && b.instrument === a.instrument) {
        problems.push(`${where}: a value restarts after it ended in the same instrument`);
      }
    }
  }
  return { problems, checked: { headings, codes } };
}
