/**
 * The data check: what the schema cannot see. Run by the tests and by `truce check`.
 * - every Chapter 99 heading the law names exists in some shipped HTS revision, or is listed with the
 *   later revision and the instrument that creates it in data/lists/us/ch99-headings-later.csv (a
 *   listed heading that a shipped revision has, or one listed without its revision or source, is a problem);
 * - every product code in a measure's scope or exemptions is an HTS code (or a prefix of one) in some revision,
 *   or is listed with its reason in data/lists/<issuer>/not-in-hts.csv;
 * - a measure's dated values do not contradict each other;
 * - every instrument cites a source (enforced by the schema) and every measure has a value;
 * - no line is on two lists of one action (e.g. Section 301 List 3 and List 4A) unless both rows
 *   describe their goods (the notes then assign each list a part of the line's goods);
 * - no layer is printed with a heading that the HTS revision in force has dropped (terminated or deleted);
 * - an in-transit rule admits the modes of transport its heading's words admit;
 * - the Section 232 measures put under each heading the codes the Chapter 99 notes list under it;
 * - every successor of an HS 2017-era code (how the product lists reach it) is an HTS code of a shipped revision.
 * - an instrument's structured citation (`cites`) and its citation text name the same FR pages, FR documents
 *   and CSMS messages; a grade P instrument has a primary URL (citations.ts);
 * - every `unconfirmed` fact names the fact in doubt and the document that would confirm it (unconfirmed-facts.ts);
 * References (authorities, measures, claims) are checked at load against the registry (registry.ts).
 */

import { formatCode } from "../nomenclature/codes.js";
import type { Hts } from "../nomenclature/hts.js";
import { localDate } from "../units/time.js";
import { citationProblems } from "./citations.js";
import { LATER_HEADINGS_FILE, RENUMBERED } from "./load.js";
import { type CodeSet, type Exemption, type Law, type Measure, prefixesOf } from "./model.js";
import { genericUnconfirmedFacts } from "./unconfirmed-facts.js";

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
  renumbered: ReadonlySet<string> = new Set(),
  laterHeadings: ReadonlyMap<string, string> = new Map(),
  /** The Section 232 codes the Chapter 99 notes list, by heading (see `loadNotesHeadingLists`). */
  notesLists: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
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
  const usedHeadings = new Set<string>();
  const heading = (h: string | undefined, where: string) => {
    if (!h || h === "none") return;
    usedHeadings.add(h);
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
    // An exception under a number no revision has (renumbered) must carve out its successors too.
    const stale = [...new Set(set.carvedOut())].filter((c) => !known.has(c) && !renumbered.has(c));
    if (stale.length > 0) {
      problems.push(
        `${where}: exception(s) name statistical numbers in no shipped HTS revision, with no successors in ${RENUMBERED}: ${stale.slice(0, 10).map(formatCode).join(", ")}`,
      );
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
    problems.push(...describedTakenWhole(m));
    for (let i = 1; i < m.values.length; i++) {
      const a = m.values[i - 1];
      const b = m.values[i];
      if (a && b && a.status === "ended" && b.status === "final" && b.instrument === a.instrument) {
        problems.push(`${where}: a value restarts after it ended in the same instrument`);
      }
    }
  }
  for (const i of law.instruments.values()) problems.push(...citationProblems(i));
  problems.push(...genericUnconfirmedFacts(law));
  problems.push(
    ...listOverlaps(law, known),
    ...droppedHeadings(law, hts),
    ...inTransitModes(law, hts),
    ...notesListMismatches(law, notesLists),
  );
  for (const h of laterHeadings.keys()) {
    if (!usedHeadings.has(h))
      problems.push(`${LATER_HEADINGS_FILE} lists ${h}, which no measure names: remove it`);
  }
  for (const issuer of ["US", "CN"] as const) {
    if (law.horizon[issuer] === undefined && law.measures.some((m) => m.issuer === issuer))
      problems.push(`horizon.yaml: no data horizon for ${issuer}, whose law has measures`);
  }
  // HS 2017-era codes are read through their successors (data/hts/pre2025/successors.csv.gz): each
  // must be a code of the shipped schedule, or the product lists never reach the old code.
  for (const old of hts.succeededCodes()) {
    const missing = (hts.successors(old)?.codes ?? []).filter((c) => !known.has(c));
    if (missing.length > 0) {
      problems.push(`successors.csv.gz: ${old} -> ${missing.join(", ")}, in no shipped HTS revision`);
    }
  }
  return { problems, checked: { headings, codes } };
}

/** Lines that two lists of one action cover whatever the goods: the notes assign each line one list. */
function listOverlaps(law: Law, lines: ReadonlySet<string>): string[] {
  const byAction = new Map<string, Measure[]>();
  for (const m of law.measures) {
    if (m.action === undefined) continue;
    const group = byAction.get(m.action);
    if (group === undefined) byAction.set(m.action, [m]);
    else group.push(m);
  }
  const problems: string[] = [];
  for (const [action, measures] of byAction) {
    const overlaps = new Map<string, string[]>();
    for (const line of lines) {
      const prefixes = prefixesOf(line);
      const on = measures.filter((m) => m.products.hasPrefixes(prefixes));
      if (on.length < 2) continue;
      const pair = on.map((m) => `${m.id} (${m.heading})`).join(" and ");
      const list = overlaps.get(pair);
      if (list === undefined) overlaps.set(pair, [line]);
      else list.push(line);
    }
    for (const [pair, overlapping] of overlaps) {
      problems.push(
        `action ${action}: ${overlapping.length} line(s) on both ${pair}, which the notes do not both assign: ${overlapping.slice(0, 10).map(formatCode).join(", ")}`,
      );
    }
  }
  return problems;
}

