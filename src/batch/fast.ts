/**
 * The fast path of a CSV duty batch: a row in the common form (code, origin, date and value, the
 * importer US, CN or none, every other entry column empty, no quotes) whose code, origin and date the
 * general path has already accepted is priced from what it learned, without splitting the row into
 * fields, building an entry or looking its code up more than once: the date is read digit by digit
 * into a day (its instant and the nomenclature's time slot), the origin letter by letter into a
 * table, and one look-up of the code as written gives, per time slot, the engine's handle for the
 * code it resolved to (`Engine.priceKnown`, which answers as `Engine.price`). Anything else (a row
 * seen for the first time in its form, a bad row, a code over several lines, a rate `price` does not
 * answer) is left to the general path, which is the only one that validates: this path only
 * remembers its answers, keyed by what they depend on (the code as written and the time slot: see
 * `Hts.slotOn`).
 */
import type { Entry, PricedRow } from "../engine/contract.js";
import { pricedRow } from "../engine/contract.js";
import type { CodeHandle, DayHandle, Engine } from "../engine/duty.js";
import { DAY_INDEXES, dayIndex, plainCents, tenDigits } from "../entry/parse.js";
import type { EntryFields, InputField } from "../entry/schema.js";
import type { Issuer } from "../law/model.js";
import type { RowTotals, RowWriter } from "./jobs.js";
import { writePriced } from "./jobs.js";
import type { Output } from "./output.js";

/** What a column is to the fast path. */
enum Role {
  /** Not an entry column: not read. */
  Other = 0,
  Code = 1,
  Origin = 2,
  Date = 3,
  Value = 4,
  Importer = 5,
  /** An entry column the fast path does not read: it must be empty. */
  Empty = 6,
}

interface KnownDay {
  instant: number;
  day: DayHandle;
}

/** What is known of a code as written. */
interface KnownCode {
  /**
   * A 10-digit code (as `tenDigits` reads it): its handle, answered on every day its own line is in
   * force (`Engine.lineInForce`), as `parseEntry` answers it.
   */
  line: CodeHandle | undefined;
  /**
   * Whether `line` is in force, by time slot + 1: 0 not asked yet, 1 in force, 2 not (the engine's
   * answer kept here in one small array, read by every row of the code).
   */
  lineInForce: Uint8Array;
  /**
   * Per time slot + 1 (0: a nomenclature without slots): the code's handle, where `line` does not
   * answer.
   */
  slots: Map<number, CodeHandle> | undefined;
  /** The national lines a code is answered over (a Chinese HS6; see `ParsedEntry.lines`). */
  lines: readonly string[];
}

const NO_WARNINGS: string[] = [];
const NOT_ASKED = new Uint8Array(0);
/** A row's fields by name, shown only in JSON lines output (which this path does not write). */
const noInput = (): Record<string, unknown> => {
  throw new Error("FastRows writes CSV output only");
};

const IMPORTERS: readonly Issuer[] = ["US", "CN"];
const LETTERS = 26;

/** The importer written in `line[start, end)`: 0 for US (or nothing), 1 for CN, -1 otherwise. */
function importerIn(line: string, start: number, end: number): number {
  if (end === start) return 0;
  if (end - start !== 2) return -1;
  const a = line.charCodeAt(start);
  const b = line.charCodeAt(start + 1);
  if (a === 85 && b === 83) return 0; // US
  if (a === 67 && b === 78) return 1; // CN
  return -1;
}

/** The index of a two-letter upper-case origin in `line[start, end)`, -1 for anything else. */
function originIndex(line: string, start: number, end: number): number {
  if (end - start !== 2) return -1;
  const a = line.charCodeAt(start) - 65;
  const b = line.charCodeAt(start + 1) - 65;
  if (a < 0 || a >= LETTERS || b < 0 || b >= LETTERS) return -1;
  return a * LETTERS + b;
}

export class FastRows {
  private readonly roles: Role[];
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** Per importer: days by `dayIndex`. */
  private readonly days: (KnownDay | undefined)[][] = IMPORTERS.map(() =>
    new Array<KnownDay | undefined>(DAY_INDEXES).fill(undefined),
  );
  /** Origins accepted, by `originIndex`: the origin as the entry holds it. */
  private readonly origins = new Array<string | undefined>(LETTERS * LETTERS).fill(undefined);
  /** Per importer: codes as written. */
  private readonly codes: Map<string, KnownCode>[] = IMPORTERS.map(() => new Map());
  private readonly priced: PricedRow = pricedRow();
  /** Rows priced here so far. */
  taken = 0;

  constructor(
    private readonly engine: Engine,
    /** Writes the rows `Engine.price` does not answer. */
    private readonly writer: RowWriter,
    /** The position of each entry column in the header, -1 if absent. */
    columns: Record<InputField, number>,
    width: number,
  ) {
    this.roles = new Array<Role>(width).fill(Role.Other);
    for (const [field, at] of Object.entries(columns) as [InputField, number][]) {
      if (at < 0) continue;
      this.roles[at] =
        field === "code"
          ? Role.Code
          : field === "origin"
            ? Role.Origin
            : field === "date"
              ? Role.Date
              : field === "value"
                ? Role.Value
                : field === "importer"
                  ? Role.Importer
                  : Role.Empty;
    }
    this.starts = new Int32Array(width);
    this.ends = new Int32Array(width);
  }

