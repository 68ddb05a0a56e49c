/**
 * The duty engine: a pure function of (law, nomenclature, entry, instant, scenario).
 * Stacking rules live in the data (replaces, notStackedOn, exemptions, in-transit rules); this module
 * applies them in one place, in priority order.
 */

import {
  type CodeSet,
  type DatedValue,
  type Exemption,
  type Gap,
  type InTransitRule,
  type Issuer,
  type Law,
  limitsOf,
  type Measure,
  prefixesOf,
  provisionalText,
  type RowMatch,
  unconfirmedOf,
  valueAt,
} from "../law/model.js";
import type { Base } from "../law/schema.js";
import type { BaseRates, LineRate } from "../nomenclature/base-rates.js";
import { formatCode } from "../nomenclature/codes.js";
import { adValoremCents, formatPpm, PPM_PER_PERCENT } from "../units/money.js";
import { CN_ZONE, formatInZone, LocalCalendar, localDate, US_ZONE } from "../units/time.js";
import { applyRate, totalRateOf } from "./amounts.js";
import type { DutyResult, Entry, Layer, NotApplied, PricedRow, Scenario } from "./contract.js";

const MFN_LAYER = { authority: "mfn", measure: "hts-column-1-general", label: "MFN rate" } as const;
const COLUMN2_LAYER = {
  authority: "column-2",
  measure: "hts-column-2",
  label: "Column 2 rate (general note 3(b))",
} as const;

interface Candidate {
  measure: Measure;
  /** The heading of the list row the code is on, where it is not the measure's own. */
  rowHeading: string | undefined;
  /** Set when the code's row covers only described goods: the measure then applies only when claimed. */
  described: string | undefined;
  exemptions: Exemption[];
  /** Exemptions that cover only some statistical lines under the code given. */
  partialExemptions: Exemption[];
}

interface Eligible {
  measure: Measure;
  value: DatedValue;
  ppm: number;
  heading: string;
  base: Base;
  remainder: boolean;
  removed: boolean;
}

/**
 * The in-transit rule the entry meets, if any. A rule whose dates the entry meets but which names modes
 * of transport while the entry gives none is not met; it is returned as `needsMode` (to warn).
 */
function inTransitRule(
  rules: readonly InTransitRule[],
  entry: Entry,
  instant: number,
): { rule?: InTransitRule; needsMode?: InTransitRule } {
  const loaded = entry.loadedOn;
  if (loaded === undefined) return {};
  let needsMode: InTransitRule | undefined;
  for (const r of rules) {
    if (loaded >= r.loadedBefore || instant >= r.enteredBefore) continue;
    if (r.loadedFrom !== undefined && loaded < r.loadedFrom) continue;
    if (r.modes && entry.mode === undefined) needsMode ??= r;
    if (r.modes && !(entry.mode && r.modes.has(entry.mode))) continue;
    return { rule: r };
  }
  return { needsMode };
}

function contentOf(base: Base, entry: Entry): number | undefined {
  switch (base) {
    case "steel-content":
      return entry.steelCents;
    case "aluminum-content":
      return entry.aluminumCents;
    case "copper-content":
      return entry.copperCents;
    default:
      return undefined;
  }
}

/**
 * What an importer's law names for a code, shared by every code with the same measures, exemptions
 * and gaps (a few hundred stacks for all codes, so they stay in the CPU caches).
 */
interface Stack {
  candidates: Candidate[];
  /** The importer's gaps whose products include the code or some lines under it. */
  gaps: Gap[];
  /**
   * Instants at which the special duties of a simple entry (see `isSimple`) may change, sorted; null
   * when they are not kept (an exemption covers only some lines under the code).
   */
  breaks: number[] | null;
  /** Per origin: the special duties of a simple entry in each period between breaks, built on first use. */
  outcomes: Map<string, (Outcome | undefined)[]>;
}

/** The special duties of a simple entry, less what depends on its value. */
interface Outcome {
  layers: LayerTemplate[];
  /** Frozen: every result of the period shares it. */
  notApplied: readonly NotApplied[];
  gapNotes: string[];
  /** Warnings that come after the partial-coverage ones. */
  warnings: string[];
}

type LayerTemplate = Pick<
  Layer,
  | "heading"
  | "authority"
  | "measure"
  | "label"
  | "rate"
  | "rateText"
  | "citation"
  | "url"
  | "provisional"
  | "unconfirmed"
  | "limits"
> & { ppm: number };

/**
 * An entry whose special duties depend only on its code, origin and instant: no claims, no loading
 * date, no metal content (scenarios are checked separately).
 */
function isSimple(entry: Entry): boolean {
  return (
    (entry.claims === undefined || entry.claims.length === 0) &&
    entry.loadedOn === undefined &&
    entry.steelCents === undefined &&
    entry.aluminumCents === undefined &&
    entry.copperCents === undefined
  );
}

/**
 * What of an importer's law covers a code, by position (measures and their exemptions in the order
 * of the importer's measures, gaps in the law's order), as `Engine.codeInfo` finds it: apart from the
 * law's objects, so that engines on laws with the same code sets share it (a scenario mostly changes
 * rates; see `sharedPlans`).
 */
interface CoveragePlan {
  /** The key of the stack (see `Engine.stacks`). */
  readonly key: string;
  /** Warnings for measures that cover only some statistical lines under the code. */
  readonly partial: readonly string[];
  readonly candidates: readonly {
    readonly measure: number;
    readonly rowHeading: string | undefined;
    readonly described: string | undefined;
    /** The exemptions covering the code; `described` where they cover only the goods it describes. */
    readonly exemptions: readonly { readonly index: number; readonly described: string | undefined }[];
    readonly partialExemptions: readonly number[];
  }[];
  readonly gaps: readonly number[];
  /** An exemption covers only some lines under the code. */
  readonly exemptsPart: boolean;
}

/**
 * Coverage plans by code, per importer and structure: what a plan depends on, in order (the base
 * rates' successors, then per measure of the importer its code set, heading, label and its
 * exemptions' code sets, then the law's gaps), kept under the structure's first object, which the
 * laws sharing it share (a law no longer used is collected with its sets).
 */
const plansByStructure = new WeakMap<
  object,
  { importer: Issuer; structure: readonly unknown[]; plans: Plans }[]
>();

/**
 * Coverage plans by code, and by stack key those without partial-coverage warnings (most codes): one
 * object for all the codes covered alike.
 */
interface Plans {
  byCode: Map<string, CoveragePlan>;
  byKey: Map<string, CoveragePlan>;
}

