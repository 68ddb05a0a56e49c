/**
 * The US schedule from the 2018 Basic edition (in force from 2017-12-29) to the end of 2024, from
 * data/hts/pre2025 (written by scripts/build-hts-pre2025.ts; see data/hts/README.md):
 * - the release calendar says which edition is in force on a date;
 * - where that edition is held (2023 rev 11, 2024 Basic/rev 1, rev 4, rev 9), its HTS8 and HTS10 lines
 *   answer;
 * - elsewhere the USITC annual tariff databases (2017 and 2024_05 vintages) answer at HTS8, with their
 *   begin and end dates: an HTS10 code is accepted when its HTS8 is valid, with a warning that its
 *   statistical suffix could not be checked.
 * Time is cut into periods: a period starts at every release and at every begin (and day after an
 * end) of a database row, so that one period has one answer per code.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { keptParts } from "../units/cache.js";
import { csvParser, gunzip, readCsvFile } from "../units/readers.js";
import type { LineRate } from "./base-rates.js";
import { CodeError, formatCode, headingOf } from "./codes.js";
import type { HtsLine, NotFound, RevisionInForce } from "./hts.js";
import { parseRate, type Rate } from "./rates.js";

export const PRE2025_FORMAT = 1;

/** editions.json.gz: `lines` rows are [code, bitmask of `editions`, description, units, general, special, other] (text indexes). */
export interface StoredEditions {
  format: number;
  editions: string[];
  texts: string[];
  lines: [string, number, number, number, number, number, number][];
}

/** A line that answers a look-up before 2025: its rates, and a warning to give with them ("" if none). */
interface PreLine {
  code: string;
  description: string;
  units: string;
  general: string;
  special: string;
  other: string;
  warning: string;
  /** `lineRate` results (column 1, column 2) of an edition line, built on first use. */
  rates: (LineRate | undefined)[];
}

interface DbRow {
  begin: string;
  end: string;
  /** The day after `end`: the first on which the row no longer answers. */
  after: string;
  general: string;
  other: string;
  vintage: string;
  note: string;
  description: string;
  /** `lineRate` results by (HTS10 ? 2 : 0) + (column 2 ? 1 : 0), built on first use. */
  rates: (LineRate | undefined)[];
}

interface Period extends RevisionInForce {
  /** The release in force (calendar id) and the index of its held edition, or -1. */
  readonly release: string;
  readonly edition: number;
}

const NO_LINES: readonly number[] = [];
const NO_DATES: readonly string[] = [];

/** The first date the 2025– schedule answers for. */
const END = "2025-01-01";

const DATABASES = "the USITC annual tariff databases (2017 and 2024_05 vintages)";

/** How the calendar and the tariff database are read. */
const CSV = { skip_empty_lines: true };

/** A CSV file's rows after its header (parsed here: the schedule is kept whole, see `SchedulePre2025`). */
function readCsv(path: string): string[][] {
  return readCsvFile(undefined, path, CSV).slice(1);
}

/** The first of an HTS8's database rows valid on a date. */
function rowOn(rows: readonly DbRow[] | undefined, date: string): DbRow | undefined {
  if (rows !== undefined) for (const r of rows) if (r.begin <= date && date <= r.end) return r;
  return undefined;
}

function nextDay(date: string): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/** A database row as kept: begin, end, the day after end, general, other, vintage, note, description. */
type StoredRow = [string, string, string, string, string, string, string, string];

/** One heading's part of the schedules (the codes with those first four digits), as kept. */
interface StoredPart {
  /** Each HTS8's database rows, in the database's order. */
  db: [string, StoredRow[]][];
  /** The heading's lines of the held editions, as `StoredEditions.lines`, indexing `texts`. */
  lines: StoredEditions["lines"];
  texts: string[];
}

/** The schedules as kept besides their parts (see `writeParts`). */
interface KeptHeader {
  periods: Period[];
}

const KIND = "hts-pre2025";

