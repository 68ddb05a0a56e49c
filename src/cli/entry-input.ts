/**
 * Turns user-given fields (CLI flags or batch CSV columns) into an engine Entry and an instant,
 * with a specific error naming the field and what was expected.
 */
import type { Entry, Mode } from "../engine/duty.js";
import { parseCents, parseScaled } from "../engine/money.js";
import { CN_ZONE, isCalendarDate, localDate, parseInstant, TimeError, US_ZONE } from "../engine/time.js";
import type { Issuer } from "../law/model.js";
import { CodeError } from "../nomenclature/codes.js";
import type { Hts } from "../nomenclature/hts.js";

export const INPUT_COLUMNS = [
  "code",
  "origin",
  "date",
  "value",
  "importer",
  "quantity",
  "unit",
  "steel_value",
  "aluminum_value",
  "copper_value",
  "loaded_on",
  "mode",
] as const;
export type InputField = (typeof INPUT_COLUMNS)[number] | "at" | "claims";
export type EntryFields = Partial<Record<InputField, string | undefined>>;

export class InputError extends Error {
  constructor(
    readonly field: InputField,
    message: string,
    readonly suggestions: string[] = [],
  ) {
    super(`${field}: ${message}`);
  }
}

const MODES: readonly Mode[] = ["vessel", "air", "truck", "rail", "postal"];

function money(fields: EntryFields, field: InputField, required: boolean): number | undefined {
  const raw = fields[field]?.trim();
  if (!raw) {
    if (required) throw new InputError(field, "is required (an amount in US dollars, e.g. 10000 or 1234.56)");
    return undefined;
  }
  const cents = parseCents(raw);
  if (cents === null || cents < 0) {
    throw new InputError(field, `"${raw}" is not an amount in US dollars (expected e.g. 10000 or 1234.56)`);
  }
  return cents;
}

const listed = new WeakMap<Hts, ReadonlySet<string>>();
/** Every HTS10 code of any shipped revision. */
function everListed(hts: Hts): ReadonlySet<string> {
  let set = listed.get(hts);
  if (!set) {
    set = new Set(hts.codes10());
    listed.set(hts, set);
  }
  return set;
}

export interface ParsedEntry {
  entry: Entry;
  instant: number;
  /** Warnings about the input itself (e.g. a code given without its statistical suffix). */
  warnings: string[];
}

/** Parses and validates the fields of one entry. Throws InputError. */
export function parseEntry(fields: EntryFields, hts: Hts): ParsedEntry {
  const warnings: string[] = [];
  const importerRaw = (fields.importer?.trim() || "US").toUpperCase();
  if (importerRaw !== "US" && importerRaw !== "CN") {
    throw new InputError("importer", `"${fields.importer}" is not supported (expected US or CN)`);
  }
  const importer = importerRaw as Issuer;
  if (importer === "CN")
    throw new InputError("importer", "China's tariffs are not in this release yet (use US)");
  const zone = importer === "US" ? US_ZONE : CN_ZONE;

  const origin = fields.origin?.trim().toUpperCase() ?? "";
  if (!/^[A-Z]{2}$/.test(origin)) {
    throw new InputError(
      "origin",
      `"${fields.origin ?? ""}" is not an ISO 3166 alpha-2 country code (e.g. CN, HK, VN)`,
    );
  }

  let instant: number;
  const at = fields.at?.trim();
  const date = fields.date?.trim();
  try {
    if (at) instant = parseInstant(at, zone);
    else if (date) {
      if (!isCalendarDate(date)) throw new TimeError(`"${date}" is not a date (expected YYYY-MM-DD)`);
      instant = parseInstant(date, zone);
    } else throw new TimeError("is required (YYYY-MM-DD, the date of entry)");
  } catch (e) {
    if (e instanceof TimeError) throw new InputError(at ? "at" : "date", e.message);
    throw e;
  }
  const earliest = Date.UTC(2018, 0, 1, 5);
  if (instant < earliest) throw new InputError(at ? "at" : "date", "dates before 2018-01-01 are not covered");

  const valueCents = money(fields, "value", true) as number;
  const rawCode = fields.code?.trim() ?? "";
  if (!rawCode) throw new InputError("code", "is required (an HTS code, e.g. 8541.43.00.10)");
  let code: string;
  try {
    const lines = hts.resolve(rawCode, localDate(instant, zone));
    const exact = lines.find((l) => l.code === rawCode.replace(/[.\s]/g, ""));
    if (exact) {
      code = exact.code;
      if (code.length === 8 && lines.length > 1) {
        warnings.push(
          `code ${rawCode} has statistical suffixes (${lines
            .filter((l) => l.code.length === 10)
            .slice(0, 6)
            .map((l) => l.code)
            .join(", ")}); measures listed at 10 digits may differ`,
        );
      }
    } else if (lines.length === 1) {
      code = (lines[0] as { code: string }).code;
    } else {
      throw new InputError(
        "code",
        `${rawCode} covers ${lines.length} tariff lines; give one of them (e.g. ${lines
          .slice(0, 5)
          .map((l) => l.code)
          .join(", ")})`,
        lines.slice(0, 5).map((l) => l.code),
      );
    }
  } catch (e) {
    if (!(e instanceof CodeError)) throw e;
    const digits = rawCode.replace(/[.\s]/g, "");
    const day = localDate(instant, zone);
    if (!(everListed(hts).has(digits) && hts.line(digits.slice(0, 8), day))) {
      throw new InputError("code", e.message, e.suggestions);
    }
    code = digits;
    warnings.push(
      `${rawCode} is not a statistical number on ${day}; its subheading ${digits.slice(0, 8)} is`,
    );
  }

  const entry: Entry = { code, origin, importer, valueCents };
  const quantity = fields.quantity?.trim();
  if (quantity) {
    const milli = parseScaled(quantity.replace(/,/g, ""), 3);
    if (milli === null || milli < 0) {
      throw new InputError("quantity", `"${quantity}" is not a quantity (a number with at most 3 decimals)`);
    }
    entry.quantityMilli = milli;
    const unit = fields.unit?.trim();
    if (!unit) throw new InputError("unit", "is required with a quantity (e.g. kg, No., liters)");
    entry.unit = unit;
  }
  const content = (field: "steel_value" | "aluminum_value" | "copper_value"): number | undefined => {
    const cents = money(fields, field, false);
    if (cents !== undefined && cents > valueCents)
      throw new InputError(field, "is larger than the customs value");
    return cents;
  };
  entry.steelCents = content("steel_value");
  entry.aluminumCents = content("aluminum_value");
  entry.copperCents = content("copper_value");
  const loaded = fields.loaded_on?.trim();
  if (loaded) {
    try {
      entry.loadedOn = parseInstant(loaded, zone);
    } catch (e) {
      throw new InputError("loaded_on", (e as Error).message);
    }
    if (entry.loadedOn > instant) throw new InputError("loaded_on", "is after the entry date");
  }
  const mode = fields.mode?.trim().toLowerCase();
  if (mode) {
    if (!MODES.includes(mode as Mode))
      throw new InputError("mode", `"${mode}" is not one of ${MODES.join(", ")}`);
    entry.mode = mode as Mode;
  }
  const claims = fields.claims?.trim();
  if (claims) {
    const list = claims.split(/[\s;|]+/).filter(Boolean);
    for (const c of list) {
      if (!/^9903\.\d{2}\.\d{2}$/.test(c))
        throw new InputError("claims", `"${c}" is not a Chapter 99 heading`);
    }
    entry.claims = list;
  }
  return { entry, instant, warnings };
}
