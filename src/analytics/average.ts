/**
 * Trade-weighted average tariffs over time, from interval-encoded rate timelines per line: each
 * line's rate is computed only on the days its measures change (a sweep over change points), not
 * once per day. A day's rate is the state at 23:59 local time in the importing country, so a measure
 * starting at any time on a day counts from that day.
 */
import { Engine } from "../engine/duty.js";
import type { Issuer, Law } from "../law/model.js";
import type { BaseRates } from "../nomenclature/base-rates.js";
import type { CnSchedule } from "../nomenclature/cn.js";
import { CN_ZONE, localDate, US_ZONE, zonedInstant } from "../units/time.js";

export interface WeightRow {
  code: string;
  origin: string;
  /** Trade value (any currency unit; only shares matter). */
  value: number;
  /** Line of the weights file, for reports. */
  line?: number;
}

export interface AverageOptions {
  importer: Issuer;
  from: string;
  to: string;
  daily?: boolean;
  byAuthority?: boolean;
}

export interface AveragePoint {
  date: string;
  /** Trade-weighted average tariff, percent. */
  average: number;
  /** Share of the weights' trade value with a special (non-MFN) duty above zero, percent. */
  coverage: number;
  /** Percentage points contributed by each authority (mfn included). */
  byAuthority?: Record<string, number>;
}

export interface Unmapped {
  code: string;
  origin: string;
  value: number;
  reason: string;
}

export interface AverageResult {
  points: AveragePoint[];
  weightsTotal: number;
  /** Weights whose code the nomenclature does not know on some or all dates: reported, not averaged then. */
  unmapped: Unmapped[];
  unmappedValue: number;
}

/** A line's base rates over a period as steps (see `AverageCalculator.baseSteps`). */
interface Steps {
  key: string;
  dates: string[];
}

/**
 * Base-rate steps by the base rates they were read from, then period, then lines: they do not depend
 * on the law, so the calculators of every scenario on the same nomenclatures share them.
 */
const stepsByBase = new WeakMap<BaseRates, Map<string, Map<string, Steps>>>();

/** The timelines of one origin and period. */
interface Timelines {
  origin: string;
  /** `origin|from|to`. */
  period: string;
  byCode: Map<string, Segment[]>;
  /** By what they depend on (stacks' names, then base-rate steps): lines with the same share one. */
  bySignature: Map<string, unknown>;
}

/** An engine stack, named, and the local dates on which what it applies may change (once asked for). */
interface StackName {
  signature: string;
  dates: string[] | undefined;
}

interface Segment {
  date: string;
  rate: number;
  special: boolean;
  authorities: Map<string, number>;
  known: boolean;
}

export interface Schedules {
  law: Law;
  engine: Engine;
  cn: CnSchedule;
  baseRates: Record<Issuer, BaseRates>;
}

const ZONE: Record<Issuer, string> = { US: US_ZONE, CN: CN_ZONE };

export class AverageCalculator {
  /** Timelines by origin and period (see `Timelines`). */
  private readonly timelines = new Map<string, Timelines>();
  private readonly endOfDay = new Map<string, number>();
  /** Local dates of the instants the law names, by instant. */
  private readonly dates = new Map<number, string>();

  /** A short name for each of the engine's stacks (see `Engine.coverageOf`), and its local change dates. */
  private readonly stackNames = new Map<object, StackName>();
  /** The engine on the weights' base rates (see `carriedBaseRates`). */
  private readonly engine: Engine;

  constructor(
    private readonly s: Schedules,
    private readonly importer: Issuer,
  ) {
    this.engine = new Engine(s.law, { US: carriedFor(s.baseRates.US), CN: s.baseRates.CN });
    const base = s.baseRates[importer];
    let steps = stepsByBase.get(base);
    if (steps === undefined) {
      steps = new Map();
      stepsByBase.set(base, steps);
    }
    this.stepsByPeriod = steps;
  }

  /** Base-rate steps by period, then lines (shared, see `stepsByBase`). */
  private readonly stepsByPeriod: Map<string, Map<string, Steps>>;

  /** `baseSteps`, kept for every calculator on the same base rates. */
  private stepsOf(codes: readonly string[], origin: string, from: string, to: string, period: string): Steps {
    let byLines = this.stepsByPeriod.get(period);
    if (byLines === undefined) {
      byLines = new Map();
      this.stepsByPeriod.set(period, byLines);
    }
    const lines = codes.length === 1 ? (codes[0] as string) : codes.join(" ");
    let steps = byLines.get(lines);
    if (steps === undefined) {
      steps = this.baseSteps(codes, origin, from, to);
      byLines.set(lines, steps);
    }
    return steps;
  }

