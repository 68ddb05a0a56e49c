/**
 * The US Harmonized Tariff Schedule by date, from the compact form in data/hts (see data/hts/README.md,
 * written by scripts/build-hts.ts). Everything is read at load; queries are pure in-memory look-ups.
 *
 * Dates at the API are "YYYY-MM-DD" calendar dates. The revision in force on a date is the last one
 * whose effective date is on or before it. Dates from the 2018 Basic edition (2017-12-29) to the end of
 * 2024 are answered by the schedules of those years (src/nomenclature/hts-pre2025.ts, read on first
 * use); dates before it get 2025 Basic with `assumed: true` (nothing is held for them).
 */

import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve as resolvePath } from "node:path";
import { fileURLToPath } from "node:url";
import { cacheDirOf, cacheOff } from "../units/cache.js";
import { gunzip, parseCsv as parseCsvText } from "../units/readers.js";
import type { BaseRate, LineRate } from "./base-rates.js";
import { CodeError, formatCode, headingOf, normaliseCode } from "./codes.js";
import { SchedulePre2025 } from "./hts-pre2025.js";
import { readSnapshot, snapshotKey, writeSnapshot } from "./hts-snapshot.js";
import { parseRate, type Rate } from "./rates.js";

// ------------------------------------------------------------------------------------------------
// Public types

export interface HtsRevision {
  /** "2025_basic", "2025_rev_1" … "2026_basic", "2026_rev_1" … */
  readonly id: string;
  readonly editionYear: number;
  /** "YYYY-MM-DD": the revision is in force from this date until the next one's. */
  readonly effectiveDate: string;
  readonly event: string;
}

export interface RevisionInForce extends HtsRevision {
  /** True for dates before the 2018 Basic edition (nothing held): 2025 Basic is used as an assumption. */
  readonly assumed: boolean;
}

export interface ParentText {
  /** Digits of the numbered ancestor (heading "0101", subheading "010121", HTS8); absent for superior text. */
  readonly code?: string;
  readonly description: string;
}

export interface Footnote {
  /** Columns the footnote is attached to: "general", "special", "other", "desc", "units", "stat". */
  readonly columns: readonly string[];
  readonly text: string;
}

/** One HTS8 or HTS10 line as in force on a date. */
export interface HtsLine {
  /** Digits only: "85414300", "8541430010". */
  readonly code: string;
  /** "8541.43.00", "8541.43.00.10". */
  readonly dotted: string;
  readonly level: 8 | 10;
  readonly description: string;
  /** Outermost first: heading, subheadings, unnumbered superior texts, and (HTS10) the HTS8 line. */
  readonly parents: readonly ParentText[];
  readonly units: readonly string[];
  /** Column 1 general, special, column 2 ("other") texts; inherited when the line prints none. */
  readonly general: string;
  readonly special: string;
  readonly other: string;
  /** Parsed `general` and `other`. */
  readonly generalRate: Rate;
  readonly otherRate: Rate;
  /** Code of the ancestor whose rate text the line uses because it prints none of its own. */
  readonly inheritedFrom?: string;
  /** The line's own footnotes. */
  readonly footnotes: readonly Footnote[];
  /** Chapter 99 headings ("9903.88.15") named by its own or its HTS8 line's footnotes: pointers only. */
  readonly footnoteHeadings: readonly string[];
  /**
   * For an HTS8 code printed only as a single HTS10 line (0101.30.00 as "0101.30.00.00"): that line's
   * code. Such a line is returned under the 8-digit code with the HTS10 line's texts.
   */
  readonly impliedBy?: string;
  /** Revision in force on the date asked, and whether it was assumed (date before the 2018 Basic edition). */
  readonly revision: string;
  readonly assumed: boolean;
  /** Effective date of the revision that last changed this line (as seen by this data). */
  readonly since: string;
}

/** The codes of the current schedule that an HS 2017-era code became (data/hts/pre2025/successors.csv.gz). */
export interface Successors {
  readonly codes: readonly string[];
  /** How the succession is known (the UNSD correlation, a shared description, a stated one). */
  readonly basis: string;
}

export interface Chapter99Line {
  /** "99038815" */
  readonly code: string;
  /** "9903.88.15" */
  readonly heading: string;
  readonly description: string;
  readonly parents: readonly ParentText[];
  /** General column text, e.g. "The duty provided in the applicable subheading + 25%". */
  readonly general: string;
  readonly rate: Rate;
  readonly footnotes: readonly Footnote[];
  readonly revision: string;
  readonly assumed: boolean;
  readonly since: string;
}

/** Why a code is not found: a CodeError's message and suggestions (dotted, looked up only if called). */
export interface NotFound {
  message: string;
  suggestions: () => string[];
}

