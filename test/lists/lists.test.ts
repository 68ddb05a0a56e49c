/**
 * Facts from the sources that the generated product lists (data/lists, from scripts/extract-notes.ts) must show.
 * Sources: Chapter 99 US notes, HTS 2026 rev 6 (notes 2, 20, 31, 33); fixtures/us-china-duty-cases.md;
 * docs/chronology.md (sections 1 and 2).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readCsv } from "../../scripts/notes/io.js";

const listsDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "data", "lists");

type Row = Record<string, string>;

const cache = new Map<string, Row[]>();
function load(name: string): Row[] {
  const hit = cache.get(name);
  if (hit) return hit;
  const [cols = [], ...body] = readCsv(readFileSync(join(listsDir, "us", name), "utf8"));
  const rows = body.map((cells) => Object.fromEntries(cols.map((c, k) => [c, cells[k] ?? ""])));
  cache.set(name, rows);
  return rows;
}

const codes = (name: string, f: (r: Row) => boolean = () => true): string[] =>
  load(name)
    .filter(f)
    .map((r) => r.code ?? "");
/** A list entry covers a code when it is the code or a heading/subheading above it (prefix). */
const covers = (entries: string[], code: string): boolean => entries.some((e) => code.startsWith(e));
const reviewRows = (code: string): Row[] =>
  load("s301-review.csv").filter((r) => code.startsWith(r.code ?? "-"));

