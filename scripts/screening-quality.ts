/**
 * `npm run screening:quality`: precision and recall of the name matcher on the labelled set across
 * thresholds (scripts/screening-quality/evaluate.ts), written to docs/screening-quality.md with the
 * misses and false hits at the default threshold.
 */
import { writeFileSync } from "node:fs";
import { DEFAULT_THRESHOLD } from "../src/screening/screen.js";
import { LABELLED, pointAt, readLabelled, SCREENED_AT, scoreLabelled } from "./screening-quality/evaluate.js";

const labels = readLabelled();
const scored = scoreLabelled(labels);
const thresholds = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1];
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const rows = thresholds.map((t) => pointAt(scored, t));
const bar = (x: number) => "█".repeat(Math.round(x * 20)).padEnd(20, "·");
const at = pointAt(scored, DEFAULT_THRESHOLD);
const misses = scored.flatMap(({ label, hits }) =>
  label.expected
    .filter((id) => !hits.some((h) => h.entryId === id && h.score >= DEFAULT_THRESHOLD))
    .map(
      (id) =>
        `| ${label.query} | ${label.kind} | ${id} | ${hits.find((h) => h.entryId === id)?.score ?? "not a candidate"} |`,
    ),
);
const falseHits = scored.flatMap(({ label, hits }) =>
  hits
    .filter((h) => h.score >= DEFAULT_THRESHOLD && !label.expected.includes(h.entryId))
    .map((h) => `| ${label.query} | ${label.kind} | ${h.entryId} | ${h.score} |`),
);
const matches = labels.filter((l) => l.expected.length > 0).length;
const doc = `# Name screening: precision and recall

Written by \`npm run screening:quality\` (scripts/screening-quality.ts); do not edit by hand.

The labelled set \`${LABELLED}\` holds ${labels.length} queries: ${matches} variants of names on the shipped
lists (data/screening: the Entity List, 1260H, FCC Covered List, MOFCOM's lists), each labelled with
the entries it should hit (legal-form changes, case and punctuation, misspellings, reordered words,
pinyin spacing, Wade–Giles and postal spellings, aliases, added words), and ${labels.length - matches}
names that should hit nothing: look-alikes that share a word or most letters with a listed name
("Hua Xia Bank" beside "Huawei", "Autel Intelligent Technology" beside "Autel Robotics") and
unrelated Chinese and US companies. Screened at ${SCREENED_AT} against every shipped entry.

A hit on a labelled entry counts as a true positive, any other hit as a false positive, a labelled
entry not hit as a false negative.

## The trade-off

| threshold | precision | recall | F1 | true hits | false hits | missed | precision | recall |
|---|---|---|---|---|---|---|---|---|
${rows
  .map(
    (p) =>
      `| ${p.threshold}${p.threshold === DEFAULT_THRESHOLD ? " (default)" : ""} | ${pct(p.precision)} | ${pct(p.recall)} | ${p.f1.toFixed(3)} | ${p.truePositives} | ${p.falsePositives} | ${p.falseNegatives} | \`${bar(p.precision)}\` | \`${bar(p.recall)}\` |`,
  )
  .join("\n")}

Lower thresholds find more variants and more look-alikes; the default (${DEFAULT_THRESHOLD}) keeps
precision at ${pct(at.precision)} with recall ${pct(at.recall)}. A compliance officer who must not miss a
listed party lowers it (\`--threshold 0.75\`) and reviews more hits.

## At the default threshold

Missed (labelled entry below the threshold):

| query | kind | entry | its score |
|---|---|---|---|
${misses.join("\n") || "| none | | | |"}

False hits:

| query | kind | entry | score |
|---|---|---|---|
${falseHits.join("\n") || "| none | | | |"}
`;
writeFileSync("docs/screening-quality.md", doc);
process.stdout.write(
  `${rows.map((p) => `threshold ${p.threshold}: precision ${pct(p.precision)}, recall ${pct(p.recall)}, F1 ${p.f1.toFixed(3)}`).join("\n")}\nwrote docs/screening-quality.md\n`,
);