/**
 * The schedules read from the data files, cut into periods and split by heading: what is kept, so
 * that a run answering for one code reads only its heading's part.
 */
function readSchedules(dir: string): { header: KeptHeader; parts: Map<string, StoredPart> } {
  const stored = JSON.parse(
    gunzip(readFileSync(join(dir, "editions.json.gz"))).toString("utf8"),
  ) as StoredEditions;
  if (stored.format !== PRE2025_FORMAT) throw new Error(`${dir}/editions.json.gz: unknown format`);
  // hts8, begin, end, general, other, vintage, note, description
  const db = readCsv(join(dir, "tariff-database.csv.gz")) as [string, string, string, ...string[]][];
  const releases = readCsv(join(dir, "calendar.csv")).map(([id, start, , held]) => ({
    id: id as string,
    start: start as string,
    held: held as string,
  }));
  const first = (releases[0] as { start: string }).start;
  const cuts = new Set(releases.map((r) => r.start));
  const rowsOf = db.map(([hts8, begin, end, ...texts]): [string, StoredRow] => {
    const after = nextDay(end);
    if (begin > first && begin < END) cuts.add(begin);
    if (after > first && after < END) cuts.add(after);
    return [hts8, [begin, end, after, ...texts] as StoredRow];
  });
  let k = 0;
  const periods = [...cuts].sort().map((start): Period => {
    while (k + 1 < releases.length && (releases[k + 1] as { start: string }).start <= start) k++;
    const release = releases[k] as { id: string; held: string };
    const edition = release.held === "" ? -1 : stored.editions.indexOf(release.held);
    return {
      id: edition < 0 ? `${release.id} (not held: USITC tariff database)` : release.id,
      editionYear: Number(release.id.slice(0, 4)),
      effectiveDate: start,
      event: "",
      assumed: false,
      release: release.id,
      edition,
    };
  });

  const parts = new Map<
    string,
    { part: StoredPart; rows: Map<string, StoredRow[]>; texts: Map<number, number> }
  >();
  const partOf = (code: string) => {
    const heading = headingOf(code);
    let p = parts.get(heading);
    if (p === undefined) {
      p = { part: { db: [], lines: [], texts: [] }, rows: new Map(), texts: new Map() };
      parts.set(heading, p);
    }
    return p;
  };
  for (const [hts8, row] of rowsOf) {
    const { part, rows } = partOf(hts8);
    let list = rows.get(hts8);
    if (list === undefined) {
      list = [];
      rows.set(hts8, list);
      part.db.push([hts8, list]);
    }
    list.push(row);
  }
  for (const [code, mask, ...texts] of stored.lines) {
    const p = partOf(code);
    const own = texts.map((index) => {
      let i = p.texts.get(index);
      if (i === undefined) {
        i = p.part.texts.length;
        p.part.texts.push(stored.texts[index] ?? "");
        p.texts.set(index, i);
      }
      return i;
    }) as [number, number, number, number, number];
    p.part.lines.push([code, mask, ...own]);
  }
  return {
    header: { periods },
    parts: new Map([...parts].map(([heading, { part }]) => [heading, part])),
  };
}

/** A heading's part as looked up: its database rows, and its lines of the held editions (built on first use). */
class HeadingPart {
  readonly db = new Map<string, DbRow[]>();
  /** The HTS8 codes with database rows, sorted. */
  readonly dbCodes: readonly string[];
  private readonly sortedCodes: (string[] | undefined)[] = [];
  /** The line object of each stored line, built for the first edition that has it. */
  private readonly lineObjects: (PreLine | undefined)[] = [];
  /** The indexes in `stored.lines` of each code's stored lines (built on first use). */
  private storedLinesByCode: Map<string, number[]> | undefined;

  constructor(private readonly stored: StoredPart) {
    for (const [hts8, rows] of stored.db) {
      this.db.set(
        hts8,
        rows.map(([begin, end, after, general, other, vintage, note, description]) => ({
          begin,
          end,
          after,
          general,
          other,
          vintage,
          note,
          description,
          rates: [],
        })),
      );
    }
    this.dbCodes = [...this.db.keys()].sort();
  }

