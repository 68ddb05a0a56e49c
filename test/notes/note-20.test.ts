/**
 * Note 20 of subchapter III (Section 301 lists and exclusions), run on excerpts of the HTS 2026 rev 6 notes text
 * (test/notes/fixtures, each citing its lines); the rows must be those of the generated lists.
 */
import { describe, expect, it } from "vitest";
import {
  describedItems,
  EXCL_COLUMNS,
  exclusionPart,
  gridList,
  LIST_COLUMNS,
} from "../../scripts/notes/note-20.js";
import { csvLines, excerpt, listLines } from "./excerpt.js";

describe("note 20(b): the List 1 grid", () => {
  const t = excerpt("note-20-b.txt");
  const start = t.findOne(/^\(b\) Heading 9903\.88\.01 applies/, 0, t.lines.length, "20(b)");
  const rows = gridList(t, {
    start,
    end: t.lines.length,
    heading: "9903.88.01",
    sub: "20(b)",
    what: "List 1",
  });

  it("reads the grid after the page break, not the headings cited in the prose above it", () => {
    expect(rows.slice(0, 6).map((r) => r.code)).toEqual([
      "28452000",
      "28453000",
      "28454000",
      "28459001",
      "40113000",
      "40121300",
    ]);
    expect(rows).toHaveLength(32); // 8 grid lines of 4 codes
    expect(rows.every((r) => r.heading === "9903.88.01" && r.partial === "no")).toBe(true);
  });

  it("gives the rows of s301-list1.csv", () => {
    const file = new Set(listLines("s301-list1.csv"));
    for (const line of csvLines(LIST_COLUMNS, rows)) expect(file).toContain(line);
    expect(csvLines(LIST_COLUMNS, rows)[0]).toBe("28452000,9903.88.01,no,,,ch99 subch. III note 20(b)");
  });

  it("fails on an 8-digit code in the prose of a grid block (a described product read as a grid)", () => {
    expect(() =>
      gridList(excerpt("note-20-u-ii.txt"), {
        start: 0,
        end: 8,
        heading: "9903.88.16",
        sub: "20(u)(ii)",
        what: "List 4B",
      }),
    ).toThrow(/List 4B: codes in prose \[\{"code":"29319090"/);
  });
});

describe("note 20(u)(ii): the described products of List 4B", () => {
  const t = excerpt("note-20-u-ii.txt");
  const rows = describedItems(t, {
    start: 1,
    end: t.lines.length,
    heading: "9903.88.16",
    sub: "20(u)(ii)",
    what: "List 4B (ii)",
  });

  it("reads the eight items with their subheadings and exceptions", () => {
    expect(rows.map((r) => r.code)).toEqual([
      "29319090",
      "94016140",
      "94017100",
      "94017900",
      "94018020",
      "94018040",
      "94037040",
      "94037080",
    ]);
    expect(rows.every((r) => r.partial === "yes" && r.heading === "9903.88.16")).toBe(true);
  });

  it('uses the corrected number of item 7 ("9403.770.4001 [Compiler\'s note: ... 9403.70.4001]")', () => {
    const item7 = rows[6];
    expect(item7?.except).toBe("9403704001 9403704002 9403704015 9403704020 9403704031");
    expect(item7?.description).toBe(
      "Furniture of reinforced or laminated plastics, provided for in subheading 9403.70.40, except for such furniture provided for in statistical reporting numbers 9403.70.4001, 9403.70.4002, 9403.70.4015, 9403.70.4020, and 9403.70.4031; and",
    );
    expect(item7?.source).toBe("ch99 subch. III note 20(u)(ii) item 7");
  });

  it("reads item 4, whose text omits 'in subheading' ('provided for 9401.79.00')", () => {
    expect(rows[3]?.except).toBe(
      "9401790006 9401790011 9401790015 9401790025 9401790035 9401790046 9401790050",
    );
  });

  it("gives the rows of s301-list4b.csv", () => {
    const file = new Set(listLines("s301-list4b.csv"));
    for (const line of csvLines(LIST_COLUMNS, rows)) expect(file).toContain(line);
  });
});

describe("note 20(www): product exclusions under 9903.88.70", () => {
  const t = excerpt("note-20-www.txt");
  const rows = exclusionPart(t, "www", 0, t.lines.length, "9903.88.70");

  it("reads one row per item, excluding from 9903.88.02 (List 2)", () => {
    expect(rows.map((r) => r.item)).toEqual(["www(1)", "www(2)", "www(3)", "www(4)", "www(5)"]);
    expect(rows.every((r) => r.code === "8486100000" && r.excludes_heading === "9903.88.02")).toBe(true);
    expect(rows[0]?.source).toBe("ch99 subch. III note 20(www) item 1");
  });

  it("gives the rows of s301-exclusions.csv", () => {
    const file = new Set(listLines("s301-exclusions.csv"));
    for (const line of csvLines(EXCL_COLUMNS, rows)) expect(file).toContain(line);
  });

  it("fails when the intro does not name the heading to claim", () => {
    expect(() => exclusionPart(t, "www", 0, t.lines.length, "9903.88.69")).toThrow(
      "extract-notes: 20(www): intro does not name 9903.88.69",
    );
  });
});
