/**
 * Whether each `unconfirmed` fact of the law says which fact is in doubt and which document would settle
 * it. A fact such as "the instrument's text was not read in a primary source (the facts are from
 * example.com)" with "the instrument's text in the Federal Register" names neither: it flags every
 * layer of the instrument without telling the reader which rate, date, list or heading rests on the
 * secondary source, nor where the primary text would be found. So the data check requires of each:
 * - the fact names something that can be checked: a date, a rate, a number, a count, a list or a heading
 *   (a figure, once web addresses are set aside: "example.com" is a source, not a fact);
 * - the `confirmBy` names the document: its number, citation (FR page, FR Doc, CSMS message), heading,
 *   note or date (likewise a figure, host names aside).
 */
import type { Law } from "./model.js";
import type { UnconfirmedFact } from "./schema.js";

/** Web addresses and host names ("shine.cn", "12266.org/t5609"): where a fact was read, not the fact. */
const WEB_ADDRESS =
  /\b(?:https?:\/\/)?(?:[a-z0-9-]+\.)+(?:com|cn|org|net|gov|world|info|io|co|uk|hk|tw|edu|blog|online|news)\b(?:\/\S*)?/gi;

function namesAFigure(text: string): boolean {
  return /\d/.test(text.replace(WEB_ADDRESS, ""));
}

/** What is generic in one unconfirmed fact, or nothing. */
export function genericness(f: UnconfirmedFact): string[] {
  const out: string[] = [];
  if (!namesAFigure(f.fact))
    out.push(
      `fact "${f.fact}" names no date, rate, number, list or heading: say which fact rests on which source (e.g. "the 10% on annex 2 from 00:00 Feb 10 2025 is from the shine.cn report")`,
    );
  if (!namesAFigure(f.confirmBy))
    out.push(
      `confirmBy "${f.confirmBy}" names no document: give its number, citation, heading or date (e.g. "税委会公告2025年第1号 on gss.mof.gov.cn", "FR Doc 2020-00904")`,
    );
  return out;
}

/** The generic unconfirmed facts of the law, each with the file and the part of it that states it. */
export function genericUnconfirmedFacts(law: Law): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const check = (facts: readonly UnconfirmedFact[] | undefined, where: string) => {
    for (const f of facts ?? []) {
      // A YAML anchor repeats one statement on several measures: report it once per file.
      const key = `${where.split(":")[0]}|${f.fact}|${f.confirmBy}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const p of genericness(f)) problems.push(`${where}.unconfirmed: ${p}`);
    }
  };
  for (const i of law.instruments.values()) check(i.unconfirmed, `${i.file}: instrument`);
  for (const m of law.measures) {
    check(m.unconfirmed, `${m.instrument.file}: measure ${m.id}`);
    for (const v of m.values) check(v.unconfirmed, `${v.instrument.file}: value of ${m.id}`);
    for (const x of m.exemptions) check(x.unconfirmed, `${x.instrument.file}: exemption from ${m.id}`);
    for (const t of m.inTransit) check(t.unconfirmed, `${t.instrument.file}: in-transit rule of ${m.id}`);
  }
  return problems;
}
