/**
 * Dates and instants in the cleaned text, resolved against the publication instant and its zone.
 * SCAFFOLD (issue 13): finds nothing yet.
 */
import type { DateItem } from "./contract.js";
import type { Published } from "./published.js";

export function extractDates(_text: string, _published: Published): DateItem[] {
  return [];
}
