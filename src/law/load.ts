/**
 * Builds the in-memory Law from the instrument files of data/law and the lists of data/lists (CSV).
 * Reading and validating the YAML (zod, yaml) is in read-law.ts; this module loads neither, so that
 * a law kept in the source cache is built without them (`loadCachedLaw`).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { cacheDirOf, cacheOff } from "../units/cache.js";
import { parseScaled } from "../units/money.js";
import { parseCsv } from "../units/readers.js";
import { addZoneYears, CN_ZONE, formatInZone, nextDay, US_ZONE, zonedInstant } from "../units/time.js";
import {
  CodeSet,
  type DatedValue,
  type Gap,
  type Instrument,
  type InTransitRule,
  type Issuer,
  type Law,
  type Measure,
} from "./model.js";
import { Registry } from "./registry.js";
import type {
  HorizonSpec,
  InstrumentFile,
  ListRef,
  MeasureSpec,
  ProductScopeSpec,
  ValueSpec,
} from "./schema.js";
import { type ParsedSources, readSources, sourcesKey } from "./source-cache.js";

export class LawError extends Error {
  constructor(readonly problems: string[]) {
    super(`the law data is invalid:\n  ${problems.join("\n  ")}`);
  }
}

import { defaultDataDir } from "./data-dir.js";

export { defaultDataDir };

/** Statistical numbers renumbered since a list printed them (old → new), per issuer's list directory. */
export const RENUMBERED = "renumbered-statistical.csv";

const CODE_COLUMNS = ["code", "hts10", "hts8", "hts_prefix", "htsus", "hts_code", "hs6", "hs8"];

/**
 * The codes a list reference names, as kept in the source cache. Rows may say more than their code
 * (the Chapter 99 notes' lists): the heading the row is listed under (column `heading`), statistical
 * numbers carved out of it (column `except`, space-separated), and whether it covers only the goods
 * its description names (`partial=yes` with no exception: the code alone cannot tell).
 */
export interface ListCodes {
  /** Codes by the heading of their row ("" where the list has no heading column). */
  byHeading: Record<string, string[]>;
  except?: Record<string, string[]>;
  /** Described rows: code → description. */
  described?: Record<string, string>;
}

/** Reads product list CSVs, caching each file and each list of codes read. */
export class ListReader {
  private readonly cache = new Map<string, Record<string, string>[]>();
  private readonly codeLists: Map<string, ListCodes>;

  /** `known`: lists of codes already read (from the source cache), by `listKey`. */
  constructor(
    private readonly dir: string,
    known: Record<string, ListCodes> = {},
  ) {
    this.codeLists = new Map(Object.entries(known));
  }

  rows(file: string): Record<string, string>[] {
    let rows = this.cache.get(file);
    if (!rows) {
      const path = join(this.dir, file);
      if (!existsSync(path)) throw new Error(`list file ${file} does not exist in ${this.dir}`);
      const text = readFileSync(path, "utf8");
      rows = parseCsv(text, {
        columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
        comment: "#",
        skip_empty_lines: true,
        trim: true,
      }) as Record<string, string>[];
      this.cache.set(file, rows);
    }
    return rows;
  }

  private successors: Map<string, string[]> | undefined;

  /**
   * A statistical number and the numbers it was renumbered into (renumbered-statistical.csv): an
   * exception the notes still print under its old number carves out its successors too.
   */
  withSuccessors(code: string): string[] {
    if (this.successors === undefined) {
      this.successors = new Map();
      if (existsSync(join(this.dir, RENUMBERED)))
        for (const row of this.rows(RENUMBERED)) {
          const old = row.old ?? "";
          this.successors.set(old, [...(this.successors.get(old) ?? []), row.new ?? ""]);
        }
    }
    return [code, ...(this.successors.get(code) ?? [])];
  }

  /** The codes of a list reference (shared: do not modify). */
  codes(ref: ListRef): ListCodes {
    const key = typeof ref === "string" ? ref : JSON.stringify([ref.file, ref.where ?? null]);
    let codes = this.codeLists.get(key);
    if (codes === undefined) {
      codes = this.read(ref);
      this.codeLists.set(key, codes);
    }
    return codes;
  }