  private instantOf(date: string): number {
    let i = this.endOfDay.get(date);
    if (i === undefined) {
      i = zonedInstant(`${date} 23:59`, ZONE[this.importer]);
      this.endOfDay.set(date, i);
    }
    return i;
  }

  private dateOf(instant: number): string {
    let d = this.dates.get(instant);
    if (d === undefined) {
      d = localDate(instant, ZONE[this.importer]);
      this.dates.set(instant, d);
    }
    return d;
  }

  /**
   * What a line's timeline depends on besides its base rate: the measures and exemptions that cover
   * it (the engine's stack, named), and the local dates on which any of them changes (asked for
   * with `withDates`).
   */
  private coverage(code: string, withDates: boolean): StackName {
    const { stack, changes } = this.engine.coverageOf(this.importer, code);
    let named = this.stackNames.get(stack);
    if (named === undefined) {
      named = { signature: `s${this.stackNames.size}`, dates: undefined };
      this.stackNames.set(stack, named);
    }
    if (withDates) named.dates ??= [...new Set(changes.map((i) => this.dateOf(i)))].sort();
    return named;
  }

  /** The rates of the lines (one code, or the national lines of an HS6) on the 23:59 of a date. */
  private evaluate(codes: readonly string[], origin: string, date: string): Segment {
    const instant = this.instantOf(date);
    const authorities = new Map<string, number>();
    let rate = 0;
    let special = false;
    try {
      for (const code of codes) {
        const r = this.engine.duty({ code, origin, importer: this.importer, valueCents: 1_000_000 }, instant);
        rate += r.totalRate;
        for (const l of r.layers) {
          // A layer whose amount is not known (a rate by quantity, none given) is not in the total either.
          if (l.amountCents === null) continue;
          authorities.set(l.authority, (authorities.get(l.authority) ?? 0) + l.rate / codes.length);
          // The first layer is the base rate (MFN, column 2, or China's derived base); the others are special.
          if (l !== r.layers[0] && l.rate > 0) special = true;
        }
      }
    } catch {
      return { date, rate: 0, special: false, authorities: new Map(), known: false };
    }
    return { date, rate: rate / codes.length, special, authorities, known: true };
  }

  /**
   * The base rates the engine charges on the lines over the period, as steps: each line's rate on
   * `from` and on each later date (of those on which the schedule says it may change, then `to`) on
   * which it differs from the date before ("?" where the engine has none: the line is not in the
   * nomenclature then). Lines with the same stacks and steps are charged alike on every date; `dates`
   * are the dates of the steps (`to` only where the schedule names it).
   */
  private baseSteps(codes: readonly string[], origin: string, from: string, to: string): Steps {
    const { changeDates, column2Changes } = this.s.baseRates[this.importer];
    // Where column 2 starts or ends for the origin, the base rate of every line may change.
    const column2Dates = to > from ? (column2Changes?.(origin, from, to) ?? []) : [];
    const textOn = (code: string, date: string): string => {
      const r = this.engine.baseRateOf(this.importer, code, origin, this.instantOf(date));
      return r === undefined ? "?" : `${r.column2 ? "column 2" : "column 1"} ${r.rate.text}`;
    };
    let key = "";
    const dates: string[] = [];
    for (const code of codes) {
      let previous = textOn(code, from);
      key += previous;
      if (to > from) {
        const own = changeDates === undefined ? [] : changeDates(code, from, to);
        const samples = column2Dates.length === 0 ? own : [...new Set([...own, ...column2Dates])].sort();
        for (const d of samples) {
          const text = textOn(code, d);
          if (text === previous) continue;
          key += ` ${d}=${text}`;
          dates.push(d);
          previous = text;
        }
        const last = textOn(code, to);
        if (last !== previous) key += ` ${to}=${last}`;
      }
      key += "|";
    }
    return { key, dates };
  }

  /** The codes the engine answers for a weights line: the code, or the national lines of a Chinese HS6. */
  private linesOf(code: string): readonly string[] {
    if (this.importer !== "CN") return [code];
    const resolved = this.s.cn.lookup(code);
    if ("message" in resolved) return [code];
    return resolved.lines.length > 0 ? resolved.lines.map((l) => l.code) : [resolved.code];
  }

  private timelinesOf(origin: string, from: string, to: string): Timelines {
    const period = `${origin}|${from}|${to}`;
    let of = this.timelines.get(period);
    if (of === undefined) {
      of = { origin, period, byCode: new Map(), bySignature: new Map() };
      this.timelines.set(period, of);
    }
    return of;
  }

