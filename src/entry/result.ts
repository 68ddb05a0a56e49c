/**
 * The result contract: the JSON of one duty answer, as `truce duty --json` prints it, the library's
 * `truce.duty()` returns it and the API will send it. Defined once as a zod schema in
 * result-schema.ts (its type and its JSON Schema come from it); `RESULT_VERSION` changes when a field changes meaning or goes.
 */
import type { z } from "zod";
import type { DutyResult } from "../engine/contract.js";
import { formatCode } from "../nomenclature/codes.js";
import { formatCents } from "../units/money.js";
import { CN_ZONE, formatInZone, isoInstant, US_ZONE } from "../units/time.js";
import type { DutyResultSchema } from "./result-schema.js";

export const RESULT_VERSION = 1;

export type DutyJson = z.infer<typeof DutyResultSchema>;

/** The JSON form of a duty result; `inputWarnings` are the entry parser's (e.g. a code given short). */
export function toJson(r: DutyResult, valueCents: number, inputWarnings: readonly string[] = []): DutyJson {
  const zone = r.importer === "US" ? US_ZONE : CN_ZONE;
  return {
    version: RESULT_VERSION,
    importer: r.importer,
    code: formatCode(r.code),
    origin: r.origin,
    instant: isoInstant(r.instant),
    entered: formatInZone(r.instant, zone),
    enteredAlso: formatInZone(r.instant, zone === US_ZONE ? CN_ZONE : US_ZONE),
    date: r.date,
    value: formatCents(valueCents),
    total: { rate: r.totalRate, amount: formatCents(r.totalCents) },
    layers: r.layers.map((l) => ({
      heading: l.heading,
      authority: l.authority,
      measure: l.measure,
      label: l.label,
      rate: l.rate,
      rateText: l.rateText,
      base: l.base,
      baseAmount: formatCents(l.baseCents),
      amount: l.amountCents === null ? null : formatCents(l.amountCents),
      citation: l.citation,
      url: l.url,
      ...(l.provisional ? { provisional: l.provisional } : {}),
      ...(l.unconfirmed ? { unconfirmed: l.unconfirmed.map((f) => ({ ...f })) } : {}),
      ...(l.limits ? { limits: [...l.limits] } : {}),
    })),
    notApplied: r.notApplied.map((n) => ({ ...n })),
    complete: r.complete,
    beyondHorizon: r.beyondHorizon,
    warnings: [...inputWarnings, ...r.warnings],
  };
}

/** The JSON form of an error: `{ error: { field?, message, suggestions } }`. */
export interface ErrorJson {
  error: { field?: string; message: string; suggestions: string[] };
}

/**
 * The JSON form of an error (an InputError, or any error described the same way): the field at
 * fault when one is, what is wrong, and the codes it may have meant, dotted.
 */
export function errorJson(e: { field?: string; detail: string; suggestions?: readonly string[] }): ErrorJson {
  return {
    error: {
      ...(e.field === undefined ? {} : { field: e.field }),
      message: e.detail,
      suggestions: (e.suggestions ?? []).map(formatCode),
    },
  };
}