  /** Every list of codes read or given so far, by reference. */
  codeListsRead(): Record<string, ListCodes> {
    return Object.fromEntries(this.codeLists);
  }

  private read(ref: ListRef): ListCodes {
    const file = typeof ref === "string" ? ref : ref.file;
    const where = typeof ref === "string" ? undefined : ref.where;
    const rows = this.rows(file);
    const out: ListCodes = { byHeading: {} };
    const first = rows[0];
    if (!first) return out;
    const column = CODE_COLUMNS.find((c) => c in first);
    if (!column) throw new Error(`list file ${file} has no code column (one of ${CODE_COLUMNS.join(", ")})`);
    const isCode = (c: string) => /^\d{2,10}$/.test(c);
    for (const [i, row] of rows.entries()) {
      if (where && Object.entries(where).some(([k, v]) => row[k] !== v)) continue;
      const code = (row[column] ?? "").replace(/\./g, "");
      if (!isCode(code)) throw new Error(`list file ${file}: "${row[column]}" is not an HTS code`);
      const heading = row.heading ?? "";
      const underHeading = out.byHeading[heading];
      if (underHeading === undefined) out.byHeading[heading] = [code];
      else underHeading.push(code);
      const except = (row.except ?? "").split(/[\s,;]+/).filter((c) => c !== "");
      if (except.length > 0) {
        const bad = except.find(
          (c) => !isCode(c.replace(/\./g, "")) || !c.replace(/\./g, "").startsWith(code),
        );
        if (bad !== undefined)
          throw new Error(
            `list file ${file}, row ${i + 2}: exception "${bad}" is not a number under ${code}`,
          );
        out.except ??= {};
        out.except[code] = except.flatMap((c) => this.withSuccessors(c.replace(/\./g, "")));
      } else if (row.partial === "yes") {
        const description = row.description ?? "";
        if (description === "")
          throw new Error(
            `list file ${file}, row ${i + 2}: a partial row needs its description or exceptions`,
          );
        out.described ??= {};
        out.described[code] = description;
      }
    }
    return out;
  }
}

/**
 * The code set of a product scope. `heading`: the measure's own heading; rows listed under another
 * heading report theirs (e.g. the described products of List 3 under 9903.88.04, not 9903.88.03).
 */
export function codeSet(spec: ProductScopeSpec, lists: ListReader, heading?: string): CodeSet {
  // The codes are gathered in order and the set made from them at once (`new Set(array)` is about
  // twice as fast as adding ~16,000 codes one by one, most of reading the law from the cache).
  let codes: string[] = spec.prefixes ?? [];
  const carveOuts = new Map<string, string[]>();
  const described = new Map<string, string>();
  const headings = new Map<string, string>();
  for (const ref of spec.lists ?? []) {
    const read = lists.codes(ref);
    for (const [rowHeading, list] of Object.entries(read.byHeading)) {
      codes = codes.concat(list);
      if (heading !== undefined && rowHeading !== "" && rowHeading !== heading)
        for (const c of list) headings.set(c, rowHeading);
    }
    for (const [c, numbers] of Object.entries(read.except ?? {})) carveOuts.set(c, numbers);
    for (const [c, text] of Object.entries(read.described ?? {})) described.set(c, text);
  }
  let except: CodeSet | undefined;
  if (spec.except) {
    let excepted: string[] = spec.except.prefixes ?? [];
    for (const ref of spec.except.lists ?? [])
      for (const list of Object.values(lists.codes(ref).byHeading)) excepted = excepted.concat(list);
    except = new CodeSet(false, new Set(excepted));
  }
  return new CodeSet(spec.all === true, new Set(codes), except, { carveOuts, described, headings });
}

export function zoneOf(issuer: Issuer): string {
  return issuer === "US" ? US_ZONE : CN_ZONE;
}

function ratePpm(rate: string): number {
  const ppm = parseScaled(rate.replace("%", ""), 4);
  if (ppm === null) throw new Error(`"${rate}" is not a rate`);
  return ppm;
}

