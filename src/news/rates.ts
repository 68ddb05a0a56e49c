/**
 * Tariff rates in the cleaned text, with what they apply to and who charges whom.
 * SCAFFOLD (issue 13): finds nothing yet.
 */
import type { RateItem } from "./contract.js";

export function extractRates(_text: string): RateItem[] {
  return [];
}