  /**
   * The rate timeline of one weights line from `from` on, among the timelines of its origin and
   * period: a segment per date its rate changes.
   */
  private timelineIn(of: Timelines, code: string, origin: string, from: string, to: string): Segment[] {
    let t = of.byCode.get(code);
    if (t !== undefined) return t;
    const codes = this.linesOf(code);
    const covered = codes.map((c) => this.coverage(c, to > from));
    const steps = this.stepsOf(codes, origin, from, to, of.period);
    // Lines with the same measures and the same base rates on every date share one timeline.
    let node = of.bySignature;
    for (const c of covered) {
      let next = node.get(c.signature) as Map<string, unknown> | undefined;
      if (next === undefined) {
        next = new Map();
        node.set(c.signature, next);
      }
      node = next;
    }
    t = node.get(steps.key) as Segment[] | undefined;
    if (t === undefined) {
      const dates = [
        from,
        ...new Set([
          ...(to > from ? covered.flatMap((c) => c.dates as string[]).filter((d) => d > from) : []),
          ...steps.dates,
        ]),
      ].sort();
      t = [];
      let previous: Segment | undefined;
      for (const d of dates) {
        const seg = this.evaluate(codes, origin, d);
        if (
          previous &&
          previous.rate === seg.rate &&
          previous.special === seg.special &&
          previous.known === seg.known &&
          sameAuthorities(previous.authorities, seg.authorities)
        ) {
          continue;
        }
        t.push(seg);
        previous = seg;
      }
      node.set(steps.key, t);
    }
    of.byCode.set(code, t);
    return t;
  }

  series(weights: readonly WeightRow[], options: AverageOptions): AverageResult {
    const { from, to } = options;
    // Deltas of the weighted sums by date.
    const deltas = new Map<
      string,
      { rate: number; covered: number; known: number; auth: Map<string, number> }
    >();
    const delta = (date: string) => {
      let d = deltas.get(date);
      if (!d) {
        d = { rate: 0, covered: 0, known: 0, auth: new Map() };
        deltas.set(date, d);
      }
      return d;
    };
    let weightsTotal = 0;
    const unmapped: Unmapped[] = [];
    let unmappedValue = 0;
    // The timelines of the rows' origin (one for most weights), looked up once per origin.
    let of: Timelines | undefined;
    for (const w of weights) {
      weightsTotal += w.value;
      if (of === undefined || w.origin !== of.origin) of = this.timelinesOf(w.origin, from, to);
      let segments: Segment[];
      try {
        segments = this.timelineIn(of, w.code, w.origin, from, to);
      } catch (e) {
        unmapped.push({ code: w.code, origin: w.origin, value: w.value, reason: (e as Error).message });
        unmappedValue += w.value;
        continue;
      }
      if (segments.some((s) => !s.known)) {
        const days = segments.filter((s) => !s.known).map((s) => s.date);
        unmapped.push({
          code: w.code,
          origin: w.origin,
          value: w.value,
          reason: `not in the nomenclature from ${days.join(", ")}`,
        });
        if (segments.every((s) => !s.known)) unmappedValue += w.value;
      }
      let prev: Segment | undefined;
      for (const s of segments) {
        if (s.date > to) break;
        const d = delta(s.date);
        const sign = (x: Segment | undefined, f: (seg: Segment) => number) => (x ? f(x) : 0);
        d.rate += w.value * (s.rate - sign(prev, (p) => p.rate));
        d.covered += w.value * ((s.special ? 1 : 0) - sign(prev, (p) => (p.special ? 1 : 0)));
        d.known += w.value * ((s.known ? 1 : 0) - sign(prev, (p) => (p.known ? 1 : 0)));
        if (options.byAuthority) {
          for (const [a, r] of s.authorities) d.auth.set(a, (d.auth.get(a) ?? 0) + w.value * r);
          if (prev) for (const [a, r] of prev.authorities) d.auth.set(a, (d.auth.get(a) ?? 0) - w.value * r);
        }
        prev = s;
      }
    }

    const points: AveragePoint[] = [];
    const dates = options.daily ? daysBetween(from, to) : [...deltas.keys()].filter((d) => d <= to).sort();
    let rate = 0;
    let covered = 0;
    let known = 0;
    const auth = new Map<string, number>();
    let last: AveragePoint | undefined;
    for (const date of dates) {
      const d = deltas.get(date);
      if (d) {
        rate += d.rate;
        covered += d.covered;
        known += d.known;
        for (const [a, v] of d.auth) auth.set(a, (auth.get(a) ?? 0) + v);
      }
      const point: AveragePoint = {
        date,
        average: known > 0 ? round(rate / known) : 0,
        coverage: known > 0 ? round((100 * covered) / known) : 0,
      };
      if (options.byAuthority) {
        point.byAuthority = Object.fromEntries(
          [...auth.entries()]
            .filter(([, v]) => Math.abs(v) > 1e-9 * known)
            .map(([a, v]) => [a, round(v / known)]),
        );
      }
      if (options.daily || !last || last.average !== point.average || last.coverage !== point.coverage) {
        points.push(point);
        last = point;
      }
    }
    return { points, weightsTotal, unmapped, unmappedValue };
  }
}

