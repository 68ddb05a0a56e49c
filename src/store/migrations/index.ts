/** The store's migrations, in the order they are applied (each file: `version`, `name`, `up`). */
import * as initial from "./0001-initial.js";
import * as screening from "./0002-screening.js";
import * as newsReview from "./0003-news-review.js";

export interface Migration {
  version: number;
  name: string;
  up: typeof initial.up;
}

export const MIGRATIONS: readonly Migration[] = [initial, screening, newsReview];
