/**
 * What the law's cross-references may name, derived from the measures loaded (one source of truth):
 * the authorities of the measures, the measures by id and the Chapter 99 headings of each measure;
 * plus the one explicit list, the named claims that are not headings. Every `notStackedOn`,
 * `replaces`, value, exemption, in-transit rule and scenario edit must name registered ones: a typo
 * (`section-232-steal`) would otherwise silently switch a stacking rule off.
 */
import type { Measure } from "./model.js";
import type { MeasureSpec } from "./schema.js";

/** The claim an entry's `excluded: yes` makes (China's exclusion process). */
export const CN_EXCLUSION_CLAIM = "cn-exclusion";

/** Claims an exemption may require that are not Chapter 99 headings, with what the importer states. */
export const NAMED_CLAIMS: ReadonlyMap<string, string> = new Map([
  [CN_EXCLUSION_CLAIM, "the importer holds an exclusion of China's market-based exclusion process"],
]);

const HEADING_CLAIM = /^\d{4}\.\d{2}\.\d{2}$/;

/** Edit distance, for suggestions. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** Up to `count` known names closest to `name` (by edit distance, or that it begins), closest first. */
export function closest(name: string, known: Iterable<string>, count = 3): string[] {
  return [...known]
    .map((k) => ({ k, d: distance(name, k) }))
    .filter(({ k, d }) => d <= Math.max(2, Math.floor(name.length / 3)) || k.startsWith(name))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, count)
    .map(({ k }) => k);
}

/** " (did you mean a, b?)" with the known names closest to `name`, or "". */
export function suggest(name: string, known: Iterable<string>): string {
  const close = closest(name, known);
  return close.length > 0 ? ` (did you mean ${close.join(", ")}?)` : "";
}

export class Registry {
  readonly authorities: ReadonlySet<string>;

  constructor(readonly measures: ReadonlyMap<string, Measure>) {
    this.authorities = new Set([...measures.values()].map((m) => m.authority));
  }

  /**
   * The Chapter 99 headings a measure reports: its own and those of its values, exemptions, in-transit
   * rules and stacking rules.
   */
  headingsOf(m: Measure): Set<string> {
    const out = new Set<string>();
    const add = (h: string | undefined) => {
      if (h !== undefined && h !== "" && h !== "none") out.add(h);
    };
    add(m.heading);
    for (const v of m.values) add(v.heading);
    for (const x of m.exemptions) add(x.heading);
    for (const t of m.inTransit) add(t.heading);
    for (const r of m.notStackedOn) add(r.heading);
    return out;
  }

  /** `at`: unknown measure ... (with suggestions), or undefined when the id is registered. */
  measureProblem(id: string, at: string): string | undefined {
    if (this.measures.has(id)) return undefined;
    return `${at}: unknown measure ${id}${suggest(id, this.measures.keys())}`;
  }

  /** `at`: unknown authority ... (with suggestions), or undefined when some measure has it. */
  authorityProblem(authority: string, at: string): string | undefined {
    if (this.authorities.has(authority)) return undefined;
    return `${at}: unknown authority "${authority}", which no measure has${suggest(authority, this.authorities)}`;
  }

  /**
   * What a measure spec names that is not registered; `at` is its place ("file: measures.2"). The
   * stacking rules' authorities, the measures it replaces, and a heading to claim when it needs a claim.
   */
  measureSpecProblems(spec: MeasureSpec, at: string): string[] {
    const problems: (string | undefined)[] = [];
    for (const [i, rule] of (spec.notStackedOn ?? []).entries())
      for (const [j, a] of rule.authorities.entries())
        problems.push(this.authorityProblem(a, `${at}.notStackedOn.${i}.authorities.${j}`));
    for (const [i, r] of (spec.replaces ?? []).entries()) {
      if (r === spec.id) problems.push(`${at}.replaces.${i}: the measure ${r} cannot replace itself`);
      else problems.push(this.measureProblem(r, `${at}.replaces.${i}`));
    }
    if (spec.requiresClaim !== undefined && spec.heading === undefined)
      problems.push(
        `${at}.requiresClaim: the measure has no heading for the importer to declare (the claim is its heading)`,
      );
    return problems.filter((p) => p !== undefined);
  }

  /** What an exemption's claim names that is not registered: a heading other than its own, or an unknown option. */
  claimProblem(claim: string | undefined, heading: string | undefined, at: string): string | undefined {
    if (claim === undefined) return undefined;
    if (HEADING_CLAIM.test(claim)) {
      if (claim === heading) return undefined;
      return `${at}.claim: claims ${claim}, but the exemption's heading is ${heading ?? "none"} (the importer claims an exemption by declaring its heading)`;
    }
    if (NAMED_CLAIMS.has(claim)) return undefined;
    return `${at}.claim: unknown claim "${claim}" (a heading, or one of ${[...NAMED_CLAIMS.keys()].join(", ")})${suggest(claim, NAMED_CLAIMS.keys())}`;
  }
}