function sameAuthorities(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** A date after every revision: the current schedule. */
const CURRENT = "9999-12-31";
/** The first date the shipped schedules answer for. */
const EARLIEST = "2018-01-01";

/**
 * The base rates of weights carried across nomenclatures, for averages only (entries never: the
 * engine of `truce duty` refuses a code not valid on its date):
 * - a weights line in the current nomenclature but not in the schedule in force on an earlier date
 *   (a code created since, e.g. by HS 2022) takes its current rate there;
 * - a code of an earlier nomenclature that has left the schedule and has successors (an HS 2017-era
 *   code, e.g. of the 2017 weights) keeps the rate it had on its last day in the schedule (HS 2022
 *   renumbered without changing rates) or, having left before 2018, the rate its successors share;
 *   its special layers are those of the codes it became (the engine's successors rule).
 */
const carriedByBase = new WeakMap<BaseRates, BaseRates>();

/** `carriedBaseRates` of the base rates, one per base rates object (its memo shared). */
function carriedFor(base: BaseRates): BaseRates {
  let c = carriedByBase.get(base);
  if (c === undefined) {
    c = carriedBaseRates(base);
    carriedByBase.set(base, c);
  }
  return c;
}

function carriedBaseRates(base: BaseRates): BaseRates {
  const { lineRate, lineRateInForce, successors } = base;
  // Base rates that cannot say where a code is in force without throwing are used as they are.
  if (lineRate === undefined || lineRateInForce === undefined) return base;
  /** The last date a code left the schedule on is in force, by code ("" when it never was). */
  const lastDay = new Map<string, string>();
  const lastDayInForce = (code: string, after: string): string => {
    let last = lastDay.get(code);
    if (last === undefined) {
      const inForce = (d: string) => lineRateInForce(code, d, false) !== undefined;
      // In force up to a day before `after` and not since (codes leave the schedule once).
      let lo = Date.parse(`${EARLIEST}T00:00:00Z`);
      let hi = Date.parse(`${after}T00:00:00Z`);
      const day = (t: number) => new Date(t).toISOString().slice(0, 10);
      if (!inForce(day(lo))) last = "";
      else {
        while (hi - lo > 86_400_000) {
          const mid = lo + Math.floor((hi - lo) / 172_800_000) * 86_400_000;
          if (inForce(day(mid))) lo = mid;
          else hi = mid;
        }
        last = day(lo);
      }
      lastDay.set(code, last);
    }
    return last;
  };
  /**
   * The rate of a code not in the schedule of `date`: its current one; for a code that has left the
   * schedule, the one of its last day in it, or, when it left before the first date the schedules
   * answer for, the one its successors share (none when they differ).
   */
  const carried = <R extends { readonly text: string }>(
    code: string,
    date: string,
    rateOn: (code: string, date: string) => R,
  ): R => {
    const became = successors?.(code)?.codes;
    if (became === undefined) return rateOn(code, CURRENT);
    const last = lastDayInForce(code, date);
    if (last !== "") return rateOn(code, last);
    const rates = became.map((c) => rateOn(c, date));
    const first = rates[0] as R;
    if (rates.some((r) => r.text !== first.text)) {
      throw new Error(`${code} left the schedule before ${EARLIEST} and its successors' rates differ`);
    }
    return first;
  };
  return {
    ...base,
    mfn: (code, date) => {
      try {
        return base.mfn(code, date);
      } catch {
        return carried(code, date, base.mfn);
      }
    },
    lineRate: (code, date, column2) =>
      lineRateInForce(code, date, column2) ?? carried(code, date, (c, d) => lineRate(c, d, column2)),
  };
}

const calculators = new WeakMap<Schedules, Map<Issuer, AverageCalculator>>();

/** One calculator per law and importer, so its timelines serve every later series. */
export function calculatorFor(s: Schedules, importer: Issuer): AverageCalculator {
  let byImporter = calculators.get(s);
  if (!byImporter) {
    byImporter = new Map();
    calculators.set(s, byImporter);
  }
  let c = byImporter.get(importer);
  if (!c) {
    c = new AverageCalculator(s, importer);
    byImporter.set(importer, c);
  }
  return c;
}
