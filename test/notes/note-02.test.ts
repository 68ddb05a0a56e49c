/** Note 2 of subchapter III (the Section 122 annex), run on an excerpt of the HTS 2026 rev 6 notes text. */
import { describe, expect, it } from "vitest";
import { ANNEX_COLUMNS, annexParticular } from "../../scripts/notes/note-02.js";
import { csvLines, excerpt, listLines } from "./excerpt.js";

describe("note 2(aa)(iii): particular articles exempt from the Section 122 surcharge (9903.03.04)", () => {
  const t = excerpt("note-02-aa-iii.txt");
  const rows = annexParticular(t, {
    start: 0,
    end: t.lines.length,
    heading: "9903.03.04",
    sub: "2(aa)(iii)",
    what: "Section 122 particular articles",
  });

  it("reads each item's subheading and description", () => {
    expect(rows.map((r) => r.code)).toEqual(["08059001", "08119080", "14049090", "19059010"]);
    expect(rows[0]).toEqual({
      code: "08059001",
      digits: "8",
      heading: "9903.03.04",
      partial: "yes",
      description: "Etrogs (classifiable in subheading 0805.90.01)",
      source: "ch99 subch. III note 2(aa)(iii) item 1",
    });
  });

  it("gives the rows of s122-annex.csv", () => {
    const file = new Set(listLines("s122-annex.csv"));
    for (const line of csvLines(ANNEX_COLUMNS, rows)) expect(file).toContain(line);
  });
});
