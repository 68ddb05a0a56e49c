/** The notes text as the note modules read it, and the CSV form of the lists (scripts/notes/text.ts, io.ts). */
import { describe, expect, it } from "vitest";
import { csvText, readCsv } from "../../scripts/notes/io.js";
import { isoDate, PAGE_HEAD } from "../../scripts/notes/text.js";
import { excerpt } from "./excerpt.js";

describe("NotesText on a page of note 16(c)", () => {
  const t = excerpt("note-16-c-page.txt");

  it("writes the U+00AD of a printed range as a hyphen", () => {
    expect(t.lines[0]?.startsWith("(c) Headings 9903.82.02-9903.82.19 apply to the full customs value")).toBe(
      true,
    );
    expect(t.rawLines[0]).toContain("9903.82.02\u00ad9903.82.19");
  });

  it("blanks the page furniture but keeps the grid row glued to the running head", () => {
    const head = t.rawLines.findIndex((l) => PAGE_HEAD.test(l));
    expect(head).toBeGreaterThan(0);
    expect(t.lines.slice(head, head + 6).every((l) => l === "")).toBe(true);
    const glued = t.rawLines.findIndex((l) => l.startsWith("U.S. Notes (con.)"));
    expect(t.lines[glued]?.trim()).toBe("7301.20.10    7301.20.50    7302.30.00");
  });

  it("reads the grid of (iii) across the page break, 4-digit headings included", () => {
    const iii = t.findOne(/^\(iii\) Articles of steel:$/, 0, t.lines.length, "(iii)");
    const codes = t.gridCodes(iii + 1, t.lines.length).codes.map((c) => c.code);
    expect(codes.slice(0, 4)).toEqual(["7206", "7207", "7208", "7209"]);
    expect(codes.slice(-9)).toEqual([
      ...["7304", "7305", "7306"],
      ...["73012010", "73012050", "73023000"],
      ...["73071990", "73072110", "73072150"],
    ]);
  });

  it("finds an anchor exactly once, or says how often it matched", () => {
    expect(() => t.findOne(/^\(iv\) Derivative steel articles:/, 0, t.lines.length, "16(c)(iv)")).toThrow(
      "extract-notes: anchor for 16(c)(iv) /^\\(iv\\) Derivative steel articles:/ matched 0 times in lines 1-",
    );
  });
});

describe("dates and CSV", () => {
  it("reads the dates the notes print", () => {
    expect(isoDate("January 1, 2025")).toBe("2025-01-01");
    expect(isoDate("September 27, 2024")).toBe("2024-09-27");
    expect(() => isoDate("Sept. 27, 2024")).toThrow('extract-notes: cannot read date "Sept. 27, 2024"');
  });

  it("writes rows sorted by the keys, quoting cells with commas or quotes, and reads them back", () => {
    const text = csvText(
      ["code", "description", "source"],
      [
        { code: "94037080", description: 'Plastic furniture, "other"', source: "20(u)(ii) item 8" },
        { code: "29319090", description: "Other non-aromatic", source: "20(u)(ii) item 1" },
      ],
    );
    expect(text).toBe(
      'code,description,source\n29319090,Other non-aromatic,20(u)(ii) item 1\n94037080,"Plastic furniture, ""other""",20(u)(ii) item 8\n',
    );
    expect(readCsv(text)[2]).toEqual(["94037080", 'Plastic furniture, "other"', "20(u)(ii) item 8"]);
  });
});
