/**
 * Reading one article: clean the page, then extract dates, rates, people, places, organisations and
 * candidate events, each with its span in the cleaned text. Pure: the caller reads the file and the
 * knowledge; same input, same answer.
 */
import { isoInstantInZone } from "../units/time.js";
import { cleanArticle } from "./clean.js";
import type { IngestResult, NewsItem } from "./contract.js";
import { extractDates } from "./dates.js";
import { extractEntities } from "./entities.js";
import { extractEvents } from "./events.js";
import type { NewsKnowledge } from "./knowledge.js";
import type { Published } from "./published.js";
import { extractRates } from "./rates.js";

export interface ArticleInput {
  raw: string;
  format: "html" | "text";
  /** Overrides what the page states (`--published`). */
  published?: Published;
}

export class IngestError extends Error {}

export function ingestArticle(input: ArticleInput, knowledge: NewsKnowledge): IngestResult {
  const cleaned = cleanArticle(input.raw, input.format);
  const published = input.published ?? cleaned.published;
  if (published === undefined) {
    throw new IngestError(
      "the article states no publication instant (no meta tag, JSON-LD or dateline found): give --published, e.g. --published 2025-10-25T22:30+05:30",
    );
  }
  const text = cleaned.text;
  const found: NewsItem[] = [
    ...extractDates(text, published),
    ...extractRates(text),
    ...extractEntities(text, knowledge),
  ];
  const items = [...found, ...extractEvents(text, found, knowledge, published)].sort(
    (a, b) => a.start - b.start || a.end - b.end || a.kind.localeCompare(b.kind),
  );
  return {
    published: isoInstantInZone(published.ms, published.zone),
    publishedZone: published.zone,
    publishedFrom: published.from,
    ...(cleaned.title === undefined ? {} : { title: cleaned.title }),
    removed: cleaned.removed,
    items,
    text,
  };
}
