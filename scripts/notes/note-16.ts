/**
 * Subchapter III note 16(c): the Section 232 metals lists from 2026-04-06 (headings 9903.82.02-.19; the April
 * 2026 restructuring). Lists (c)(i)-(v) go under 9903.82.02 (50% of the full value), (vi)-(viii) under
 * 9903.82.09 (25%) and (ix)-(x) under 9903.82.10/.11 (a 15% floor). The grid of (iv) derivative steel and (v)
 * copper shares one page with offset columns: its codes are told apart by chapter (74: copper, list (v); the
 * rest: (iv)).
 */
import {
  assertUnique,
  digits,
  fail,
  type NoteBounds,
  type NotesText,
  noteSource,
  PAGE_HEAD,
  type Row,
} from "./text.js";

export const METALS_COLUMNS = ["code", "digits", "list", "heading", "metal", "weight_threshold", "source"];

export interface MetalsList {
  sub: string;
  title: string;
  heading: string;
  metal: string;
}
export const METALS_LISTS: MetalsList[] = [
  { sub: "i", title: "Articles of aluminum", heading: "9903.82.02", metal: "aluminum" },
  { sub: "ii", title: "Derivative aluminum articles", heading: "9903.82.02", metal: "aluminum" },
  { sub: "iii", title: "Articles of steel", heading: "9903.82.02", metal: "steel" },
  { sub: "iv", title: "Derivative steel articles", heading: "9903.82.02", metal: "steel" },
  { sub: "v", title: "Articles of copper", heading: "9903.82.02", metal: "copper" },
  { sub: "vi", title: "Derivative aluminum articles", heading: "9903.82.09", metal: "aluminum" },
  { sub: "vii", title: "Derivative steel articles", heading: "9903.82.09", metal: "steel" },
  { sub: "viii", title: "Articles of copper", heading: "9903.82.09", metal: "copper" },
  { sub: "ix", title: "Derivative aluminum articles", heading: "9903.82.10", metal: "aluminum" },
  { sub: "x", title: "Derivative steel articles", heading: "9903.82.10", metal: "steel" },
];
const metalsList = (sub: string): MetalsList =>
  METALS_LISTS.find((l) => l.sub === sub) ?? fail(`no list 16(c)(${sub})`);

const GRID_CODE = /^\d{4}(?:\.\d{2}(?:\.\d{2}|\.\d{4})?)?$/;

/** The code tokens of lines [from, to), whatever else the lines hold (the grids have offset columns). */
function codeTokens(t: NotesText, from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++)
    for (const token of (t.lines[i] ?? "").split(/\s+/)) if (GRID_CODE.test(token)) out.push(digits(token));
  return out;
}

/** The rows of list 16(c)(`sub`) for its codes; fails on an empty list or a code listed twice. */
export function metalsRows(codes: string[], sub: string): Row[] {
  const l = metalsList(sub);
  assertUnique(codes, `note 16(c)(${l.sub})`);
  if (codes.length === 0) fail(`note 16(c)(${l.sub}) has no codes`);
  return codes.map((code) => ({
    code,
    digits: String(code.length),
    list: l.sub,
    heading: l.heading,
    metal: l.metal,
    // Note 16(c): outside chapters 72, 73, 74 and 76 the headings apply only where the metal weighs at
    // least 15 percent of the article.
    weight_threshold: ["72", "73", "74", "76"].includes(code.slice(0, 2)) ? "no" : "yes",
    source: noteSource(`16(c)(${l.sub})`),
  }));
}

/** The codes of list 16(c)(`sub`) printed in lines [from, to). */
export function metalsListCodes(t: NotesText, sub: string, from: number, to: number): Row[] {
  return metalsRows(codeTokens(t, from, to), sub);
}

/** The shared grid of (iv) derivative steel and (v) copper: chapter 74 is copper. */
export function steelCopperGrid(t: NotesText, from: number, to: number): Row[] {
  const shared = codeTokens(t, from, to);
  return [
    ...metalsRows(
      shared.filter((c) => !c.startsWith("74")),
      "iv",
    ),
    ...metalsRows(
      shared.filter((c) => c.startsWith("74")),
      "v",
    ),
  ];
}

export function extractMetals2026(t: NotesText, b: NoteBounds): Row[] {
  const { note16, note19 } = b;
  const c16 = t.findOne(
    /^\(c\) Headings 9903\.82\.02.9903\.82\.19 apply to the full customs value/,
    note16,
    note19,
    "16(c)",
  );
  const d16 = t.findOne(/^\(d\) Headings 9903\.82\.04 and 9903\.82\.05 apply/, c16, note19, "16(d)");
  const starts = METALS_LISTS.map((l) =>
    t.findOne(new RegExp(`^\\(${l.sub}\\) ${l.title}:`), c16, d16, `16(c)(${l.sub})`),
  );
  // (iii) ends at the foot of its page; what follows up to (vi) is the shared grid of (iv) and (v).
  const iii = starts[2] as number;
  let pageEnd = iii + 1;
  while (pageEnd < d16 && !PAGE_HEAD.test(t.rawLines[pageEnd] ?? "")) pageEnd++;
  if (pageEnd >= (starts[3] as number)) fail("16(c)(iii): no page break before (iv)");
  const rows: Row[] = [];
  METALS_LISTS.forEach((l, k) => {
    if (l.sub === "iv" || l.sub === "v") return;
    const from = starts[k] as number;
    const to = l.sub === "iii" ? pageEnd : l.sub === "x" ? d16 : (starts[k + 1] as number);
    rows.push(...metalsListCodes(t, l.sub, from, to));
  });
  rows.push(...steelCopperGrid(t, pageEnd, starts[5] as number));
  return rows;
}
