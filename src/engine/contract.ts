/**
 * The engine's contract: what an entry is (code as digits, value in cents, instants in epoch ms)
 * and what an answer is (layers with their citations, what was not applied and why, totals).
 */
import type { Issuer } from "../law/model.js";
import type { Base, UnconfirmedFact } from "../law/schema.js";

export type Mode = "vessel" | "air" | "truck" | "rail" | "postal";

export interface Entry {
  /** HTS/HS code, digits only (8 or 10 for the US). */
  code: string;
  /** ISO 3166 alpha-2 country of origin. */
  origin: string;
  /** Importing country; default US. */
  importer?: Issuer;
  valueCents: number;
  /** Quantity in thousandths of `unit`. */
  quantityMilli?: number;
  unit?: string;
  steelCents?: number;
  aluminumCents?: number;
  copperCents?: number;
  /** Instant the goods were loaded on the final mode of transport. */
  loadedOn?: number;
  mode?: Mode;
  /** Chapter 99 headings the importer claims (e.g. a Section 301 product exclusion 9903.88.69). */
  claims?: readonly string[];
}

export interface Scenario {
  id: string;
  /** Measures whose threatened or proposed values are treated as final. */
  enable?: readonly string[];
  /** Authorities switched off. */
  disable?: readonly string[];
}

export interface Layer {
  heading: string;
  authority: string;
  measure: string;
  label: string;
  /** Percent of the layer's base (ad valorem part), as a number. */
  rate: number;
  rateText: string;
  base: Base | "quantity";
  baseCents: number;
  /** null when it cannot be computed (unparsed rate, missing quantity). */
  amountCents: number | null;
  status: string;
  citation: string;
  url: string;
  /** Why the layer is not confirmed, in one line (its unconfirmed facts, a value past the horizon ...). */
  provisional?: string;
  /** The facts the layer rests on that are not confirmed, each with what would confirm it. */
  unconfirmed?: readonly UnconfirmedFact[];
  /** What the model of the layer's measure or value leaves out. */
  limits?: readonly string[];
}

/**
 * What a batch writes of a duty (see `Engine.price`): `layers` layers, the first the base rate, each
 * with its heading, rate text and amount in cents; the arrays are reused and may be longer.
 */
export interface PricedRow {
  layers: number;
  headings: string[];
  rateTexts: string[];
  amountsCents: number[];
  totalCents: number;
  totalRate: number;
}

export function pricedRow(): PricedRow {
  return { layers: 0, headings: [], rateTexts: [], amountsCents: [], totalCents: 0, totalRate: 0 };
}

/** Shared between results (frozen where the engine keeps them): do not modify. */
export interface NotApplied {
  readonly heading: string;
  readonly authority: string;
  readonly measure: string;
  readonly reason: string;
  readonly citation?: string;
  /** Why the exemption or in-transit rule that took the measure off is not confirmed, if it is not. */
  readonly provisional?: string;
}

export interface DutyResult {
  importer: Issuer;
  code: string;
  origin: string;
  instant: number;
  /** Local date of entry in the importer's zone. */
  date: string;
  layers: Layer[];
  /** May be shared between results (frozen where the engine keeps it): read only. */
  notApplied: readonly NotApplied[];
  totalCents: number;
  /** Total duty in percent of the customs value. */
  totalRate: number;
  /** False when a layer's amount could not be computed. */
  complete: boolean;
  /** True when the instant is after the last date the importer's law is confirmed to (law.horizon). */
  beyondHorizon: boolean;
  warnings: string[];
}
