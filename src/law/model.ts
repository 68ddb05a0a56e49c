/** The law in memory: instruments, measures with dated values, exemptions and in-transit rules. */
import type { Cites } from "./citations.js";
import type { Base, Status, UnconfirmedFact } from "./schema.js";

export type Issuer = "US" | "CN";

export interface Instrument {
  id: string;
  issuer: Issuer;
  kind: string;
  number?: string;
  title: string;
  citation: string;
  url: string;
  signed?: string;
  published?: string;
  grade: "P" | "S" | "W";
  /** The citation's parts (see citations.ts). */
  cites?: Cites;
  /** Facts of the instrument itself that are not confirmed (they flag the layers it sets). */
  unconfirmed?: readonly UnconfirmedFact[];
  file: string;
}

/** The prefixes of a code by length: `[, , "85", , "8541", ...]` (index n: its first n digits). */
export function prefixesOf(code: string): string[] {
  const out: string[] = [];
  for (let n = 2; n <= code.length; n++) out[n] = code.slice(0, n);
  return out;
}

/** What a list's rows say of some of their codes beyond membership (see `ListCodes` in load.ts). */
export interface RowDetails {
  /** Statistical numbers a row carves out of its code (the notes' "except ..."), by the row's code. */
  carveOuts: ReadonlyMap<string, readonly string[]>;
  /** Codes whose row covers only the goods its description names, with that description. */
  described: ReadonlyMap<string, string>;
  /** Chapter 99 headings of rows that name another heading than the measure's own, by code. */
  headings: ReadonlyMap<string, string>;
}

const NO_DETAILS: RowDetails = { carveOuts: new Map(), described: new Map(), headings: new Map() };

/** The row of a code set that a code falls under (see `CodeSet.rowOf`). */
export interface RowMatch {
  /** The heading the row names, if it names another than the measure's own. */
  heading?: string;
  /** Set when the row covers only the goods its description names: coverage needs a claim. */
  described?: string;
}

const PLAIN_ROW: RowMatch = Object.freeze({});

/**
 * A set of HTS codes given as prefixes (2 to 10 digits), with optional exceptions: codes excepted from
 * the whole set, statistical numbers carved out of one row, and rows that cover only described goods.
 */
export class CodeSet {
  private readonly lengths: number[];
  /** The longest prefix or carved-out number: a code at least this long is never partly covered. */
  private readonly longest: number;
  constructor(
    readonly all: boolean,
    private readonly prefixes: ReadonlySet<string>,
    private readonly except?: CodeSet,
    private readonly details: RowDetails = NO_DETAILS,
  ) {
    const lengths = new Set<number>();
    let longest = 0;
    for (const p of prefixes) {
      lengths.add(p.length);
      if (p.length > longest) longest = p.length;
    }
    this.lengths = [...lengths].sort((a, b) => a - b);
    for (const numbers of details.carveOuts.values())
      for (const c of numbers) longest = Math.max(longest, c.length);
    this.longest = longest;
  }

  /** Whether the set covers all of the code, whatever the goods (described rows do not count). */
  has(code: string): boolean {
    return this.hasPrefixes(prefixesOf(code));
  }

  /**
   * `has` for a code given as its prefixes (`prefixes[n]` = its first n digits, see `prefixesOf`):
   * for checking one code against many sets without slicing it again for each.
   */
  hasPrefixes(prefixes: readonly string[]): boolean {
    const row = this.rowOf(prefixes);
    return row !== undefined && row.described === undefined;
  }

  /**
   * The row that covers all of the code (given as its prefixes), preferring one that covers it
   * whatever the goods; undefined when none does (a row whose carved-out numbers include the code, or
   * lie below it, does not cover it).
   */
  rowOf(prefixes: readonly string[]): RowMatch | undefined {
    if (this.except?.hasPrefixes(prefixes)) return undefined;
    if (this.all) return PLAIN_ROW;
    const code = prefixes[prefixes.length - 1] ?? "";
    const { carveOuts, described, headings } = this.details;
    let conditional: RowMatch | undefined;
    for (const n of this.lengths) {
      const p = prefixes[n];
      if (p === undefined || !this.prefixes.has(p)) continue;
      const carved = carveOuts.get(p);
      if (carved?.some((c) => code.startsWith(c) || c.startsWith(code))) continue;
      const description = described.get(p);
      if (description === undefined) return this.plainRow(p);
      conditional ??= { heading: headings.get(p), described: description };
    }
    return conditional;
  }