/**
 * The product-list readers of a data directory, one per issuer (data/lists/us, data/lists/cn), with
 * the lists of codes already read, if any (see `ListReader`).
 */
export function listReaders(
  dataDir: string,
  known: Partial<Record<Issuer, Record<string, ListCodes>>> = {},
): Record<Issuer, ListReader> {
  return {
    US: new ListReader(join(dataDir, "lists", "us"), known.US),
    CN: new ListReader(join(dataDir, "lists", "cn"), known.CN),
  };
}

/**
 * A measure created by an instrument, from its spec, without dated values, exemptions or in-transit
 * rules yet. Throws when a product list cannot be read.
 */
export function buildMeasure(m: MeasureSpec, instrument: Instrument, lists: ListReader): Measure {
  const zone = zoneOf(instrument.issuer);
  return {
    id: m.id,
    authority: m.authority,
    heading: m.heading ?? "none",
    label: m.label,
    issuer: instrument.issuer,
    zone,
    origins: m.origins.includes("*") ? null : new Set(m.origins),
    exceptOrigins: new Set(m.exceptOrigins ?? []),
    products: codeSet(m.products, lists, m.heading),
    action: m.action,
    base: m.base,
    priority: m.priority,
    replaces: m.replaces ?? [],
    requiresClaim: m.requiresClaim,
    topUp: m.topUp,
    headingUnknown: m.headingUnknown,
    notStackedOn: (m.notStackedOn ?? []).map((r) => ({
      authorities: new Set(r.authorities),
      heading: r.heading,
      reason: r.reason,
      remainderFrom: r.remainderFrom ? zonedInstant(r.remainderFrom, zone) : undefined,
    })),
    note: m.note,
    unconfirmed: m.unconfirmed,
    limits: m.limits,
    instrument,
    values: [],
    exemptions: [],
    inTransit: [],
  };
}

/** What is wrong with a dated value's spec on its own, if anything. */
export function valueSpecProblem(v: Omit<ValueSpec, "measure">): string | undefined {
  if (v.rate === undefined && v.status === "final") return "a final value needs a rate";
  return undefined;
}

/**
 * A dated value of measure `m` (its time read in the measure's zone). A value that names no heading
 * gets one from `settleMeasure`.
 */
export function buildValue(v: Omit<ValueSpec, "measure">, m: Measure, instrument: Instrument): DatedValue {
  return {
    from: zonedInstant(v.from, m.zone),
    ppm: v.rate === undefined ? null : ratePpm(v.rate),
    status: v.status,
    heading: v.heading ?? "",
    inheritsHeading: v.heading === undefined,
    base: v.base ?? m.base,
    inheritsBase: v.base === undefined,
    note: v.note,
    unconfirmed: v.unconfirmed,
    limits: v.limits,
    instrument,
  };
}

/**
 * Puts a measure's dated values and in-transit rules in order; a value that does not name its heading
 * (or base) keeps the one in force before it (the measure's own before the first value). Safe to run again
 * after values are added or removed: inherited headings are filled afresh.
 */
export function settleMeasure(m: Measure): void {
  m.values.sort((a, b) => a.from - b.from);
  let heading = m.heading;
  let base = m.base;
  for (const v of m.values) {
    if (v.inheritsHeading === true || v.heading === "") v.heading = heading;
    if (v.inheritsBase === true) v.base = base;
    heading = v.heading;
    base = v.base;
  }
  m.inTransit.sort((a, b) => a.loadedBefore - b.loadedBefore);
}

export interface MeasureCheckOptions {
  /**
   * Accept final values on a measure without a Chapter 99 heading (a threat switched on by a
   * scenario); the data files may not have them.
   */
  finalWithoutHeading?: boolean;
}

