/**
 * The entry contract: the fields of one entry as every door takes them (the library's
 * `truce.duty(entry)`, the CLI's options, a batch file's columns, the API's query and body),
 * defined once here. The schema checks the shape (which fields, of which types); `parseEntry`
 * checks the values against the schedules and turns them into the engine's exact units.
 */
import { z } from "zod";
import { InputError } from "./errors.js";

/** A JavaScript number as text, exactly as written (1234.5 → "1234.5"); the parser decides if it is valid. */
const decimal = z.union([z.string(), z.number()]);
const instant = z.union([z.string(), z.date()]);

/** The fields of one entry, under the names of the batch columns. */
export const EntryInputSchema = z
  .object({
    code: z
      .string()
      .describe(
        "HTS code in any usual spelling (8541.43.00.10, 8541430010, 8541.43.00); for importer CN an HS6, HS8 or 10-digit code",
      ),
    origin: z.string().describe("country of origin, ISO 3166-1 alpha-2, any case (CN, cn, HK, VN)"),
    date: instant
      .optional()
      .describe(
        "date of entry YYYY-MM-DD, taken at 00:01 in the importer's zone (New York or Beijing); a Date is taken as the instant it is",
      ),
    at: instant
      .optional()
      .describe(
        "instant of entry instead of a date: ISO 8601 with or without an offset (2025-11-10T00:01 is in the importer's zone; 2025-11-10T05:01Z is UTC), or a Date",
      ),
    value: decimal.describe(
      "customs value in US dollars, exact decimal: a point for decimals, at most 2 decimals, commas only between thousands (10000, 1234.56, 1,234.56)",
    ),
    importer: z.string().optional().describe("importing country: US (default) or CN"),
    quantity: decimal.optional().describe("quantity for specific rates, at most 3 decimals"),
    unit: z
      .string()
      .optional()
      .describe("unit of the quantity (kg, No., liters …); required with a quantity"),
    steel_value: decimal.optional().describe("US dollars of steel content (Section 232 derivatives)"),
    aluminum_value: decimal.optional().describe("US dollars of aluminum content"),
    copper_value: decimal.optional().describe("US dollars of copper content"),
    loaded_on: instant
      .optional()
      .describe(
        "date or instant the goods were loaded on the final mode of transport (in-transit rules); give `mode` with it, or rules limited to some modes are not applied and a warning says so",
      ),
    mode: z.string().optional().describe("mode of transport: vessel, air, truck, rail or postal"),
    excluded: z
      .union([z.string(), z.boolean()])
      .optional()
      .describe("importer CN: the importer holds an exclusion from the 2018–2019 retaliation (yes/no)"),
    claims: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .describe(
        "Chapter 99 headings claimed (e.g. a 301 exclusion 9903.88.69): an array, or one string separated by spaces, ; or |",
      ),
  })
  .strict();

export type EntryInput = z.input<typeof EntryInputSchema>;

/** The entry fields, in the order of a batch file's columns. */
export const INPUT_COLUMNS = Object.keys(EntryInputSchema.shape) as (keyof EntryInput)[];
export type InputField = keyof EntryInput;
/** Entry fields as text, as a batch row or the CLI's options give them. */
export type EntryFields = Partial<Record<InputField, string | undefined>>;

/** The columns a batch file must have. */
export const REQUIRED_COLUMNS = ["code", "origin", "date", "value"] as const;

function text(v: string | number | boolean | Date | string[] | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return "Invalid Date";
    return v.toISOString();
  }
  if (Array.isArray(v)) return v.join(" ");
  if (typeof v === "boolean") return v ? "yes" : "no";
  return String(v);
}

/**
 * The text fields of an entry given as an object (the library's and the API's way in). Throws
 * InputError naming the field for a field of the wrong type or a field that does not exist.
 */
export function entryFieldsOf(input: unknown): EntryFields {
  const r = EntryInputSchema.safeParse(input);
  if (!r.success) throw entryInputError(r.error, input);
  const fields: EntryFields = {};
  for (const f of INPUT_COLUMNS) {
    const v = text(r.data[f]);
    if (v !== undefined) fields[f] = v;
  }
  if (r.data.date instanceof Date && r.data.at === undefined) {
    fields.at = fields.date;
    fields.date = undefined;
  }
  return fields;
}

/**
 * The InputError of an entry the schema refused, naming one field: a misspelt field name first (it
 * explains a "required" issue on the field it was meant to be), then the first issue. Every door
 * that validates with EntryInputSchema (the library, the API's query and body) reports through it.
 */
export function entryInputError(error: z.ZodError, input: unknown): InputError {
  const issues = error.issues;
  const issue = issues.find((i) => i.code === "unrecognized_keys") ?? issues[0];
  if (issue === undefined) return new InputError("entry", "is not an entry");
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    return new InputError(key, `is not an entry field (fields: ${INPUT_COLUMNS.join(", ")})`);
  }
  const field = String(issue.path[0] ?? "entry");
  if (issue.path.length === 0) return new InputError("entry", "must be an object of entry fields");
  const given = (input as Record<string, unknown>)[field];
  if (given === undefined) return new InputError(field, "is required");
  return new InputError(
    field,
    `has the wrong type (${Array.isArray(given) ? "array" : typeof given}): ${describeField(field)}`,
  );
}

function describeField(field: string): string {
  return (EntryInputSchema.shape as Record<string, z.ZodType>)[field]?.description ?? "see the entry schema";
}

/** The JSON Schema of an entry (for the API and other tools). */
export function entryJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(EntryInputSchema, {
    unrepresentable: "any",
    io: "input",
    // In JSON a Date travels as its ISO 8601 text.
    override: (ctx) => {
      if (ctx.zodSchema._zod.def.type === "date")
        Object.assign(ctx.jsonSchema, { type: "string", format: "date-time" });
    },
  }) as Record<string, unknown>;
}