/**
 * Codes whose goods one exemption of a measure takes off only when described (the notes' "particular
 * articles") and another takes off whole at the same time: the described row's limit is lost.
 */
function describedTakenWhole(m: Measure): string[] {
  const problems: string[] = [];
  const overlap = (a: Exemption, b: Exemption) =>
    (a.from ?? -Infinity) < (b.until ?? Infinity) && (b.from ?? -Infinity) < (a.until ?? Infinity);
  for (const described of m.exemptions) {
    for (const code of described.products.describedCodes()) {
      const whole = m.exemptions.find(
        (x) => x !== described && overlap(x, described) && x.products.has(code),
      );
      if (whole !== undefined)
        problems.push(
          `${whole.instrument.file} (${m.id} exemption ${whole.heading ?? ""}): exempts all of ${formatCode(code)}, which ${described.heading ?? "another exemption"} exempts only as described goods`,
        );
    }
  }
  return problems;
}

/**
 * A final value prints its heading on the layers of its period (until the next value of the measure).
 * Fails where an HTS revision in force during that period no longer has the heading although an earlier
 * revision had it: the measure must end there, or say from when it is not modelled (status unmodelled).
 */
function droppedHeadings(law: Law, hts: Hts): string[] {
  const problems: string[] = [];
  const revisions = hts.revisions;
  const presence = new Map<string, boolean[]>();
  const presentIn = (heading: string): boolean[] => {
    let p = presence.get(heading);
    if (!p) {
      p = revisions.map((r) => hts.chapter99(heading, r.effectiveDate) !== undefined);
      presence.set(heading, p);
    }
    return p;
  };
  for (const m of law.measures) {
    if (m.issuer !== "US") continue;
    m.values.forEach((v, i) => {
      if (v.status !== "final" || !/^\d{4}\.\d{2}\.\d{2}$/.test(v.heading)) return;
      const next = m.values[i + 1];
      const from = localDate(v.from, m.zone);
      const until = next ? localDate(next.from, m.zone) : "9999-12-31";
      const present = presentIn(v.heading);
      const first = present.indexOf(true);
      for (let r = Math.max(first + 1, 1); first >= 0 && r < revisions.length; r++) {
        const start = (revisions[r] as { effectiveDate: string }).effectiveDate;
        const end = revisions[r + 1]?.effectiveDate ?? "9999-12-31";
        if (present[r] || start >= until || end <= from) continue;
        problems.push(
          `${v.instrument.file} (${m.id}): heading ${v.heading} is printed from ${from}${next ? ` to ${until}` : " on"}, but HTS ${revisions[r]?.id} (in force from ${start}) no longer has it: end the measure or mark it unmodelled there`,
        );
        break;
      }
    });
  }
  return problems;
}

/** The headings a measure's values stand for when in force or known but not modelled. */
function headingsPrinted(m: Measure): Set<string> {
  return new Set(
    m.values.filter((v) => v.status === "final" || v.status === "unmodelled").map((v) => v.heading),
  );
}

/**
 * For each heading under which the notes list Section 232 codes: the union of the Section 232 measures that
 * print the heading covers every listed code, and covers no code the notes do not list under it.
 */
function notesListMismatches(law: Law, notesLists: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const problems: string[] = [];
  for (const [heading, listed] of notesLists) {
    const measures = law.measures.filter(
      (m) => m.authority.startsWith("section-232") && headingsPrinted(m).has(heading),
    );
    const missing = [...listed].filter((c) => !measures.some((m) => m.products.has(c))).sort();
    const listedCodes = [...listed];
    const extra = measures
      .flatMap((m) => [...m.products.entries()].filter((c) => m.products.has(c)))
      .filter((c) => !listedCodes.some((n) => c.startsWith(n)))
      .sort();
    const named = measures.map((m) => m.id).join(", ") || "no measure";
    if (missing.length > 0)
      problems.push(
        `heading ${heading}: ${missing.length} code(s) the Chapter 99 notes list are not in ${named}: ${missing.slice(0, 10).join(", ")}`,
      );
    if (extra.length > 0)
      problems.push(
        `heading ${heading}: ${named} cover(s) ${extra.length} code(s) the Chapter 99 notes do not list under it: ${extra.slice(0, 10).join(", ")}`,
      );
  }
  return problems;
}

/**
 * An in-transit rule's modes against the words of its heading (the latest HTS text of it): "loaded onto a
 * vessel at the port of loading and in transit" admits vessels only; "loaded onto a vessel at the port of
 * loading, or in transit on the final mode" admits any mode.
 */
function inTransitModes(law: Law, hts: Hts): string[] {
  const problems: string[] = [];
  const latest = [...hts.revisions].reverse();
  for (const m of law.measures) {
    for (const r of m.inTransit) {
      if (m.issuer !== "US" || r.heading === undefined) continue;
      const line = latest.map((rev) => hts.chapter99(r.heading as string, rev.effectiveDate)).find((l) => l);
      const text = line?.description ?? "";
      const modes = r.modes ? [...r.modes].sort().join(",") : "any";
      const where = `${r.instrument.file} (${m.id} in transit ${r.heading})`;
      if (/loaded onto a vessel at the port of loading and in transit/i.test(text) && modes !== "vessel")
        problems.push(
          `${where}: the heading says "loaded onto a vessel ... and in transit": modes must be [vessel], not ${modes}`,
        );
      if (/loaded onto a vessel at the port of loading, or in transit/i.test(text) && modes !== "any")
        problems.push(
          `${where}: the heading says "loaded onto a vessel ..., or in transit on the final mode": any mode qualifies, not only ${modes}`,
        );
    }
  }
  return problems;
}