/** What is wrong with a settled measure on its own (its references are checked by `Registry`). */
export function measureProblems(m: Measure, options: MeasureCheckOptions = {}): string[] {
  const problems: string[] = [];
  if (
    !options.finalWithoutHeading &&
    m.heading === "none" &&
    m.headingUnknown === undefined &&
    m.values.some((v) => v.status === "final")
  ) {
    problems.push(`measure ${m.id} has a final value but no Chapter 99 heading`);
  }
  if (m.headingUnknown !== undefined && m.heading !== "none") {
    problems.push(`measure ${m.id} has a heading and says its heading is unknown (headingUnknown)`);
  }
  if (m.headingUnknown !== undefined && m.unconfirmed === undefined) {
    problems.push(
      `measure ${m.id}: a measure whose heading is unknown must state it as unconfirmed (unconfirmed: fact, confirmBy)`,
    );
  }
  for (let i = 1; i < m.values.length; i++) {
    const a = m.values[i - 1] as DatedValue;
    const b = m.values[i] as DatedValue;
    if (
      a.from === b.from &&
      (a.ppm !== b.ppm || a.status !== b.status || a.heading !== b.heading || a.base !== b.base)
    ) {
      problems.push(
        `measure ${m.id}: contradictory values from the same instant (${a.instrument.file} and ${b.instrument.file})`,
      );
    }
  }
  if (m.values.length === 0) problems.push(`measure ${m.id} (${m.instrument.file}) has no dated value`);
  return problems;
}

/**
 * Chapter 99 headings the data check accepts although no shipped HTS revision has them: headings of
 * revisions later than those held, each with the revision and the instrument that creates it.
 */
export function loadLaterHeadings(dataDir: string = defaultDataDir()): Map<string, string> {
  const out = new Map<string, string>();
  const dir = join(dataDir, "lists", "us");
  if (!existsSync(join(dir, LATER_HEADINGS_FILE))) return out;
  for (const row of new ListReader(dir).rows(LATER_HEADINGS_FILE))
    out.set(row.heading ?? "", `${row.revision ?? ""}: ${row.source ?? ""}`);
  return out;
}

/** The file of `loadLaterHeadings`, under data/lists/us/. */
export const LATER_HEADINGS_FILE = "ch99-headings-later.csv";

/** Codes the data check accepts although no shipped HTS revision has them, each with its reason. */
export function loadNotInHts(dataDir: string = defaultDataDir()): Map<string, string> {
  const out = new Map<string, string>();
  for (const issuer of ["us", "cn"]) {
    const path = join(dataDir, "lists", issuer, "not-in-hts.csv");
    if (!existsSync(path)) continue;
    for (const row of new ListReader(dirname(path)).rows("not-in-hts.csv"))
      out.set(row.code ?? "", row.reason ?? "");
  }
  return out;
}

/**
 * The Section 232 lists printed in the Chapter 99 notes: the rows of `data/lists/us/s232-*.csv` that name
 * a heading and cite the notes (`source` "ch99 ..."), codes by heading. The data check holds the law to them.
 */
export function loadNotesHeadingLists(dataDir: string = defaultDataDir()): Map<string, Set<string>> {
  const dir = join(dataDir, "lists", "us");
  const reader = new ListReader(dir);
  const out = new Map<string, Set<string>>();
  for (const file of readdirSync(dir).filter((f) => /^s232-.*\.csv$/.test(f))) {
    for (const row of reader.rows(file)) {
      if (!row.heading || !row.source?.startsWith("ch99")) continue;
      const codes = out.get(row.heading) ?? new Set<string>();
      codes.add((row.code ?? "").replace(/\./g, ""));
      out.set(row.heading, codes);
    }
  }
  return out;
}

/** Statistical numbers that renumbered-statistical.csv gives successors for (US lists). */
export function loadRenumbered(dataDir: string = defaultDataDir()): Set<string> {
  const dir = join(dataDir, "lists", "us");
  if (!existsSync(join(dir, RENUMBERED))) return new Set();
  return new Set(new ListReader(dir).rows(RENUMBERED).map((row) => row.old ?? ""));
}

export interface LoadOptions {
  dataDir?: string;
  /** Only files whose path (relative to data/law) passes this filter (the source cache is not used). */
  filter?: (file: string) => boolean;
  /**
   * Use the source cache (see source-cache.ts). Default: for the default data directory, unless the
   * environment variable TRUCE_CACHE is "off".
   */
  cache?: boolean;
}

