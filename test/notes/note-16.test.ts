/** Note 16(c) of subchapter III (Section 232 metals from 2026-04-06), run on excerpts of the HTS 2026 rev 6 notes text. */
import { describe, expect, it } from "vitest";
import { METALS_COLUMNS, metalsListCodes, steelCopperGrid } from "../../scripts/notes/note-16.js";
import { csvLines, excerpt, listLines } from "./excerpt.js";

describe("note 16(c)(ix) and (x): derivative articles under 9903.82.10", () => {
  const t = excerpt("note-16-ix-x.txt");
  const ix = t.findOne(/^\(ix\) Derivative aluminum articles:/, 0, t.lines.length, "(ix)");
  const x = t.findOne(/^\(x\) Derivative steel articles:/, ix, t.lines.length, "(x)");
  const d = t.findOne(/^\(d\) Headings 9903\.82\.04 and 9903\.82\.05 apply/, x, t.lines.length, "(d)");
  const alu = metalsListCodes(t, "ix", ix, x);
  const steel = metalsListCodes(t, "x", x, d);

  it("reads 13 aluminium and 35 steel codes; 8424.89.90 is on both", () => {
    expect(alu).toHaveLength(13);
    expect(steel).toHaveLength(35);
    expect(alu[0]).toEqual({
      code: "84248990",
      digits: "8",
      list: "ix",
      heading: "9903.82.10",
      metal: "aluminum",
      weight_threshold: "yes",
      source: "ch99 subch. III note 16(c)(ix)",
    });
    expect(steel.map((r) => r.code)).toContain("84248990");
  });

  it("gives the rows of s232-metals-2026-note16.csv", () => {
    const file = new Set(listLines("s232-metals-2026-note16.csv"));
    for (const line of csvLines(METALS_COLUMNS, [...alu, ...steel])) expect(file).toContain(line);
  });
});

describe("note 16(c)(iv) and (v): the grid they share", () => {
  const t = excerpt("note-16-iv-v.txt");
  const rows = steelCopperGrid(t, 0, t.lines.length);

  it("puts chapter 74 on (v) copper without the weight threshold, the rest on (iv) derivative steel", () => {
    const list = (c: string) => rows.find((r) => r.code === c);
    expect([list("7326908645")?.list, list("7326908645")?.metal]).toEqual(["iv", "steel"]);
    expect([list("74081900")?.list, list("74081900")?.metal, list("74081900")?.weight_threshold]).toEqual([
      "v",
      "copper",
      "no",
    ]);
    expect(rows.filter((r) => r.list === "iv").map((r) => r.code)).toEqual([
      "7326200090",
      "7326908605",
      "7326908645",
    ]);
  });

  it("gives the rows of s232-metals-2026-note16.csv", () => {
    const file = new Set(listLines("s232-metals-2026-note16.csv"));
    for (const line of csvLines(METALS_COLUMNS, rows)) expect(file).toContain(line);
  });
});