/** The plans kept for an importer and structure (see `plansByStructure`), or new ones kept for it. */
function sharedPlans(importer: Issuer, structure: readonly unknown[]): Plans {
  const anchor = structure.find((x): x is object => typeof x === "object" && x !== null);
  if (anchor === undefined) return { byCode: new Map(), byKey: new Map() };
  let kept = plansByStructure.get(anchor);
  if (kept === undefined) {
    kept = [];
    plansByStructure.set(anchor, kept);
  }
  const same = kept.find(
    (k) =>
      k.importer === importer &&
      k.structure.length === structure.length &&
      k.structure.every((x, i) => x === structure[i]),
  );
  if (same !== undefined) return same.plans;
  const plans: Plans = { byCode: new Map(), byKey: new Map() };
  kept.push({ importer, structure, plans });
  return plans;
}

/** Per importer and code: what the engine needs that depends on the code only (built on first use). */
interface CodeInfo {
  importer: Issuer;
  /** The code as first given. */
  code: string;
  stack: Stack;
  /** Warnings for measures that cover only some statistical lines under the code. */
  partial: readonly string[];
  /** The code, dotted. */
  dotted: string;
  /**
   * Base rates of the code by revision slot (see `Day`), column 1 and column 2; their revision is the
   * slot's. null: the code's own line is not in force in the slot (see `BaseRates.lineRatesIn`).
   */
  mfn: (LineRate | null | undefined)[];
  column2: (LineRate | null | undefined)[];
  /**
   * A 10-digit code not in force in a slot (renumbered): its HTS8's rate and the warning saying so,
   * by 2 × slot (+ 1 for column 2).
   */
  renumbered: Map<number, { rate: LineRate; warning: string }> | undefined;
  /**
   * The first base rate, revision and column cited for the code, and that citation. Only the first
   * is kept: a citation replaced on every change of date would outlive the young generation (one
   * string per code and revision, most used once), which made scavenges several times longer.
   */
  citedRate: LineRate | undefined;
  citedRevision: string;
  citedColumn2: boolean;
  cited: string;
}

const NONE: readonly string[] = Object.freeze([]);

/** A local date of entry and the slot of the nomenclature revision in force on it (-1: not known). */
interface Day {
  date: string;
  slot: number;
  /** The revision of the slot (when the slot is known). */
  revision: string;
  assumed: boolean;
  /** The warning for a base rate taken from another revision, and the base layer's label and that revision. */
  assumedLabel: string;
  assumedRevision: string;
  assumedNote: string;
}

const ppmTexts = new Map<number, string>();

/** `formatPpm`, memoised (the law has few distinct rates). */
function ppmText(ppm: number): string {
  let text = ppmTexts.get(ppm);
  if (text === undefined) {
    text = formatPpm(ppm);
    if (ppmTexts.size < 4096) ppmTexts.set(ppm, text);
  }
  return text;
}

/** Distinct codes per importer matched against every code set before the sets are indexed (see `setsNaming`). */
const CODES_BEFORE_INDEX = 32;

/** Distinct instants memoised per zone before the local calendar table (~80 ms to build) pays off. */
const DATE_MEMO_LIMIT = 16_384;

const CONTENT_BASES: readonly (readonly [Base, string])[] = [
  ["steel-content", "steel"],
  ["aluminum-content", "aluminum"],
  ["copper-content", "copper"],
];

/** Whether the column 2 rate (US general note 3(b)) is the base rate of goods of an origin on a day. */
function column2On(base: BaseRates, origin: string, day: Day): boolean {
  return base.column2 !== undefined && base.column2Applies?.(origin, day.date) === true;
}

/** The instants at which what applies to a simple entry under these candidates and gaps may change. */
function breaksOf(candidates: readonly Candidate[], gaps: readonly Gap[]): number[] {
  const at = new Set<number>();
  for (const c of candidates) {
    for (const v of c.measure.values) at.add(v.from);
    for (const x of c.exemptions) {
      if (x.from !== undefined) at.add(x.from);
      if (x.until !== undefined) at.add(x.until);
    }
  }
  for (const g of gaps) {
    at.add(g.from);
    at.add(g.until);
  }
  return [...at].sort((a, b) => a - b);
}

export class Engine {
  /** Built only once many distinct instants have been seen (see `newDay`). */
  private readonly calendars: Partial<Record<Issuer, LocalCalendar>> = {};
  /** Per importer: days by instant (bounded) and by local date; revision slots by revision. */
  private readonly days: Record<Issuer, Map<number, Day>> = { US: new Map(), CN: new Map() };
  private readonly daysByDate: Record<Issuer, Map<string, Day>> = { US: new Map(), CN: new Map() };
  private readonly slots: Record<Issuer, Map<object, number>> = { US: new Map(), CN: new Map() };
  private readonly codes: Record<Issuer, Map<string, CodeInfo>> = { US: new Map(), CN: new Map() };
  /** Per importer: coverage plans by code (see `plansOf`). */
  private readonly plans: Partial<Record<Issuer, Plans>> = {};
  /** Stacks by importer, measures, exemptions and gaps (see `Stack`). */
  private readonly stacks = new Map<string, Stack>();
  private readonly measures: Record<Issuer, Measure[]>;
  /** Per importer: the base rates' `lineRatesIn` when they number slots (`slotOn`), which `Day.slot` then is. */
  private readonly ratesIn: Partial<Record<Issuer, NonNullable<BaseRates["lineRatesIn"]>>> = {};
  /** Per importer: the warning of an answer past the data horizon. */
  private readonly horizonWarnings: Record<Issuer, string>;

  constructor(
    readonly law: Law,
    private readonly baseRates: Partial<Record<Issuer, BaseRates>>,
  ) {
    this.measures = {
      US: law.measures.filter((m) => m.issuer === "US"),
      CN: law.measures.filter((m) => m.issuer === "CN"),
    };
    const horizonWarning = (importer: Issuer): string => {
      const h = law.horizon[importer];
      return h === undefined
        ? ""
        : `beyond the data horizon: the ${importer} law is confirmed to ${h.confirmedTo}; measures announced, changed or ended since are not in the data (see truce status)`;
    };
    this.horizonWarnings = { US: horizonWarning("US"), CN: horizonWarning("CN") };
    for (const importer of ["US", "CN"] as const) {
      const base = baseRates[importer];
      if (base?.slotOn !== undefined && base.lineRatesIn !== undefined)
        this.ratesIn[importer] = base.lineRatesIn;
    }
  }

