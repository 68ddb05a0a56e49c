/**
 * A loader for the trade.gov Consolidated Screening List (CSL), in the two formats its download
 * page offers: `consolidated.json` (the shape of the CSL API's answers: `{results: [...]}`, with
 * `sources_used` giving each source's last update) and `consolidated.csv` (one record a row, the
 * many-valued fields joined by "; "). Each record becomes a ListEntry: the Entity List's records
 * (source "Entity List (EL) - Bureau of Industry and Security") go to `us-entity-list`, every other
 * source to `us-csl`, its source kept in the note. The Federal Register notice is the instrument
 * (grade S: the CSL is a compilation, the Federal Register the primary), `start_date` the date
 * listed. A record that cannot be an entry (no id or name, a date that is not YYYY-MM-DD, no
 * start_date, an id seen before) is reported with its record number, its id and the field at
 * fault, never dropped in silence. The format is described, with where it was taken from, in
 * docs/consolidated-screening-list.md.
 */
import { createHash } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { parse as parseCsv } from "csv-parse";
import { isCalendarDate, nextDay } from "../units/time.js";
import { type ListEntry, type ListId, listEntry } from "./list-entry.js";

/** The CSL's name of the Bureau of Industry and Security's Entity List. */
export const ENTITY_LIST_SOURCE = "Entity List (EL) - Bureau of Industry and Security";

/** Prefix of the entry id of a loaded CSL record (the record's own id follows). */
export const CSL_ENTRY_PREFIX = "csl:";

/** The columns a CSV file must have (the others are optional). */
export const CSL_CSV_REQUIRED_COLUMNS = ["_id", "source", "name", "start_date"] as const;

export type CslFormat = "json" | "csv";

/** A record that is not loaded, and why. `record` is 1 for the first record of the file. */
export interface CslRecordError {
  record: number;
  /** The record's id, where it has one. */
  id?: string;
  /** The field at fault (`addresses[2].country`, `start_date`), or `record` for its shape. */
  field: string;
  detail: string;
}

/** What a file held: its entries, the records refused, its version and its own date. */
export interface CslFile {
  format: CslFormat;
  /** SHA-256 of the file's bytes, hex: two files with the same version are the same file. */
  version: string;
  /** The file's own date, where it gives one: the latest `source_last_updated` of a JSON file. */
  fileDate?: string;
  /** Records read (loaded and refused). */
  records: number;
  entries: ListEntry[];
  errors: CslRecordError[];
}

/** A file that is not a CSL file at all (no `results`, a CSV without the required columns). */
export class CslFileError extends Error {}

/** One address, as the JSON gives it (the CSV gives the same parts joined by ", "). */
interface CslAddress {
  address?: string | null;
  city?: string | null;
  state?: string | null;
  postal_code?: string | null;
  country?: string | null;
}

/** A record's fields as both formats give them, before they are checked. */
interface RawRecord {
  id: unknown;
  source: unknown;
  name: unknown;
  alt_names: unknown;
  addresses: unknown;
  federal_register_notice: unknown;
  start_date: unknown;
  end_date: unknown;
  programs: unknown;
  source_list_url: unknown;
}

class RecordError extends Error {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(detail);
  }
}

function text(value: unknown, field: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== "string") throw new RecordError(field, `expected text, got ${JSON.stringify(value)}`);
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** A list of texts: a JSON array, or the CSV's cell split at "; ". Empty items are left out. */
function texts(value: unknown, field: string): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === "string")
    return value
      .split(/;\s*/)
      .map((s) => s.trim())
      .filter((s) => s !== "");
  if (!Array.isArray(value)) throw new RecordError(field, `expected a list, got ${JSON.stringify(value)}`);
  return value.flatMap((item, k) => {
    const t = text(item, `${field}[${k}]`);
    return t === undefined ? [] : [t];
  });
}

function date(value: unknown, field: string): string | undefined {
  const t = text(value, field);
  if (t !== undefined && !isCalendarDate(t)) throw new RecordError(field, `"${t}" is not a date YYYY-MM-DD`);
  return t;
}

function country(value: string, field: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code))
    throw new RecordError(field, `"${value}" is not an ISO 3166-1 alpha-2 country code`);
  return code;
}

/**
 * The addresses as one line each, and their countries. A JSON address is an object whose parts
 * are joined by ", "; a CSV address is that line already, its country the last part.
 */
