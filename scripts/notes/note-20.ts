/**
 * Subchapter III note 20: the Section 301 lists (20(b) List 1, 20(d) List 2, 20(f)/(g) List 3, 20(s) List 4A,
 * 20(u) List 4B) and the product exclusions printed in 20(h)-(www).
 */
import {
  assertUnique,
  CODE_IN_TEXT,
  digits,
  fail,
  isCh99,
  type ListBlock,
  type NoteBounds,
  type NotesText,
  noteSource,
  type Row,
} from "./text.js";

const firstHeading = (text: string): string =>
  (/9903\.88\.\d\d/.exec(text) ?? fail(`no heading in "${text}"`))[0];

/** The first exclusion subdivision of note 20: the exclusions run from here to the end of the note. */
const S20H = /^\(h\) The U\.S\. Trade Representative determined/;

export interface ListRow extends Row {
  code: string;
  heading: string;
  partial: string;
  except: string;
  description: string;
  source: string;
}

export const LIST_COLUMNS = ["code", "heading", "partial", "except", "description", "source"];

/** The subheadings of a list grid: every product of China in them is covered. */
export function gridList(t: NotesText, { start, end, heading, sub, what }: ListBlock): ListRow[] {
  const codes = t.gridOnly(start, end, what);
  for (const c of codes) if (c.length !== 8) fail(`${what}: ${c} is not an 8-digit subheading`);
  return codes.map((code) => ({
    code,
    heading,
    partial: "no",
    except: "",
    description: "",
    source: noteSource(sub),
  }));
}

/** Described products "N. <description>, provided for in [subheading] X, except ... Y, Z". */
export function describedItems(t: NotesText, { start, end, heading, sub, what }: ListBlock): ListRow[] {
  return t.numberedItems(start, end, "dot", what).map((it) => {
    // "9403.770.4001 [Compiler's note: so in original; likely should be 9403.70.4001]": use the corrected number.
    const text = it.text.replace(
      /\S+ \[Compiler's note: so in original; likely should be ([\d.]+)\]/g,
      (_m, fixed: string) => fixed,
    );
    const m = /provided for(?: in)?(?: \[?subheading\]?)? (\d{4}\.\d{2}\.\d{2})(?!\d)/.exec(text);
    if (!m) fail(`${what} item ${it.n}: no subheading in "${text}"`);
    const sub8 = digits(m[1] as string);
    const exceptPart = text.slice((m.index as number) + m[0].length);
    if (!/^,? except/.test(exceptPart)) fail(`${what} item ${it.n}: no exception after the subheading`);
    const except = [...exceptPart.matchAll(CODE_IN_TEXT)].map((x) => digits(x[0]));
    if (except.length === 0) fail(`${what} item ${it.n}: no statistical number in the exception`);
    for (const e of except) if (!e.startsWith(sub8) || e.length !== 10) fail(`${what}: odd exception ${e}`);
    return {
      code: sub8,
      heading,
      partial: "yes",
      except: except.join(" "),
      description: text.replace(/[;.]$/, ""),
      source: noteSource(`${sub} item ${it.n}`),
    };
  });
}

export interface Section301Lists {
  list1: ListRow[];
  list2: ListRow[];
  list3: ListRow[];
  list4a: ListRow[];
  list4b: ListRow[];
}

/** Lists 1 to 4B of note 20, each checked for codes listed twice (grid and described items together). */
export function extractLists(t: NotesText, b: NoteBounds): Section301Lists {
  const a = t.findChain(b.note20, b.note21, {
    "20(b)": /^\(b\) Heading 9903\.88\.01 applies to all products of China/,
    "20(c)": /^\(c\) For the purposes of heading 9903\.88\.02/,
    "20(d)": /^\(d\) Heading 9903\.88\.02 applies to all products of China/,
    "20(e)": /^\(e\) For the purposes of heading 9903\.88\.03/,
    "20(f)": /^\(f\) Heading 9903\.88\.03 applies to all products of China/,
    "20(g)": /^\(g\) For the purposes of heading 9903\.88\.04/,
    "20(h)": S20H,
    "20(s)": /^\(s\) Heading 9903\.88\.15 applies to:$/,
    "20(s)(i)": /^\(i\) all products of China that are classified in the following 8-digit/,
    "20(s)(ii)": /^\(ii\) the following products of China:$/,
    "20(t)": /^\(t\) For the purposes of heading 9903\.88\.16/,
    "20(u)": /^\(u\) Heading 9903\.88\.16 applies to:/,
    "20(u)(i)": /^i\) all products of China that are classified in the following 8-digit/,
    "20(u)(ii)": /^ii\) the following products of China:$/,
    "20(v)": /^\(v\) The U\.S\. Trade Representative determined/,
  });
  // 20(g): the List 3 products under 9903.88.04 are described items ("1. ..."), after the intro sentence.
  const g = t.findChain(a["20(g)"], a["20(h)"], {
    "20(g) items": /^1\. Other non-aromatic organo-inorganic compounds/,
    "end of 20(g) items": /^Notwithstanding U\.S\. note 1 to this subchapter/,
  });
  // Each list: the grid of its subheadings, then (3, 4A, 4B) its described products.
  const grid = (start: number, end: number, heading: string, sub: string, what: string): ListRow[] =>
    gridList(t, { start, end, heading, sub, what });
  const described = (start: number, end: number, heading: string, sub: string, what: string): ListRow[] =>
    describedItems(t, { start, end, heading, sub, what });
  const lists: Section301Lists = {
    list1: grid(a["20(b)"], a["20(c)"], "9903.88.01", "20(b)", "List 1"),
    list2: grid(a["20(d)"], a["20(e)"], "9903.88.02", "20(d)", "List 2"),
    list3: [
      ...grid(a["20(f)"], a["20(g)"], "9903.88.03", "20(f)", "List 3"),
      ...described(g["20(g) items"], g["end of 20(g) items"], "9903.88.04", "20(g)", "List 3 (9903.88.04)"),
    ],
    list4a: [
      ...grid(a["20(s)(i)"], a["20(s)(ii)"], "9903.88.15", "20(s)(i)", "List 4A"),
      ...described(a["20(s)(ii)"] + 1, a["20(t)"], "9903.88.15", "20(s)(ii)", "List 4A (ii)"),
    ],
    list4b: [
      ...grid(a["20(u)(i)"], a["20(u)(ii)"], "9903.88.16", "20(u)(i)", "List 4B"),
      ...described(a["20(u)(ii)"] + 1, a["20(v)"], "9903.88.16", "20(u)(ii)", "List 4B (ii)"),
    ],
  };
  for (const [name, rows] of [
    ["List 3", lists.list3],
    ["List 4A", lists.list4a],
    ["List 4B", lists.list4b],
  ] as const) {
    assertUnique(
      rows.map((r) => r.code),
      `${name} (grid and described items together)`,
    );
  }
  return lists;
}

