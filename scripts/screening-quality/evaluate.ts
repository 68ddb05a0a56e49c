/**
 * Precision and recall of the name matcher on the labelled set (test/screening/labelled-names.csv:
 * a query, the entry ids it should hit, "|"-separated, or none, and the kind of variant) against the
 * shipped lists. A hit on a labelled entry is a true positive; any other hit a false positive; a
 * labelled entry not hit a false negative. Counted for each threshold from the scores of one run
 * at threshold 0.
 */
import { readFileSync } from "node:fs";
import { defaultDataDir } from "../../src/law/load.js";
import { csvFields } from "../../src/screening/csv.js";
import { loadShippedLists } from "../../src/screening/lists.js";
import { createScreener } from "../../src/screening/screen.js";
import { parseInstant, US_ZONE } from "../../src/units/time.js";

export const LABELLED = "test/screening/labelled-names.csv";
/** Every shipped entry is listed by then (and none removed in the data). */
export const SCREENED_AT = "2026-12-01";

export interface Labelled {
  query: string;
  expected: string[];
  kind: string;
}

export interface Scored {
  label: Labelled;
  hits: { entryId: string; score: number }[];
}

export interface Point {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export function readLabelled(path = LABELLED): Labelled[] {
  const lines = readFileSync(path, "utf8").split(/\r?\n/).slice(1);
  return lines
    .filter((l) => l.trim() !== "")
    .map((l, k) => {
      const f = csvFields(l);
      if (f === undefined || f.length !== 3)
        throw new Error(`${path}: line ${k + 2}: expected query,expected,kind`);
      return {
        query: f[0] as string,
        expected: (f[1] as string).split("|").filter(Boolean),
        kind: f[2] as string,
      };
    });
}

/** Each labelled query screened once at threshold 0 (all hits with their scores). */
export function scoreLabelled(labels: readonly Labelled[]): Scored[] {
  const { entries } = loadShippedLists(defaultDataDir());
  const ids = new Set(entries.map((e) => e.entryId));
  for (const l of labels)
    for (const id of l.expected)
      if (!ids.has(id)) throw new Error(`labelled entry ${id} is not in the shipped lists`);
  const screener = createScreener(entries);
  const at = parseInstant(SCREENED_AT, US_ZONE);
  return labels.map((label) => ({
    label,
    hits: screener
      .screen({ name: label.query, at }, { threshold: 0, limit: 1000 })
      .hits.map((h) => ({ entryId: h.entryId, score: h.score })),
  }));
}

export function pointAt(scored: readonly Scored[], threshold: number): Point {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { label, hits } of scored) {
    const kept = hits.filter((h) => h.score >= threshold);
    for (const h of kept)
      if (label.expected.includes(h.entryId)) tp++;
      else fp++;
    for (const id of label.expected) if (!kept.some((h) => h.entryId === id)) fn++;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { threshold, truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}
