/**
 * The result contract as a zod schema: the JSON of one duty answer (see result.ts, which builds it).
 * Its type and its JSON Schema come from it. Kept apart from result.ts so that printing an answer
 * does not load zod.
 */
import { z } from "zod";
import { RESULT_VERSION } from "./result.js";

const amount = z.string().describe("US dollars (or yuan for importer CN) as an exact decimal, e.g. 1234.56");

export const LayerSchema = z.object({
  heading: z
    .string()
    .describe('Chapter 99 heading (or the HTS/tariff line for the base rate); "none" if not known'),
  authority: z.string().describe("legal authority, e.g. mfn, section-301, ieepa-fentanyl, section-232"),
  measure: z.string().describe("id of the measure in data/law"),
  label: z.string(),
  rate: z.number().describe("ad valorem equivalent in percent of the customs value"),
  rateText: z.string().describe("the rate as the law writes it (25%, 1.9¢/kg, 100% of the steel content)"),
  base: z.string().describe("what the rate is charged on: value, steel content, quantity …"),
  baseAmount: amount,
  amount: amount
    .nullable()
    .describe("null when it cannot be computed (e.g. a specific rate without quantity)"),
  citation: z.string(),
  url: z.string(),
  provisional: z
    .string()
    .optional()
    .describe(
      "why the layer is not confirmed, in one line (its unconfirmed facts, a value past the horizon ...)",
    ),
  unconfirmed: z
    .array(
      z.object({
        fact: z.string().describe("what the layer rests on that no primary source confirms"),
        confirmBy: z.string().describe("what would confirm it"),
      }),
    )
    .optional()
    .describe("the unconfirmed facts behind the layer (absent: none)"),
  limits: z
    .array(z.string())
    .optional()
    .describe("what the model of the layer's measure or value leaves out (absent: nothing stated)"),
});

export const NotAppliedSchema = z.object({
  heading: z.string(),
  authority: z.string(),
  measure: z.string(),
  reason: z.string(),
  citation: z.string().optional(),
  provisional: z
    .string()
    .optional()
    .describe("why the exemption or in-transit rule that took the measure off is not confirmed"),
});

export const DutyResultSchema = z.object({
  version: z.literal(RESULT_VERSION),
  importer: z.enum(["US", "CN"]),
  code: z.string().describe("the code priced, dotted"),
  origin: z.string(),
  instant: z.string().describe("the instant of entry, ISO 8601 UTC"),
  entered: z.string().describe("the instant in the importer's zone"),
  enteredAlso: z.string().describe("the same instant in the other country's zone"),
  date: z.string().describe("local date of entry in the importer's zone"),
  value: amount,
  total: z.object({ rate: z.number(), amount }),
  layers: z.array(LayerSchema),
  notApplied: z.array(NotAppliedSchema),
  complete: z.boolean().describe("false when an amount could not be computed (see warnings)"),
  beyondHorizon: z
    .boolean()
    .describe("the instant is after the last date the importer's law is confirmed to (`truce status`)"),
  warnings: z.array(z.string()),
});

/** The JSON Schema of a duty result (for the API and other tools). */
export function resultJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(DutyResultSchema) as Record<string, unknown>;
}