export interface Hts {
  /** All revisions, in effective-date order. */
  readonly revisions: readonly HtsRevision[];
  /** The revision in force on a date (throws RangeError for a malformed date). */
  revisionOn(date: string): RevisionInForce;
  /** The HTS8/HTS10 line in force on the date, or undefined if the code is not in the schedule then. */
  line(code: string, date: string): HtsLine | undefined;
  /**
   * Lines matching user input on a date: a 10-digit code gives its line; an 8-digit code its HTS8 line
   * followed by its HTS10 lines (or, for an HTS8 printed as one HTS10 line, that line); a 4- or 6-digit
   * prefix every HTS8/HTS10 line under it, in code order. Throws CodeError (with up to 5 suggestions,
   * dotted) when the input is malformed or nothing matches.
   */
  resolve(input: string, date: string): HtsLine[];
  /** Column 1 general rate of an HTS8/HTS10 code on a date. Throws CodeError if the code is not in force. */
  mfn(code: string, date: string): BaseRate;
  /** Column 2 ("other") rate, as `mfn`. */
  column2(code: string, date: string): BaseRate;
  /**
   * The rate and text of `mfn` (or `column2`) without the revision: one object for every date on which
   * the same version of the line is in force (no allocation per date). Throws as `mfn`.
   */
  lineRate(code: string, date: string, column2: boolean): LineRate;
  /** `lineRate`, or undefined where it throws because the code has no line in force on the date. */
  lineRateInForce(code: string, date: string, column2: boolean): LineRate | undefined;
  /**
   * Whether `lineRate` answers for a code given as digits only (8 or 10) on a date, without throwing:
   * the code as the schedule holds it (the same string object every time, which makes later look-ups
   * by it cheaper), or undefined.
   */
  inForce(code: string, date: string): string | undefined;
  /**
   * Why a 10-digit code (digits only) that `inForce` does not answer is not in force on a date: the
   * message and suggestions of the CodeError `resolve` throws for it, without building an Error.
   */
  notInForce(code: string, date: string): NotFound;
  /**
   * The time slot of a date: a small integer, the same for all dates with the same revision (or, before
   * 2025, period) in force; `revisionOn` and `lineRate` depend on the date only through it. Throws
   * RangeError for a malformed date.
   */
  slotOn(date: string): number;
  /**
   * `lineRate` by slot (see `slotOn`) for a code given as digits only (8 or 10): writes into
   * `into[slot]` the rate `lineRate` gives on the slot's dates, or null where it throws (the code's own
   * line is not in force), and the same answer into the other slots known to share it (the neighbouring
   * revisions or periods in which the same line is in force).
   */
  lineRatesIn(code: string, slot: number, column2: boolean, into: (LineRate | null | undefined)[]): void;
  /** A Chapter 99 line ("9903.88.15" or "99038815") in force on the date, or undefined. */
  chapter99(heading: string, date: string): Chapter99Line | undefined;
  /** Every HTS8 code (including HTS8 printed as a single HTS10 line) known in any revision, sorted. */
  codes8(): IterableIterator<string>;
  /** Every HTS10 code known in any revision, sorted. */
  codes10(): IterableIterator<string>;
  /** Whether an HTS8/HTS10 code (digits only) is in any revision: one of `codes8` or `codes10`. */
  everListed(code: string): boolean;
  /** Every Chapter 99 code (8 digits) known in any revision, sorted. */
  chapter99Codes(): IterableIterator<string>;
  /**
   * Whether column 2 applies to goods of an origin (ISO alpha-2) entered on a date (general note 3(b)
   * as in force then; data/hts/column2-countries.csv).
   */
  column2Applies(origin: string, date: string): boolean;
  /** The dates after `from`, up to `to`, on which `column2Applies` may change for an origin. */
  column2Changes(origin: string, from: string, to: string): string[];
  /** For an HS 2017-era code no longer in the schedule (HTS10, else its HTS8): its successors, or undefined. */
  successors(code: string): Successors | undefined;
  /**
   * The dates after `from`, up to `to`, on which the line answering for a code may change (a revision
   * that changes it or its HTS8, an edition or tariff-database row before 2025), sorted.
   */
  changeDates(code: string, from: string, to: string): string[];
  /** Every HS 2017-era code with successors (HTS8 and HTS10), sorted. */
  succeededCodes(): readonly string[];
}

// ------------------------------------------------------------------------------------------------
// Stored form (written by scripts/build-hts.ts; see data/hts/README.md)

export const FORMAT = 2;

/**
 * A line as stored (keys omitted when empty). Numbers are indexes into the file's `texts` (every
 * string but codes is interned there, which keeps the JSON small and quick to parse).
 */
export interface StoredLine {
  c: string; // code, digits only (8 or 10)
  d: number; // description
  p: number; // node of the innermost ancestor in the file's `nodes` (-1: none)
  u?: number; // units, joined with "|"
  g?: number; // general (column 1) rate text, own or inherited
  s?: number; // special rate text, own or inherited
  o?: number; // other (column 2) rate text, own or inherited
  i?: string; // code of the ancestor that supplied g/s/o texts the line does not print itself
  f?: number[]; // the line's own footnotes: pairs (columns joined with ",", text)
  h?: number; // Chapter 99 headings named by its own or its HTS8 line's footnotes, joined with " "
  x?: 1; // an HTS10 line that is the only line of its HTS8 (no HTS8 line printed): it stands for that HTS8
}

