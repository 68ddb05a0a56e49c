/**
 * Turns an entry's fields (as text: from the library's object, CLI flags or batch columns) into an
 * engine Entry and an instant, with a specific error naming the field and what was expected.
 */
import { createRequire } from "node:module";
import type { Entry, Mode } from "../engine/contract.js";
import type { Engine } from "../engine/duty.js";
import type { Issuer } from "../law/model.js";
import { CN_EXCLUSION_CLAIM } from "../law/registry.js";
import type { CnSchedule } from "../nomenclature/cn.js";
import { CodeError } from "../nomenclature/codes.js";
import type { Hts } from "../nomenclature/hts.js";
import { parseCents, parseScaled } from "../units/money.js";
import { CN_ZONE, isCalendarDate, localDate, parseInstant, TimeError, US_ZONE } from "../units/time.js";
import { InputError } from "./errors.js";
import type { EntryFields, InputField } from "./schema.js";

/**
 * The nomenclatures an entry's code is checked against, and optionally the engine that will price
 * it: a code it has priced before in the same revision is not looked up again (see
 * `Engine.knownLine`).
 */
export interface Schedules {
  hts: Hts;
  cn: CnSchedule;
  engine?: Pick<Engine, "knownLine">;
}

/** 2018-01-01 00:00 in each importer's zone (New York at UTC-5, Beijing at UTC+8). */
const EARLIEST: Record<Issuer, number> = { US: Date.UTC(2018, 0, 1, 5), CN: Date.UTC(2017, 11, 31, 16) };

const MODES: readonly Mode[] = ["vessel", "air", "truck", "rail", "postal"];

/** The content-value fields and the entry's amount each sets. */
const CONTENT_FIELDS = [
  ["steel_value", "steelCents"],
  ["aluminum_value", "aluminumCents"],
  ["copper_value", "copperCents"],
] as const;

/** The instant a date or date-time means in the zone, or the time library's reason for refusing it. */
function instantOf(text: string, zone: string): number | string {
  try {
    return parseInstant(text, zone);
  } catch (e) {
    if (e instanceof TimeError) return e.message;
    throw e;
  }
}

const NO_SUGGESTIONS = (): string[] => [];

/** A bad field as a plain value (see `EntryProblem`). */
function problem(field: InputField, message: string): EntryProblem {
  return { field, message, suggestions: NO_SUGGESTIONS };
}

const isProblem = (x: unknown): x is EntryProblem => typeof x === "object" && x !== null;

/** The cents of an amount field, undefined if it is empty, or why it is refused. */
function money(fields: EntryFields, field: InputField): number | undefined | EntryProblem {
  const raw = fields[field]?.trim();
  if (!raw) return undefined;
  const cents = plainCents(raw) ?? parseCents(raw);
  if (cents !== null && cents < 0) return problem(field, `"${raw}" is negative (an amount is 0 or more)`);
  if (cents === null) {
    return problem(
      field,
      `"${raw}" is not an amount in US dollars (expected e.g. 10000 or 1234.56; a point for decimals, commas only between thousands as in 1,234.56)`,
    );
  }
  return cents;
}

/**
 * Cents of a plain amount ("1234", "1234.5", "1234.56"; at most 13 whole digits) written in
 * `raw[start, end)`, as `parseCents` gives it, without regular expressions; undefined for anything else
 * (left to `parseCents`).
 */