describe("Section 301 lists (note 20)", () => {
  it.each([
    ["s301-list1.csv", 800, 900],
    ["s301-list2.csv", 250, 300],
    ["s301-list3.csv", 5700, 6000],
    ["s301-list4a.csv", 2900, 3100],
    ["s301-list4b.csv", 500, 600],
  ])("%s has a plausible count", (file, lo, hi) => {
    const n = load(file).length;
    expect(n).toBeGreaterThanOrEqual(lo);
    expect(n).toBeLessThanOrEqual(hi);
  });

  it.each(["s301-list1.csv", "s301-list2.csv", "s301-list3.csv", "s301-list4a.csv", "s301-list4b.csv"])(
    "%s holds unique 8-digit subheadings, none of chapter 99, each with a source",
    (file) => {
      const cs = codes(file);
      expect(new Set(cs).size).toBe(cs.length);
      for (const r of load(file)) {
        expect(r.code).toMatch(/^\d{8}$/);
        expect(r.code?.startsWith("99")).toBe(false);
        expect(r.source).toMatch(/^ch99 subch\. III note 20\(/);
      }
    },
  );

  it("keeps the grid row printed on the running-head line (first row of a page)", () => {
    // "U.S. Notes (con.)                  2605.00.00  2606.00.00  2608.00.00" opens note 31(b)'s grid.
    expect(codes("s301-review.csv")).toContain("26050000");
  });

  it("8703.80.00 is not on List 1 any more (moved wholly to the review)", () => {
    expect(codes("s301-list1.csv")).not.toContain("87038000");
  });

  it("6102.20.00 is on List 4A (9903.88.15)", () => {
    const row = load("s301-list4a.csv").find((r) => r.code === "61022000");
    expect(row?.heading).toBe("9903.88.15");
    expect(row?.partial).toBe("no");
  });

  it("20(s)(ii) described products are partial rows with their exceptions", () => {
    const masks = load("s301-list4a.csv").find((r) => r.code === "63079098");
    expect(masks?.partial).toBe("yes");
    expect(masks?.except?.split(" ")).toEqual(
      expect.arrayContaining(["6307909842", "6307909844", "6307909850", "6307909870", "6307909875"]),
    );
  });

  it("List 3 includes the described products of 9903.88.04 (note 20(g))", () => {
    const r = load("s301-list3.csv").filter((x) => x.heading === "9903.88.04");
    expect(r.length).toBe(11);
    expect(r.every((x) => x.partial === "yes")).toBe(true);
  });

  it("8507.60.00 and 8542.31.00 are not on List 4B (the third-party error)", () => {
    expect(codes("s301-list4b.csv")).not.toContain("85076000");
    expect(codes("s301-list4b.csv")).not.toContain("85423100");
  });
});

describe("2024 four-year review (note 31)", () => {
  it("8703.80.00 is under 9903.91.03 (+100%) from 2024-09-27", () => {
    const r = reviewRows("8703800000").filter((x) => x.heading === "9903.91.03");
    expect(r).toHaveLength(1);
    expect(r[0]?.effective_from).toBe("2024-09-27");
    expect(r[0]?.rate).toBe("100");
    expect(r[0]?.effective_until).toBe("");
  });

  it("8541.43.00 is under 9903.91.02 (+50%) from 2024-09-27", () => {
    const r = reviewRows("8541430010");
    expect(r.map((x) => x.heading)).toEqual(["9903.91.02"]);
    expect(r[0]?.effective_from).toBe("2024-09-27");
    expect(r[0]?.rate).toBe("50");
  });

  it("4015.12.10 is under 9903.91.05 in 2025 and 9903.91.08 from 2026, not both", () => {
    const r = reviewRows("4015121010");
    const y2025 = r.find((x) => x.heading === "9903.91.05");
    const y2026 = r.find((x) => x.heading === "9903.91.08");
    expect(y2025).toMatchObject({ rate: "50", effective_from: "2025-01-01", effective_until: "2026-01-01" });
    expect(y2026).toMatchObject({ rate: "100", effective_from: "2026-01-01", effective_until: "" });
  });

  it("8507.60.0010 is under 9903.91.01 from 2024-09-27; 8507.60.0020 under 9903.91.06 from 2026-01-01", () => {
    const ev = reviewRows("8507600010");
    expect(ev.find((x) => x.heading === "9903.91.01")).toMatchObject({
      rate: "25",
      effective_from: "2024-09-27",
    });
    const nonEv = reviewRows("8507600020");
    expect(nonEv.map((x) => x.heading)).toEqual(["9903.91.06"]);
    expect(nonEv[0]).toMatchObject({ rate: "25", effective_from: "2026-01-01" });
  });

  it("8542.31.00 is under 9903.91.05 (+50%) from 2025-01-01", () => {
    expect(reviewRows("8542310000")).toEqual([
      expect.objectContaining({ heading: "9903.91.05", rate: "50", effective_from: "2025-01-01" }),
    ]);
  });

  it("9903.91.04 (disposable face masks) ends before 2026-01-01", () => {
    const r = load("s301-review.csv").filter((x) => x.heading === "9903.91.04");
    expect(r).toEqual([
      expect.objectContaining({
        code: "6307909870",
        effective_from: "2025-01-01",
        effective_until: "2026-01-01",
      }),
    ]);
  });

  it("uses the three dates of the note and the rates of the headings", () => {
    const byHeading = new Map<string, Set<string>>();
    for (const r of load("s301-review.csv")) {
      const s = byHeading.get(r.heading ?? "") ?? new Set<string>();
      s.add(`${r.effective_from}@${r.rate}`);
      byHeading.set(r.heading ?? "", s);
    }
    const expected: Record<string, string> = {
      "9903.91.01": "2024-09-27@25",
      "9903.91.02": "2024-09-27@50",
      "9903.91.03": "2024-09-27@100",
      "9903.91.04": "2025-01-01@25",
      "9903.91.05": "2025-01-01@50",
      "9903.91.06": "2026-01-01@25",
      "9903.91.07": "2026-01-01@50",
      "9903.91.08": "2026-01-01@100",
      "9903.91.11": "2025-01-01@25",
    };
    for (const [h, v] of Object.entries(expected)) expect([...(byHeading.get(h) ?? [])]).toEqual([v]);
  });

  it("has the 348 subheadings of 31(b) and codes of 8 or 10 digits", () => {
    expect(load("s301-review.csv").filter((r) => r.source === "ch99 subch. III note 31(b)")).toHaveLength(
      348,
    );
    for (const r of load("s301-review.csv")) expect(r.code).toMatch(/^(\d{8}|\d{10})$/);
  });
});

describe("pre-review list membership", () => {
  it.each([
    ["87038000", "1"],
    ["85423100", "2"],
    ["85414300", "2"],
    ["40151210", "4A"],
    ["85076000", "4A"],
  ])("%s was on List %s", (code, list) => {
    expect(
      load("s301-prereview.csv")
        .filter((r) => r.code === code)
        .map((r) => r.list),
    ).toEqual([list]);
  });

  // From the Global Trade Alert rows of the USTR lists (sjhardwick/us_tariff_data data/temp/measures.csv
  // @4ea7d270, rows 23 "List 3" and 28 "List 4") and USTR's table of previous rates (press release 2024-09-13).
  it.each([
    ["72081015", "4A"], // hot-rolled flat steel, GTA row 28
    ["73063050", "4A"], // welded steel tubes, GTA row 28
    ["76011030", "4A"], // unwrought aluminium, GTA row 28
    ["85079040", "4A"], // battery parts (USTR: 7.5% before the review), GTA row 28
    ["28046100", "3"], // silicon > 99.99%, GTA row 23
    ["38180000", "3"], // doped wafers, GTA row 23
    ["25041010", "none"], // natural graphite (USTR: 0% before the review)
    ["85051100", "none"], // permanent magnets (USTR: 0%)
    ["90183100", "none"], // syringes (USTR: 0%)
    ["26050000", "none"], // cobalt ores, on no GTA row (critical minerals, USTR: 0%)
  ])("%s had list %s before the review (GTA and USTR sources)", (code, list) => {
    const rows = load("s301-prereview.csv").filter((r) => r.code === code);
    expect(rows.map((r) => r.list)).toEqual([list]);
    expect(rows[0]?.source).toContain(list === "none" ? "on none of GTA rows" : "GTA intervention");
  });

  it("keeps List 1-or-2 and HS 2022 codes unknown, and ties each heading to its list", () => {
    const rows = load("s301-prereview.csv");
    for (const c of ["87036000", "85423200", "85414200", "28444100", "81129230"])
      expect(rows.some((r) => r.code === c)).toBe(false);
    const headingOf: Record<string, string> = {
      "1": "9903.88.01",
      "2": "9903.88.02",
      "3": "9903.88.03",
      "4A": "9903.88.15",
      none: "",
    };
    for (const r of rows) {
      expect(r.code).toMatch(/^\d{8}$/);
      expect(Object.keys(headingOf)).toContain(r.list);
      expect(r.heading).toBe(headingOf[r.list ?? ""]);
      expect(r.source?.length).toBeGreaterThan(20);
    }
    expect(rows.length).toBeGreaterThanOrEqual(363);
    const reviewed = new Set(load("s301-review.csv").map((r) => (r.code ?? "").slice(0, 8)));
    for (const r of rows) expect(reviewed.has(r.code ?? "")).toBe(true);
  });
});

describe("Section 301 exclusions (20(vvv), 20(www))", () => {
  it("has the 178 exclusions: 164 under 9903.88.69 and 14 under 9903.88.70", () => {
    const items = (h: string): number =>
      new Set(
        load("s301-exclusions.csv")
          .filter((r) => r.heading === h)
          .map((r) => r.item),
      ).size;
    expect(items("9903.88.69")).toBe(164);
    expect(items("9903.88.70")).toBe(14);
  });

  it("names a 10-digit code and a description for every row", () => {
    for (const r of load("s301-exclusions.csv")) {
      expect(r.code).toMatch(/^\d{10}$/);
      expect(r.description?.length).toBeGreaterThan(9);
      expect(["9903.88.01", "9903.88.02", "9903.88.03", "9903.88.15"]).toContain(r.excludes_heading);
    }
  });
});

describe("IEEPA reciprocal Annex II (note 2(v)(iii))", () => {
  const annex = (): string[] => codes("ieepa-annex2-ch99note.csv", (r) => r.heading === "9903.01.32");

  it("has a plausible count", () => {
    expect(annex().length).toBeGreaterThan(1000);
    expect(annex().length).toBeLessThan(1200);
  });

  it("does not cover 8507.60 (Li-ion batteries)", () => {
    for (const c of ["8507600010", "8507600020", "8507600030", "8507600090"])
      expect(covers(annex(), c)).toBe(false);
    expect(codes("ieepa-annex2-ch99note.csv").some((c) => c.startsWith("850760"))).toBe(false);
  });

  it("covers the electronics of the 2025-04-11 memo (chronology row 2025-04-05)", () => {
    for (const c of codes("ieepa-electronics-2025-04-11.csv")) expect(covers(annex(), c)).toBe(true);
    for (const c of ["8471300100", "8517130000", "8542310000", "8473301100"])
      expect(covers(annex(), c)).toBe(true);
  });
});

describe("Section 122 annex (note 2(aa)(ii), 9903.03.03)", () => {
  const annex = (): string[] => codes("s122-annex.csv", (r) => r.heading === "9903.03.03");

  it("exempts 8517.13.00 and 8542.31.00", () => {
    expect(covers(annex(), "8517130000")).toBe(true);
    expect(covers(annex(), "8542310000")).toBe(true);
  });

  it("does not exempt 8541.43.00, 8507.60.00 or 4015.12.10", () => {
    for (const c of ["8541430010", "8507600010", "8507600020", "4015121010"]) {
      expect(covers(codes("s122-annex.csv"), c)).toBe(false);
    }
  });

  it("has a plausible count", () => {
    expect(annex().length).toBeGreaterThan(1000);
    expect(annex().length).toBeLessThan(1200);
  });
});

describe("Section 232 autos (note 33)", () => {
  it("lists the 17 vehicle subheadings of 33(b), 8703.80.00 among them", () => {
    expect(codes("s232-autos-ch99note.csv")).toHaveLength(17);
    expect(codes("s232-autos-ch99note.csv")).toContain("87038000");
  });

  it("lists the auto parts of 33(g), incl. 8507.60 and 8708 subheadings", () => {
    const parts = codes("s232-auto-parts.csv");
    expect(parts.length).toBeGreaterThan(100);
    expect(covers(parts, "8507600010")).toBe(true);
    expect(covers(parts, "8708295060")).toBe(true);
  });
});

describe("conflicts report", () => {
  it("shows the known List 4B errors of the third-party list", () => {
    const md = readFileSync(join(listsDir, "conflicts.md"), "utf8");
    expect(md).toMatch(/\| 8507\.60\.00 \| 4B /);
    expect(md).toMatch(/\| 8542\.31\.00 \| 4B /);
  });
});

describe("Section 232 derivative aluminium (note 19, terminated 2026-04-06)", () => {
  it("lists the six stranded-wire and stamping subheadings of 9903.85.04 and the longer .07/.08 lists", () => {
    const rows = load("s232-aluminum-derivatives-note19.csv");
    expect(rows.filter((r) => r.heading === "9903.85.04").map((r) => r.code)).toEqual(
      expect.arrayContaining(["76141050", "76149020", "76149040", "76149050", "87081030", "87082921"]),
    );
    expect(rows.filter((r) => r.heading === "9903.85.04")).toHaveLength(6);
    expect(rows.filter((r) => r.heading === "9903.85.08").length).toBeGreaterThan(150);
  });
});

describe("the README of data/lists (generated by scripts/extract-notes.ts)", () => {
  it("names every list file of data/lists/us, those maintained by hand included", () => {
    const readme = readFileSync(join(listsDir, "README.md"), "utf8");
    const files = readdirSync(join(listsDir, "us")).filter((f) => f.endsWith(".csv"));
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((f) => !readme.includes(`${f}:`) && !readme.includes(`| ${f} |`))).toEqual([]);
  });
});