/** Where the source cache is kept: node_modules/.cache/truce in the package (as other tools do). */
export function sourceCacheDir(): string {
  return cacheDirOf(dirname(defaultDataDir()));
}

export const HORIZON_FILE = "horizon.yaml";

/** Values that start after the data horizon are scheduled, not confirmed: their layers say so. */
function markBeyondHorizon(law: Law): void {
  for (const m of law.measures) {
    const h = law.horizon[m.issuer];
    if (h === undefined) continue;
    for (const v of m.values) {
      if (v.from >= h.end && v.status === "final")
        v.provisional = `scheduled from ${formatInZone(v.from, m.zone)}, after the data horizon (${h.confirmedTo}): not confirmed to have taken effect`;
    }
  }
}

/** How current the law is, from the validated data/horizon.yaml (empty when the file is absent). */
function horizonOf(spec: HorizonSpec | undefined): Law["horizon"] {
  if (spec === undefined) return {};
  const horizon: Law["horizon"] = {};
  for (const issuer of ["US", "CN"] as const) {
    const { confirmedTo, basis } = spec[issuer];
    horizon[issuer] = { confirmedTo, end: zonedInstant(nextDay(confirmedTo), zoneOf(issuer)), basis };
  }
  return horizon;
}

/**
 * The law of validated sources. `lists`: the list readers (with the codes already read, if any).
 * Throws LawError listing `problems` and every problem found.
 */
export function lawOf(
  sources: Pick<ParsedSources, "files" | "horizon">,
  lists: Record<Issuer, ListReader>,
  problems: string[] = [],
): Law {
  const law = { ...buildLaw(sources.files, lists, problems), horizon: horizonOf(sources.horizon) };
  markBeyondHorizon(law);
  return law;
}

/** Where `options` keeps its law in the source cache (its key), or undefined when it does not use it. */
export function sourceCacheKey(options: LoadOptions): string | undefined {
  const dataDir = options.dataDir ?? defaultDataDir();
  const useCache =
    options.filter === undefined && (options.cache ?? (!cacheOff() && dataDir === defaultDataDir()));
  return useCache ? sourcesKey(dataDir, sourceCacheDir()) : undefined;
}

/**
 * The law kept in the source cache (see source-cache.ts), built without reading or validating YAML;
 * undefined when the cache is not used (`LoadOptions.cache`) or holds no entry for the sources.
 * `key`: `sourceCacheKey(options)` when already known. The full load is `loadLaw` (read-law.ts).
 */
export function loadCachedLaw(
  options: LoadOptions = {},
  key: string | undefined = sourceCacheKey(options),
): Law | undefined {
  const cached = key === undefined ? undefined : readSources(sourceCacheDir(), key);
  if (cached === undefined) return undefined;
  if (cached.zones !== undefined) addZoneYears(cached.zones);
  return lawOf(cached, listReaders(options.dataDir ?? defaultDataDir(), cached.codes));
}

