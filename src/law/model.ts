/** The law in memory: instruments, measures with dated values, exemptions and in-transit rules. */
import type { Base, Status } from "./schema.js";

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
  /** Why the instrument's facts are not fully confirmed, if they are not. */
  provisional?: string;
  file: string;
}

/** The prefixes of a code by length: `[, , "85", , "8541", ...]` (index n: its first n digits). */
export function prefixesOf(code: string): string[] {
  const out: string[] = [];
  for (let n = 2; n <= code.length; n++) out[n] = code.slice(0, n);
  return out;
}

/** A set of HTS codes given as prefixes (2 to 10 digits), with optional exceptions. */
export class CodeSet {
  private readonly lengths: number[];
  constructor(
    readonly all: boolean,
    private readonly prefixes: ReadonlySet<string>,
    private readonly except?: CodeSet,
  ) {
    this.lengths = [...new Set([...prefixes].map((p) => p.length))].sort((a, b) => a - b);
  }

  has(code: string): boolean {
    if (this.except?.has(code)) return false;
    if (this.all) return true;
    for (const n of this.lengths) {
      if (n <= code.length && this.prefixes.has(code.slice(0, n))) return true;
    }
    return false;
  }

  /**
   * `has` for a code given as its prefixes (`prefixes[n]` = its first n digits, see `prefixesOf`):
   * for checking one code against many sets without slicing it again for each.
   */
  hasPrefixes(prefixes: readonly string[]): boolean {
    if (this.except?.hasPrefixes(prefixes)) return false;
    if (this.all) return true;
    for (const n of this.lengths) {
      const p = prefixes[n];
      if (p !== undefined && this.prefixes.has(p)) return true;
    }
    return false;
  }

  /** Whether the set names codes below `code` without covering all of it (e.g. some HTS10 of an HTS8). */
  coversPartOf(code: string): boolean {
    if (this.all || this.has(code)) return false;
    for (const p of this.prefixes) if (p.length > code.length && p.startsWith(code)) return true;
    return false;
  }

  size(): number {
    return this.prefixes.size;
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
  reason: string;
  products: CodeSet;
  from?: number;
  until?: number;
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
  base: Base;
  priority: number;
  replaces: readonly string[];
  requiresClaim?: string;
  notStackedOn: readonly NotStackedOn[];
  note?: string;
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

export interface Law {
  instruments: ReadonlyMap<string, Instrument>;
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
