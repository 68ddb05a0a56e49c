/**
 * Shared by the news tests: the knowledge built once from the repository's data, and date items made
 * by hand (the date extractor is another part's; these stand for what it yields).
 */
import type { DateItem, NewsItem } from "../../src/news/contract.js";
import { extractEntities } from "../../src/news/entities.js";
import { extractEvents } from "../../src/news/events.js";
import type { NewsKnowledge } from "../../src/news/knowledge.js";
import type { Published } from "../../src/news/published.js";
import { extractRates } from "../../src/news/rates.js";

/** A date item for the first occurrence of `phrase` (after `from`) in `text`. */
export function dateAt(text: string, phrase: string, date: string, from = 0): DateItem {
  const start = text.indexOf(phrase, from);
  if (start < 0) throw new Error(`"${phrase}" is not in the text`);
  return {
    kind: "date",
    text: phrase,
    start,
    end: start + phrase.length,
    confidence: 0.9,
    date,
    resolvedBy: "test",
  };
}

export function published(iso: string, zone: string): Published {
  return { ms: Date.parse(iso), zone, from: "option" };
}

/** The pipeline after cleaning, with the dates given by hand. */
export function extractAll(
  text: string,
  dates: DateItem[],
  knowledge: NewsKnowledge,
  at: Published,
): NewsItem[] {
  const found: NewsItem[] = [...dates, ...extractRates(text), ...extractEntities(text, knowledge)];
  return [...found, ...extractEvents(text, found, knowledge, at)];
}