  /**
   * Whether the set names codes below `code` without covering all of it (e.g. some HTS10 of an HTS8,
   * or an HTS8 less some of its statistical numbers).
   */
  coversPartOf(code: string): boolean {
    return this.partOf(code) !== undefined;
  }

  /** The row of prefix `p` as a match covering its goods whatever they are, with its own heading if any. */
  private plainRow(p: string): RowMatch {
    const heading = this.details.headings.get(p);
    return heading === undefined ? PLAIN_ROW : { heading };
  }

  /** The row that covers part of the code, if any (see `coversPartOf`), with its heading. */
  partOf(code: string): RowMatch | undefined {
    if (code.length >= this.longest || this.all || this.has(code)) return undefined;
    const { carveOuts } = this.details;
    // The first prefix in the set's order (which names the row's heading) that is longer than the code
    // and starts with it: found among the sorted prefixes from the code on.
    const sorted = this.sortedPrefixes();
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as { p: string }).p < code) lo = mid + 1;
      else hi = mid;
    }
    let first: { p: string; order: number } | undefined;
    for (let k = lo; k < sorted.length; k++) {
      const s = sorted[k] as { p: string; order: number };
      if (!s.p.startsWith(code)) break;
      if (s.p.length > code.length && (first === undefined || s.order < first.order)) first = s;
    }
    if (first !== undefined) return this.plainRow(first.p);
    const prefixes = prefixesOf(code);
    for (const n of this.lengths) {
      const p = prefixes[n];
      if (p !== undefined && carveOuts.get(p)?.some((c) => c.startsWith(code))) return this.plainRow(p);
    }
    return undefined;
  }

  /** The prefixes sorted, each with its place in the set's order (built on first use, see `partOf`). */
  private sorted: { p: string; order: number }[] | undefined;
  private sortedPrefixes(): { p: string; order: number }[] {
    this.sorted ??= [...this.prefixes].map((p, order) => ({ p, order })).sort((a, b) => (a.p < b.p ? -1 : 1));
    return this.sorted;
  }

  size(): number {
    return this.prefixes.size;
  }

  /** The codes of rows that cover only described goods (see `RowDetails`). */
  describedCodes(): Iterable<string> {
    return this.details.described.keys();
  }

  /** The statistical numbers carved out of rows (see `RowDetails`). */
  *carvedOut(): Iterable<string> {
    for (const numbers of this.details.carveOuts.values()) yield* numbers;
  }

  /** Whether the set names one of a code's prefixes (given as in `hasPrefixes`) as a row. */
  namesAny(prefixes: readonly string[]): boolean {
    for (let n = 2; n < prefixes.length; n++) {
      const p = prefixes[n];
      if (p !== undefined && this.prefixes.has(p)) return true;
    }
    return false;
  }

  entries(): Iterable<string> {
    return this.prefixes;
  }
}

export interface DatedValue {
  from: number;
  /** Ad valorem rate in ppm; null when the value only changes the status. */
  ppm: number | null;
  status: Status;
  heading: string;
  /** Why this value is not confirmed beyond its stated facts (it starts after the data horizon; a scenario's). */
  provisional?: string;
  unconfirmed?: readonly UnconfirmedFact[];
  limits?: readonly string[];
  /** The value names no heading and keeps the one in force before it (filled by `settleMeasure`). */
  inheritsHeading?: boolean;
  /** What the rate is charged on (e.g. the full value, then the steel content from a date). */
  base: Base;
  /** The value names no base and keeps the one in force before it (filled by `settleMeasure`). */
  inheritsBase?: boolean;
  note?: string;
  instrument: Instrument;
}

export interface Exemption {
  heading?: string;
  claim?: string;
  /** Set when the exemption covers only described goods under the code (it then needs `claim`). */
  described?: string;
  reason: string;
  products: CodeSet;
  from?: number;
  until?: number;
  unconfirmed?: readonly UnconfirmedFact[];
  limits?: readonly string[];
  instrument: Instrument;
}