  /** The line object of stored line i, one for every edition that has the line unchanged. */
  private lineObject(i: number): PreLine {
    let line = this.lineObjects[i];
    if (line === undefined) {
      const t = this.stored.texts;
      const [code, , d, u, g, s, o] = this.stored.lines[i] as StoredEditions["lines"][number];
      line = {
        code,
        description: t[d] ?? "",
        units: t[u] ?? "",
        general: t[g] ?? "",
        special: t[s] ?? "",
        other: t[o] ?? "",
        warning: "",
        rates: [],
      };
      this.lineObjects[i] = line;
    }
    return line;
  }

  /** The line of a code in held edition k, or undefined (its stored lines, without a map per edition). */
  lineIn(code: string, k: number): PreLine | undefined {
    const bit = 1 << k;
    let found: number | undefined;
    for (const i of this.storedLinesOf(code))
      if (((this.stored.lines[i] as StoredEditions["lines"][number])[1] & bit) !== 0) found = i;
    return found === undefined ? undefined : this.lineObject(found);
  }

  /** The indexes in `stored.lines` of a code's stored lines (one per version across the held editions). */
  private storedLinesOf(code: string): readonly number[] {
    let byCode = this.storedLinesByCode;
    if (byCode === undefined) {
      byCode = new Map();
      const lines = this.stored.lines;
      for (let i = 0; i < lines.length; i++) {
        const c = (lines[i] as StoredEditions["lines"][number])[0];
        const list = byCode.get(c);
        if (list === undefined) byCode.set(c, [i]);
        else list.push(i);
      }
      this.storedLinesByCode = byCode;
    }
    return byCode.get(code) ?? NO_LINES;
  }

  /** The codes of held edition k, sorted (for look-ups by prefix). */
  editionCodes(k: number): readonly string[] {
    let codes = this.sortedCodes[k];
    if (codes === undefined) {
      const inEdition = new Set<string>();
      const bit = 1 << k;
      for (const [code, mask] of this.stored.lines) if ((mask & bit) !== 0) inEdition.add(code);
      codes = [...inEdition].sort();
      this.sortedCodes[k] = codes;
    }
    return codes;
  }
}

export class SchedulePre2025 {
  readonly periods: readonly Period[];
  private readonly starts: readonly string[];
  /** Each run of periods answered by one held edition (its index) or by the databases (-1), from its first date. */
  private readonly runs: readonly { start: string; edition: number }[];
  /** See `dbDatesOf`. */
  private readonly dbDates = new Map<string, readonly string[]>();
  /** The headings held, sorted, and each one's part as kept (undefined for a heading not held). */
  private readonly headings: readonly string[];
  private readonly storedPart: (heading: string) => StoredPart | undefined;
  private readonly parts = new Map<string, HeadingPart | null>();
  private readonly rates = new Map<string, Rate>();

  /**
   * `cacheDir`: where the schedules, split by heading, are kept between runs (see `writeParts`), if
   * anywhere: a run finding them reads the periods and then only the headings it looks up.
   */
  constructor(dir: string, cacheDir?: string) {
    const kept = keptParts(
      cacheDir,
      KIND,
      [fileURLToPath(import.meta.url)],
      dir,
      ["calendar.csv", "editions.json.gz", "tariff-database.csv.gz"].map((n) => join(dir, n)),
      csvParser(JSON.stringify(CSV)),
      () => readSchedules(dir),
    );
    this.periods = kept.header.periods.map((p) => Object.freeze(p));
    this.starts = this.periods.map((p) => p.effectiveDate);
    this.runs = this.periods
      .filter((p, k) => k === 0 || (this.periods[k - 1] as Period).edition !== p.edition)
      .map((p) => ({ start: p.effectiveDate, edition: p.edition }));
    this.headings = kept.names();
    this.storedPart = (heading) => kept.part<StoredPart>(heading);
  }

