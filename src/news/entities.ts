/**
 * People (with offices), places and organisations in the cleaned text.
 * SCAFFOLD (issue 13): finds nothing yet.
 */
import type { OrganisationItem, PersonItem, PlaceItem } from "./contract.js";
import type { NewsKnowledge } from "./knowledge.js";

export function extractEntities(
  _text: string,
  _knowledge: NewsKnowledge,
): (PersonItem | PlaceItem | OrganisationItem)[] {
  return [];
}
