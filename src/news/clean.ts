/**
 * Page cleaning: a saved HTML page or plain text → the article's text, with page chrome removed and
 * reported, and the publication instant when the page states it.
 * SCAFFOLD (issue 13): returns the input unchanged; the cleaning rules replace this body.
 */
import type { Removed } from "./contract.js";
import type { Published } from "./published.js";

export interface CleanedArticle {
  text: string;
  removed: Removed[];
  title?: string;
  /** As stated by the page, when it is. */
  published?: Published;
}

export function cleanArticle(raw: string, _format: "html" | "text"): CleanedArticle {
  return { text: raw, removed: [] };
}
