/**
 * Pre-review list membership of the codes of the 2024 four-year review (note 31): the 2026 notes no longer
 * show which Section 301 list a reviewed code was on. Sources, in this order: (a) note 20 (the code is still
 * listed, or else a product exclusion names it), (b) the HTS JSON footnotes, (c) the Global Trade Alert copy
 * of the lists, (d) the fixtures file. The extraction fails when two sources disagree.
 */
import { GTA_REF, GTA_ROWS, type GtaRow } from "./gta-lists.js";
import type { HtsFootnotes } from "./hts-footnotes.js";
import { EDITION } from "./io.js";
import { type ExclusionEvidence, LIST_OF_HEADING, type ListRow, type Section301Lists } from "./note-20.js";
import { fail, noteSource, type Row } from "./text.js";

export const PREREVIEW_COLUMNS = ["code", "list", "heading", "source"];

const HEADING_OF_LIST: Record<string, string> = {
  "1": "9903.88.01",
  "2": "9903.88.02",
  "3": "9903.88.03",
  "4A": "9903.88.15",
};

/** The fixtures file's settled list memberships: code, list, and the phrase that says so. */
export const FIXTURE_LISTS: [string, string, string][] = [
  ["87038000", "1", "8703.80.00 List 1"],
  ["85423100", "2", "8542.31.00 List 2"],
  ["85414300", "2", "8541.43.00 List 2"],
  ["40151210", "4A", "4015.12.10 and 8507.60.00 List 4A"],
  ["85076000", "4A", "4015.12.10 and 8507.60.00 List 4A"],
];

// Reviewed subheadings on none of the four GTA rows, whose 8-digit code already stood in the 2018-2019 HTS
// with the same scope (the HS 2022 codes 2844.41-.44 and 8541.42-.59, and 8112.92.30, whose 8112.92 subheadings
// were renumbered, are left out), with what USTR's four-year review table (press release of 2024-09-13,
// "Previous Section 301 Tariff Rate") says of their product group.
const PREVIOUS_RATE: Record<string, string> = {
  "9903.91.01":
    "USTR 2024-09-13 table: every product group raised to 25% on 2024-09-27 had 0% or 7.5% (List 4A) before, and the code is not on 4A",
  "9903.91.03": "USTR 2024-09-13 table: syringes and needles, previous rate 0%",
  "9903.91.06": "USTR 2024-09-13 table: natural graphite and permanent magnets, previous rate 0%",
  "9903.91.11": "tungsten products (added by the final notice; the USTR table gives no previous rate)",
};
const GTA_NONE = `
  25041010 25041050 25049000 26020000 26050000 26060000 26080000 26100000 26110060 28259030 28418000
  28499030 72026000 72029340 72029380 79011100 79011210 79011250 79012000 80011000 80012000 81011000
  81019400 81019910 81019980 81032000 81122100 85051100 90183100 90183200`
  .split(/\s+/)
  .filter(Boolean);

const gtaSets = GTA_ROWS.map((r) => {
  const codes = r.codes.split(/\s+/).filter(Boolean);
  for (const c of codes) if (!/^\d{8}$/.test(c)) fail(`GTA row ${r.row}: bad code ${c}`);
  return { ...r, set: new Set(codes) };
});
const gtaCovers = (r: GtaRow, c: string): boolean =>
  r.covers.some(([a, b]) => c.slice(0, 4) >= a && c.slice(0, 4) <= b);
const gtaSource = (r: GtaRow): string =>
  `GTA intervention ${r.intervention} "${r.label}" (${r.note}), row ${r.row} of ${GTA_REF}; same 8-digit code`;

type GtaResult =
  | { kind: "list"; row: Row }
  | { kind: "oneOrTwo" }
  | { kind: "none"; row: Row }
  | { kind: "notListed" }
  | { kind: "uncovered" };

/** What the GTA rows say of a reviewed HTS8 (`review`: the rows of note 31, for the "none" case). */
function gtaEvidence(c: string, review: Row[]): GtaResult {
  const rows = gtaSets.filter((r) => gtaCovers(r, c));
  const lists = new Set(rows.filter((r) => r.set.has(c)).map((r) => r.list));
  lists.delete("2"); // row 21 is part of List 2, and row 18 holds List 2 too: "1|2" says as much
  if (lists.size > 1) fail(`GTA: ${c} is on several lists ${[...lists]}`);
  const list = [...lists][0];
  const hit = rows.find((r) => r.set.has(c));
  if (list === "3" || list === "4A") {
    const r = rows.find((x) => x.list === list) as GtaRow;
    return {
      kind: "list",
      row: { code: c, list, heading: HEADING_OF_LIST[list] as string, source: gtaSource(r) },
    };
  }
  if (hit) return { kind: "oneOrTwo" };
  if (rows.length !== gtaSets.length) return { kind: "uncovered" };
  if (!GTA_NONE.includes(c)) return { kind: "notListed" };
  const headings = [
    ...new Set(review.filter((r) => (r.code as string).slice(0, 8) === c).map((r) => r.heading as string)),
  ]
    .filter((h) => h !== "9903.91.10")
    .sort();
  const why = headings.map(
    (h) => PREVIOUS_RATE[h] ?? fail(`GTA none: no previous-rate note for ${h} (${c})`),
  );
  return {
    kind: "none",
    row: {
      code: c,
      list: "none",
      heading: "",
      source: `on none of GTA rows 18, 21, 23, 28 (Lists 1-4A) of ${GTA_REF}; code unchanged since 2018; ${why.join("; ")}`,
    },
  };
}