// ---------------------------------------------------------------------------------------------------------
// Product exclusions

export const EXCL_COLUMNS = [
  "heading",
  "excludes_heading",
  "item",
  "code",
  "code_validity",
  "description",
  "source",
];

/** "determined that ... the additional duties provided for in heading 9903.88.0x": the excluded heading(s). */
const EXCLUDED_HEADING =
  /determined that,? (?:as provided in heading 9903\.88\.\d\d, )?the additional duties (?:provided for in|imposed by) (heading 9903\.88\.\d\d(?: or (?:in )?heading 9903\.88\.\d\d)?)/;

const DATE = "[A-Z][a-z]+ \\d{1,2}, \\d{4}";
const VALIDITY = new RegExp(
  `(prior to ${DATE}|effective ${DATE} through ${DATE}|effective ${DATE}|on or after ${DATE})`,
);

/**
 * The exclusions of one part of 20(vvv)/(www), lines [a, b): one row per (item, code), with the validity
 * dates printed next to the code. `sub` is "vvv(i)" .. "www"; `claim` the heading an importer claims.
 */
export function exclusionPart(t: NotesText, sub: string, a: number, b: number, claim: string): Row[] {
  const firstItem = t.findAll(/^\(1\)\s+\S/, a, b)[0] ?? fail(`20(${sub}): no items`);
  const intro = t.blockText(a, firstItem);
  if (!intro.includes(`heading ${claim}`)) fail(`20(${sub}): intro does not name ${claim}`);
  const ex = EXCLUDED_HEADING.exec(intro);
  if (!ex) fail(`20(${sub}): excluded heading not found in "${intro}"`);
  const excluded = firstHeading(ex[1] as string);
  const rows: Row[] = [];
  for (const it of t.numberedItems(firstItem, b, "paren", `20(${sub})`)) {
    const description = it.text;
    let n = 0;
    for (const seg of description.split(";")) {
      const validity = VALIDITY.exec(seg)?.[1] ?? "";
      for (const m of seg.matchAll(CODE_IN_TEXT)) {
        const code = digits(m[0]);
        if (isCh99(code)) continue;
        n++;
        rows.push({
          heading: claim,
          excludes_heading: excluded,
          item: `${sub}(${it.n})`,
          code,
          code_validity: validity,
          description,
          source: noteSource(`20(${sub.replace(/^(\w+)\((\w+)\)$/, "$1)($2")}) item ${it.n}`),
        });
      }
    }
    if (n === 0) fail(`20(${sub}) item ${it.n}: no code in "${description}"`);
  }
  return rows;
}

