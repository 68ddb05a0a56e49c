/** Note 31 of subchapter III (the 2024 four-year review), run on an excerpt of the HTS 2026 rev 6 notes text. */
import { describe, expect, it } from "vitest";
import { REVIEW_COLUMNS, REVIEW_SUBS, reviewSubdivision } from "../../scripts/notes/note-31.js";
import { csvLines, excerpt, listLines } from "./excerpt.js";

describe("note 31(j): heading 9903.91.11 (tungsten products)", () => {
  const t = excerpt("note-31-j.txt");
  const j = REVIEW_SUBS.find((r) => r.sub === "31(j)");
  if (!j) throw new Error("no 31(j)");
  // 25 is the rate printed in the article description of heading 9903.91.11 (not in this excerpt).
  const { rows, dates } = reviewSubdivision(t, j, 0, t.lines.length, 25);

  it("reads the three subheadings from 12:01 a.m. Eastern on January 1, 2025, with no end", () => {
    expect(rows.map((r) => r.code)).toEqual(["81019400", "81019910", "81019980"]);
    expect(dates).toEqual({ from: "2025-01-01", until: "" });
  });

  it("gives the rows of s301-review.csv", () => {
    expect(csvLines(REVIEW_COLUMNS, rows)).toEqual([
      "81019400,9903.91.11,25,2025-01-01,,in note text,ch99 subch. III note 31(j)",
      "81019910,9903.91.11,25,2025-01-01,,in note text,ch99 subch. III note 31(j)",
      "81019980,9903.91.11,25,2025-01-01,,in note text,ch99 subch. III note 31(j)",
    ]);
    const file = new Set(listLines("s301-review.csv"));
    for (const line of csvLines(REVIEW_COLUMNS, rows)) expect(file).toContain(line);
  });

  it("fails when the subdivision's end is not there", () => {
    const k = t.findOne(/^\(k\)$/, 0, t.lines.length, "31(k)");
    expect(() => reviewSubdivision(t, j, 0, k, 25)).toThrow(
      "extract-notes: anchor for end of 31(j) /^\\(k\\)$/ matched 0 times",
    );
  });
});