export interface StoredFile {
  format: number;
  revision: string;
  previous?: string;
  texts: string[];
  /** Parent-chain tree: [parent node index or -1, code or "", text]. */
  nodes: [number, string, number][];
  /** Base file: every line. Change files: lines new in this revision. */
  lines?: StoredLine[];
  added?: StoredLine[];
  changed?: StoredLine[];
  removed?: string[];
}

// ------------------------------------------------------------------------------------------------
// Internal records

const EMPTY: readonly never[] = Object.freeze([]);

/** The tables of one stored file; parent chains are built on first use. */
class FileTables {
  private readonly chains: (readonly ParentText[] | undefined)[] = [];

  constructor(
    readonly texts: readonly string[],
    private readonly nodes: readonly [number, string, number][],
  ) {}

  text(index: number | undefined): string {
    return index === undefined ? "" : (this.texts[index] ?? "");
  }

  chain(node: number): readonly ParentText[] {
    if (node < 0) return EMPTY;
    let chain = this.chains[node];
    if (chain === undefined) {
      const [parent, code, text] = this.nodes[node] as [number, string, number];
      const description = this.text(text);
      const entry: ParentText = Object.freeze(code === "" ? { description } : { code, description });
      chain = Object.freeze([...this.chain(parent), entry]);
      this.chains[node] = chain;
    }
    return chain;
  }
}

/** One version of a code's line, in force from revision index `from`. */
class Version {
  generalRate: Rate | undefined;
  otherRate: Rate | undefined;
  /** `lineRate` results, column 1 general and column 2, built on first use. */
  general: LineRate | undefined;
  other: LineRate | undefined;

  constructor(
    /** The code this version answers for: `s.c`, or the HTS8 that an `x` HTS10 line stands for. */
    readonly code: string,
    readonly s: StoredLine,
    readonly t: FileTables,
    readonly from: number,
  ) {}
}

/** The versions of one code: `vers[k]` (null: not in the schedule) in force from revision index `starts[k]`. */
class History {
  /** The code as the schedule holds it (one string, shared by every answer about the code). */
  constructor(readonly code: string) {}

  readonly starts: number[] = [];
  readonly vers: (Version | null)[] = [];
  /** `vers.length`, and `vers[0]` in force from `starts[0]` (most codes have one version). */
  private count = 0;
  private first: Version | null = null;
  private firstFrom = 0;
  /** Per time slot (0: assumed, 1 + revision index), results built on first use. */
  mfnCache: (BaseRate | null | undefined)[] | undefined;
  col2Cache: (BaseRate | null | undefined)[] | undefined;

  last(): Version | null {
    const n = this.vers.length;
    return n === 0 ? null : (this.vers[n - 1] as Version | null);
  }

  push(rev: number, v: Version | null): void {
    const n = this.starts.length;
    if (n > 0 && this.starts[n - 1] === rev) {
      this.vers[n - 1] = v;
      if (n === 1) this.first = v;
    } else if (n > 0 || v !== null) {
      this.starts.push(rev);
      this.vers.push(v);
      this.count = n + 1;
      if (n === 0) {
        this.first = v;
        this.firstFrom = rev;
      }
    }
  }

  at(rev: number): Version | null {
    if (this.count === 1) return rev >= this.firstFrom ? this.first : null;
    const starts = this.starts;
    let k = starts.length - 1;
    while (k >= 0 && (starts[k] as number) > rev) k--;
    return k < 0 ? null : (this.vers[k] as Version | null);
  }

  everPresent(): boolean {
    return this.vers.some((v) => v !== null);
  }
}

/**
 * The histories of codes by code. Loaded from the snapshot (see hts-snapshot.ts), a heading's
 * histories are built when one of its codes is first asked for (and every heading's when all codes
 * are listed); loaded from the data files, all are built at once.
 */
class Histories extends Map<string, History> {
  /** Builds the histories of a heading (`headingOf`; "*": all) not built yet; undefined: all built. */
  loadHeading: ((heading: string) => void) | undefined;

  /** The history of a code if built, building none. */
  built(code: string): History | undefined {
    return super.get(code);
  }

  override get(code: string): History | undefined {
    const h = super.get(code);
    if (h !== undefined || this.loadHeading === undefined) return h;
    this.loadHeading(headingOf(code));
    return super.get(code);
  }

  override has(code: string): boolean {
    return this.get(code) !== undefined;
  }

  override keys(): MapIterator<string> {
    this.loadHeading?.("*");
    return super.keys();
  }

  override set(code: string, h: History): this {
    if (!super.has(code)) {
      const heading = headingOf(code);
      const codes = this.byHeading.get(heading);
      if (codes === undefined) this.byHeading.set(heading, [code]);
      else codes.push(code);
    }
    return super.set(code, h);
  }

  /** The codes of each heading (see `headingOf`), as built. */
  private readonly byHeading = new Map<string, string[]>();
  /** `listed`'s answers: final once their heading is built. */
  private readonly listedByHeading = new Map<string, string[]>();