  /**
   * Prices and writes one line (the row's text, without quotes or line break) if it is in the common
   * form and everything it needs is known; else writes nothing and returns false.
   */
  row(line: string, lineNumber: number, w: Output, totals: RowTotals): boolean {
    const roles = this.roles;
    const starts = this.starts;
    const ends = this.ends;
    const width = roles.length;
    let start = 0;
    for (let i = 0; i < width; i++) {
      const comma = line.indexOf(",", start);
      if (comma < 0 !== (i === width - 1)) return false; // not the header's width
      const end = comma < 0 ? line.length : comma;
      if (roles[i] === Role.Empty && end !== start) return false;
      starts[i] = start;
      ends[i] = end;
      start = end + 1;
    }
    let code = -1;
    let origin = -1;
    let date = -1;
    let value = -1;
    let importer = 0;
    for (let i = 0; i < width; i++) {
      switch (roles[i]) {
        case Role.Code:
          code = i;
          break;
        case Role.Origin:
          origin = i;
          break;
        case Role.Date:
          date = i;
          break;
        case Role.Value:
          value = i;
          break;
        case Role.Importer:
          importer = importerIn(line, starts[i] as number, ends[i] as number);
          if (importer < 0) return false;
          break;
      }
    }
    const di = dayIndex(line, starts[date] as number, ends[date] as number);
    if (di < 0) return false;
    const known = (this.days[importer] as (KnownDay | undefined)[])[di];
    if (known === undefined) return false;
    const oi = originIndex(line, starts[origin] as number, ends[origin] as number);
    const originText = oi < 0 ? undefined : this.origins[oi];
    if (originText === undefined) return false;
    const cents = plainCents(line, starts[value] as number, ends[value] as number);
    if (cents === undefined) return false;
    const codes = this.codes[importer] as Map<string, KnownCode>;
    const codeText = line.slice(starts[code] as number, ends[code] as number);
    let c = codes.get(codeText);
    if (c === undefined) {
      // Another spelling of a 10-digit code already seen (8541.43.00.10, 8541430010).
      const digits = importer === 0 ? tenDigits(codeText) : undefined;
      c = digits === undefined ? undefined : codes.get(digits);
      if (c === undefined) return false;
      codes.set(codeText, c);
    }
    const handle = this.inForce(c, known.day) ? c.line : c.slots?.get(known.day.slot + 1);
    if (handle === undefined) return false;
    this.taken++;
    totals.rows++;
    const p = this.priced;
    if (
      c.lines.length === 0 &&
      this.engine.priceKnown(handle, originText, known.day, known.instant, cents, p)
    ) {
      totals.valueCents += cents;
      totals.dutyCents += p.totalCents;
      w.text(line);
      writePriced(w, p);
      return true;
    }
    // The entry `parseEntry` gives for the row.
    const entry: Entry = {
      code: handle.code,
      origin: originText,
      importer: IMPORTERS[importer],
      valueCents: cents,
    };
    const parsed = { entry, instant: known.instant, lines: c.lines, warnings: NO_WARNINGS };
    this.writer.priced(w, { line: lineNumber, raw: line, input: noInput }, parsed, totals, true);
    return true;
  }

  /** Whether the code's `line` is in force on the day (see `KnownCode.lineInForce`). */
  private inForce(c: KnownCode, day: DayHandle): boolean {
    if (c.line === undefined) return false;
    const at = day.slot + 1;
    let known = c.lineInForce;
    if (at >= known.length) {
      known = new Uint8Array(Math.max(2 * known.length, at + 1));
      known.set(c.lineInForce);
      c.lineInForce = known;
    }
    let state = known[at] as number;
    if (state === 0) {
      state = this.engine.lineInForce(c.line, day) ? 1 : 2;
      known[at] = state;
    }
    return state === 1;
  }

  /**
   * Remembers what the general path accepted of a row: its day, origin and code as written (their
   * answers do not depend on the row's other fields). `lines`: the national lines of a code answered
   * over several (not for this path).
   */
  learn(
    fields: EntryFields,
    importer: Issuer,
    instant: number,
    origin: string,
    code: string,
    lines: readonly string[],
  ): void {
    const imp = IMPORTERS.indexOf(importer);
    if (fields.at?.trim()) return; // an instant, not a day
    const dateText = fields.date ?? "";
    const di = dayIndex(dateText);
    if (di < 0) return;
    const days = this.days[imp] as (KnownDay | undefined)[];
    let known = days[di];
    if (known === undefined) {
      known = { instant, day: this.engine.dayHandle(importer, instant) };
      days[di] = known;
    }
    const originText = fields.origin ?? "";
    const oi = originIndex(originText, 0, originText.length);
    if (oi >= 0 && originText === origin) this.origins[oi] = origin;
    const codeText = fields.code;
    if (codeText === undefined) return;
    const codes = this.codes[imp] as Map<string, KnownCode>;
    // `parseEntry` reads every spelling of a 10-digit code as its digits: one entry for all of them.
    const digits = importer === "US" ? tenDigits(codeText) : undefined;
    let c = codes.get(codeText) ?? (digits === undefined ? undefined : codes.get(digits));
    if (c === undefined) {
      c = { line: undefined, lineInForce: NOT_ASKED, slots: undefined, lines };
      codes.set(codeText, c);
    }
    if (digits !== undefined) codes.set(digits, c);
    // Only China's codes are answered over lines, and resolve whatever the date (see `CnSchedule.resolve`).
    if (lines.length > 0 && importer !== "CN") return;
    const handle = this.engine.codeHandle(importer, code);
    if (digits === code) c.line ??= handle;
    if (this.inForce(c, known.day)) return;
    c.slots ??= new Map();
    c.slots.set(known.day.slot + 1, handle);
  }
}