  /** The local date of an instant in the importer's zone, and its revision slot. */
  /** The day of an instant not in the memo (kept out of `duty`, whose code stays small). */
  private newDay(importer: Issuer, instant: number, base: BaseRates): Day {
    const memo = this.days[importer];
    const zone = importer === "US" ? US_ZONE : CN_ZONE;
    let calendar = this.calendars[importer];
    if (memo.size >= DATE_MEMO_LIMIT) {
      if (calendar === undefined) {
        calendar = new LocalCalendar(zone);
        this.calendars[importer] = calendar;
      }
      memo.clear();
    }
    const date = calendar === undefined ? localDate(instant, zone) : calendar.dateOf(instant);
    const byDate = this.daysByDate[importer];
    let day = byDate.get(date);
    if (day === undefined) {
      let slot = -1;
      let id = "";
      let assumed = false;
      if (base.revisionOn !== undefined) {
        const revision = base.revisionOn(date);
        if (this.ratesIn[importer] !== undefined) slot = (base.slotOn as (date: string) => number)(date);
        else {
          const slots = this.slots[importer];
          slot = slots.get(revision) ?? slots.size;
          slots.set(revision, slot);
        }
        id = revision.id;
        assumed = revision.assumed;
      }
      day = { date, slot, revision: id, assumed, assumedLabel: "", assumedRevision: "", assumedNote: "" };
      if (byDate.size >= DATE_MEMO_LIMIT * 4) byDate.clear();
      byDate.set(date, day);
    }
    memo.set(instant, day);
    return day;
  }

  /** Per importer: the code sets of its measures, exemptions and gaps by the prefixes they name (see `setsNaming`). */
  private readonly setIndex: Partial<Record<Issuer, Map<string, CodeSet[]>>> = {};
  /** Per importer: the codes looked up before the index is built (see `setsNaming`). */
  private readonly unindexed: Record<Issuer, number> = { US: 0, CN: 0 };

  /** The code sets of the importer's measures, their exemptions and its gaps. */
  private *setsOf(importer: Issuer): Iterable<CodeSet> {
    for (const m of this.measures[importer]) {
      yield m.products;
      for (const x of m.exemptions) yield x.products;
    }
    for (const g of this.law.gaps) if (g.issuer === importer) yield g.products;
  }

  /**
   * The code sets of the importer's measures, exemptions and gaps that name a prefix of a code (given
   * as its prefixes, see `prefixesOf`): any other set, unless it covers every code (`all`), has no row
   * covering the code (`CodeSet.rowOf` gives undefined), so that a code is matched against a few sets,
   * not all of them. The first codes ask each set; the index of sets by prefix, which costs as much
   * as asking for a few dozen codes, is built for the codes after them.
   */
  private setsNaming(importer: Issuer, prefixes: readonly string[]): Set<CodeSet> {
    const naming = new Set<CodeSet>();
    let byPrefix = this.setIndex[importer];
    if (byPrefix === undefined && this.unindexed[importer] < CODES_BEFORE_INDEX) {
      this.unindexed[importer]++;
      for (const set of this.setsOf(importer)) if (set.namesAny(prefixes)) naming.add(set);
      return naming;
    }
    if (byPrefix === undefined) {
      const index = new Map<string, CodeSet[]>();
      byPrefix = index;
      for (const set of this.setsOf(importer)) {
        for (const p of set.entries()) {
          const sets = index.get(p);
          if (sets === undefined) index.set(p, [set]);
          else if (!sets.includes(set)) sets.push(set);
        }
      }
      this.setIndex[importer] = index;
    }
    for (let n = 2; n < prefixes.length; n++) {
      const p = prefixes[n];
      const sets = p === undefined ? undefined : byPrefix.get(p);
      if (sets !== undefined) for (const set of sets) naming.add(set);
    }
    return naming;
  }

  /**
   * The coverage plans of an importer's codes: this engine's own, or shared with the engines on laws
   * whose importer's code sets, headings and labels are the same objects (see `sharedPlans`).
   */
  private plansOf(importer: Issuer): Plans {
    let plans = this.plans[importer];
    if (plans === undefined) {
      const structure: unknown[] = [this.baseRates[importer]?.successors];
      for (const m of this.measures[importer]) {
        structure.push(m.products, m.heading, m.label, m.exemptions.length);
        for (const x of m.exemptions) structure.push(x.products);
      }
      for (const g of this.law.gaps) structure.push(g.issuer, g.products);
      plans = sharedPlans(importer, structure);
      this.plans[importer] = plans;
    }
    return plans;
  }

  private codeInfo(importer: Issuer, code: string): CodeInfo {
    const map = this.codes[importer];
    let info = map.get(code);
    if (info === undefined) {
      const plans = this.plansOf(importer);
      let plan = plans.byCode.get(code);
      if (plan === undefined) {
        plan = this.planOf(importer, code);
        if (plan.partial.length === 0) {
          const same = plans.byKey.get(plan.key);
          if (same === undefined) plans.byKey.set(plan.key, plan);
          else plan = same;
        }
        plans.byCode.set(code, plan);
      }
      info = {
        importer,
        code,
        stack: this.stackOf(importer, plan),
        partial: plan.partial,
        dotted: formatCode(code),
        mfn: [],
        column2: [],
        renumbered: undefined,
        citedRate: undefined,
        citedRevision: "",
        citedColumn2: false,
        cited: "",
      };
      map.set(code, info);
    }
    return info;
  }

  /** The stack of a plan: this engine's measures, exemptions and gaps at the plan's positions. */
  private stackOf(importer: Issuer, plan: CoveragePlan): Stack {
    let stack = this.stacks.get(plan.key);
    if (stack === undefined) {
      const measures = this.measures[importer];
      const found: Candidate[] = plan.candidates.map((c) => {
        const m = measures[c.measure] as Measure;
        return {
          measure: m,
          rowHeading: c.rowHeading,
          described: c.described,
          exemptions: c.exemptions.map(({ index, described }) => {
            const x = m.exemptions[index] as Exemption;
            // Described goods only: the exemption holds when the importer claims its heading.
            return described === undefined ? x : { ...x, claim: x.claim ?? x.heading, described };
          }),
          partialExemptions: c.partialExemptions.map((j) => m.exemptions[j] as Exemption),
        };
      });
      const gaps = plan.gaps.map((k) => this.law.gaps[k] as Gap);
      stack = {
        candidates: found,
        gaps,
        // A top-up depends on the column 1 rate, which the outcomes kept per stack do not see.
        breaks: plan.exemptsPart || found.some((c) => c.measure.topUp) ? null : breaksOf(found, gaps),
        outcomes: new Map(),
      };
      this.stacks.set(plan.key, stack);
    }
    return stack;
  }