/** The exclusions in force under 9903.88.69 (20(vvv)(i)-(iv)) and 9903.88.70 (20(www)), with item counts. */
export function extractExclusions(
  t: NotesText,
  b: NoteBounds,
): { rows: Row[]; counts: Record<string, number> } {
  const { note21 } = b;
  const a = t.findChain(b.note20, note21, {
    "20(vvv)(i)": /^\(vvv\)\s+\(i\) The U\.S\. Trade Representative determined/,
    "20(vvv)(ii)": /^\(ii\) The U\.S\. Trade Representative determined/,
    "20(vvv)(iii)": /^\(iii\) The U\.S\. Trade Representative determined/,
    "20(vvv)(iv)": /^\(iv\) The U\.S\. Trade Representative determined/,
    "20(www)": /^\(www\) The U\.S\. Trade Representative determined/,
  });
  const parts: [string, number, number, string][] = [
    ["vvv(i)", a["20(vvv)(i)"], a["20(vvv)(ii)"], "9903.88.69"],
    ["vvv(ii)", a["20(vvv)(ii)"], a["20(vvv)(iii)"], "9903.88.69"],
    ["vvv(iii)", a["20(vvv)(iii)"], a["20(vvv)(iv)"], "9903.88.69"],
    ["vvv(iv)", a["20(vvv)(iv)"], a["20(www)"], "9903.88.69"],
    ["www", a["20(www)"], note21, "9903.88.70"],
  ];
  const rows: Row[] = [];
  const counts: Record<string, number> = {};
  for (const [sub, a, end, claim] of parts) {
    const part = exclusionPart(t, sub, a, end, claim);
    counts[sub] = new Set(part.map((r) => r.item)).size;
    rows.push(...part);
  }
  return { rows, counts };
}

/** The list of each heading of note 20 whose products were excluded. */
export const LIST_OF_HEADING: Record<string, string> = {
  "9903.88.01": "1",
  "9903.88.02": "2",
  "9903.88.03": "3",
  "9903.88.04": "3",
  "9903.88.15": "4A",
};

export interface ExclusionEvidence {
  list: string;
  sub: string;
  heading: string;
}

/**
 * Every product exclusion printed in note 20 from 20(h) on, expired ones included: an exclusion from heading
 * 9903.88.0x names statistical numbers of products that were on that list when it was granted. HTS8 → the
 * lists (with subdivision and heading) that exclusions place it on.
 */
export function exclusionEvidence(t: NotesText, b: NoteBounds): Map<string, ExclusionEvidence[]> {
  const { note20, note21 } = b;
  const s20h = t.findOne(S20H, note20, note21, "20(h)");
  const evidence = new Map<string, ExclusionEvidence[]>();
  const starts = t.findAll(
    /^\((?:[a-z]{1,3})\)\s+(?:\((?:i|ii|iii|iv)\)\s+)?The U\.S\. Trade Representative determined to establish a process|^\((?:i|ii|iii|iv)\) The U\.S\. Trade Representative determined to establish a process/,
    s20h,
    note21,
  );
  let outer = "";
  starts.forEach((a, k) => {
    const end = k + 1 < starts.length ? (starts[k + 1] as number) : note21;
    const first = (t.lines[a] ?? "").trim();
    const mOuter = /^\(([a-z]{1,3})\)/.exec(first);
    const mInner = /^(?:\([a-z]{1,3}\)\s+)?\((i|ii|iii|iv)\)/.exec(first);
    if (mOuter && !["i", "ii", "iii", "iv"].includes(mOuter[1] as string)) outer = mOuter[1] as string;
    const sub = `20(${outer})${mInner ? `(${mInner[1]})` : ""}`;
    const text = t.blockText(a, end);
    const intro = text.slice(0, text.search(/\(1\)|$/));
    const m = EXCLUDED_HEADING.exec(intro);
    if (!m) fail(`${sub}: excluded heading not found`);
    const lists = new Set(
      [...(m[1] as string).matchAll(/9903\.88\.\d\d/g)].map((x) => LIST_OF_HEADING[x[0]] ?? `?${x[0]}`),
    );
    if (lists.size !== 1 || [...lists][0]?.startsWith("?"))
      fail(`${sub}: excluded headings ${m[1]} not understood`);
    const list = [...lists][0] as string;
    const heading = firstHeading(m[1] as string);
    for (const c of new Set(
      [...text.slice(intro.length).matchAll(CODE_IN_TEXT)].map((x) => digits(x[0]).slice(0, 8)),
    )) {
      const ev = evidence.get(c) ?? [];
      if (!ev.some((e) => e.list === list && e.sub === sub)) ev.push({ list, sub, heading });
      evidence.set(c, ev);
    }
  });
  return evidence;
}