/** The law of validated instrument files. Throws LawError listing `problems` and every problem found. */
function buildLaw(
  files: readonly { file: string; spec: InstrumentFile }[],
  lists: Record<Issuer, ListReader>,
  problems: string[],
): Law {
  const broken = new Set<string>();
  const instruments = new Map<string, Instrument>();
  const gaps: Gap[] = [];
  const byId = new Map<string, Measure>();

  for (const { file, spec } of files) {
    if (instruments.has(spec.id)) {
      problems.push(`${file}: instrument id ${spec.id} is used by ${instruments.get(spec.id)?.file} too`);
      continue;
    }
    const instrument: Instrument = { id: spec.id, issuer: spec.issuer, ...spec.instrument, file };
    instruments.set(spec.id, instrument);
    const issuerLists = lists[spec.issuer];
    for (const m of spec.measures ?? []) {
      if (byId.has(m.id)) {
        problems.push(`${file}: measure ${m.id} is defined in ${byId.get(m.id)?.instrument.file} too`);
        continue;
      }
      try {
        byId.set(m.id, buildMeasure(m, instrument, issuerLists));
      } catch (e) {
        broken.add(m.id);
        problems.push(`${file}: measure ${m.id}: ${(e as Error).message}`);
      }
    }
  }

  // Dated values, exemptions and in-transit rules may come from any instrument (amendments).
  const registry = new Registry(byId);
  for (const { file, spec } of files) {
    const instrument = instruments.get(spec.id);
    if (!instrument) continue;
    const zone = zoneOf(spec.issuer);
    const issuerLists = lists[spec.issuer];
    const target = (id: string, field: string): Measure | undefined => {
      const m = byId.get(id);
      if (!m && !broken.has(id)) problems.push(registry.measureProblem(id, `${file}: ${field}`) ?? "");
      return m;
    };
    for (const [i, v] of (spec.values ?? []).entries()) {
      const m = target(v.measure, `values.${i}.measure`);
      if (!m) continue;
      const problem = valueSpecProblem(v);
      if (problem !== undefined) {
        problems.push(`${file}: value of ${v.measure} from ${v.from}: ${problem}`);
        continue;
      }
      m.values.push(buildValue(v, m, instrument));
    }
    for (const [i, x] of (spec.exemptions ?? []).entries()) {
      const claimProblem = registry.claimProblem(x.claim, x.heading, `${file}: exemptions.${i}`);
      if (claimProblem !== undefined) problems.push(claimProblem);
      const m = target(x.measure, `exemptions.${i}.measure`);
      if (!m) continue;
      try {
        m.exemptions.push({
          heading: x.heading,
          claim: x.claim,
          reason: x.reason,
          products: codeSet(x.products, issuerLists),
          from: x.from ? zonedInstant(x.from, zone) : undefined,
          until: x.until ? zonedInstant(x.until, zone) : undefined,
          unconfirmed: x.unconfirmed,
          limits: x.limits,
          instrument,
        });
      } catch (e) {
        problems.push(`${file}: exemption of ${x.measure}: ${(e as Error).message}`);
      }
    }
    for (const g of spec.gaps ?? []) {
      gaps.push({
        issuer: spec.issuer,
        exceptOrigins: new Set(g.exceptOrigins ?? []),
        products: codeSet(g.products ?? { all: true }, issuerLists),
        from: zonedInstant(g.from, zone),
        until: zonedInstant(g.until, zone),
        note: g.note,
        instrument,
      });
    }
    for (const [i, t] of (spec.inTransit ?? []).entries()) {
      const m = target(t.measure, `inTransit.${i}.measure`);
      if (!m) continue;
      const rule: InTransitRule = {
        heading: t.heading,
        reason: t.reason,
        loadedBefore: zonedInstant(t.loadedBefore, zone),
        loadedFrom: t.loadedFrom ? zonedInstant(t.loadedFrom, zone) : undefined,
        enteredBefore: zonedInstant(t.enteredBefore, zone),
        modes: t.modes ? new Set(t.modes) : undefined,
        ppm: t.rate === undefined ? null : ratePpm(t.rate),
        unconfirmed: t.unconfirmed,
        instrument,
      };
      m.inTransit.push(rule);
    }
  }

  for (const { file, spec } of files)
    for (const [i, m] of (spec.measures ?? []).entries())
      if (byId.get(m.id)?.instrument.file === file)
        problems.push(...registry.measureSpecProblems(m, `${file}: measures.${i}`));
  for (const m of byId.values()) {
    settleMeasure(m);
    problems.push(...measureProblems(m));
  }

  if (problems.length > 0) throw new LawError(problems);
  const measures = [...byId.values()].sort(byPriorityThenId);
  return { instruments, horizon: {}, gaps, measures, byId };
}

/**
 * The law's order of measures: by priority, then by id. Ids are written in [a-z0-9.-] (the schema),
 * whose code-unit order is the root collation's: compared without loading a collator, and the same
 * whatever the machine's locale.
 */
export function byPriorityThenId(a: Measure, b: Measure): number {
  return a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