  /** What of the importer's law covers a code (see `CoveragePlan`). */
  private planOf(importer: Issuer, code: string): CoveragePlan {
    // A code of an earlier nomenclature is read through the current codes it became.
    const successors = this.baseRates[importer]?.successors?.(code);
    const became = successors?.codes ?? [];
    const own = prefixesOf(code);
    const becameScopes = became.map(prefixesOf);
    const ownSets = this.setsNaming(importer, own);
    const becameSets = becameScopes.map((p) => this.setsNaming(importer, p));
    /** `set.rowOf` of a code (its prefixes), given the sets naming any of them (no other has a row). */
    const rowOf = (set: CodeSet, prefixes: readonly string[], naming: ReadonlySet<CodeSet>) =>
      set.all || naming.has(set) ? set.rowOf(prefixes) : undefined;
    /** The row covering the code: its own, or one covering each code it became (all of them). */
    const rowIn = (set: CodeSet): RowMatch | undefined => {
      const row = rowOf(set, own, ownSets);
      if (row !== undefined || becameScopes.length === 0) return row;
      let first: RowMatch | undefined;
      for (let k = 0; k < becameScopes.length; k++) {
        const r = rowOf(set, becameScopes[k] as string[], becameSets[k] as Set<CodeSet>);
        if (r === undefined) return undefined;
        first ??= r;
      }
      return first;
    };
    /** The codes it became that a set covers, when it does not cover them all (else none). */
    const someBecame = (set: CodeSet): string[] =>
      becameScopes.length < 2 || rowIn(set) !== undefined
        ? []
        : became.filter(
            (c, k) =>
              rowOf(set, becameScopes[k] as string[], becameSets[k] as Set<CodeSet>) !== undefined ||
              set.coversPartOf(c),
          );
    const found: CoveragePlan["candidates"][number][] = [];
    const partial: string[] = [];
    if (became.length > 1) {
      partial.push(
        `${formatCode(code)} is no longer in the schedule; it became ${became.map(formatCode).join(", ")} (${successors?.basis}): a measure applies when it covers them all`,
      );
    }
    let key = importer;
    let exemptsPart = false;
    const measures = this.measures[importer];
    for (let k = 0; k < measures.length; k++) {
      const m = measures[k] as Measure;
      const part = m.products.partOf(code);
      if (part !== undefined) {
        partial.push(
          `${part.heading ?? m.heading} (${m.label}) covers some statistical lines under ${formatCode(code)}: give the 10-digit code`,
        );
      }
      const some = someBecame(m.products);
      if (some.length > 0) {
        partial.push(
          `${m.heading} (${m.label}) covers only some of the codes ${formatCode(code)} became (${some.map(formatCode).join(", ")}): not applied`,
        );
      }
      const row = rowIn(m.products);
      if (row === undefined) continue;
      const exemptions: { index: number; described: string | undefined }[] = [];
      const partialExemptions: number[] = [];
      key += ` ${k}${row.heading ?? ""}${row.described === undefined ? "" : `?${row.described}`}:`;
      for (let j = 0; j < m.exemptions.length; j++) {
        const x = m.exemptions[j] as Exemption;
        const covered = rowIn(x.products);
        if (covered === undefined) continue;
        exemptions.push({ index: j, described: covered.described });
        key += covered.described === undefined ? `${j},` : `${j}?${covered.described},`;
      }
      key += ":";
      for (let j = 0; j < m.exemptions.length; j++) {
        const x = m.exemptions[j] as Exemption;
        if (x.products.coversPartOf(code) || someBecame(x.products).length > 0) {
          partialExemptions.push(j);
          key += `${j},`;
        }
      }
      if (partialExemptions.length > 0) exemptsPart = true;
      found.push({
        measure: k,
        rowHeading: row.heading,
        described: row.described,
        exemptions,
        partialExemptions,
      });
    }
    const gaps: number[] = [];
    key += " gaps:";
    const allGaps = this.law.gaps;
    for (let k = 0; k < allGaps.length; k++) {
      const g = allGaps[k] as Gap;
      if (
        g.issuer === importer &&
        (rowIn(g.products) !== undefined ||
          g.products.coversPartOf(code) ||
          someBecame(g.products).length > 0)
      ) {
        gaps.push(k);
        key += `${k},`;
      }
    }
    return { key, partial: partial.length === 0 ? NONE : partial, candidates: found, gaps, exemptsPart };
  }

  /** Set by `baseRate`: the code's info (if kept), the revision of the rate and a warning (or ""). */
  private foundInfo: CodeInfo | undefined = undefined;
  private foundRevision = "";
  private foundAssumed = false;
  private foundWarning = "";

  /**
   * The base rate of a code not yet kept for the slot: looked up, then kept (a 10-digit code not in
   * force in the revision, e.g. renumbered, takes its HTS8's rate, with a warning). Its revision, the
   * code's info and the warning are left in the `found` fields.
   */
  private baseRate(
    importer: Issuer,
    known: CodeInfo | undefined,
    code: string,
    day: Day,
    useColumn2: boolean,
    base: BaseRates,
  ): LineRate {
    const { date, slot } = day;
    this.foundInfo = known;
    this.foundRevision = day.revision;
    this.foundAssumed = day.assumed;
    this.foundWarning = "";
    const key = 2 * slot + (useColumn2 ? 1 : 0);
    const renumbered = slot >= 0 ? known?.renumbered?.get(key) : undefined;
    if (renumbered !== undefined) {
      this.foundWarning = renumbered.warning;
      return renumbered.rate;
    }
    const { lineRate } = base;
    const shared = slot >= 0 && lineRate !== undefined;
    const lookup = useColumn2 ? (base.column2 ?? base.mfn) : base.mfn;
    const find = (c: string): LineRate => {
      if (shared) return lineRate(c, date, useColumn2);
      const r = lookup(c, date);
      this.foundRevision = r.revision;
      this.foundAssumed = r.assumed;
      return r;
    };
    let rate: LineRate;
    try {
      rate = find(code);
    } catch (e) {
      // A statistical suffix not in force on the date (renumbered): its HTS8 carries the rate.
      if (code.length !== 10) throw e;
      rate = find(code.slice(0, 8));
      const warning = `${formatCode(code)} is not in ${this.foundRevision}: the rate of ${formatCode(code.slice(0, 8))} is used`;
      this.foundWarning = warning;
      if (slot < 0) return rate;
      const info = known ?? this.codeInfo(importer, code);
      this.foundInfo = info;
      info.renumbered ??= new Map();
      info.renumbered.set(key, { rate, warning });
      return rate;
    }
    if (slot < 0) return rate;
    const info = known ?? this.codeInfo(importer, code);
    this.foundInfo = info;
    (useColumn2 ? info.column2 : info.mfn)[slot] = rate;
    return rate;
  }