export interface PrereviewInputs {
  /** The rows of note 31 (s301-review.csv). */
  review: Row[];
  lists: Section301Lists;
  hts: HtsFootnotes;
  /** HTS8 → the lists that product exclusions of note 20 place it on. */
  exclusions: Map<string, ExclusionEvidence[]>;
  /** The text of the fixtures file (its settled sentences must still be there). */
  fixturesText: string;
}

export interface Prereview {
  /** The reviewed 8-digit subheadings (heading 9903.91.10 aside), sorted. */
  reviewed8: string[];
  rows: Row[];
  /** Reviewed subheadings no source places. */
  unknown: string[];
  /** Rows by the kind of their first source. */
  bySource: Record<string, number>;
  /** Reviewed subheadings GTA puts on its List 1-or-2 row, and those on none of its rows (no other source). */
  gtaOneOrTwo: string[];
  gtaNotListed: string[];
}

export function prereviewLists(inp: PrereviewInputs): Prereview {
  const { review, lists, exclusions } = inp;
  const { footnotes } = inp.hts;
  const noteLists: [string, ListRow[]][] = [
    ["1", lists.list1],
    ["2", lists.list2],
    ["3", lists.list3],
    ["4A", lists.list4a],
  ];
  const reviewed8 = [
    ...new Set(review.filter((r) => r.heading !== "9903.91.10").map((r) => (r.code as string).slice(0, 8))),
  ].sort();

  // (b) the HTS JSON footnotes
  const footnoteHits = new Map<string, { edition: string; heading: string }[]>();
  for (const c of reviewed8) {
    for (const [h, eds] of footnotes.get(c) ?? new Map<string, string[]>()) {
      if (!/^9903\.88\.(?:01|02|03|04|15)$/.test(h)) continue;
      const hits = footnoteHits.get(c) ?? [];
      hits.push({ edition: eds[0] as string, heading: h });
      footnoteHits.set(c, hits);
    }
  }

  // (d) the fixtures file (settled after checking the notes and the HTS JSON); the sentences must still be there
  for (const [, , phrase] of FIXTURE_LISTS)
    if (!inp.fixturesText.includes(phrase)) fail(`fixtures no longer say "${phrase}"`);

  const out: Prereview = {
    reviewed8,
    rows: [],
    unknown: [],
    bySource: {},
    gtaOneOrTwo: [],
    gtaNotListed: [],
  };
  for (const c of reviewed8) {
    const found: Row[] = [];
    for (const [list, rows] of noteLists) {
      for (const r of rows.filter((x) => x.code === c)) {
        found.push({
          code: c,
          list,
          heading: r.heading,
          source: `${r.source} (${EDITION}; the subheading is still listed${r.partial === "yes" ? ", with exceptions" : ""})`,
        });
      }
    }
    if (found.length === 0) {
      for (const e of exclusions.get(c) ?? []) {
        const same = found.find((x) => x.list === e.list);
        if (same) same.source += `, 20(${e.sub.slice(3)}`;
        else
          found.push({
            code: c,
            list: e.list,
            heading: e.heading,
            source: `${noteSource(e.sub)} (product exclusion from ${e.heading} naming a number under this subheading)`,
          });
      }
      if (found.length > 1)
        fail(`pre-review list of ${c}: exclusions from several lists ${found.map((x) => x.list)}`);
    }
    if (found.length === 0) {
      for (const h of footnoteHits.get(c) ?? []) {
        const list = LIST_OF_HEADING[h.heading] as string;
        if (!found.some((x) => x.list === list))
          found.push({
            code: c,
            list,
            heading: h.heading,
            source: `USITC ${h.edition} footnote "See ${h.heading}"`,
          });
      }
    }
    {
      const g = gtaEvidence(c, review);
      if (g.kind === "list" || g.kind === "none") {
        const same = found.find((x) => x.list === g.row.list);
        if (same) same.source += `; ${g.row.source}`;
        else if (found.length)
          fail(`pre-review list of ${c}: GTA says ${g.row.list}, other sources ${found.map((x) => x.list)}`);
        else found.push(g.row);
      } else if (g.kind === "oneOrTwo") {
        if (found.some((x) => x.list !== "1" && x.list !== "2"))
          fail(`pre-review list of ${c}: GTA says List 1 or 2, other sources ${found.map((x) => x.list)}`);
        if (found.length === 0) out.gtaOneOrTwo.push(c);
      } else if (g.kind === "notListed" && found.length === 0) out.gtaNotListed.push(c);
    }
    for (const [fc, list, phrase] of FIXTURE_LISTS) {
      if (fc !== c) continue;
      const same = found.find((x) => x.list === list);
      if (same) same.source += `; fixtures ("${phrase}")`;
      else if (found.length)
        fail(`pre-review list of ${c}: fixtures say ${list}, other sources ${found.map((x) => x.list)}`);
      else
        found.push({
          code: c,
          list,
          heading: HEADING_OF_LIST[list] as string,
          source: `fixtures ("${phrase}")`,
        });
    }
    if (found.length === 0) out.unknown.push(c);
    for (const f of found) {
      const src = f.source as string;
      const kind = src.startsWith("GTA intervention")
        ? "GTA lists"
        : src.startsWith("on none of GTA")
          ? "GTA none + USTR table"
          : src.includes("product exclusion")
            ? "note 20 exclusions"
            : src.startsWith("ch99")
              ? "note 20 lists"
              : src.startsWith("USITC")
                ? "HTS footnote"
                : "fixtures";
      out.bySource[kind] = (out.bySource[kind] ?? 0) + 1;
    }
    out.rows.push(...found);
  }
  for (const c of GTA_NONE)
    if (!out.rows.some((r) => r.code === c && r.list === "none")) fail(`GTA none: ${c} was not used`);
  return out;
}