  /** The codes of a heading present in any revision, sorted (building that heading only). */
  listed(heading: string): readonly string[] {
    let codes = this.listedByHeading.get(heading);
    if (codes === undefined) {
      this.loadHeading?.(heading);
      codes = (this.byHeading.get(heading) ?? [])
        .filter((c) => (super.get(c) as History).everPresent())
        .sort();
      this.listedByHeading.set(heading, codes);
    }
    return codes;
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function checkDate(date: string): void {
  const m = ISO_DATE.exec(date);
  if (m !== null) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const t = new Date(Date.UTC(y, mo - 1, d));
    if (t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d) return;
  }
  throw new RangeError(`Invalid date "${date}": expected a calendar date YYYY-MM-DD`);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Directory holding data/hts: walk up from this module (src/nomenclature or dist/src/nomenclature). */
/** Where the nomenclature's parsed files are kept between runs (see units/cache.ts), or undefined when the cache is off. */
export function nomenclatureCacheDir(): string | undefined {
  return cacheOff() ? undefined : cacheDirOf(join(defaultHtsDir(), "..", ".."));
}

export function defaultHtsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "data", "hts");
    if (existsSync(join(candidate, "revisions.csv"))) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error("data/hts not found above the nomenclature module");
    dir = up;
  }
}

function parseCsv(text: string): string[][] {
  return (parseCsvText(text, { relax_column_count: true, skip_empty_lines: true }) as string[][]).filter(
    (r) => r.some((f) => f !== ""),
  );
}

function readRevisions(dir: string): HtsRevision[] {
  const [header, ...rows] = parseCsv(readFileSync(join(dir, "revisions.csv"), "utf8"));
  const col = (name: string) => {
    const k = header?.indexOf(name) ?? -1;
    if (k < 0) throw new Error(`revisions.csv: missing column ${name}`);
    return k;
  };
  const [ci, cy, cd, ce] = [col("revision"), col("edition_year"), col("effective_date"), col("event")];
  const revisions = rows.map((r) => {
    const effectiveDate = r[cd] ?? "";
    checkDate(effectiveDate);
    return Object.freeze({
      id: r[ci] ?? "",
      editionYear: Number(r[cy]),
      effectiveDate,
      event: r[ce] ?? "",
    });
  });
  for (let k = 1; k < revisions.length; k++) {
    if ((revisions[k - 1] as HtsRevision).effectiveDate >= (revisions[k] as HtsRevision).effectiveDate) {
      throw new Error("revisions.csv: effective dates must increase");
    }
  }
  if (revisions.length === 0) throw new Error("revisions.csv: no revisions");
  return revisions;
}

/** data/hts/column2-countries.csv: origin → the dated periods in which column 2 applies to it. */
function readColumn2(dir: string): Map<string, { from: string; until: string }[]> {
  const [header, ...rows] = parseCsv(readFileSync(join(dir, "column2-countries.csv"), "utf8"));
  const at = (name: string) => {
    const k = header?.indexOf(name) ?? -1;
    if (k < 0) throw new Error(`column2-countries.csv: missing column ${name}`);
    return k;
  };
  const [co, cf, cu] = [at("origin"), at("from"), at("until")];
  const out = new Map<string, { from: string; until: string }[]>();
  for (const r of rows) {
    const origin = r[co] ?? "";
    const from = r[cf] ?? "";
    const until = r[cu] ?? "";
    if (!/^[A-Z]{2}$/.test(origin)) throw new Error(`column2-countries.csv: bad origin "${origin}"`);
    for (const d of [from, until]) if (d !== "") checkDate(d);
    const list = out.get(origin) ?? [];
    list.push({ from, until });
    out.set(origin, list);
  }
  return out;
}

/** The rows (code, successors, basis) of pre2025/successors.csv.gz (none when the file is absent). */
function readSuccessors(preDir: string): string[][] {
  const path = join(preDir, "successors.csv.gz");
  if (!existsSync(path)) return [];
  const [, ...rows] = parseCsv(gunzip(readFileSync(path)).toString("utf8"));
  return rows;
}

function readStored(path: string, id: string): StoredFile {
  const file = JSON.parse(gunzip(readFileSync(path)).toString("utf8")) as StoredFile;
  if (file.format !== FORMAT) throw new Error(`${path}: format ${file.format}, expected ${FORMAT}`);
  if (file.revision !== id) throw new Error(`${path}: holds ${file.revision}, expected ${id}`);
  return file;
}
/**
 * Load the HTS from `dataDir` (the data/hts directory; default: found by walking up from this module).
 */