  /** The part of the heading of a code (or the heading itself), or undefined for a heading not held. */
  private part(code: string): HeadingPart | undefined {
    const heading = headingOf(code);
    let part = this.parts.get(heading);
    if (part === undefined) {
      const stored = this.storedPart(heading);
      part = stored === undefined ? null : new HeadingPart(stored);
      this.parts.set(heading, part);
    }
    return part ?? undefined;
  }

  /** An HTS8's database rows, in the database's order. */
  private dbRows(hts8: string): readonly DbRow[] | undefined {
    return this.part(hts8)?.db.get(hts8);
  }

  /** The period in force on a date, or -1 (before the 2018 Basic edition, or from 2025). */
  periodOn(date: string): number {
    const starts = this.starts;
    if (date < (starts[0] as string) || date >= END) return -1;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as string) <= date) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private dbRow(hts8: string, date: string): DbRow | undefined {
    return rowOn(this.dbRows(hts8), date);
  }

  /** The line answering for an 8- or 10-digit code in a period, or undefined. */
  find(code: string, p: number): PreLine | undefined {
    const period = this.periods[p] as Period;
    if (period.edition >= 0) return this.part(code)?.lineIn(code, period.edition);
    const row = this.dbRow(code.slice(0, 8), period.effectiveDate);
    if (row === undefined) return undefined;
    const level10 = code.length === 10;
    return {
      code,
      description: level10 ? `${row.description} (statistical suffix not checked)` : row.description,
      units: "",
      general: row.general,
      special: "",
      other: row.other,
      warning: this.warningOf(code.slice(0, 8), row, level10),
      rates: [],
    };
  }

  /** Whether a code is in force in a period (`find` without building the line). */
  has(code: string, p: number): boolean {
    const period = this.periods[p] as Period;
    if (period.edition >= 0) return this.part(code)?.lineIn(code, period.edition) !== undefined;
    return this.dbRow(code.slice(0, 8), period.effectiveDate) !== undefined;
  }

  /** What an answer from a database row could not check: an HTS10 suffix, the row's end or ITA stage. */
  private warningOf(hts8: string, row: DbRow, level10: boolean): string {
    const notes: string[] = [];
    if (level10) {
      notes.push(
        `the statistical suffix could not be checked (no HTS10 edition is held for this date); HTS8 ${formatCode(hts8)} is valid in the USITC tariff database (${row.vintage} vintage)`,
      );
    }
    if (row.note === "end not recorded") {
      notes.push(
        `${formatCode(hts8)} is absent from the 2024_05 tariff database: its end date is not recorded (taken as valid until the HS 2022 changes of 2022-01-27)`,
      );
    } else if (row.note !== "") {
      notes.push(
        `${formatCode(hts8)}: ${row.note} in the tariff databases held; the rate of the stage before is used (an upper bound: the stages only cut)`,
      );
    }
    return notes.join("; ");
  }

  private rateOf(text: string): Rate {
    let r = this.rates.get(text);
    if (r === undefined) {
      r = Object.freeze(parseRate(text)) as Rate;
      this.rates.set(text, r);
    }
    return r;
  }

  private newLineRate(text: string, warning: string): LineRate {
    return Object.freeze(
      warning === "" ? { rate: this.rateOf(text), text } : { rate: this.rateOf(text), text, warning },
    );
  }

  /**
   * The rate and text of a code's column in a period, or undefined: one object per edition line and
   * column, or per database row, level (HTS8, HTS10) and column.
   */
  lineRate(code: string, p: number, column2: boolean): LineRate | undefined {
    const period = this.periods[p] as Period;
    const k = column2 ? 1 : 0;
    if (period.edition >= 0) {
      const line = this.part(code)?.lineIn(code, period.edition);
      if (line === undefined) return undefined;
      let r = line.rates[k];
      if (r === undefined) {
        r = this.newLineRate(column2 ? line.other : line.general, "");
        line.rates[k] = r;
      }
      return r;
    }
    const row = this.dbRow(code.length === 8 ? code : code.slice(0, 8), period.effectiveDate);
    if (row === undefined) return undefined;
    const level10 = code.length === 10;
    const slot = (level10 ? 2 : 0) + k;
    let r = row.rates[slot];
    if (r === undefined) {
      r = this.newLineRate(column2 ? row.other : row.general, this.warningOf(code.slice(0, 8), row, level10));
      row.rates[slot] = r;
    }
    return r;
  }

  /**
   * `lineRate` in period p written into `into[offset + p]` (null: no answer), and into the neighbouring
   * periods that give the same answer: those of the same held edition, or in which the code's HTS8 is
   * answered by the same database row.
   */
  lineRatesIn(
    code: string,
    p: number,
    column2: boolean,
    into: (LineRate | null | undefined)[],
    offset: number,
  ): void {
    const r = this.lineRate(code, p, column2) ?? null;
    into[offset + p] = r;
    if (r === null) return;
    const periods = this.periods;
    const edition = (periods[p] as Period).edition;
    const rows = edition >= 0 ? undefined : this.dbRows(code.length === 8 ? code : code.slice(0, 8));
    const row = rowOn(rows, (periods[p] as Period).effectiveDate);
    const same = (q: number): boolean => {
      const other = periods[q] as Period;
      return edition >= 0
        ? other.edition === edition
        : other.edition < 0 && rowOn(rows, other.effectiveDate) === row;
    };
    for (let q = p + 1; q < periods.length && same(q); q++) into[offset + q] = r;
    for (let q = p - 1; q >= 0 && same(q); q--) into[offset + q] = r;
  }

  toLine(l: PreLine, p: number): HtsLine {
    const period = this.periods[p] as Period;
    return {
      code: l.code,
      dotted: formatCode(l.code),
      level: l.code.length === 10 ? 10 : 8,
      description: l.description,
      parents: [],
      units: l.units === "" ? [] : l.units.split("|"),
      general: l.general,
      special: l.special,
      other: l.other,
      generalRate: this.rateOf(l.general),
      otherRate: this.rateOf(l.other),
      footnotes: [],
      footnoteHeadings: [],
      revision: period.id,
      assumed: false,
      since: period.effectiveDate,
    };
  }

  /** Every line in force in the period under a prefix (8 digits: the HTS8 line, then its HTS10 lines). */
  under(prefix: string, p: number): HtsLine[] {
    const period = this.periods[p] as Period;
    const out: HtsLine[] = [];
    // A heading's codes all start with it: the headings in order give the codes in order.
    const headings =
      prefix.length >= 4 ? [headingOf(prefix)] : this.headings.filter((h) => h.startsWith(prefix));
    for (const heading of headings) {
      const part = this.part(heading);
      if (part === undefined) continue;
      const codes = period.edition >= 0 ? part.editionCodes(period.edition) : part.dbCodes;
      let lo = 0; // first code >= prefix
      let hi = codes.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((codes[mid] as string) < prefix) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < codes.length && (codes[k] as string).startsWith(prefix); k++) {
        const l = this.find(codes[k] as string, p);
        if (l !== undefined) out.push(this.toLine(l, p));
      }
    }
    return out;
  }

  /**
   * The dates (after `from`, up to `to`) on which the rate texts (both columns) of a code, or of its
   * HTS8 (which answers for a 10-digit code a schedule does not hold, see the engine), may change, or
   * either comes or goes: the start of a run of periods answered by another held edition or by the
   * databases, and a begin or end of the HTS8's database rows within such a run, where the texts differ
   * from those before.
   */
  changeDates(code: string, from: string, to: string): string[] {
    const out: string[] = [];
    const hts8 = code.slice(0, 8);
    // A code and its HTS8 are in one heading's part.
    const part = this.part(code);
    const rows = part?.db.get(hts8);
    // What answers: the texts of both columns, from the code's own line or the database (level 10),
    // from the HTS8's line for a 10-digit code a held edition lacks (8), or nothing (0); -1 before
    // the first period, which this schedule does not answer.
    let level = -1;
    let general = "";
    let other = "";
    const visit = (date: string, edition: number): void => {
      let l = 0;
      let g = "";
      let o = "";
      if (edition < 0) {
        const row = rowOn(rows, date);
        if (row !== undefined) {
          l = 10;
          g = row.general;
          o = row.other;
        }
      } else {
        const own = part?.lineIn(code, edition);
        const line = own ?? (code.length === 10 ? part?.lineIn(hts8, edition) : undefined);
        if (line !== undefined) {
          l = own === undefined ? 8 : 10;
          g = line.general;
          o = line.other;
        }
      }
      const changed = l !== level || (l !== 0 && (g !== general || o !== other));
      if (changed && date > from && date <= to && out[out.length - 1] !== date) out.push(date);
      level = l;
      general = g;
      other = o;
    };
    // The runs' starts and the HTS8's database dates within database runs, in date order.
    const runs = this.runs;
    const dbDates = rows === undefined ? NO_DATES : this.dbDatesOf(hts8, rows);
    let j = 0;
    for (const run of runs) {
      for (; j < dbDates.length && (dbDates[j] as string) < run.start; j++) visit(dbDates[j] as string, -1);
      visit(run.start, run.edition);
    }
    for (; j < dbDates.length; j++) visit(dbDates[j] as string, -1);
    if (END > from && END <= to && out[out.length - 1] !== END) out.push(END);
    return out;
  }

  /** An HTS8's database rows' begin and after dates that fall within database runs, sorted (kept). */
  private dbDatesOf(hts8: string, rows: readonly DbRow[]): readonly string[] {
    let dates = this.dbDates.get(hts8);
    if (dates === undefined) {
      const inDbRun = (d: string) => {
        const p = this.periodOn(d);
        return p >= 0 && (this.periods[p] as Period).edition < 0;
      };
      dates = [...new Set(rows.flatMap((r) => [r.begin, r.after]).filter(inDbRun))].sort();
      this.dbDates.set(hts8, dates);
    }
    return dates;
  }

  /** The error for a code not found in a period: says which sources were consulted. */
  notFound(code: string, p: number, date: string): CodeError {
    const { message, suggestions } = this.notFoundReason(code, p, date);
    return new CodeError(code, message, suggestions);
  }

  /** The message and suggestions of `notFound`, without an Error. */
  notFoundReason(code: string, p: number, date: string): NotFound {
    const period = this.periods[p] as Period;
    const suggest = () => {
      for (const n of [6, 4]) {
        const near = this.under(code.slice(0, n), p).filter((l) => l.level === 8);
        if (near.length > 0) return near.slice(0, 5).map((l) => l.dotted);
      }
      return [];
    };
    if (period.edition >= 0) {
      return {
        message: `${formatCode(code)} is not an HTS code on ${date} (HTSUS ${period.release}, the edition in force)`,
        suggestions: suggest,
      };
    }
    const rows = this.dbRows(code.slice(0, 8));
    // A row whose end is not recorded proves nothing about the dates after the end taken for it.
    if (rows !== undefined && !rows.some((r) => r.note === "end not recorded" && r.end < date)) {
      const spans = rows.map((r) => `${r.begin} to ${r.end}`).join(", ");
      return {
        message: `${formatCode(code)} is not an HTS code on ${date}: its HTS8 is valid ${spans} in ${DATABASES}`,
        suggestions: suggest,
      };
    }
    return {
      message: `${formatCode(code)} was not found for ${date}: no HTS10 edition is held for ${period.release} (the edition in force), and its HTS8 is not valid on that date in ${DATABASES}`,
      suggestions: suggest,
    };
  }
}