export interface InTransitRule {
  heading?: string;
  reason?: string;
  loadedBefore: number;
  loadedFrom?: number;
  enteredBefore: number;
  modes?: ReadonlySet<string>;
  /** Rate that applies instead; null: the measure does not apply. */
  ppm: number | null;
  unconfirmed?: readonly UnconfirmedFact[];
  instrument: Instrument;
}

export interface NotStackedOn {
  authorities: ReadonlySet<string>;
  heading?: string;
  reason: string;
  remainderFrom?: number;
}

export interface Measure {
  id: string;
  authority: string;
  heading: string;
  label: string;
  issuer: Issuer;
  zone: string;
  /** null: every origin. */
  origins: ReadonlySet<string> | null;
  exceptOrigins: ReadonlySet<string>;
  products: CodeSet;
  /** The trade action the measure is one list of (see the schema). */
  action?: string;
  base: Base;
  priority: number;
  replaces: readonly string[];
  requiresClaim?: string;
  /** Its values' rates are totals that the column 1 rate is topped up to (see the schema). */
  topUp?: { headingAtOrAbove: string };
  /** Why the measure has no Chapter 99 heading although it is in force (e.g. not yet published). */
  headingUnknown?: string;
  notStackedOn: readonly NotStackedOn[];
  note?: string;
  /** Facts of the measure (its scope, list, heading) not confirmed: they flag its layers. */
  unconfirmed?: readonly UnconfirmedFact[];
  /** What the model of the measure leaves out. */
  limits?: readonly string[];
  instrument: Instrument;
  values: DatedValue[];
  exemptions: Exemption[];
  inTransit: InTransitRule[];
}

/** A known hole in the data, reported as a warning on the entries it covers. */
export interface Gap {
  issuer: Issuer;
  exceptOrigins: ReadonlySet<string>;
  products: CodeSet;
  from: number;
  until: number;
  note: string;
  instrument: Instrument;
}

/** How current the law is for one importer (data/horizon.yaml). */
export interface Horizon {
  /** The last local date the law is confirmed to. */
  confirmedTo: string;
  /** The first instant after it: 00:00 of the next day in the importer's zone. */
  end: number;
  basis: string;
}

export interface Law {
  instruments: ReadonlyMap<string, Instrument>;
  /** Per importer; absent in a data directory without data/horizon.yaml (the data check fails then). */
  horizon: Partial<Record<Issuer, Horizon>>;
  gaps: readonly Gap[];
  /** Sorted by priority, then id. */
  measures: readonly Measure[];
  byId: ReadonlyMap<string, Measure>;
}

/** The value in force at an instant: the last whose start is not after it (binary search). */
export function valueAt(values: readonly DatedValue[], instant: number): DatedValue | undefined {
  let lo = 0;
  let hi = values.length - 1;
  let found: DatedValue | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = values[mid] as DatedValue;
    if (v.from <= instant) {
      found = v;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The facts a value of a measure rests on that are not confirmed: its instrument's, its measure's and
 * its own (or an exemption's and its instrument's), each once.
 */
export function unconfirmedOf(
  ...of: readonly ({ unconfirmed?: readonly UnconfirmedFact[] } | undefined)[]
): UnconfirmedFact[] {
  const out: UnconfirmedFact[] = [];
  for (const o of of) for (const f of o?.unconfirmed ?? []) if (!out.includes(f)) out.push(f);
  return out;
}

/** What the model leaves out of a measure and one of its values (or rules), each once. */
export function limitsOf(...of: readonly ({ limits?: readonly string[] } | undefined)[]): string[] {
  return [...new Set(of.flatMap((o) => o?.limits ?? []))];
}

/**
 * Why something is provisional, in one line: its unconfirmed facts and any further reason (a value
 * after the data horizon, a scenario's hypothesis); undefined when it is confirmed.
 */
export function provisionalText(
  facts: readonly UnconfirmedFact[],
  ...reasons: (string | undefined)[]
): string | undefined {
  const all = [...facts.map((f) => f.fact), ...reasons.filter((r) => r !== undefined)];
  return all.length === 0 ? undefined : all.join("; ");
}