export function loadHts(dataDir?: string, options: { cache?: boolean } = {}): Hts {
  const dir = dataDir === undefined ? defaultHtsDir() : resolvePath(dataDir);
  // The snapshot: the data files as read, split by heading (only for the package's own data/hts).
  const cacheDir = cacheDirOf(join(defaultHtsDir(), "..", ".."));
  const key =
    (options.cache ?? (!cacheOff() && dir === defaultHtsDir())) ? snapshotKey(dir, cacheDir) : undefined;
  const snapshot = key === undefined ? undefined : readSnapshot(cacheDir, key);
  const revisions: readonly HtsRevision[] = Object.freeze(
    snapshot?.revisions.map((r) => Object.freeze(r)) ?? readRevisions(dir),
  );
  const nRev = revisions.length;
  const first = revisions[0] as HtsRevision;

  const rateCache = new Map<string, Rate>();
  const rateOf = (text: string): Rate => {
    let r = rateCache.get(text);
    if (r === undefined) {
      r = deepFreeze(parseRate(text));
      rateCache.set(text, r);
    }
    return r;
  };

  const products = new Histories(); // HTS8 and HTS10 of chapters 01-98
  const ch99 = new Histories();
  const historyOf = (code: string): History => {
    const map = code.startsWith("99") ? ch99 : products;
    let h = map.built(code);
    if (h === undefined) {
      h = new History(code);
      map.set(code, h);
    }
    return h;
  };

  const apply = (rev: number, file: StoredFile): void => {
    const t = new FileTables(file.texts, file.nodes);
    // HTS8 codes whose stand-in HTS10 line (flag x) appeared, changed or went away in this revision.
    const implied = new Map<string, Version | null>();
    for (const code of file.removed ?? []) {
      const h = historyOf(code);
      if (h.last()?.s.x === 1) {
        const code8 = code.slice(0, 8);
        if (!implied.has(code8)) implied.set(code8, null);
      }
      h.push(rev, null);
    }
    for (const list of [file.lines, file.added, file.changed]) {
      for (const s of list ?? []) {
        const h = historyOf(s.c);
        const before = h.last();
        const v = new Version(s.c, s, t, rev);
        h.push(rev, v);
        if (s.x === 1) implied.set(s.c.slice(0, 8), v);
        else if (before?.s.x === 1) {
          const code8 = s.c.slice(0, 8);
          if (!implied.has(code8)) implied.set(code8, null);
        }
      }
    }
    for (const [code8, v] of implied) {
      const h = historyOf(code8);
      const last = h.last();
      if (last !== null && last.code === last.s.c) continue; // the HTS8 has a line of its own
      h.push(rev, v === null ? null : new Version(code8, v.s, v.t, rev));
    }
  };

  const column2Rules = snapshot?.column2 ?? readColumn2(dir);
  if (snapshot === undefined) {
    const files = revisions.map((r, k) =>
      k === 0
        ? readStored(join(dir, `${r.id}.json.gz`), r.id)
        : readStored(join(dir, "changes", `${r.id}.json.gz`), r.id),
    );
    for (const [k, file] of files.entries()) apply(k, file);
    if (key !== undefined)
      writeSnapshot(cacheDir, key, {
        revisions,
        column2: column2Rules,
        successors: readSuccessors(join(dir, "pre2025")),
        files,
      });
  } else {
    const pending = new Set(snapshot.headings());
    const loadHeading = (heading: string): void => {
      for (const h of heading === "*" ? [...pending] : [heading]) {
        if (pending.delete(h)) for (const [k, file] of snapshot.heading(h)) apply(k, file);
      }
      if (pending.size === 0) {
        products.loadHeading = undefined;
        ch99.loadHeading = undefined;
      }
    };
    products.loadHeading = loadHeading;
    ch99.loadHeading = loadHeading;
  }

  // ---------------------------------------------------------------------------------------------
  // Dates -> time slot (0: before the first revision, assumed; 1 + k: revision k in force)

  // Slots 1 + nRev + p: period p of the schedules before 2025 (read on first use).
  const preDir = join(dir, "pre2025");
  const preHeld = existsSync(join(preDir, "calendar.csv"));
  let preSchedule: SchedulePre2025 | undefined;
  const pre = (): SchedulePre2025 => {
    preSchedule ??= new SchedulePre2025(preDir, nomenclatureCacheDir());
    return preSchedule;
  };
  const preSlot = nRev + 1;

  const inForce: RevisionInForce[] = revisions.map((r) => Object.freeze({ ...r, assumed: false }));
  const assumedFirst: RevisionInForce = Object.freeze({ ...first, assumed: true });
  const dates = revisions.map((r) => r.effectiveDate);
  let lastDate = "";
  let lastSlot = 0;
  const slotCache = new Map<string, number>(); // validated dates seen so far (bounded)

  const slotOn = (date: string): number => {
    if (date === lastDate) return lastSlot;
    const cached = slotCache.get(date);
    if (cached !== undefined) {
      lastDate = date;
      lastSlot = cached;
      return cached;
    }
    checkDate(date);
    let slot = 0;
    if (date >= (dates[0] as string)) {
      let lo = 0; // last k with dates[k] <= date
      let hi = nRev - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((dates[mid] as string) <= date) lo = mid;
        else hi = mid - 1;
      }
      slot = lo + 1;
    } else if (preHeld) {
      const p = pre().periodOn(date);
      if (p >= 0) slot = preSlot + p;
    }
    if (slotCache.size >= 10_000) slotCache.clear();
    slotCache.set(date, slot);
    lastDate = date;
    lastSlot = slot;
    return slot;
  };
  const revOfSlot = (slot: number): number => (slot === 0 || slot >= preSlot ? 0 : slot - 1);
  const revisionInSlot = (slot: number): RevisionInForce =>
    slot === 0
      ? assumedFirst
      : slot < preSlot
        ? (inForce[slot - 1] as RevisionInForce)
        : (pre().periods[slot - preSlot] as RevisionInForce);

  // ---------------------------------------------------------------------------------------------
  // Code lists (built on first use)

  let lists: { all: string[]; c8: string[]; c10: string[]; c99: string[] } | undefined;
  const codeLists = () => {
    if (lists === undefined) {
      const known = (map: Map<string, History>) =>
        [...map.keys()].filter((c) => (map.get(c) as History).everPresent()).sort();
      const all = known(products);
      lists = {
        all,
        c8: all.filter((c) => c.length === 8),
        c10: all.filter((c) => c.length === 10),
        c99: known(ch99),
      };
    }
    return lists;
  };

  // ---------------------------------------------------------------------------------------------
  // Look-ups

  const generalRateOf = (v: Version): Rate => {
    let r = v.generalRate;
    if (r === undefined) {
      r = rateOf(v.t.text(v.s.g));
      v.generalRate = r;
    }
    return r;
  };
  const otherRateOf = (v: Version): Rate => {
    let r = v.otherRate;
    if (r === undefined) {
      r = rateOf(v.t.text(v.s.o));
      v.otherRate = r;
    }
    return r;
  };
  const footnotesOf = (v: Version): Footnote[] => {
    const f = v.s.f;
    const out: Footnote[] = [];
    if (f === undefined) return out;
    for (let k = 0; k + 1 < f.length; k += 2) {
      const columns = v.t.text(f[k]);
      out.push({ columns: columns === "" ? [] : columns.split(","), text: v.t.text(f[k + 1]) });
    }
    return out;
  };
  const sinceOf = (v: Version): string => (revisions[v.from] as HtsRevision).effectiveDate;

  const toLine = (v: Version, slot: number): HtsLine => {
    const r = revisionInSlot(slot);
    const { s, t } = v;
    const units = t.text(s.u);
    const headings = t.text(s.h);
    return {
      code: v.code,
      dotted: formatCode(v.code),
      level: v.code.length === 10 ? 10 : 8,
      description: t.text(s.d),
      parents: t.chain(s.p),
      units: units === "" ? [] : units.split("|"),
      general: t.text(s.g),
      special: t.text(s.s),
      other: t.text(s.o),
      generalRate: generalRateOf(v),
      otherRate: otherRateOf(v),
      footnotes: footnotesOf(v),
      footnoteHeadings: headings === "" ? [] : headings.split(" "),
      revision: r.id,
      assumed: r.assumed,
      since: sinceOf(v),
      ...(s.i === undefined ? {} : { inheritedFrom: s.i }),
      ...(v.code === s.c ? {} : { impliedBy: s.c }),
    };
  };

  const versionAt = (code: string, slot: number): Version | null => {
    const h = products.get(code);
    return h === undefined ? null : h.at(revOfSlot(slot));
  };

  /**
   * The codes present in any revision that start with `prefix`, or more, sorted: for a prefix of four
   * digits or more, its heading's codes only, so that only that heading is built.
   */
  const listedFrom = (prefix: string): readonly string[] =>
    prefix.length >= 4 ? products.listed(headingOf(prefix)) : codeLists().all;

  /** Distinct prefixes of the given length of `codes` (sorted) in force at the slot, sorted. */
  const prefixesInForce = (codes: readonly string[], length: number, slot: number): string[] => {
    const out: string[] = [];
    let prev = "";
    for (const c of codes) {
      if (c.length < length) continue;
      const p = c.slice(0, length);
      if (p !== prev && versionAt(c, slot) !== null) {
        out.push(p);
        prev = p;
      }
    }
    return out;
  };

  /**
   * Up to 5 codes in force, longest common prefix with `code` first, then numerically nearest. Codes
   * of its heading share four digits with it, more than any other code: five of them are the answer.
   */
  const suggest = (code: string, slot: number): string[] => {
    const target = BigInt(code);
    let candidates = prefixesInForce(listedFrom(code), code.length, slot);
    if (candidates.length < 5) candidates = prefixesInForce(codeLists().all, code.length, slot);
    const scored = candidates.map((c) => {
      let prefix = 0;
      while (prefix < c.length && c.charCodeAt(prefix) === code.charCodeAt(prefix)) prefix++;
      const d = BigInt(c) - target;
      return { c, prefix, dist: d < 0n ? -d : d };
    });
    scored.sort((a, b) => b.prefix - a.prefix || (a.dist < b.dist ? -1 : a.dist > b.dist ? 1 : 0));
    return scored.slice(0, 5).map((x) => formatCode(x.c));
  };

  /** Whether an HTS8/HTS10 code is in any revision (see `Hts.everListed`). */
  const everListed = (code: string): boolean =>
    !code.startsWith("99") && products.get(code)?.everPresent() === true;

  /** Why a code is not found in a slot: the message and suggestions of `notFound`, without an Error. */
  const notFoundReason = (code: string, slot: number, date: string): NotFound => {
    if (code.startsWith("99")) {
      return {
        message: `${formatCode(code)} is a Chapter 99 heading, not a product line`,
        suggestions: () => [],
      };
    }
    if (slot >= preSlot) return pre().notFoundReason(code, slot - preSlot, date);
    const why = everListed(code) ? "is not in the HTS in force on" : "is not an HTS code on";
    return { message: `${formatCode(code)} ${why} ${date}`, suggestions: () => suggest(code, slot) };
  };
  const notFound = (code: string, slot: number, date: string): CodeError => {
    const { message, suggestions } = notFoundReason(code, slot, date);
    return new CodeError(code, message, suggestions);
  };

  const normaliseFull = (input: string): string => {
    const code = normaliseCode(input);
    if (code.length !== 8 && code.length !== 10) {
      throw new CodeError(
        code,
        `${formatCode(code)} is a heading or subheading: give an 8- or 10-digit code`,
      );
    }
    return code;
  };

  const line = (code: string, date: string): HtsLine | undefined => {
    const slot = slotOn(date);
    if (slot >= preSlot) {
      const l = pre().find(products.has(code) ? code : normaliseFull(code), slot - preSlot);
      return l === undefined ? undefined : pre().toLine(l, slot - preSlot);
    }
    const v = versionAt(products.has(code) ? code : normaliseFull(code), slot);
    return v === null ? undefined : toLine(v, slot);
  };

  const resolve = (input: string, date: string): HtsLine[] => {
    const slot = slotOn(date);
    const code = normaliseCode(input);
    if (slot >= preSlot && !code.startsWith("99")) {
      const p = slot - preSlot;
      const found = code.length === 10 ? pre().find(code, p) : undefined;
      const out = found === undefined ? pre().under(code, p) : [pre().toLine(found, p)];
      if (out.length === 0) throw notFound(code, slot, date);
      return out;
    }
    if (code.length === 10) {
      const v = versionAt(code, slot);
      if (v === null) throw notFound(code, slot, date);
      return [toLine(v, slot)];
    }
    const all = listedFrom(code);
    let lo = 0; // first index with all[lo] >= code
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((all[mid] as string) < code) lo = mid + 1;
      else hi = mid;
    }
    const out: HtsLine[] = [];
    for (let k = lo; k < all.length; k++) {
      const c = all[k] as string;
      if (!c.startsWith(code)) break;
      const v = versionAt(c, slot);
      if (v !== null && v.code === v.s.c) out.push(toLine(v, slot)); // stand-ins: their HTS10 line is listed
    }
    if (out.length === 0) throw notFound(code, slot, date);
    return out;
  };

  /** The history of an HTS8/HTS10 code as given or normalised, or undefined for a code never in the schedule. */
  const knownHistory = (code: string): History | undefined =>
    products.get(code) ?? products.get(normaliseFull(code));

  const historyFor = (code: string, slot: number, date: string): History => {
    const h = knownHistory(code);
    if (h === undefined) throw notFound(normaliseFull(code), slot, date);
    return h;
  };

  const lineRateOf = (v: Version, column2: boolean): LineRate => {
    let r = column2 ? v.other : v.general;
    if (r === undefined) {
      r = Object.freeze({
        rate: column2 ? otherRateOf(v) : generalRateOf(v),
        text: v.t.text(column2 ? v.s.o : v.s.g),
      });
      if (column2) v.other = r;
      else v.general = r;
    }
    return r;
  };

  // The version last found by `inForce` or `lineRate`: a batch row's code is checked, then charged.
  let lastCode = "";
  let lastCodeSlot = -1;
  let lastVersion: Version | null = null;
  const lineRateInForce = (code: string, date: string, column2: boolean): LineRate | undefined => {
    const slot = slotOn(date);
    if (slot >= preSlot)
      return pre().lineRate(products.has(code) ? code : normaliseFull(code), slot - preSlot, column2);
    let v = lastVersion;
    if (code !== lastCode || slot !== lastCodeSlot || v === null) {
      v = knownHistory(code)?.at(revOfSlot(slot)) ?? null;
      if (v === null) return undefined;
      lastCode = code;
      lastCodeSlot = slot;
      lastVersion = v;
    }
    return lineRateOf(v, column2);
  };

  const lineRate = (code: string, date: string, column2: boolean): LineRate => {
    const r = lineRateInForce(code, date, column2);
    if (r === undefined) {
      const slot = slotOn(date);
      throw notFound(slot >= preSlot && products.has(code) ? code : normaliseFull(code), slot, date);
    }
    return r;
  };

  const codeInForce = (code: string, date: string): string | undefined => {
    const slot = slotOn(date);
    if (slot >= preSlot) {
      return pre().has(code, slot - preSlot) ? (products.get(code)?.code ?? code) : undefined;
    }
    const h = products.get(code);
    const v = h?.at(revOfSlot(slot)) ?? null;
    if (h === undefined || v === null) return undefined;
    lastCode = h.code;
    lastCodeSlot = slot;
    lastVersion = v;
    return h.code;
  };

  const lineRatesIn = (
    code: string,
    slot: number,
    column2: boolean,
    into: (LineRate | null | undefined)[],
  ): void => {
    if (slot >= preSlot) {
      pre().lineRatesIn(code, slot - preSlot, column2, into, preSlot);
      return;
    }
    const h = products.get(code);
    const v = h === undefined ? null : h.at(revOfSlot(slot));
    if (h === undefined || v === null) {
      into[slot] = null;
      return;
    }
    const r = lineRateOf(v, column2);
    into[slot] = r;
    // Slot 0 (before the first revision) answers as revision 0, slot 1 + k as revision k.
    for (let s = slot + 1; s < preSlot && h.at(revOfSlot(s)) === v; s++) into[s] = r;
    for (let s = slot - 1; s >= 0 && h.at(revOfSlot(s)) === v; s--) into[s] = r;
  };

  const baseRate = (code: string, date: string, column2: boolean): BaseRate => {
    const slot = slotOn(date);
    if (slot >= preSlot) {
      const r = lineRate(code, date, column2);
      return Object.freeze({ ...r, revision: revisionInSlot(slot).id, assumed: false });
    }
    const h = historyFor(code, slot, date);
    let cache = column2 ? h.col2Cache : h.mfnCache;
    if (cache === undefined) {
      cache = new Array<BaseRate | null | undefined>(nRev + 1);
      if (column2) h.col2Cache = cache;
      else h.mfnCache = cache;
    }
    let result = cache[slot];
    if (result === undefined) {
      const v = h.at(revOfSlot(slot));
      if (v === null) result = null;
      else {
        const r = revisionInSlot(slot);
        const { rate, text } = lineRateOf(v, column2);
        result = Object.freeze({ rate, text, revision: r.id, assumed: r.assumed });
      }
      cache[slot] = result;
    }
    if (result === null) throw notFound(normaliseFull(code), slot, date);
    return result;
  };

  const chapter99 = (heading: string, date: string): Chapter99Line | undefined => {
    const slot = slotOn(date);
    const v = ch99.get(normaliseCode(heading))?.at(revOfSlot(slot)) ?? null;
    if (v === null) return undefined;
    const r = slot >= preSlot ? assumedFirst : revisionInSlot(slot); // Chapter 99 before 2025: not held
    return {
      code: v.code,
      heading: formatCode(v.code),
      description: v.t.text(v.s.d),
      parents: v.t.chain(v.s.p),
      general: v.t.text(v.s.g),
      rate: generalRateOf(v),
      footnotes: footnotesOf(v),
      revision: r.id,
      assumed: r.assumed,
      since: sinceOf(v),
    };
  };

  // ---------------------------------------------------------------------------------------------
  // Column 2 by origin and date; successors of HS 2017-era codes (read on first use)

  const column2Applies = (origin: string, date: string): boolean => {
    const rules = column2Rules.get(origin);
    if (rules === undefined) return false;
    for (const r of rules) if (date >= r.from && (r.until === "" || date < r.until)) return true;
    return false;
  };
  let successorMap: Map<string, Successors> | undefined;
  const successorsOf = (): Map<string, Successors> => {
    if (successorMap === undefined) {
      successorMap = new Map();
      for (const [code, codes, basis] of snapshot?.successors ?? readSuccessors(preDir)) {
        successorMap.set(
          code as string,
          Object.freeze({ codes: Object.freeze((codes as string).split(" ")), basis: basis as string }),
        );
      }
    }
    return successorMap;
  };

  return Object.freeze({
    revisions,
    revisionOn: (date: string): RevisionInForce => revisionInSlot(slotOn(date)),
    line,
    resolve,
    mfn: (code: string, date: string): BaseRate => baseRate(code, date, false),
    column2: (code: string, date: string): BaseRate => baseRate(code, date, true),
    lineRate,
    lineRateInForce,
    inForce: codeInForce,
    notInForce: (code: string, date: string): NotFound => notFoundReason(code, slotOn(date), date),
    slotOn,
    lineRatesIn,
    chapter99,
    codes8: () => codeLists().c8.values(),
    codes10: () => codeLists().c10.values(),
    everListed,
    chapter99Codes: () => codeLists().c99.values(),
    column2Applies,
    column2Changes: (origin: string, from: string, to: string): string[] => {
      const dates = (column2Rules.get(origin) ?? []).flatMap((r) => [r.from, r.until]);
      return [...new Set(dates.filter((d) => d > from && d <= to))].sort();
    },
    successors: (code: string): Successors | undefined => {
      const map = successorsOf();
      return map.get(code) ?? (code.length === 10 ? map.get(code.slice(0, 8)) : undefined);
    },
    changeDates: (code: string, from: string, to: string): string[] => {
      const out = new Set<string>();
      for (const c of code.length === 10 ? [code, code.slice(0, 8)] : [code]) {
        for (const k of products.get(c)?.starts ?? []) {
          const d = (revisions[k] as HtsRevision).effectiveDate;
          if (d > from && d <= to) out.add(d);
        }
      }
      if (preHeld && from < first.effectiveDate)
        for (const d of pre().changeDates(code, from, to)) out.add(d);
      return [...out].sort();
    },
    succeededCodes: (): readonly string[] => [...successorsOf().keys()].sort(),
  });
}
