/** Note 33 of subchapter III (Section 232 autos), run on an excerpt of the HTS 2026 rev 6 notes text. */
import { describe, expect, it } from "vitest";
import { AUTO_COLUMNS, autoGrid } from "../../scripts/notes/note-33.js";
import { csvLines, excerpt, listLines } from "./excerpt.js";

describe("note 33(b): Section 232 autos", () => {
  const t = excerpt("note-33-b.txt");
  const start = t.findOne(
    /^\(b\) The rates of duty set forth in headings 9903\.94\.01/,
    0,
    t.lines.length,
    "33(b)",
  );
  const end = t.findOne(/^\(c\) Heading 9903\.94\.02 applies to:$/, start, t.lines.length, "33(c)");
  const rows = autoGrid(t, start, end, "33(b)", "autos");

  it("reads the 17 subheadings of the grid, not the chapter 99 headings of the prose", () => {
    expect(rows).toHaveLength(17);
    expect(rows[0]).toEqual({ code: "87032201", digits: "8", source: "ch99 subch. III note 33(b)" });
    expect(rows.map((r) => r.code)).toContain("87038000");
    expect(rows.at(-1)?.code).toBe("87046000");
  });

  it("gives the file s232-autos-ch99note.csv", () => {
    expect(listLines("s232-autos-ch99note.csv").filter(Boolean).slice(1)).toEqual(
      csvLines(AUTO_COLUMNS, rows),
    );
  });
});
