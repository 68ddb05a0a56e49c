/**
 * Candidate events: the kind of announcement a sentence makes, dated from its date items, linked to
 * the measures, deadlines and timeline events Truce knows, flagged new or contradicting.
 * SCAFFOLD (issue 13): finds nothing yet.
 */
import type { EventItem, NewsItem } from "./contract.js";
import type { NewsKnowledge } from "./knowledge.js";
import type { Published } from "./published.js";

export function extractEvents(
  _text: string,
  _found: readonly NewsItem[],
  _knowledge: NewsKnowledge,
  _published: Published,
): EventItem[] {
  return [];
}