function addresses(value: unknown): { lines: string[]; countries: string[] } {
  if (value === null || value === undefined || typeof value === "string") {
    const lines = texts(value, "addresses");
    const countries = lines.flatMap((line, k) => {
      const last = line.split(",").pop()?.trim() ?? "";
      return /^[A-Za-z]{2}$/.test(last) ? [country(last, `addresses[${k}]`)] : [];
    });
    return { lines, countries };
  }
  if (!Array.isArray(value))
    throw new RecordError("addresses", `expected a list of addresses, got ${JSON.stringify(value)}`);
  const lines: string[] = [];
  const countries: string[] = [];
  value.forEach((a: unknown, k) => {
    if (a === null || typeof a !== "object" || Array.isArray(a))
      throw new RecordError(`addresses[${k}]`, `expected an address object, got ${JSON.stringify(a)}`);
    const parts = a as CslAddress;
    const c = text(parts.country, `addresses[${k}].country`);
    const code = c === undefined ? undefined : country(c, `addresses[${k}].country`);
    const line = [
      text(parts.address, `addresses[${k}].address`),
      text(parts.city, `addresses[${k}].city`),
      text(parts.state, `addresses[${k}].state`),
      text(parts.postal_code, `addresses[${k}].postal_code`),
      code,
    ]
      .filter((p) => p !== undefined)
      .join(", ");
    if (line !== "") lines.push(line);
    if (code !== undefined) countries.push(code);
  });
  return { lines, countries };
}

/** "84 FR 22963", "82 F.R. 48792 10/01/2017" → "84 FR 22963" (the first notice cited). */
function frCitation(notice: string): string | undefined {
  const m = /(\d{1,3})\s*F\.?\s?R\.?\s*(\d{1,6})/.exec(notice);
  return m ? `${m[1]} FR ${m[2]}` : undefined;
}

function isUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:/i.test(value);
}

/** The entry of a record, or a RecordError naming the field at fault. */
function toEntry(raw: RawRecord): ListEntry {
  const id = text(raw.id, "id");
  if (id === undefined) throw new RecordError("id", "the record has no id");
  const name = text(raw.name, "name");
  if (name === undefined) throw new RecordError("name", "the record has no name");
  const source = text(raw.source, "source");
  if (source === undefined) throw new RecordError("source", "the record names no source list");
  // Many Treasury records have no start_date: kept undated (they screen at every instant).
  const listedOn = date(raw.start_date, "start_date");
  const endDate = date(raw.end_date, "end_date");
  const { lines, countries } = addresses(raw.addresses);
  const distinct = [...new Set(countries)];
  const notice = text(raw.federal_register_notice, "federal_register_notice");
  const fr = notice === undefined ? undefined : frCitation(notice);
  const url = text(raw.source_list_url, "source_list_url");
  const programs = texts(raw.programs, "programs");
  const list: ListId = source === ENTITY_LIST_SOURCE ? "us-entity-list" : "us-csl";
  const entry = {
    list,
    entryId: `${CSL_ENTRY_PREFIX}${id}`,
    name,
    aliases: [...new Set(texts(raw.alt_names, "alt_names"))].filter((a) => a !== name),
    addresses: lines,
    // One country where every address is in it; none where they differ (the addresses keep each).
    ...(distinct.length === 1 ? { country: distinct[0] } : {}),
    ...(listedOn === undefined ? {} : { listedOn }),
    instrument: {
      citation: notice ?? `${source} (Consolidated Screening List record ${id})`,
      ...(fr === undefined ? {} : { fr }),
      ...(url !== undefined && isUrl(url) ? { url } : {}),
      grade: "S" as const,
    },
    // The CSL's end_date is the last day the listing applies (e.g. a denial order's expiry).
    ...(endDate === undefined ? {} : { removedOn: nextDay(endDate) }),
    note: [`source: ${source}`, ...(programs.length > 0 ? [`programs: ${programs.join(", ")}`] : [])].join(
      "; ",
    ),
  };
  const checked = listEntry.safeParse(entry);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new RecordError(issue?.path.join(".") || "record", issue?.message ?? "not a list entry");
  }
  const { removedOn, listedOn: listed } = checked.data;
  if (removedOn !== undefined && listed !== undefined && removedOn <= listed)
    throw new RecordError("end_date", `end_date ${endDate} is before start_date ${listedOn}`);
  return checked.data;
}

/** Collects entries and errors record by record, refusing an id seen before. */
class Collector {
  readonly entries: ListEntry[] = [];
  readonly errors: CslRecordError[] = [];
  private readonly seen = new Map<string, number>();
  records = 0;

  add(raw: RawRecord): void {
    const record = ++this.records;
    const id = typeof raw.id === "string" && raw.id.trim() !== "" ? raw.id.trim() : undefined;
    try {
      const entry = toEntry(raw);
      const first = this.seen.get(entry.entryId);
      if (first !== undefined) throw new RecordError("id", `the id ${id} is also record ${first}'s`);
      this.seen.set(entry.entryId, record);
      this.entries.push(entry);
    } catch (e) {
      if (!(e instanceof RecordError)) throw e;
      this.errors.push({ record, ...(id === undefined ? {} : { id }), field: e.field, detail: e.message });
    }
  }

  /** A record the parser could not read (its error's text). */
  refuse(detail: string): void {
    this.errors.push({ record: ++this.records, field: "record", detail });
  }
}