export function plainCents(raw: string, start = 0, end = raw.length): number | undefined {
  let whole = 0;
  let i = start;
  for (; i < end; i++) {
    const d = raw.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  // At most 13 whole digits: the cents (13 + 2 digits) stay exact and below MAX_SAFE_INTEGER.
  if (i === start || i - start > 13) return undefined;
  if (i === end) return whole * 100;
  const decimals = end - i - 1;
  if (raw.charCodeAt(i) !== 46 || decimals < 1 || decimals > 2) return undefined;
  const d1 = raw.charCodeAt(i + 1) - 48;
  const d2 = decimals === 2 ? raw.charCodeAt(i + 2) - 48 : 0;
  if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return undefined;
  return whole * 100 + d1 * 10 + d2;
}

interface Day {
  instant: number;
  /** Local date of the instant in the zone. */
  day: string;
}

/**
 * Valid `date` column values already parsed, per zone: by `dayIndex` for dates written YYYY-MM-DD of
 * 2000-2099 (an array read with no string hashed), else by text (bounded).
 */
const days = new Map<string, { byIndex: (Day | undefined)[]; byText: Map<string, Day> }>();
const DAY_CACHE_LIMIT = 50_000;
export const DAY_INDEXES = 100 * 12 * 31;

/** The number written by `count` digits of `text` from `at`; -1 if one is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * (year - 2000) × 372 + (month - 1) × 31 + day - 1 of a date written YYYY-MM-DD with a year of
 * 2000-2099 (in `date[start, end)`), read digit by digit; -1 for any other text (whether the date
 * exists is not checked). Below `DAY_INDEXES`.
 */
export function dayIndex(date: string, start = 0, end = date.length): number {
  if (end - start !== 10 || date.charCodeAt(start + 4) !== 45 || date.charCodeAt(start + 7) !== 45) return -1;
  const year = digitsAt(date, start, 4);
  const month = digitsAt(date, start + 5, 2);
  const day = digitsAt(date, start + 8, 2);
  if (year < 2000 || year > 2099 || month < 1 || month > 12 || day < 1 || day > 31) return -1;
  return (year - 2000) * 372 + (month - 1) * 31 + day - 1;
}

/**
 * ISO 3166-1 alpha-2 codes, from the code table of i18n-iso-countries (its JSON alone: the module
 * itself takes ~40 ms to load, the table ~2 ms).
 */
let iso3166: ReadonlySet<string> | undefined;
export function isCountry(code: string): boolean {
  iso3166 ??= new Set(
    (createRequire(import.meta.url)("i18n-iso-countries/codes.json") as string[][]).map(
      (row) => row[0] ?? "",
    ),
  );
  return iso3166.has(code);
}

/** Valid `origin` values as given, and the origin each stands for (bounded). */
const origins = new Map<string, string>();
const ORIGIN_CACHE_LIMIT = 1_000;

/** The instant and local date of a date-only entry ("2025-11-01" → 12:01 a.m. in the zone); undefined for a non-date. */
function dateOnly(date: string, zone: string): Day | undefined {
  let cache = days.get(zone);
  if (cache === undefined) {
    cache = { byIndex: new Array<Day | undefined>(DAY_INDEXES).fill(undefined), byText: new Map() };
    days.set(zone, cache);
  }
  const index = dayIndex(date);
  let d = index < 0 ? cache.byText.get(date) : cache.byIndex[index];
  if (d === undefined) {
    if (!isCalendarDate(date)) return undefined;
    const instant = parseInstant(date, zone);
    d = { instant, day: localDate(instant, zone) };
    if (index >= 0) cache.byIndex[index] = d;
    else {
      if (cache.byText.size >= DAY_CACHE_LIMIT) cache.byText.clear();
      cache.byText.set(date, d);
    }
  }
  return d;
}

/** How a code given by the user resolved on a day: the code and an input warning, or an error. */
type Resolved = { code: string; warning?: string } | { error: string; suggestions: () => string[] };

/** Results of `resolveCode`, by code as given and day (bounded), per schedule. */
const codeCaches = new WeakMap<Hts, Map<string, Resolved>>();
const RESOLVED_CACHE_LIMIT = 50_000;
const TEN_DIGITS = /^\d{10}$/;
const DOTTED_TEN = /^\d{4}\.\d{2}\.\d{2}\.?\d{2}$/;

/**
 * The digits of a 10-digit code written as digits or dotted as people write it (8541.43.00.10,
 * 8541.43.0010), without regular expression replacement; undefined for any other spelling.
 */
export function tenDigits(raw: string): string | undefined {
  if (raw.length === 10) return TEN_DIGITS.test(raw) ? raw : undefined;
  if ((raw.length !== 13 && raw.length !== 12) || !DOTTED_TEN.test(raw)) return undefined;
  return raw.length === 13
    ? raw.slice(0, 4) + raw.slice(5, 7) + raw.slice(8, 10) + raw.slice(11)
    : raw.slice(0, 4) + raw.slice(5, 7) + raw.slice(8);
}

/**
 * The code of an entry, or why it is refused. A 10-digit code (dotted or not) is answered without an
 * exception: in force on the day, it is taken as it is (the engine or `inForce` tells, with no
 * allocation and no line built); not in force, it is refused with the schedule's reason
 * (`notInForce`), unless its HTS8 is (then taken with a warning). Anything else goes through
 * `resolveCode`, whose results are kept per code and day.
 */
function entryCode(
  rawCode: string,
  day: string,
  instant: number,
  schedules: Schedules,
  warnings: string[],
): string | EntryProblem {
  const { hts, engine } = schedules;
  const digits = tenDigits(rawCode);
  if (digits !== undefined) {
    const known = engine?.knownLine("US", digits, instant);
    if (known !== undefined) return known;
    const code = hts.inForce(digits, day);
    if (code !== undefined) return code;
    if (!(hts.everListed(digits) && hts.line(digits.slice(0, 8), day))) {
      const { message, suggestions } = hts.notInForce(digits, day);
      return { field: "code", message, suggestions };
    }
    warnings.push(notStatistical(rawCode, digits, day));
    return digits;
  }
  let cache = codeCaches.get(hts);
  if (cache === undefined) {
    cache = new Map();
    codeCaches.set(hts, cache);
  }
  const key = `${rawCode}\n${day}`;
  let r = cache.get(key);
  if (r === undefined) {
    r = resolveCode(rawCode, day, hts);
    if (cache.size >= RESOLVED_CACHE_LIMIT) cache.clear();
    cache.set(key, r);
  }
  if ("error" in r) return { field: "code", message: r.error, suggestions: r.suggestions };
  if (r.warning !== undefined) warnings.push(r.warning);
  return r.code;
}

/** The warning for a statistical number not in force whose HTS8 is. */
function notStatistical(rawCode: string, digits: string, day: string): string {
  return `${rawCode} is not a statistical number on ${day}; its subheading ${digits.slice(0, 8)} is`;
}

function resolveCode(rawCode: string, day: string, hts: Hts): Resolved {
  try {
    const lines = hts.resolve(rawCode, day);
    const exact = lines.find((l) => l.code === rawCode.replace(/[.\s]/g, ""));
    if (exact) {
      if (exact.code.length === 8 && lines.length > 1) {
        return {
          code: exact.code,
          warning: `code ${rawCode} has statistical suffixes (${lines
            .filter((l) => l.code.length === 10)
            .slice(0, 6)
            .map((l) => l.code)
            .join(", ")}); measures listed at 10 digits may differ`,
        };
      }
      return { code: exact.code };
    }
    if (lines.length === 1) return { code: (lines[0] as { code: string }).code };
    return {
      error: `${rawCode} covers ${lines.length} tariff lines; give one of them (e.g. ${lines
        .slice(0, 5)
        .map((l) => l.code)
        .join(", ")})`,
      suggestions: () => lines.slice(0, 5).map((l) => l.code),
    };
  } catch (e) {
    if (!(e instanceof CodeError)) throw e;
    const digits = rawCode.replace(/[.\s]/g, "");
    if (!(digits.length === 10 && hts.everListed(digits) && hts.line(digits.slice(0, 8), day))) {
      // Suggestions are looked up only if shown (a batch's CSV output does not show them).
      return { error: e.message, suggestions: () => e.suggestions };
    }
    return { code: digits, warning: notStatistical(rawCode, digits, day) };
  }
}

/** A code of China's schedule as an entry takes it: its code, the national lines to average over, warnings. */
interface CnCode {
  code: string;
  lines: readonly string[];
  warnings: readonly string[];
}

/** Results of `cnEntryCode`, by code as given (bounded), per schedule. */
const cnCodeCaches = new WeakMap<CnSchedule, Map<string, CnCode | EntryProblem>>();

/** The code of an entry to China, or why it is refused (a plain value, kept per code as given). */
function cnEntryCode(rawCode: string, cn: CnSchedule): CnCode | EntryProblem {
  let cache = cnCodeCaches.get(cn);
  if (cache === undefined) {
    cache = new Map();
    cnCodeCaches.set(cn, cache);
  }
  let r = cache.get(rawCode);
  if (r === undefined) {
    const found = cn.lookup(rawCode);
    r =
      "message" in found
        ? { field: "code", message: found.message, suggestions: found.suggestions }
        : { code: found.code, lines: found.lines.map((l) => l.code), warnings: found.warnings };
    if (cache.size >= RESOLVED_CACHE_LIMIT) cache.clear();
    cache.set(rawCode, r);
  }
  return r;
}

export interface ParsedEntry {
  entry: Entry;
  instant: number;
  /** For a code covering several national lines (a Chinese HS6): the lines to average over. */
  lines: readonly string[];
  /** Warnings about the input itself (e.g. a code given without its statistical suffix). */
  warnings: string[];
}

/** A bad entry as a plain value (no exception, no stack trace): what `parseEntry` throws as InputError. */
export interface EntryProblem {
  field: InputField;
  message: string;
  /** Codes the user may have meant (digits), looked up only if called. */
  suggestions: () => string[];
}

/** Parses and validates the fields of one entry. Throws InputError. */
export function parseEntry(fields: EntryFields, schedules: Schedules): ParsedEntry {
  const parsed = parseEntryOrProblem(fields, schedules);
  if ("field" in parsed) throw new InputError(parsed.field, parsed.message, parsed.suggestions);
  return parsed;
}

/**
 * The fields of one entry parsed and validated, or the first bad field as an EntryProblem: a plain
 * value, so that a batch's bad rows cost no exception (a date or time that the time library refuses
 * is the one exception caught here).
 */
export function parseEntryOrProblem(fields: EntryFields, schedules: Schedules): ParsedEntry | EntryProblem {
  const warnings: string[] = [];
  const importerRaw = (fields.importer?.trim() || "US").toUpperCase();
  if (importerRaw !== "US" && importerRaw !== "CN") {
    return problem("importer", `"${fields.importer}" is not supported (expected US or CN)`);
  }
  const importer = importerRaw as Issuer;
  const zone = importer === "US" ? US_ZONE : CN_ZONE;

  const originRaw = fields.origin;
  let origin = originRaw === undefined ? undefined : origins.get(originRaw);
  if (origin === undefined) {
    origin = originRaw?.trim().toUpperCase() ?? "";
    if (!/^[A-Z]{2}$/.test(origin) || !isCountry(origin)) {
      return problem(
        "origin",
        `"${originRaw ?? ""}" is not an ISO 3166 alpha-2 country code (e.g. CN, HK, VN)`,
      );
    }
    if (originRaw !== undefined) {
      if (origins.size >= ORIGIN_CACHE_LIMIT) origins.clear();
      origins.set(originRaw, origin);
    }
  }

  let instant: number;
  let day: string | undefined;
  const at = fields.at?.trim();
  const date = fields.date?.trim();
  if (at) {
    const parsed = instantOf(at, zone);
    if (typeof parsed === "string") return problem("at", parsed);
    instant = parsed;
  } else if (date) {
    const d = dateOnly(date, zone);
    if (d === undefined) return problem("date", `"${date}" is not a date (expected YYYY-MM-DD)`);
    instant = d.instant;
    day = d.day;
  } else return problem("date", "is required (YYYY-MM-DD, the date of entry)");
  // The first day covered is 2018-01-01 in the importer's own zone (Beijing's starts 13 hours before New York's).
  if (instant < EARLIEST[importer])
    return problem(at ? "at" : "date", "dates before 2018-01-01 are not covered");

  const valueCents =
    money(fields, "value") ??
    problem("value", "is required (an amount in US dollars, e.g. 10000 or 1234.56)");
  if (isProblem(valueCents)) return valueCents;
  const rawCode = fields.code?.trim() ?? "";
  if (!rawCode) return problem("code", "is required (an HTS code, e.g. 8541.43.00.10)");
  let code: string;
  let lines: readonly string[] = [];
  if (importer === "US") {
    const c = entryCode(rawCode, day ?? localDate(instant, zone), instant, schedules, warnings);
    if (typeof c !== "string") return c;
    code = c;
  } else {
    const c = cnEntryCode(rawCode, schedules.cn);
    if ("field" in c) return c;
    code = c.code;
    lines = c.lines;
    for (const w of c.warnings) warnings.push(w);
  }

  const entry: Entry = { code, origin, importer, valueCents };
  const quantity = fields.quantity?.trim();
  if (quantity) {
    const milli = parseScaled(quantity.replace(/,/g, ""), 3);
    if (milli === null || milli < 0) {
      return problem("quantity", `"${quantity}" is not a quantity (a number with at most 3 decimals)`);
    }
    entry.quantityMilli = milli;
    const unit = fields.unit?.trim();
    if (!unit) return problem("unit", "is required with a quantity (e.g. kg, No., liters)");
    entry.unit = unit;
  }
  for (const [field, key] of CONTENT_FIELDS) {
    const cents = money(fields, field);
    if (isProblem(cents)) return cents;
    if (cents !== undefined && cents > valueCents) return problem(field, "is larger than the customs value");
    entry[key] = cents;
  }
  const loaded = fields.loaded_on?.trim();
  if (loaded) {
    const loadedOn = instantOf(loaded, zone);
    if (typeof loadedOn === "string") return problem("loaded_on", loadedOn);
    if (loadedOn > instant) return problem("loaded_on", "is after the entry date");
    entry.loadedOn = loadedOn;
  }
  const mode = fields.mode?.trim().toLowerCase();
  if (mode) {
    if (!MODES.includes(mode as Mode)) return problem("mode", `"${mode}" is not one of ${MODES.join(", ")}`);
    entry.mode = mode as Mode;
  }
  const claims = fields.claims?.trim();
  if (claims) {
    const list = claims.split(/[\s;|]+/).filter(Boolean);
    const bad = list.find((c) => !/^9903\.\d{2}\.\d{2}$/.test(c));
    if (bad !== undefined) return problem("claims", `"${bad}" is not a Chapter 99 heading`);
    entry.claims = list;
  }
  const excluded = fields.excluded?.trim().toLowerCase();
  if (excluded) {
    if (!["yes", "no", "true", "false", "1", "0"].includes(excluded)) {
      return problem("excluded", `"${fields.excluded}" is not yes or no`);
    }
    if (["yes", "true", "1"].includes(excluded)) {
      if (importer !== "CN")
        return problem("excluded", "applies to China's exclusion process (importer CN) only");
      entry.claims = [...(entry.claims ?? []), CN_EXCLUSION_CLAIM];
    }
  }
  return { entry, instant, lines, warnings };
}