  /** The special duties of a simple entry from the stack and origin at the instant. */
  private outcome(stack: Stack, origin: string, instant: number): Outcome {
    const breaks = stack.breaks as number[];
    let lo = 0; // the period: the number of breaks at or before the instant
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((breaks[mid] as number) <= instant) lo = mid + 1;
      else hi = mid;
    }
    let periods = stack.outcomes.get(origin);
    if (periods === undefined) {
      periods = new Array<Outcome | undefined>(breaks.length + 1).fill(undefined);
      stack.outcomes.set(origin, periods);
    }
    let o = periods[lo];
    if (o === undefined) {
      // The general path on an entry with only an origin; its amounts are computed per entry.
      const notApplied: NotApplied[] = [];
      const warnings: string[] = [];
      const simple: Entry = { code: "", origin, valueCents: 0 };
      const layers: LayerTemplate[] = [];
      for (const e of this.eligible(stack, "", simple, instant, undefined, notApplied, warnings)) {
        if (e.removed) continue;
        if (e.base !== "value") {
          warnings.push(`${e.measure.label}: ${e.base} not given; charged on the full customs value`);
        }
        layers.push(templateOf(e));
      }
      const gapNotes: string[] = [];
      for (const g of stack.gaps) {
        if (instant >= g.from && instant < g.until && !g.exceptOrigins.has(origin)) gapNotes.push(g.note);
      }
      for (const n of notApplied) Object.freeze(n);
      o = { layers, notApplied: Object.freeze(notApplied), gapNotes, warnings };
      periods[lo] = o;
    }
    return o;
  }

  /**
   * The candidate measures that apply to the entry at the instant, after exemptions, replacements and
   * stacking rules (`removed` set on those that do not apply); notes what is not applied and why.
   */
  private eligible(
    stack: Stack,
    dotted: string,
    entry: Entry,
    instant: number,
    scenario: Scenario | undefined,
    notApplied: NotApplied[],
    warnings: string[],
    /** The column 1 rate in ppm when ad valorem (free: 0), for top-ups; undefined otherwise. */
    mfnPpm?: number,
  ): Eligible[] {
    const eligible: Eligible[] = [];
    for (const { measure: m, rowHeading, described, exemptions, partialExemptions } of stack.candidates) {
      if (m.origins !== null && !m.origins.has(entry.origin)) continue;
      if (m.exceptOrigins.has(entry.origin)) continue;
      const value = valueAt(m.values, instant);
      if (!value) continue;
      // A row listed under its own heading (e.g. 9903.88.04 within List 3) reports it for the measure's.
      const valueHeading =
        rowHeading !== undefined && value.heading === m.heading ? rowHeading : value.heading;
      if (scenario?.disable?.includes(m.authority)) {
        notApplied.push(skipped(m, valueHeading, `switched off by scenario ${scenario.id}`, undefined));
        continue;
      }
      let status = value.status;
      if ((status === "threatened" || status === "proposed") && scenario?.enable?.includes(m.id))
        status = "final";
      if (status !== "final") {
        notApplied.push(skipped(m, valueHeading, statusReason(status, value), value.instrument.citation));
        if (status === "unmodelled") warnings.push(`${m.label}: ${statusReason(status, value)}`);
        continue;
      }
      if (m.requiresClaim && !entry.claims?.includes(valueHeading)) {
        notApplied.push(
          skipped(
            m,
            valueHeading,
            `${m.requiresClaim} (declare it with the claim ${valueHeading})`,
            undefined,
          ),
        );
        continue;
      }
      if (described !== undefined && !entry.claims?.includes(valueHeading)) {
        notApplied.push(
          skipped(
            m,
            valueHeading,
            `covers only the goods described as "${described}" (declare it with the claim ${valueHeading})`,
            value.instrument.citation,
          ),
        );
        continue;
      }
      let exemption: Exemption | undefined;
      let claimedOutOfWindow: Exemption | undefined;
      for (const x of exemptions) {
        if ((x.from === undefined || instant >= x.from) && (x.until === undefined || instant < x.until)) {
          if (x.claim === undefined || entry.claims?.includes(x.claim) === true) {
            exemption = x;
            break;
          }
          if (x.described !== undefined)
            warnings.push(
              `${x.claim} exempts from ${m.label} only the goods described as "${x.described}": claim ${x.claim} if the goods are such`,
            );
        } else if (x.claim !== undefined && entry.claims?.includes(x.claim) === true) claimedOutOfWindow = x;
      }
      if (exemption === undefined && claimedOutOfWindow !== undefined) {
        const x = claimedOutOfWindow;
        const window = [
          x.from === undefined ? "" : `from ${formatInZone(x.from, m.zone)}`,
          x.until === undefined ? "" : `before ${formatInZone(x.until, m.zone)}`,
        ].filter((w) => w !== "");
        warnings.push(
          `the claim ${x.claim} is not applied: its exemption from ${m.label} holds ${window.join(" and ")} only`,
        );
      }
      if (exemption) {
        notApplied.push(
          skipped(
            m,
            exemption.heading ?? valueHeading,
            exemption.reason,
            exemption.instrument.citation,
            provisionalText(unconfirmedOf(exemption.instrument, exemption)),
          ),
        );
        continue;
      }
      for (const x of partialExemptions) {
        if ((x.from === undefined || instant >= x.from) && (x.until === undefined || instant < x.until)) {
          warnings.push(
            `${x.heading ?? valueHeading} exempts some statistical lines under ${dotted}: give the 10-digit code`,
          );
        }
      }
      let ppm = value.ppm ?? 0;
      let heading = valueHeading;
      const { rule: transit, needsMode } = inTransitRule(m.inTransit, entry, instant);
      if (needsMode)
        warnings.push(
          `${m.label}: the in-transit relief ${needsMode.heading ?? ""} is only for goods carried by ${[...(needsMode.modes ?? [])].join(", ")}: give the mode of transport (--mode) to claim it`,
        );
      if (transit) {
        if (transit.ppm === null) {
          notApplied.push(
            skipped(
              m,
              transit.heading ?? heading,
              transit.reason ?? "in transit",
              transit.instrument.citation,
              provisionalText(unconfirmedOf(transit.instrument, transit)),
            ),
          );
          continue;
        }
        ppm = transit.ppm;
        heading = transit.heading ?? heading;
        warnings.push(`${m.label}: in-transit rate ${formatPpm(ppm)} under ${heading}`);
      }
      if (m.topUp) {
        if (mfnPpm === undefined) {
          notApplied.push(
            skipped(
              m,
              heading,
              `tops the column 1 rate up to ${formatPpm(ppm)}: that rate is not ad valorem, its ad valorem equivalent is not known`,
              value.instrument.citation,
            ),
          );
          continue;
        }
        ppm = Math.max(0, ppm - mfnPpm);
        if (ppm === 0) heading = m.topUp.headingAtOrAbove;
      }
      if (m.headingUnknown !== undefined) {
        warnings.push(`${m.label}: no Chapter 99 heading to report: ${m.headingUnknown}`);
      }
      eligible.push({ measure: m, value, ppm, heading, base: value.base, remainder: false, removed: false });
    }

    // The notes put each line on one list of an action (the data check holds it for the shipped
    // revisions); a code they do not number (e.g. a statistical number of 2017) can fall under two
    // lists' rows at once: neither is charged, and the answer asks for the number in force.
    for (let i = 0; i < eligible.length; i++) {
      const e = eligible[i] as Eligible;
      const action = e.measure.action;
      if (action === undefined || e.removed) continue;
      const same = eligible.filter((o) => !o.removed && o.measure.action === action);
      if (same.length < 2) continue;
      const names = same.map((o) => `${o.heading} (${o.measure.label})`).join(" and ");
      for (const o of same) {
        o.removed = true;
        notApplied.push({
          heading: o.heading,
          authority: o.measure.authority,
          measure: o.measure.id,
          reason: `the code falls under both ${names}, which the notes assign to different statistical numbers: give the number in force`,
          citation: o.value.instrument.citation,
        });
      }
      warnings.push(
        `${dotted || "the code"} falls under ${names}; the notes put each line on one list: give the statistical number in force on the date`,
      );
    }

    // A replacing measure (e.g. the 2024 four-year review) displaces the rate it replaces.
    for (const e of eligible) {
      for (const id of e.measure.replaces) {
        for (const other of eligible) {
          if (other.removed || other.measure.id !== id) continue;
          other.removed = true;
          notApplied.push({
            heading: other.heading,
            authority: other.measure.authority,
            measure: other.measure.id,
            reason: `replaced by ${e.heading} (${e.measure.label}, ${formatPpm(e.ppm)})`,
            citation: e.value.instrument.citation,
          });
        }
      }
    }

    // A measure "subject to" another (more than 0% owed) may not stack on it; in priority order.
    // Only measures earlier in priority order count, so the higher-precedence one of a pair survives.
    for (let i = 0; i < eligible.length; i++) {
      const e = eligible[i] as Eligible;
      if (e.removed) continue;
      for (const rule of e.measure.notStackedOn) {
        let other: Eligible | undefined;
        for (let j = 0; j < i; j++) {
          const o = eligible[j] as Eligible;
          if (!o.removed && o.ppm > 0 && rule.authorities.has(o.measure.authority)) {
            other = o;
            break;
          }
        }
        if (!other) continue;
        if (
          rule.remainderFrom !== undefined &&
          instant >= rule.remainderFrom &&
          other.base !== "value" &&
          contentOf(other.base, entry) !== undefined
        ) {
          e.remainder = true;
          continue;
        }
        e.removed = true;
        notApplied.push({
          heading: rule.heading ?? e.heading,
          authority: e.measure.authority,
          measure: e.measure.id,
          reason: `${rule.reason} (${other.heading} applies)`,
          citation: e.measure.instrument.citation,
        });
        break;
      }
    }
    return eligible;
  }

  /** The last code info `knownInfo` found and its importer: a batch row asks for it twice. */
  private lastInfo: CodeInfo | undefined = undefined;
  private lastInfoImporter: Issuer = "US";
  /** Per importer, the last instant `dayAt` answered and its day: a batch row asks for it twice. */
  private readonly lastInstant: Record<Issuer, number> = { US: Number.NaN, CN: Number.NaN };
  private readonly lastDay: Partial<Record<Issuer, Day>> = {};

  /** The info of a code if built (see `codeInfo`), else undefined. */
  private knownInfo(importer: Issuer, code: string): CodeInfo | undefined {
    const last = this.lastInfo;
    if (last !== undefined && last.code === code && this.lastInfoImporter === importer) return last;
    const info = this.codes[importer].get(code);
    if (info !== undefined) {
      this.lastInfo = info;
      this.lastInfoImporter = importer;
    }
    return info;
  }

  /** The day of an instant (see `Day`). */
  private dayAt(importer: Issuer, instant: number, base: BaseRates): Day {
    if (this.lastInstant[importer] === instant) return this.lastDay[importer] as Day;
    const day = this.days[importer].get(instant) ?? this.newDay(importer, instant, base);
    this.lastInstant[importer] = instant;
    this.lastDay[importer] = day;
    return day;
  }

  /**
   * What the importer's law names for a code, by the engine's one coverage rule (the measures and
   * exemptions covering the code or every code it became): `stack`, one object shared by every code
   * the law treats alike, and `changes`, the instants at which what applies to the code may change
   * (sorted). For analytics that evaluate a code only when it may change (src/analytics/average.ts).
   */
  coverageOf(
    importer: Issuer,
    code: string,
  ): { readonly stack: object; readonly changes: readonly number[] } {
    const { stack } = this.codeInfo(importer, code);
    return { stack, changes: stack.breaks ?? breaksOf(stack.candidates, stack.gaps) };
  }

  /**
   * The base rate `duty` charges on a simple entry of the code from the origin at the instant, and
   * whether it is the column 2 rate; undefined where `duty` throws (no rate for the code then). For
   * analytics that evaluate alike the codes charged alike (src/analytics/average.ts).
   */
  baseRateOf(
    importer: Issuer,
    code: string,
    origin: string,
    instant: number,
  ): { readonly rate: LineRate; readonly column2: boolean } | undefined {
    const base = this.baseRates[importer];
    if (!base) return undefined;
    const day = this.dayAt(importer, instant, base);
    const column2 = column2On(base, origin, day);
    try {
      return {
        rate: this.rateOn(importer, base, this.knownInfo(importer, code), code, day, column2),
        column2,
      };
    } catch {
      return undefined;
    }
  }

  /**
   * The code (as first given to the engine) if its own line is in the nomenclature revision in force
   * at the instant, for a code the engine has priced before (on any date) and an instant it has seen:
   * the code's rates by slot answer, filled from the nomenclature for the slot's neighbours too (see
   * `BaseRates.lineRatesIn`). Else undefined, which says nothing: ask the nomenclature.
   */
  knownLine(importer: Issuer, code: string, instant: number): string | undefined {
    const info = this.knownInfo(importer, code);
    if (info === undefined) return undefined;
    const day =
      this.lastInstant[importer] === instant ? this.lastDay[importer] : this.days[importer].get(instant);
    if (day === undefined) return undefined;
    return this.lineInForce(info, day) ? info.code : undefined;
  }

  /**
   * Whether the code's own line is in force on the day, from the code's rates by slot (see
   * `knownLine`); false says nothing (a nomenclature without slots, or not known).
   */
  private lineInForce(info: CodeInfo, day: Day): boolean {
    const slot = day.slot;
    if (slot < 0) return false;
    if (info.mfn[slot] === undefined && info.column2[slot] == null)
      this.ratesIn[info.importer]?.(info.code, slot, false, info.mfn);
    return info.mfn[slot] != null || info.column2[slot] != null;
  }

  /**
   * The base rate of a code on a day (kept per code and revision slot); the code's info, the rate's
   * revision and a warning (or "") are left in the `found` fields.
   */
  private rateOn(
    importer: Issuer,
    base: BaseRates,
    info: CodeInfo | undefined,
    code: string,
    day: Day,
    useColumn2: boolean,
  ): LineRate {
    const slot = day.slot;
    let kept: LineRate | null | undefined;
    if (info !== undefined && slot >= 0) {
      const rates = useColumn2 ? info.column2 : info.mfn;
      kept = rates[slot];
      const ratesIn = this.ratesIn[importer];
      if (kept === undefined && ratesIn !== undefined) {
        ratesIn(code, slot, useColumn2, rates);
        kept = rates[slot];
      }
    }
    if (kept != null) {
      this.foundInfo = info;
      this.foundRevision = day.revision;
      this.foundAssumed = day.assumed;
      this.foundWarning = "";
      return kept;
    }
    const rate = this.baseRate(importer, info, code, day, useColumn2, base);
    this.foundInfo ??= this.codeInfo(importer, code);
    return rate;
  }

  /**
   * What a batch writes of a simple entry's duty (see `isSimple`) whose base rate is free or ad
   * valorem: its layers' headings, rate texts and amounts and its totals, the same as `duty` gives,
   * written into `row` (reused from call to call: nothing is allocated per entry). Returns false,
   * leaving `row` as it was, for any other entry; `duty` answers those.
   */
  price(entry: Entry, instant: number, row: PricedRow): boolean {
    if (!isSimple(entry)) return false;
    const importer = entry.importer ?? "US";
    const base = this.baseRates[importer];
    if (!base) return false;
    const day = this.dayAt(importer, instant, base);
    const info = this.knownInfo(importer, entry.code);
    return this.priceOn(importer, base, info, entry.code, entry.origin, day, instant, entry.valueCents, row);
  }

  private priceOn(
    importer: Issuer,
    base: BaseRates,
    known: CodeInfo | undefined,
    code: string,
    origin: string,
    day: Day,
    instant: number,
    value: number,
    row: PricedRow,
  ): boolean {
    const useColumn2 = column2On(base, origin, day);
    const mfn = this.rateOn(importer, base, known, code, day, useColumn2);
    const kind = mfn.rate.kind;
    if (kind !== "free" && kind !== "adValorem" && kind !== "additional") return false;
    const info = this.foundInfo as CodeInfo;
    const stack = info.stack;
    if (stack.breaks === null) return false;
    const scratch = this.scratch;
    scratch.rate = 0;
    scratch.amountCents = 0;
    const entry = this.scratchEntry;
    entry.valueCents = value;
    applyRate(mfn.rate, scratch, entry);
    let rationalPpmCents = scratch.rate * PPM_PER_PERCENT * value;
    let totalCents = scratch.amountCents as number;
    row.headings[0] = info.dotted;
    row.rateTexts[0] = mfn.text || "Free";
    row.amountsCents[0] = totalCents;
    let n = 1;
    for (const t of this.outcome(stack, origin, instant).layers) {
      const amountCents = adValoremCents(value, t.ppm);
      rationalPpmCents += t.ppm * value;
      totalCents += amountCents;
      row.headings[n] = t.heading;
      row.rateTexts[n] = t.rateText;
      row.amountsCents[n] = amountCents;
      n++;
    }
    row.layers = n;
    row.totalCents = totalCents;
    row.totalRate = totalRateOf(rationalPpmCents, 0, value);
    return true;
  }

  /** The entry whose value `price` applies the base rate to (its value only). */
  private readonly scratchEntry: Entry = { code: "", origin: "", valueCents: 0 };

  /** The base layer `price` computes in (its amount and rate only). */
  private readonly scratch: Layer = {
    heading: "",
    authority: "",
    measure: "",
    label: "",
    rate: 0,
    rateText: "",
    base: "value",
    baseCents: 0,
    amountCents: 0,
    status: "final",
    citation: "",
    url: "",
  };

  duty(entry: Entry, instant: number, scenario?: Scenario): DutyResult {
    const importer = entry.importer ?? "US";
    const base = this.baseRates[importer];
    if (!base) throw new Error(`no nomenclature loaded for importer ${importer}`);
    const day = this.dayAt(importer, instant, base);
    const { date } = day;
    const warnings: string[] = [];
    let complete = true;
    const horizon = this.law.horizon[importer];
    const beyondHorizon = horizon !== undefined && instant >= horizon.end;
    if (beyondHorizon) warnings.push(this.horizonWarnings[importer]);

    const useColumn2 = column2On(base, entry.origin, day);
    const mfn = this.rateOn(
      importer,
      base,
      this.knownInfo(importer, entry.code),
      entry.code,
      day,
      useColumn2,
    );
    const info = this.foundInfo as CodeInfo;
    const revision = this.foundRevision;
    const assumed = this.foundAssumed;
    if (this.foundWarning !== "") warnings.push(this.foundWarning);
    if (mfn.warning !== undefined) warnings.push(mfn.warning);
    let citation = info.cited;
    if (info.citedRate !== mfn || info.citedRevision !== revision || info.citedColumn2 !== useColumn2) {
      citation = base.cite({ rate: mfn.rate, text: mfn.text, revision, assumed }, info.dotted, useColumn2);
      if (info.citedRate === undefined) {
        info.cited = citation;
        info.citedRate = mfn;
        info.citedRevision = revision;
        info.citedColumn2 = useColumn2;
      }
    }
    const naming = useColumn2 ? COLUMN2_LAYER : (base.baseLayer ?? MFN_LAYER);
    const baseLayer: Layer = {
      heading: info.dotted,
      authority: naming.authority,
      measure: naming.measure,
      label: naming.label,
      citation,
      url: base.url,
      rate: 0,
      rateText: mfn.text || "Free",
      base: "value",
      baseCents: entry.valueCents,
      amountCents: 0,
      status: "final",
    };
    if (!applyRate(mfn.rate, baseLayer, entry)) baseLayer.amountCents = null;
    if (assumed) {
      if (day.assumedLabel !== naming.label || day.assumedRevision !== revision) {
        day.assumedNote = `${naming.label} taken from ${revision} (no machine-readable schedule for ${date})`;
        day.assumedLabel = naming.label;
        day.assumedRevision = revision;
      }
      warnings.push(day.assumedNote);
    }
    if (baseLayer.amountCents === null) {
      complete = false;
      warnings.push(
        `${naming.label} "${mfn.text}" needs ${
          baseLayer.base !== "quantity"
            ? "manual review"
            : entry.quantityMilli === undefined
              ? "a quantity"
              : `the quantity in the rate's unit (the quantity given is in ${entry.unit ?? "no unit"})`
        }`,
      );
    }

    const stack = info.stack;
    let rationalPpmCents =
      baseLayer.base === "value" ? baseLayer.rate * PPM_PER_PERCENT * entry.valueCents : 0;
    let totalCents = baseLayer.amountCents ?? 0;
    let layers: Layer[];
    let notApplied: readonly NotApplied[];
    if (scenario === undefined && stack.breaks !== null && isSimple(entry)) {
      // Special duties kept per stack, origin and period; only the amounts are computed here.
      const o = this.outcome(stack, entry.origin, instant);
      for (const n of o.gapNotes) warnings.push(n);
      for (const w of info.partial) warnings.push(w);
      for (const w of o.warnings) warnings.push(w);
      const value = entry.valueCents;
      const templates = o.layers;
      layers = new Array<Layer>(templates.length + 1);
      layers[0] = baseLayer;
      for (let k = 0; k < templates.length; k++) {
        const t = templates[k] as LayerTemplate;
        const amountCents = adValoremCents(value, t.ppm);
        rationalPpmCents += t.ppm * value;
        totalCents += amountCents;
        layers[k + 1] = layerOf(t, "value", value, amountCents);
      }
      notApplied = o.notApplied;
    } else {
      layers = [baseLayer];
      const skippedHere: NotApplied[] = [];
      notApplied = skippedHere;
      for (const g of stack.gaps) {
        if (instant >= g.from && instant < g.until && !g.exceptOrigins.has(entry.origin))
          warnings.push(g.note);
      }
      for (const w of info.partial) warnings.push(w);
      const kind = mfn.rate.kind;
      const mfnPpm = kind === "free" ? 0 : kind === "adValorem" ? mfn.rate.ppm : undefined;
      const eligible = this.eligible(
        stack,
        info.dotted,
        entry,
        instant,
        scenario,
        skippedHere,
        warnings,
        mfnPpm,
      );

      let contentCharged = 0;
      for (const o of eligible) {
        if (!o.removed && o.ppm > 0 && o.base !== "value") contentCharged += contentOf(o.base, entry) ?? 0;
      }

      for (const e of eligible) {
        if (e.removed) continue;
        let baseCents = entry.valueCents;
        let baseKind: Base = e.base;
        if (e.base !== "value") {
          const content = contentOf(e.base, entry);
          if (content === undefined) {
            warnings.push(`${e.measure.label}: ${e.base} not given; charged on the full customs value`);
            baseKind = "value";
          } else baseCents = content;
        } else if (e.remainder) {
          baseCents = Math.max(0, entry.valueCents - contentCharged);
        }
        const amountCents = adValoremCents(baseCents, e.ppm);
        rationalPpmCents += e.ppm * baseCents;
        totalCents += amountCents;
        layers.push(layerOf(templateOf(e), e.remainder ? "value" : baseKind, baseCents, amountCents));
        if (e.remainder)
          warnings.push(`${e.measure.label}: charged on the value less the Section 232 metal content`);
      }

      if (
        entry.steelCents !== undefined ||
        entry.aluminumCents !== undefined ||
        entry.copperCents !== undefined
      ) {
        for (const [baseKind, metal] of CONTENT_BASES) {
          if (contentOf(baseKind, entry) !== undefined && !layers.some((l) => l.base === baseKind)) {
            warnings.push(
              `the ${metal} value given is not used: no Section 232 duty on the ${metal} content applies to this entry`,
            );
          }
        }
      }
    }

    const specificCentsTotal = baseLayer.base === "quantity" ? (baseLayer.amountCents ?? 0) : 0;
    const totalRate = totalRateOf(rationalPpmCents, specificCentsTotal, entry.valueCents);
    return {
      importer,
      code: entry.code,
      origin: entry.origin,
      instant,
      date,
      layers,
      notApplied,
      totalCents,
      totalRate,
      complete,
      beyondHorizon,
      warnings,
    };
  }
}

/** What a special duty's layer shows whatever the entry's value. */
function templateOf(e: Eligible): LayerTemplate {
  return {
    ppm: e.ppm,
    heading: e.heading,
    authority: e.measure.authority,
    measure: e.measure.id,
    label: e.measure.label,
    rate: e.ppm / PPM_PER_PERCENT,
    rateText: ppmText(e.ppm),
    citation: e.value.instrument.citation,
    url: e.value.instrument.url,
    ...qualificationsOf(e.measure, e.value),
  };
}

/** Why a layer is not confirmed and what its model leaves out: its instrument's, measure's and value's. */
function qualificationsOf(m: Measure, v: DatedValue): Pick<Layer, "provisional" | "unconfirmed" | "limits"> {
  const unconfirmed = unconfirmedOf(v.instrument, m, v);
  const limits = limitsOf(m, v);
  return {
    provisional: provisionalText(unconfirmed, v.provisional),
    ...(unconfirmed.length > 0 ? { unconfirmed } : {}),
    ...(limits.length > 0 ? { limits } : {}),
  };
}

/**
 * A special duty's layer, charged on `baseCents`. One literal, then the optional fields (no spread of
 * a conditional object): a few fixed shapes, built without a copy.
 */
function layerOf(t: LayerTemplate, base: Base, baseCents: number, amountCents: number): Layer {
  const layer: Layer = {
    heading: t.heading,
    authority: t.authority,
    measure: t.measure,
    label: t.label,
    rate: t.rate,
    rateText: t.rateText,
    base,
    baseCents,
    amountCents,
    status: "final",
    citation: t.citation,
    url: t.url,
    provisional: t.provisional,
  };
  if (t.unconfirmed) layer.unconfirmed = t.unconfirmed;
  if (t.limits) layer.limits = t.limits;
  return layer;
}

function skipped(
  m: Measure,
  heading: string,
  reason: string,
  citation: string | undefined,
  provisional?: string,
): NotApplied {
  return {
    heading,
    authority: m.authority,
    measure: m.id,
    reason,
    citation,
    ...(provisional ? { provisional } : {}),
  };
}

function statusReason(status: string, value: DatedValue): string {
  switch (status) {
    case "suspended":
      return `suspended (${value.instrument.citation})`;
    case "threatened":
      return "threatened, never applied by default (enable it in a scenario)";
    case "proposed":
      return "proposed, not in force";
    case "unmodelled":
      return `not modelled from ${value.note ? `this date: ${value.note}` : "this date"} (${value.instrument.citation})`;
    default:
      return `ended (${value.instrument.citation})`;
  }
}