/**
 * Reads `consolidated.json` (its bytes or text). Throws CslFileError when it is not JSON or has no
 * `results` list; each bad record is an error of the answer.
 */
export function readCslJson(data: string | Uint8Array): CslFile {
  const version = createHash("sha256").update(data).digest("hex");
  const body = typeof data === "string" ? data : new TextDecoder().decode(data);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (e) {
    throw new CslFileError(`not JSON: ${(e as Error).message}`);
  }
  const results = (parsed as { results?: unknown } | null)?.results;
  if (!Array.isArray(results))
    throw new CslFileError('not a Consolidated Screening List JSON file: expected {"results": [...]}');
  const collector = new Collector();
  for (const r of results) {
    if (r === null || typeof r !== "object" || Array.isArray(r)) {
      collector.refuse(`expected a record object, got ${JSON.stringify(r)}`);
      continue;
    }
    const o = r as Record<string, unknown>;
    collector.add({
      id: o.id,
      source: o.source,
      name: o.name,
      alt_names: o.alt_names,
      addresses: o.addresses ?? [],
      federal_register_notice: o.federal_register_notice,
      start_date: o.start_date,
      end_date: o.end_date,
      programs: o.programs,
      source_list_url: o.source_list_url,
    });
  }
  const fileDate = sourcesUpdated((parsed as { sources_used?: unknown }).sources_used);
  return {
    format: "json",
    version,
    ...(fileDate === undefined ? {} : { fileDate }),
    records: collector.records,
    entries: collector.entries,
    errors: collector.errors,
  };
}

/** The latest `source_last_updated` of `sources_used` (ISO text as given), if any. */
function sourcesUpdated(sources: unknown): string | undefined {
  if (!Array.isArray(sources)) return undefined;
  const dates = sources
    .map((s) => (s as { source_last_updated?: unknown } | null)?.source_last_updated)
    .filter((d): d is string => typeof d === "string" && !Number.isNaN(Date.parse(d)));
  return dates.sort((a, b) => Date.parse(a) - Date.parse(b)).pop();
}

/**
 * Reads `consolidated.csv` as it arrives (a file stream, an upload), hashing the bytes on the way.
 * `onRecord` is called after each record (for progress). Throws CslFileError when a required column
 * is missing; a record with the wrong number of fields is an error of the answer, like a bad one.
 */
export async function readCslCsv(
  chunks: AsyncIterable<Uint8Array | string>,
  onRecord?: (records: number) => void,
): Promise<CslFile> {
  const hash = createHash("sha256");
  const collector = new Collector();
  const parser = parseCsv({
    bom: true,
    columns: (header: string[]) => {
      const names = header.map((h) => h.trim());
      const missing = CSL_CSV_REQUIRED_COLUMNS.filter((c) => !names.includes(c));
      if (missing.length > 0)
        throw new CslFileError(
          `not a Consolidated Screening List CSV file: no column ${missing.join(", ")} (its header is ${names.join(",")})`,
        );
      return names;
    },
    skip_empty_lines: true,
    skip_records_with_error: true,
    // Both called in the file's order, as each record is read: records are numbered as they come.
    on_skip: (err) => {
      collector.refuse(err?.message ?? "an unreadable record");
      return undefined;
    },
    on_record: (row: Record<string, string>) => {
      collector.add({
        id: row._id,
        source: row.source,
        name: row.name,
        alt_names: row.alt_names,
        addresses: row.addresses,
        federal_register_notice: row.federal_register_notice,
        start_date: row.start_date,
        end_date: row.end_date,
        programs: row.programs,
        source_list_url: row.source_list_url,
      });
      onRecord?.(collector.records);
      return null;
    },
  });
  async function* hashed(): AsyncGenerator<Uint8Array | string> {
    for await (const chunk of chunks) {
      hash.update(chunk);
      yield chunk;
    }
  }
  try {
    // The records are taken by on_record: the parser's readable side carries none.
    await pipeline(hashed(), parser.resume());
  } catch (e) {
    // csv-parse wraps an error thrown by `columns`; the file's own error is the one to give.
    const cause = (e as { cause?: unknown }).cause;
    if (cause instanceof CslFileError) throw cause;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("CSV_"))
      throw new CslFileError(`not readable as CSV: ${(e as Error).message}`);
    throw e;
  }
  return {
    format: "csv",
    version: hash.digest("hex"),
    records: collector.records,
    entries: collector.entries,
    errors: collector.errors,
  };
}

/** The format of a file by its name: `.json` or `.csv` (case-insensitive), else undefined. */
export function cslFormatOf(fileName: string): CslFormat | undefined {
  const lower = fileName.toLowerCase();
  return lower.endsWith(".json") ? "json" : lower.endsWith(".csv") ? "csv" : undefined;
}
