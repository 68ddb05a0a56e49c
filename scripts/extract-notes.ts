/**
 * Extract the product lists behind the US special duties from the text of the HTS Chapter 99 US notes
 * (2026 revision 6) and copy the third-party lists we use, with provenance, into data/lists/us/.
 *
 *   npx tsx scripts/extract-notes.ts [sharedDir]      (default: ../shared next to the repository)
 *
 * Deterministic: same inputs give byte-identical outputs (sorted rows, no timestamps).
 * Every block of the notes is located by an anchor regex that must match exactly once; every extracted
 * list is checked (code shape, duplicates, stray codes in prose) and the script fails loudly otherwise.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { loadHts } from "../src/nomenclature/hts.js";

// ---------------------------------------------------------------------------------------------------------
// Paths and inputs

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const sharedDir = process.argv[2] ? resolve(process.argv[2]) : resolve(repoRoot, "..", "shared");
const outRoot = join(repoRoot, "data", "lists");
const outDir = join(outRoot, "us");
const NOTES_REL = "data/us/notes/chapter99_2026_rev_6.txt.gz";
const LISTS_REL = "data/us/lists";
const HTS_REL = "data/us/hts";
const FIXTURES_REL = "fixtures/us-china-duty-cases.md";
const EDITION = "HTS 2026 Revision 6 (USITC, public domain)";

function fail(msg: string): never {
  throw new Error(`extract-notes: ${msg}`);
}

function readShared(rel: string): Buffer {
  const p = join(sharedDir, rel);
  if (!existsSync(p)) fail(`missing input ${rel} under ${sharedDir}`);
  return readFileSync(p);
}

const sha256 = (b: Buffer | string): string => createHash("sha256").update(b).digest("hex");

// ---------------------------------------------------------------------------------------------------------
// The notes text: latin-1 (the PDF extraction writes the en dash of ranges as U+00AD), page furniture removed

const notesGz = readShared(NOTES_REL);
const notesRaw = gunzipSync(notesGz).toString("latin1");
const rawLines = notesRaw.split(/\r?\n/);

/** One cleaned line per raw line (same indices, so line numbers stay those of the source text). */
const lines: string[] = rawLines.map((l) => {
  let s = l.replace(/\u00ad/g, "-");
  if (/Harmonized Tariff Schedule of the United States/.test(s)) return "";
  if (/^\s*Annotated for Statistical Reporting Purposes\s*$/.test(s)) return "";
  if (/^\s*XXII\s*$/.test(s)) return "";
  if (/^\s*99\s*-\s*[IVX]+\s*-\s*\d+\s*$/.test(s)) return "";
  // The first grid row of a page is sometimes glued to the running head: keep what follows it.
  s = s.replace(/^\s*U\.S\. Notes \(con\.\)/, "");
  return s.trimEnd();
});
const lineNo = (i: number): number => i + 1;

function findAll(re: RegExp, from: number, to: number): number[] {
  const hits: number[] = [];
  for (let i = from; i < to; i++) if (re.test((lines[i] ?? "").trim())) hits.push(i);
  return hits;
}
function findOne(re: RegExp, from: number, to: number, what: string): number {
  const hits = findAll(re, from, to);
  if (hits.length !== 1)
    fail(`anchor for ${what} ${re} matched ${hits.length} times in lines ${from + 1}-${to}`);
  return hits[0] as number;
}

const subIII = findOne(/^SUBCHAPTER III$/, 0, lines.length, "subchapter III");
const subIV = findOne(/^SUBCHAPTER IV$/, subIII, lines.length, "subchapter IV");

// Note starts inside subchapter III (the numbered notes come before the tariff headings).
const note3 = findOne(/^3\.\s+For the purposes of subheadings 9903\.41\.05/, subIII, subIV, "note 3");
const note2 = findOne(/^2\.$/, subIII, note3, "note 2");
if (!/^\(a\) For the purposes of heading 9903\.01\.01/.test(blockText(note2 + 1, note2 + 3)))
  fail("note 2 start");
const note20 = findOne(/^20\.\s+\(a\)\s+For the purposes of heading 9903\.88\.01/, subIII, subIV, "note 20");
const note21 = findOne(/^\(21\) \(a\)\s+Except as provided in notes 21\(u\)/, note20, subIV, "note 21");
const note31 = findOne(/^31\.\s+\(a\)\s+As provided in headings 9903\.91\.01/, note21, subIV, "note 31");
const note32 = findOne(/^32\.\s+Action Applicable to Imports of Fine Denier/, note31, subIV, "note 32");
const note33 = findOne(
  /^33\.\s+\(a\)\s+Except as provided for in headings 9903\.94\.02/,
  note32,
  subIV,
  "note 33",
);
const note35 = findOne(/^35\.\s+\[Compiler's note/, note33, subIV, "note 35");

// ---------------------------------------------------------------------------------------------------------
// Codes

const CODE_TOKEN = /^\d{4}(?:\.\d{2}(?:\.\d{2}(?:\d{2})?)?)?$/; // 4, 6, 8 or 10 digits, dotted
const CODE_IN_TEXT = /(?<![\d.])\d{4}\.\d{2}\.\d{2}(?:\d{2})?(?!\d|\.\d)/g; // 8 or 10 digits inside prose
const digits = (dotted: string): string => dotted.replace(/\./g, "");
const isCh99 = (code: string): boolean => code.startsWith("99");
const fmtCode = (c: string): string =>
  c.length <= 4
    ? c
    : c.length <= 6
      ? `${c.slice(0, 4)}.${c.slice(4)}`
      : `${c.slice(0, 4)}.${c.slice(4, 6)}.${c.slice(6)}`;

interface GridResult {
  codes: { code: string; line: number }[];
  proseCodes: { code: string; line: number }[];
}

/**
 * Codes of a grid (table) block: lines made only of code tokens, optionally after an item marker "(n)".
 * Codes found elsewhere in the block (prose) are returned separately so callers can check them.
 */
function gridCodes(from: number, to: number): GridResult {
  const res: GridResult = { codes: [], proseCodes: [] };
  for (let i = from; i < to; i++) {
    const t = (lines[i] ?? "").trim().replace(/^\(\d+\)\s+/, "");
    if (!t) continue;
    const toks = t.split(/\s+/);
    if (toks.every((k) => CODE_TOKEN.test(k))) {
      for (const k of toks) res.codes.push({ code: digits(k), line: lineNo(i) });
    } else {
      for (const m of t.matchAll(CODE_IN_TEXT)) {
        const c = digits(m[0]);
        if (!isCh99(c)) res.proseCodes.push({ code: c, line: lineNo(i) });
      }
    }
  }
  return res;
}

/** Text of a block with page furniture removed and lines joined (a line-final hyphen joins without space). */
function blockText(from: number, to: number): string {
  let out = "";
  for (let i = from; i < to; i++) {
    const t = (lines[i] ?? "").trim();
    if (!t) continue;
    if (out === "") out = t;
    else if (/[A-Za-z]-$/.test(out) && /^[a-z]/.test(t)) out += t;
    else out += ` ${t}`;
  }
  return out.replace(/\s+/g, " ").trim();
}

/** Article-description column of the tariff headings (the rate columns start further right). */
function descriptionText(from: number, to: number): string {
  const parts: string[] = [];
  for (let i = from; i < to; i++) {
    if (!(lines[i] ?? "").trim()) continue;
    const t = (rawLines[i] ?? "")
      .replace(/\u00ad/g, "-")
      .slice(0, 120)
      .trim();
    if (t) parts.push(t);
  }
  return parts.join(" ").replace(/\s+/g, " ").trim();
}

function assertUnique(codes: string[], what: string): void {
  const seen = new Set<string>();
  for (const c of codes) {
    if (seen.has(c)) fail(`duplicate code ${c} in ${what}`);
    seen.add(c);
  }
}

/** Numbered items "1. text" (or "(1) text") of a block; numbering must run 1..n without gaps. */
function numberedItems(
  from: number,
  to: number,
  style: "dot" | "paren",
  what: string,
): { n: number; text: string; line: number }[] {
  const re = style === "dot" ? /^(\d+)\.\s+\S/ : /^\((\d+)\)\s+\S/;
  const starts: { n: number; i: number }[] = [];
  for (let i = from; i < to; i++) {
    const m = re.exec((lines[i] ?? "").trim());
    if (m) starts.push({ n: Number(m[1]), i });
  }
  const items: { n: number; text: string; line: number }[] = [];
  starts.forEach((s, k) => {
    if (s.n !== k + 1)
      fail(`${what}: item numbering breaks at line ${lineNo(s.i)} (found ${s.n}, expected ${k + 1})`);
    const end = k + 1 < starts.length ? (starts[k + 1] as { i: number }).i : to;
    const text = blockText(s.i, end).replace(style === "dot" ? /^\d+\.\s+/ : /^\(\d+\)\s+/, "");
    items.push({ n: s.n, text, line: lineNo(s.i) });
  });
  return items;
}

const MONTHS: Record<string, string> = {
  January: "01",
  February: "02",
  March: "03",
  April: "04",
  May: "05",
  June: "06",
  July: "07",
  August: "08",
  September: "09",
  October: "10",
  November: "11",
  December: "12",
};
function isoDate(text: string): string {
  const m = /^([A-Z][a-z]+) (\d{1,2}), (\d{4})$/.exec(text.trim());
  if (!m || !MONTHS[m[1] as string]) fail(`cannot read date "${text}"`);
  return `${m[3]}-${MONTHS[m[1] as string]}-${(m[2] as string).padStart(2, "0")}`;
}

// ---------------------------------------------------------------------------------------------------------
// CSV output

type Row = Record<string, string>;
const csvCell = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const written: { file: string; rows: number }[] = [];

function writeCsv(
  name: string,
  columns: string[],
  rows: Row[],
  sortKeys: string[] = ["code", "source"],
): void {
  const sorted = [...rows].sort((a, b) => {
    for (const k of sortKeys) {
      const x = a[k] ?? "";
      const y = b[k] ?? "";
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
  const body = sorted.map((r) => columns.map((c) => csvCell(r[c] ?? "")).join(","));
  writeFileSync(join(outDir, name), `${[columns.join(","), ...body].join("\n")}\n`);
  written.push({ file: name, rows: rows.length });
}

function readCsv(buf: Buffer | string): string[][] {
  const text = buf.toString().replace(/\r/g, "");
  const rows: string[][] = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const cells: string[] = [];
    let cur = "";
    let q = false;
    for (let k = 0; k < line.length; k++) {
      const ch = line[k];
      if (q) {
        if (ch === '"' && line[k + 1] === '"') {
          cur += '"';
          k++;
        } else if (ch === '"') q = false;
        else cur += ch;
      } else if (ch === '"') q = true;
      else if (ch === ",") {
        cells.push(cur);
        cur = "";
      } else cur += ch;
    }
    cells.push(cur);
    rows.push(cells);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------
// 1. Section 301 lists (subchapter III note 20)

interface ListRow extends Row {
  code: string;
  heading: string;
  partial: string;
  except: string;
  description: string;
  source: string;
}

const note = (sub: string): string => `ch99 subch. III note ${sub}`;

function gridList(start: number, end: number, heading: string, sub: string, what: string): ListRow[] {
  const g = gridCodes(start + 1, end);
  if (g.proseCodes.length) fail(`${what}: codes in prose ${JSON.stringify(g.proseCodes.slice(0, 5))}`);
  const codes = g.codes.map((c) => c.code);
  for (const c of codes) if (c.length !== 8) fail(`${what}: ${c} is not an 8-digit subheading`);
  assertUnique(codes, what);
  return codes.map((code) => ({
    code,
    heading,
    partial: "no",
    except: "",
    description: "",
    source: note(sub),
  }));
}

/** Described products "N. <description>, provided for in [subheading] X, except ... Y, Z". */
function describedItems(start: number, end: number, heading: string, sub: string, what: string): ListRow[] {
  return numberedItems(start, end, "dot", what).map((it) => {
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
      source: note(`${sub} item ${it.n}`),
    };
  });
}

const LIST_COLUMNS = ["code", "heading", "partial", "except", "description", "source"];

const s20b = findOne(/^\(b\) Heading 9903\.88\.01 applies to all products of China/, note20, note21, "20(b)");
const s20c = findOne(/^\(c\) For the purposes of heading 9903\.88\.02/, s20b, note21, "20(c)");
const s20d = findOne(/^\(d\) Heading 9903\.88\.02 applies to all products of China/, s20c, note21, "20(d)");
const s20e = findOne(/^\(e\) For the purposes of heading 9903\.88\.03/, s20d, note21, "20(e)");
const s20f = findOne(/^\(f\) Heading 9903\.88\.03 applies to all products of China/, s20e, note21, "20(f)");
const s20g = findOne(/^\(g\) For the purposes of heading 9903\.88\.04/, s20f, note21, "20(g)");
const s20h = findOne(/^\(h\) The U\.S\. Trade Representative determined/, s20g, note21, "20(h)");
const s20s = findOne(/^\(s\) Heading 9903\.88\.15 applies to:$/, s20h, note21, "20(s)");
const s20si = findOne(
  /^\(i\) all products of China that are classified in the following 8-digit/,
  s20s,
  note21,
  "20(s)(i)",
);
const s20sii = findOne(/^\(ii\) the following products of China:$/, s20si, note21, "20(s)(ii)");
const s20t = findOne(/^\(t\) For the purposes of heading 9903\.88\.16/, s20sii, note21, "20(t)");
const s20u = findOne(/^\(u\) Heading 9903\.88\.16 applies to:/, s20t, note21, "20(u)");
const s20ui = findOne(
  /^i\) all products of China that are classified in the following 8-digit/,
  s20u,
  note21,
  "20(u)(i)",
);
const s20uii = findOne(/^ii\) the following products of China:$/, s20ui, note21, "20(u)(ii)");
const s20v = findOne(/^\(v\) The U\.S\. Trade Representative determined/, s20uii, note21, "20(v)");

// 20(g): the List 3 products under 9903.88.04 are described items ("1. ..."), after the intro sentence.
const s20gItems = findOne(/^1\. Other non-aromatic organo-inorganic compounds/, s20g, s20h, "20(g) items");
const s20gEnd = findOne(
  /^Notwithstanding U\.S\. note 1 to this subchapter/,
  s20gItems,
  s20h,
  "end of 20(g) items",
);

const list1 = gridList(s20b, s20c, "9903.88.01", "20(b)", "List 1");
const list2 = gridList(s20d, s20e, "9903.88.02", "20(d)", "List 2");
const list3 = [
  ...gridList(s20f, s20g, "9903.88.03", "20(f)", "List 3"),
  ...describedItems(s20gItems, s20gEnd, "9903.88.04", "20(g)", "List 3 (9903.88.04)"),
];
const list4a = [
  ...gridList(s20si, s20sii, "9903.88.15", "20(s)(i)", "List 4A"),
  ...describedItems(s20sii + 1, s20t, "9903.88.15", "20(s)(ii)", "List 4A (ii)"),
];
const list4b = [
  ...gridList(s20ui, s20uii, "9903.88.16", "20(u)(i)", "List 4B"),
  ...describedItems(s20uii + 1, s20v, "9903.88.16", "20(u)(ii)", "List 4B (ii)"),
];
for (const [name, rows] of [
  ["List 3", list3],
  ["List 4A", list4a],
  ["List 4B", list4b],
] as const) {
  assertUnique(
    rows.map((r) => r.code),
    `${name} (grid and described items together)`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// 2. The 2024 four-year review (note 31) with the rates of headings 9903.91.01-.08 and .11

const headingRegion = (first: string, next: string): [number, number] => {
  const a = findOne(new RegExp(`^${first.replace(/\./g, "\\.")} 1/ `), note35, subIV, `heading ${first}`);
  const b = findOne(new RegExp(`^${next.replace(/\./g, "\\.")} 1/ `), a, subIV, `heading ${next}`);
  return [a, b];
};
/** The rate column of the PDF is interleaved with the descriptions, but its order is that of the headings. */
function headingRates(first: string, next: string, expected: number): number[] {
  const [a, b] = headingRegion(first, next);
  const rates = [...blockText(a, b).matchAll(/(?<![\d.])(\d+(?:\.\d+)?)%/g)].map((m) => Number(m[1]));
  if (rates.length !== expected)
    fail(`headings ${first}..: found ${rates.length} rates, expected ${expected}`);
  return rates;
}
const rates0108 = headingRates("9903.91.01", "9903.91.09", 8);
const rate11 = headingRates("9903.91.11", "9903.91.12", 1);
const reviewRate: Record<string, number> = { "9903.91.11": rate11[0] as number };
rates0108.forEach((r, k) => {
  reviewRate[`9903.91.0${k + 1}`] = r;
});

interface ReviewSub {
  sub: string;
  heading: string;
  start: RegExp;
  end: RegExp;
}
const REVIEW_SUBS: ReviewSub[] = [
  {
    sub: "31(b)",
    heading: "9903.91.01",
    start: /^\(b\) Heading 9903\.91\.01 applies/,
    end: /^\(c\) Heading 9903\.91\.02/,
  },
  {
    sub: "31(c)",
    heading: "9903.91.02",
    start: /^\(c\) Heading 9903\.91\.02 applies/,
    end: /^\(d\) Heading 9903\.91\.03/,
  },
  {
    sub: "31(d)",
    heading: "9903.91.03",
    start: /^\(d\) Heading 9903\.91\.03 applies/,
    end: /^\(e\) Heading 9903\.91\.04/,
  },
  { sub: "31(e)", heading: "9903.91.04", start: /^\(e\) Heading 9903\.91\.04 applies/, end: /^\(f\)$/ },
  {
    sub: "31(f)(i)",
    heading: "9903.91.05",
    start: /^\(i\) Heading 9903\.91\.05 applies/,
    end: /^\(ii\) The additional rate of duty under heading 9903\.91\.05/,
  },
  {
    sub: "31(g)",
    heading: "9903.91.06",
    start: /^\(g\) Heading 9903\.91\.06 applies/,
    end: /^\(h\) Heading 9903\.91\.07/,
  },
  {
    sub: "31(h)",
    heading: "9903.91.07",
    start: /^\(h\) Heading 9903\.91\.07 applies/,
    end: /^\(i\) Heading 9903\.91\.08/,
  },
  {
    sub: "31(i)",
    heading: "9903.91.08",
    start: /^\(i\) Heading 9903\.91\.08 applies/,
    end: /^\(j\) Heading 9903\.91\.11/,
  },
  { sub: "31(j)", heading: "9903.91.11", start: /^\(j\) Heading 9903\.91\.11 applies/, end: /^\(k\)$/ },
];

const REVIEW_COLUMNS = ["code", "heading", "rate", "effective_from", "effective_until", "status", "source"];
const review: Row[] = [];
const reviewDates: Record<string, { from: string; until: string }> = {};
for (const rs of REVIEW_SUBS) {
  const a = findOne(rs.start, note31, note32, rs.sub);
  const b = findOne(rs.end, a, note32, `end of ${rs.sub}`);
  const text = blockText(a, b);
  const from =
    /on or after 12:01 a\.m\. eastern (?:daylight|standard) time on ([A-Z][a-z]+ \d{1,2}, \d{4})/.exec(text);
  if (!from) fail(`${rs.sub}: no effective date`);
  const until = /and before ([A-Z][a-z]+ \d{1,2}, \d{4})/.exec(text);
  const codes = [...text.matchAll(CODE_IN_TEXT)].map((m) => digits(m[0])).filter((c) => !isCh99(c));
  // (b) is a grid: take its codes from the grid reader too and check both agree.
  const g = gridCodes(a, b);
  const gridSet = new Set(g.codes.map((c) => c.code));
  for (const c of gridSet) if (!codes.includes(c)) fail(`${rs.sub}: grid code ${c} missing from text scan`);
  const uniq = [...new Set(codes)];
  if (uniq.length === 0) fail(`${rs.sub}: no codes`);
  reviewDates[rs.heading] = {
    from: isoDate(from[1] as string),
    until: until ? isoDate(until[1] as string) : "",
  };
  for (const code of uniq) {
    review.push({
      code,
      heading: rs.heading,
      rate: String(reviewRate[rs.heading]),
      effective_from: isoDate(from[1] as string),
      effective_until: until ? isoDate(until[1] as string) : "",
      status: "in note text",
      source: note(rs.sub),
    });
  }
}

// Heading 9903.91.10 (article description, not a note subdivision): enteral syringes carved out of 9903.91.03.
{
  const [a, b] = headingRegion("9903.91.10", "9903.91.11");
  const t = descriptionText(a, b);
  const m =
    /on or after ([A-Z][a-z]+ \d{1,2}), (\d{4}), and before ([A-Z][a-z]+ \d{1,2}, \d{4}) \(described in statistical reporting number (\d{4}\.\d{2}\.\d{4})\)/.exec(
      t,
    );
  if (!m || !/Notwithstanding heading 9903\.91\.03/.test(t)) fail(`heading 9903.91.10 not understood: ${t}`);
  review.push({
    code: digits(m[4] as string),
    heading: "9903.91.10",
    rate: "0",
    effective_from: isoDate(`${m[1]}, ${m[2]}`),
    effective_until: isoDate(m[3] as string),
    status: "heading text: exception to 9903.91.03 (no additional duty)",
    source: "ch99 subch. III heading 9903.91.10 (article description)",
  });
}

// Cross-check the note dates against the heading texts ("Effective with respect to entries on or after ...").
for (const [h, d] of Object.entries(reviewDates)) {
  const next =
    h === "9903.91.11" ? "9903.91.12" : `9903.91.${String(Number(h.slice(-2)) + 1).padStart(2, "0")}`;
  const [a, b] = headingRegion(h, next === "9903.91.09" ? "9903.91.09" : next);
  const t = descriptionText(a, b);
  const m = /on or after ([A-Z][a-z]+ \d{1,2},) (\d{4})/.exec(t);
  if (!m) fail(`heading ${h}: no date in "${t}"`);
  if (isoDate(`${m[1]} ${m[2]}`) !== d.from)
    fail(`heading ${h} date ${m[1]} ${m[2]} differs from the note (${d.from})`);
}

// ---------------------------------------------------------------------------------------------------------
// The HTS JSON editions: footnotes of the HTS8 (and some HTS10) lines point at the Chapter 99 headings. Their
// history shows rows the 2026 notes no longer print, and pre-review list membership.

interface FootnoteHit {
  edition: string;
  heading: string;
}
const htsFiles = readdirSync(join(sharedDir, HTS_REL))
  .filter((f) => /^hts_\d{4}_(basic|rev_\d+)\.json\.gz$/.test(f))
  .sort((x, y) => {
    const k = (f: string): number => {
      const m = /^hts_(\d{4})_(?:basic|rev_(\d+))/.exec(f) as RegExpExecArray;
      return Number(m[1]) * 1000 + Number(m[2] ?? 0);
    };
    return k(x) - k(y);
  });
if (!htsFiles.includes("hts_2026_rev_6.json.gz")) fail("hts_2026_rev_6.json.gz is missing");
/** HTS8 -> chapter 99 heading -> editions (in order) whose footnote points there. */
const footnotes = new Map<string, Map<string, string[]>>();
/** HTS8 and HTS10 codes of the edition the notes belong to (2026 rev 6), for existence checks. */
const hts2026r6 = new Set<string>();
for (const f of htsFiles) {
  const recs = JSON.parse(gunzipSync(readFileSync(join(sharedDir, HTS_REL, f))).toString("utf8")) as {
    htsno: string;
    footnotes?: { value?: string }[];
  }[];
  const edition = f.replace(/\.json\.gz$/, "");
  for (const r of recs) {
    const c = digits(r.htsno ?? "");
    if (edition === "hts_2026_rev_6" && (c.length === 8 || c.length === 10)) hts2026r6.add(c);
    if (c.length < 8 || isCh99(c)) continue;
    const text = (r.footnotes ?? []).map((x) => x.value ?? "").join(" ");
    for (const m of new Set(text.match(/9903\.(?:88|91)\.\d\d/g) ?? [])) {
      const byHeading = footnotes.get(c.slice(0, 8)) ?? new Map<string, string[]>();
      const eds = byHeading.get(m) ?? [];
      if (eds[eds.length - 1] !== edition) eds.push(edition);
      byHeading.set(m, eds);
      footnotes.set(c.slice(0, 8), byHeading);
    }
  }
}

/**
 * Rows (1)-(4) of note 31(b) (heading 9903.91.01, from 2024-09-27) are no longer printed: the 2026 text says
 * "Numbers (1) through (4) have been deleted. See 89 Fed. Reg. 76581". They are the 10-digit statistical
 * numbers the 2024 notice put at 25% in 2024 and that moved to 9903.91.06/.07 on 2026-01-01. Kept here, marked,
 * from the notice's annex table (89 FR 76581, FR Doc 2024-21217) and the HTS 2025 footnotes of 8507.60.00 and
 * 6307.90.98 ("See ... 9903.91.01"). The end date 2026-01-01 is inferred (the 2026 headings take over).
 */
const DELETED_31B = ["8507600010", "6307909842", "6307909844", "6307909850", "6307909875"];
{
  const a = findOne(/^\(b\) Heading 9903\.91\.01 applies/, note31, note32, "31(b)");
  if (!/Numbers \(1\) through \(4\) have been deleted\. See 89 Fed\. Reg\. 76581/.test(blockText(a, a + 8)))
    fail("31(b): the compiler's note on deleted numbers (1)-(4) has changed; revisit DELETED_31B");
  for (const code of DELETED_31B) {
    if (!footnotes.get(code.slice(0, 8))?.get("9903.91.01"))
      fail(`no HTS footnote points ${code.slice(0, 8)} at 9903.91.01`);
    review.push({
      code,
      heading: "9903.91.01",
      rate: String(reviewRate["9903.91.01"]),
      effective_from: reviewDates["9903.91.01"]?.from ?? fail("no date for 9903.91.01"),
      effective_until: "2026-01-01",
      status: "deleted from note 31(b) (numbers (1)-(4)); end date inferred",
      source: `89 FR 76581 annex (2024 four-year review); USITC HTS footnote "See ... 9903.91.01" on ${code.slice(0, 4)}.${code.slice(4, 6)}.${code.slice(6, 8)}; ch99 subch. III note 31(b) compiler's note`,
    });
  }
}

/**
 * Item (3) of note 31(f)(i) (heading 9903.91.05, 2025) is printed as "[Compiler's note: Deleted. See 89 Fed. Reg.
 * 101682]". The HTS footnotes show which subheading it was: 4015.12.10 ("See 9903.91.05" through 2025, "See
 * 9903.91.08" from 2026 Basic). Medical gloves: 50% in 2025, then 100% under 9903.91.08 from 2026-01-01, not both.
 */
{
  const a = findOne(/^\(i\) Heading 9903\.91\.05 applies/, note31, note32, "31(f)(i)");
  const b = findOne(/^\(ii\) The additional rate of duty under heading 9903\.91\.05/, a, note32, "31(f)(ii)");
  if (!/\(3\) \[Compiler's note: Deleted\. See 89 Fed\. Reg\. 101682\]/.test(blockText(a, b)))
    fail("31(f)(i): the deleted item (3) has changed; revisit");
  const eds = footnotes.get("40151210")?.get("9903.91.05");
  if (!eds?.length) fail("31(f)(i)(3): no HTS footnote of 4015.12.10 points at 9903.91.05");
  review.push({
    code: "40151210",
    heading: "9903.91.05",
    rate: String(reviewRate["9903.91.05"]),
    effective_from: reviewDates["9903.91.05"]?.from ?? fail("no date for 9903.91.05"),
    effective_until: reviewDates["9903.91.08"]?.from ?? fail("no date for 9903.91.08"),
    status: "deleted from note 31(f)(i) (item (3)); end date = start of 9903.91.08",
    source: `ch99 subch. III note 31(f)(i) item (3) (deleted, 89 FR 101682); USITC ${eds[0]}..${eds[eds.length - 1]} footnote "See 9903.91.05"`,
  });
}

// Every footnote pointer at a review heading must be matched by a row (8-digit level), else the text lost rows.
{
  const have = new Set(review.map((r) => `${(r.code as string).slice(0, 8)} ${r.heading}`));
  const extracted = new Set(REVIEW_SUBS.map((r) => r.heading));
  for (const [c, byHeading] of footnotes) {
    for (const h of byHeading.keys()) {
      if (extracted.has(h) && !have.has(`${c} ${h}`))
        fail(`HTS footnote points ${c} at ${h} but no row has it`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// 4. IEEPA reciprocal Annex II (note 2(v)(iii)) and 5. the Section 122 annex (note 2(aa)(ii)/(iii))

interface AnnexRow extends Row {
  code: string;
  digits: string;
  heading: string;
  partial: string;
  description: string;
  source: string;
}
function annexGrid(start: number, end: number, heading: string, sub: string, what: string): AnnexRow[] {
  const g = gridCodes(start + 1, end);
  if (g.proseCodes.length) fail(`${what}: codes in prose ${JSON.stringify(g.proseCodes.slice(0, 5))}`);
  const codes = g.codes.map((c) => c.code);
  assertUnique(codes, what);
  return codes.map((code) => ({
    code,
    digits: String(code.length),
    heading,
    partial: "no",
    description: "",
    source: note(sub),
  }));
}
function annexParticular(start: number, end: number, heading: string, sub: string, what: string): AnnexRow[] {
  return numberedItems(start + 1, end, "paren", what).map((it) => {
    const m = /\(classifiable in subheading (\d{4}\.\d{2}\.\d{2})\)[;.]?(?: and)?$/.exec(it.text);
    if (!m) fail(`${what} item ${it.n}: no subheading in "${it.text}"`);
    const code = digits(m[1] as string);
    return {
      code,
      digits: String(code.length),
      heading,
      partial: "yes",
      description: it.text.replace(/;? and$|[;.]$/g, ""),
      source: note(`${sub} item ${it.n}`),
    };
  });
}
const ANNEX_COLUMNS = ["code", "digits", "heading", "partial", "description", "source"];

const v2 = findOne(/^\(v\) \(i\)\s+Except as provided in headings 9903\.01\.26/, note2, note3, "2(v)");
const v2iiia = findOne(/^\(a\) As provided for in heading 9903\.01\.32/, v2, note3, "2(v)(iii)(a)");
const v2iiib = findOne(/^\(b\) As provided in heading 9903\.02\.78/, v2iiia, note3, "2(v)(iii)(b)");
const v2iv = findOne(/^\(iv\) As provided in 9903\.01\.26/, v2iiib, note3, "2(v)(iv)");
const annex2 = [
  ...annexGrid(v2iiia, v2iiib, "9903.01.32", "2(v)(iii)(a)", "Annex II"),
  ...annexParticular(v2iiib, v2iv, "9903.02.78", "2(v)(iii)(b)", "Annex II particular articles"),
];

const aa = findOne(/^\(aa\)$/, note2, note3, "2(aa)");
const aaii = findOne(/^\(ii\) As provided in heading 9903\.03\.03/, aa, note3, "2(aa)(ii)");
const aaiii = findOne(/^\(iii\) As provided in heading 9903\.03\.04/, aaii, note3, "2(aa)(iii)");
const aaiv = findOne(/^\(iv\) As provided in heading 9903\.03\.05/, aaiii, note3, "2(aa)(iv)");
const s122 = [
  ...annexGrid(aaii, aaiii, "9903.03.03", "2(aa)(ii)", "Section 122 annex"),
  ...annexParticular(aaiii, aaiv, "9903.03.04", "2(aa)(iii)", "Section 122 particular articles"),
];

// ---------------------------------------------------------------------------------------------------------
// 6. Section 301 product exclusions (20(vvv)(i)-(iv), 20(www))

const EXCL_COLUMNS = [
  "heading",
  "excludes_heading",
  "item",
  "code",
  "code_validity",
  "description",
  "source",
];
const exclusions: Row[] = [];
const exclusionCounts: Record<string, number> = {};
{
  const vvv = findOne(
    /^\(vvv\)\s+\(i\) The U\.S\. Trade Representative determined/,
    note20,
    note21,
    "20(vvv)(i)",
  );
  const vii = findOne(/^\(ii\) The U\.S\. Trade Representative determined/, vvv, note21, "20(vvv)(ii)");
  const viii = findOne(/^\(iii\) The U\.S\. Trade Representative determined/, vii, note21, "20(vvv)(iii)");
  const viv = findOne(/^\(iv\) The U\.S\. Trade Representative determined/, viii, note21, "20(vvv)(iv)");
  const www = findOne(/^\(www\) The U\.S\. Trade Representative determined/, viv, note21, "20(www)");
  const parts: [string, number, number, string][] = [
    ["vvv(i)", vvv, vii, "9903.88.69"],
    ["vvv(ii)", vii, viii, "9903.88.69"],
    ["vvv(iii)", viii, viv, "9903.88.69"],
    ["vvv(iv)", viv, www, "9903.88.69"],
    ["www", www, note21, "9903.88.70"],
  ];
  const DATE = "[A-Z][a-z]+ \\d{1,2}, \\d{4}";
  const validityRe = new RegExp(
    `(prior to ${DATE}|effective ${DATE} through ${DATE}|effective ${DATE}|on or after ${DATE})`,
  );
  for (const [sub, a, b, claim] of parts) {
    const firstItem = findAll(/^\(1\)\s+\S/, a, b)[0] ?? fail(`20(${sub}): no items`);
    const intro = blockText(a, firstItem);
    if (!intro.includes(`heading ${claim}`)) fail(`20(${sub}): intro does not name ${claim}`);
    const ex =
      /determined that,? (?:as provided in heading 9903\.88\.\d\d, )?the additional duties (?:provided for in|imposed by) heading (9903\.88\.\d\d)/.exec(
        intro,
      );
    if (!ex) fail(`20(${sub}): excluded heading not found in "${intro}"`);
    const items = numberedItems(firstItem, b, "paren", `20(${sub})`);
    exclusionCounts[sub] = items.length;
    for (const it of items) {
      const description = it.text;
      const segments = description.split(";");
      let n = 0;
      for (const seg of segments) {
        const validity = validityRe.exec(seg)?.[1] ?? "";
        for (const m of seg.matchAll(CODE_IN_TEXT)) {
          const code = digits(m[0]);
          if (isCh99(code)) continue;
          n++;
          exclusions.push({
            heading: claim,
            excludes_heading: ex[1] as string,
            item: `${sub}(${it.n})`,
            code,
            code_validity: validity,
            description,
            source: note(`20(${sub.replace(/^(\w+)\((\w+)\)$/, "$1)($2")}) item ${it.n}`),
          });
        }
      }
      if (n === 0) fail(`20(${sub}) item ${it.n}: no code in "${description}"`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// 7. Section 232 autos and auto parts (note 33(b), 33(g))

const n33b = findOne(/^\(b\) The rates of duty set forth in headings 9903\.94\.01/, note33, note35, "33(b)");
const n33c = findOne(/^\(c\) Heading 9903\.94\.02 applies to:$/, n33b, note35, "33(c)");
const n33g = findOne(/^\(g\) Subject to a manufacturer's import adjustment offset/, n33c, note35, "33(g)");
const n33h = findOne(/^\(h\) Heading 9903\.94\.06 applies/, n33g, note35, "33(h)");
function plainGrid(start: number, end: number, sub: string, what: string): Row[] {
  const g = gridCodes(start + 1, end);
  if (g.proseCodes.length) fail(`${what}: codes in prose ${JSON.stringify(g.proseCodes.slice(0, 5))}`);
  const codes = g.codes.map((c) => c.code);
  assertUnique(codes, what);
  return codes.map((code) => ({ code, digits: String(code.length), source: note(sub) }));
}
const autos = plainGrid(n33b, n33c, "33(b)", "autos");
const autoParts = plainGrid(n33g, n33h, "33(g)", "auto parts");

// Section 232 derivative aluminium (note 19(i)-(k), headings 9903.85.04/.07/.08; terminated 2026-04-06)
const note19 = findOne(
  /^19\.\s+\(a\)\s+This note and the tariff provisions referred to herein/,
  subIII,
  note20,
  "note 19",
);
if (
  !/Headings 9903\.85\.01-9903\.85\.15, 9903\.85\.21-9903\.85\.66, and 9903\.85\.69 9903\.85\.72 are terminated as of April 6, 2026/.test(
    blockText(note19, note19 + 10),
  )
)
  fail("note 19: the termination note has changed");
const alDerivatives: Row[] = [];
{
  const i19 = findOne(
    /^\(i\) The rates of duty set forth in heading 9903\.85\.04 apply/,
    note19,
    note20,
    "19(i)",
  );
  const j19 = findOne(
    /^\(j\) The rates of duty set forth in heading 9903\.85\.07 apply/,
    i19,
    note20,
    "19(j)",
  );
  const k19 = findOne(/^\(k\) The rates of duty in heading 9903\.85\.08 apply/, j19, note20, "19(k)");
  const l19 = findOne(
    /^\(l\) Any importer entering the aluminum products covered by this note/,
    k19,
    note20,
    "19(l)",
  );
  for (const [a, b, heading, sub] of [
    [i19, j19, "9903.85.04", "19(i)"],
    [j19, k19, "9903.85.07", "19(j)"],
    [k19, l19, "9903.85.08", "19(k)"],
  ] as const) {
    const cs = [...blockText(a, b).matchAll(CODE_IN_TEXT)].map((m) => digits(m[0])).filter((c) => !isCh99(c));
    assertUnique(cs, `note ${sub}`);
    for (const code of cs)
      alDerivatives.push({ code, digits: String(code.length), heading, source: note(sub) });
  }
}

// Section 232 metals from 2026-04-06 (note 16(c), headings 9903.82.02-.19; the April 2026 restructuring).
// Lists (c)(i)-(v) go under 9903.82.02 (50% of the full value), (vi)-(viii) under 9903.82.09 (25%) and
// (ix)-(x) under 9903.82.10/.11 (a 15% floor). The grid of (iv) derivative steel and (v) copper shares one
// page with offset columns: its codes are told apart by chapter (74: copper, list (v); the rest: (iv)).
const METALS_LISTS: { sub: string; title: string; heading: string; metal: string }[] = [
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
const metals2026: Row[] = [];
{
  const note16 = findOne(
    /^16\.\s+\(a\)\s+Except as provided in headings 9903\.85\.67/,
    subIII,
    note19,
    "note 16",
  );
  const c16 = findOne(
    /^\(c\) Headings 9903\.82\.02.9903\.82\.19 apply to the full customs value/,
    note16,
    note19,
    "16(c)",
  );
  const d16 = findOne(/^\(d\) Headings 9903\.82\.04 and 9903\.82\.05 apply/, c16, note19, "16(d)");
  const starts = METALS_LISTS.map((l) =>
    findOne(new RegExp(`^\\(${l.sub}\\) ${l.title}:`), c16, d16, `16(c)(${l.sub})`),
  );
  const GRID_CODE = /^\d{4}(?:\.\d{2}(?:\.\d{2}|\.\d{4})?)?$/;
  const codesIn = (from: number, to: number): string[] => {
    const out: string[] = [];
    for (let i = from; i < to; i++)
      for (const token of (lines[i] ?? "").split(/\s+/)) if (GRID_CODE.test(token)) out.push(digits(token));
    return out;
  };
  // (iii) ends at the foot of its page; what follows up to (vi) is the shared grid of (iv) and (v).
  const iii = starts[2] as number;
  let pageEnd = iii + 1;
  while (pageEnd < d16 && !/Harmonized Tariff Schedule of the United States/.test(rawLines[pageEnd] ?? ""))
    pageEnd++;
  if (pageEnd >= (starts[3] as number)) fail("16(c)(iii): no page break before (iv)");
  const push = (codes: string[], l: (typeof METALS_LISTS)[number]) => {
    assertUnique(codes, `note 16(c)(${l.sub})`);
    if (codes.length === 0) fail(`note 16(c)(${l.sub}) has no codes`);
    for (const code of codes)
      metals2026.push({
        code,
        digits: String(code.length),
        list: l.sub,
        heading: l.heading,
        metal: l.metal,
        // Note 16(c): outside chapters 72, 73, 74 and 76 the headings apply only where the metal weighs at
        // least 15 percent of the article.
        weight_threshold: ["72", "73", "74", "76"].includes(code.slice(0, 2)) ? "no" : "yes",
        source: note(`16(c)(${l.sub})`),
      });
  };
  METALS_LISTS.forEach((l, k) => {
    if (l.sub === "iv" || l.sub === "v") return;
    const from = starts[k] as number;
    const to = l.sub === "iii" ? pageEnd : l.sub === "x" ? d16 : (starts[k + 1] as number);
    push(codesIn(from, to), l);
  });
  const shared = codesIn(pageEnd, starts[5] as number);
  push(
    shared.filter((c) => !c.startsWith("74")),
    METALS_LISTS[3] as (typeof METALS_LISTS)[number],
  );
  push(
    shared.filter((c) => c.startsWith("74")),
    METALS_LISTS[4] as (typeof METALS_LISTS)[number],
  );
}

// The date from which each note 19 code was subject to its heading (the notes print none): 2025-03-12
// (Procl 10895; CBP CSMS 64384496), except the later additions by Commerce: beer and empty aluminium cans
// from 2025-04-04 (CSMS 64639013), and the inclusions of 2025-08-18 (CSMS 65936615), identified by the
// Yale list's aluminium rows dated 2025-08-18 (prefix match; an HTS8 that Yale lists on both dates is
// taken as of 2025-03-12). `from_source` says which.
const AL_ADDED_2025_04_04 = ["22030000", "76129010"];
{
  const yale = readCsv(readShared(`${LISTS_REL}/s232_derivative_products.csv`))
    .slice(1)
    .filter((r) => (r[2] ?? "").trim() === "aluminum")
    .map((r) => ({ code: (r[0] ?? "").trim(), date: (r[3] ?? "").trim() }));
  for (const c of AL_ADDED_2025_04_04)
    if (!alDerivatives.some((r) => r.code === c)) fail(`note 19: ${c} (added 2025-04-04) is not in (j)/(k)`);
  for (const row of alDerivatives) {
    const c = row.code as string;
    const dates = new Set(
      yale.filter((y) => y.code.startsWith(c) || c.startsWith(y.code)).map((y) => y.date),
    );
    if (AL_ADDED_2025_04_04.includes(c)) {
      row.from = "2025-04-04";
      row.from_source = "CSMS 64639013";
    } else if (dates.has("2025-08-18") && !dates.has("")) {
      row.from = "2025-08-18";
      row.from_source = "CSMS 65936615; date from the Yale list";
    } else {
      row.from = "2025-03-12";
      row.from_source = dates.size > 0 ? "CSMS 64384496; Yale list" : "CSMS 64384496 (not in the Yale list)";
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// 3. Pre-review list membership of the reviewed codes (the 2026 notes no longer show it)

const LIST_OF_HEADING: Record<string, string> = {
  "9903.88.01": "1",
  "9903.88.02": "2",
  "9903.88.03": "3",
  "9903.88.04": "3",
  "9903.88.15": "4A",
};
const noteLists: [string, ListRow[]][] = [
  ["1", list1],
  ["2", list2],
  ["3", list3],
  ["4A", list4a],
];
const reviewed8 = [
  ...new Set(review.filter((r) => r.heading !== "9903.91.10").map((r) => (r.code as string).slice(0, 8))),
].sort();

// (a) the HTS JSON footnotes (see the scan of the HTS editions above)
const reviewedSet = new Set(reviewed8);
const footnoteHits = new Map<string, FootnoteHit[]>();
for (const c of reviewed8) {
  for (const [h, eds] of footnotes.get(c) ?? new Map<string, string[]>()) {
    if (!/^9903\.88\.(?:01|02|03|04|15)$/.test(h)) continue;
    const list = footnoteHits.get(c) ?? [];
    list.push({ edition: eds[0] as string, heading: h });
    footnoteHits.set(c, list);
  }
}

// (b) the product exclusions printed in note 20(h)-(www), expired ones included: an exclusion from heading
// 9903.88.0x names statistical numbers of products that were on that list when it was granted.
const exclusionEvidence = new Map<string, { list: string; sub: string; heading: string }[]>();
{
  const starts = findAll(
    /^\((?:[a-z]{1,3})\)\s+(?:\((?:i|ii|iii|iv)\)\s+)?The U\.S\. Trade Representative determined to establish a process|^\((?:i|ii|iii|iv)\) The U\.S\. Trade Representative determined to establish a process/,
    s20h,
    note21,
  );
  let outer = "";
  starts.forEach((a, k) => {
    const b = k + 1 < starts.length ? (starts[k + 1] as number) : note21;
    const first = (lines[a] ?? "").trim();
    const mOuter = /^\(([a-z]{1,3})\)/.exec(first);
    const mInner = /^(?:\([a-z]{1,3}\)\s+)?\((i|ii|iii|iv)\)/.exec(first);
    if (mOuter && !["i", "ii", "iii", "iv"].includes(mOuter[1] as string)) outer = mOuter[1] as string;
    const sub = `20(${outer})${mInner ? `(${mInner[1]})` : ""}`;
    const text = blockText(a, b);
    const intro = text.slice(0, text.search(/\(1\)|$/));
    const m =
      /determined that,? (?:as provided in heading 9903\.88\.\d\d, )?the additional duties (?:provided for in|imposed by) (heading 9903\.88\.\d\d(?: or (?:in )?heading 9903\.88\.\d\d)?)/.exec(
        intro,
      );
    if (!m) fail(`${sub}: excluded heading not found`);
    const lists = new Set(
      [...(m[1] as string).matchAll(/9903\.88\.\d\d/g)].map((x) => LIST_OF_HEADING[x[0]] ?? `?${x[0]}`),
    );
    if (lists.size !== 1 || [...lists][0]?.startsWith("?"))
      fail(`${sub}: excluded headings ${m[1]} not understood`);
    const list = [...lists][0] as string;
    const heading = ((m[1] as string).match(/9903\.88\.\d\d/) as RegExpMatchArray)[0];
    for (const c of new Set(
      [...text.slice(intro.length).matchAll(CODE_IN_TEXT)].map((x) => digits(x[0]).slice(0, 8)),
    )) {
      if (!reviewedSet.has(c)) continue;
      const ev = exclusionEvidence.get(c) ?? [];
      if (!ev.some((e) => e.list === list && e.sub === sub)) ev.push({ list, sub, heading });
      exclusionEvidence.set(c, ev);
    }
  });
}

// (c) the fixtures file (settled after checking the notes and the HTS JSON); the sentences must still be there
const fixturesText = readShared(FIXTURES_REL).toString("utf8");
const FIXTURE_LISTS: [string, string, string][] = [
  ["87038000", "1", "8703.80.00 List 1"],
  ["85423100", "2", "8542.31.00 List 2"],
  ["85414300", "2", "8541.43.00 List 2"],
  ["40151210", "4A", "4015.12.10 and 8507.60.00 List 4A"],
  ["85076000", "4A", "4015.12.10 and 8507.60.00 List 4A"],
];
for (const [, , phrase] of FIXTURE_LISTS)
  if (!fixturesText.includes(phrase)) fail(`fixtures no longer say "${phrase}"`);

const PREREVIEW_COLUMNS = ["code", "list", "heading", "source"];
const HEADING_OF_LIST: Record<string, string> = {
  "1": "9903.88.01",
  "2": "9903.88.02",
  "3": "9903.88.03",
  "4A": "9903.88.15",
};

// (d) the Section 301 lists as enumerated by Global Trade Alert (GTA), copied in a public repository. Each
// GTA intervention row lists the HTS8 codes of one USTR annex in the 2018-2019 nomenclature (HS 2017). Only
// the parts of each row needed here were copied (by hand, through the search tools); `covers` names the
// 4-digit headings for which the copied part is the complete row, so that absence there means "not listed".
const GTA_REF = "sjhardwick/us_tariff_data data/temp/measures.csv @4ea7d270e7600606d3cd82b2ff39c2d1d61a1290";
interface GtaRow {
  row: number;
  intervention: number;
  label: string;
  note: string;
  /** "1|2": GTA's row 18 holds List 1 and most of List 2 together, so it cannot tell them apart */
  list: "1|2" | "2" | "3" | "4A";
  covers: [string, string][];
  codes: string;
}
const GTA_ROWS: GtaRow[] = [
  {
    row: 18,
    intervention: 57917,
    label: "Section 301 List 1",
    note: "from 2018-07-06; the row also holds most List 2 codes",
    list: "1|2",
    covers: [
      ["2501", "2899"],
      ["3801", "3899"],
      ["7201", "8399"],
      ["8505", "8510"],
      ["8540", "8542"],
      ["8701", "8703"],
      ["9016", "9020"],
    ],
    codes: `
    28459000 38112100 38112900 73081000 73082000 73089030 73089060 73089070 73089095 76141010 76149020
    85051910 85052000 85059030 85059040 85059070 85059075 85064010 85064050 85065000 85066000 85069000
    85078040 85078081 85079080 85118020 85394100 85399000 85407910 85407920 85408900 85411000 85412100
    85412900 85413000 85414020 85414060 85414070 85414080 85414095 85415000 85416000 85419000 85423100
    85423200 85423300 85423900 85429000 85431000 87011001 87012000 87013010 87013050 87019110 87019150
    87019210 87019250 87019310 87019350 87019410 87019450 87019510 87019550 87021031 87021061 87022031
    87022061 87023031 87023061 87024031 87024061 87029031 87029061 87032101 87032201 87032301 87032401
    87033101 87033201 87033301 87034000 87035000 87036000 87037000 87038000 87039001 87041010 87041050
    87042100 90152080 90154040 90154080 90158020 90158060 90158080 90181130 90181160 90181190 90181200
    90181300 90181400 90181940 90181955 90181975 90181995 90182000 90189020 90189030 90189060 90189075
    90215000  `,
  },
  {
    row: 21,
    intervention: 62073,
    label: "Section 301 List 2",
    note: "from 2018-08-23",
    list: "2",
    covers: [["0101", "9999"]],
    codes: `
    87059000 87111000 87116000 87119001 89013000 90011000 90012000 90141090 90251940 90251980 90258010
    90271020 90281000 90282000 90283000 90292040 90299080 90303100 90303200 90308400 90308901 98020040
    98020050 98020060 98020080  `,
  },
  {
    row: 23,
    intervention: 63051,
    label: "Section 301 List 3",
    note: "9903.88.03, from 2018-09-24",
    list: "3",
    covers: [
      ["2501", "2621"],
      ["2801", "2805"],
      ["2825", "2825"],
      ["2840", "2849"],
      ["3816", "3819"],
      ["7201", "7306"],
      ["7601", "7610"],
      ["7901", "8113"],
      ["8505", "8507"],
      ["8541", "8542"],
      ["8701", "8705"],
      ["9018", "9024"],
    ],
    codes: `
    25010000 25020000 25030000 25051010 25051050 25059000 25061000 25062000 25070000 25081000 25084001
    25085000 25086000 25087000 25090010 25090020 25101000 25102000 25112000 25120000 25131000 25132010
    25132090 25140000 25151100 25151210 25151220 25152000 25161100 25161200 25162010 25162020 25169000
    25171000 25172000 25173000 25174100 25174900 25181000 25182000 25183000 25201000 25202000 25210000
    25221000 25222000 25223000 25231000 25232100 25232900 25233000 25239000 25241000 25249000 25251000
    25252000 25253000 25280000 25291000 25293000 25301000 25302010 25302020 25309010 25309020 26011100
    26011200 26012000 26040000 26070000 26121000 26140030 26140060 26151000 26159030 26159060 26161000
    26169000 26179000 26180000 26190030 26190090 26201100 26201930 26201960 26202100 26202900 26203000
    26206010 26206090 26209100 26209910 26209920 26209930 26209950 26209975 26209985 26219000 28011000
    28012000 28013010 28013020 28020000 28030000 28041000 28042100 28042900 28043000 28044000 28045000
    28046100 28048000 28049000 28051100 28051200 28051910 28051920 28051990 28054000 28251000 28252000
    28253000 28254000 28255010 28255020 28255030 28256000 28259010 28259015 28259075 28259090 28261200
    28401100 28401900 28402000 28403000 28413000 28415010 28415091 28416100 28416900 28419010 28419020
    28419030 28419040 28419045 28419050 28421000 28429010 28429090 28431000 28432100 28432901 28433000
    28439000 28441010 28441020 28441050 28451000 28470000 28491000 28499010 28499020 28499050 28500005
    38160000 38170010 38170015 38170020 38180000 38190000 72011000 72012000 72015030 72015060 72021110
    72021150 72021910 72021950 72022110 72022150 72022175 72022190 72022900 72023000 72024100 72024910
    72024950 72025000 72028000 72029100 72029200 72029910 72029920 72031000 72039000 72041000 72042100
    72042900 72043000 72044100 72044900 72045000 72051000 72052100 72052900 72166100 72166900 72169100
    73012010 73012050 73023000 73030000 73071100 76020000 76031000 76032000 76109000 76110000 79031000
    79039030 79039060 79040000 79050000 79070020 79070060 80070010 80070050 81019600 81029600 81043000
    81049000 81052030 81052060 81052090 81053000 81059000 81060000 81072000 81073000 81079000 81082000
    81083000 81089030 81089060 81093000 81099000 81121200 81121300 81121900 81122900 81125100 81125200
    81125900 81129206 81129210 81129220 81129240 81129250 81129265 81129270 81129910 81129920 81129990
    81130000 82011000 85051920 85051930 85061000 85063010 85063050 85068000 85071000 85072040 85072080
    85073040 85074040 85074080 85075000  `,
  },
  {
    row: 28,
    intervention: 71833,
    label: "Section 301 List 4",
    note: "List 4A, 9903.88.15, from 2019-09-01",
    list: "4A",
    covers: [
      ["2501", "2902"],
      ["7201", "7306"],
      ["7601", "8113"],
      ["8501", "8508"],
      ["8540", "8542"],
      ["8701", "8709"],
      ["9009", "9022"],
    ],
    codes: `
    24039147 26211000 27079951 27109100 27109905 27109910 27109916 27109921 27109931 27109932 27109939
    27109945 27109990 27122000 28111910 28181010 28181020 28273910 28299025 28371901 28442000 28445000
    29032100 71189000 72061000 72069000 72071100 72071200 72071900 72072000 72081015 72081030 72081060
    72082530 72082560 72082600 72082700 72083600 72083700 72083800 72083900 72084030 72084060 72085100
    72085200 72085300 72085400 72089000 72091500 72091600 72091700 72091815 72091825 72091860 72092500
    72092600 72092700 72092800 72099000 72101100 72101200 72102000 72103000 72104100 72104900 72105000
    72106100 72106900 72107030 72107060 72109010 72109060 72109090 72111300 72111400 72111915 72111920
    72111930 72111945 72111960 72111975 72112315 72112320 72112330 72112345 72112360 72112920 72112945
    72112960 72119000 72121000 72122000 72123010 72123030 72123050 72124010 72124050 72125000 72126000
    72131000 72132000 72139130 72139145 72139160 72139900 72141000 72142000 72143000 72149100 72149900
    72151000 72155000 72159010 72159030 72159050 72161000 72162100 72162200 72163100 72163200 72163300
    72164000 72165000 72169900 72171010 72171020 72171030 72171040 72171050 72171060 72171070 72171080
    72171090 72172015 72172030 72172045 72172060 72172075 72173015 72173030 72173045 72173060 72173075
    72179010 72179050 72181000 72189100 72189900 72191100 72191200 72191300 72191400 72192100 72192200
    72192300 72192400 72193100 72193200 72193300 72193400 72193500 72199000 72201100 72201210 72201250
    72202010 72202060 72202070 72202080 72202090 72209000 72210000 72221100 72221900 72222000 72223000
    72224030 72224060 72230010 72230050 72230090 72241000 72249000 72251100 72251900 72253011 72253030
    72253051 72253070 72254011 72254030 72254051 72254070 72255011 72255060 72255070 72255080 72259100
    72259200 72259900 72261110 72261190 72261910 72261990 72262000 72269105 72269115 72269125 72269150
    72269170 72269180 72269210 72269230 72269250 72269270 72269280 72269901 72271000 72272000 72279010
    72279020 72279060 72281000 72282010 72282050 72283020 72283040 72283060 72283080 72284000 72285010
    72285050 72286010 72286060 72286080 72287030 72287060 72288000 72292000 72299005 72299010 72299050
    72299090 73011000 73021010 73021050 73024000 73029010 73029090 73041100 73041910 73041950 73042200
    73042330 73042360 73042430 73042440 73042460 73042910 73042920 73042931 73042941 73042950 73042961
    73043130 73043160 73043900 73044130 73044160 73044900 73045110 73045150 73045910 73045920 73045960
    73045980 73049010 73049030 73049050 73049070 73051110 73051150 73051210 73051250 73051910 73051950
    73052020 73052040 73052060 73052080 73053120 73053140 73053160 73053910 73053950 73059010 73059050
    73061100 73061910 73061951 73062130 73062140 73062180 73062910 73062920 73062931 73062941 73062960
    73062981 73063010 73063030 73063050 73064010 73064050 73065010 73065030 73065050 73066110 73066130
    73066150 73066170 73066910 73066930 73066950 73066970 73069010 73069050 73170010 73181600 73194020
    74181000 76011030 76011060 76012030 76012060 76012090 76041010 76041030 76041050 76042100 76042910
    76042930 76042950 76051100 76051900 76052100 76052900 76061130 76061160 76061230 76061260 76069130
    76069160 76069230 76069260 76071130 76071160 76071190 76071910 76071930 76071960 76072010 76072050
    76081000 76082000 76090000 76101000 76151011 76151020 76151030 76151050 76151071 76151091 79070010
    82111000 85041000 85073080 85076000 85079040 85094000 85481015 85481025 85481035 87031010 87031050
    87100000 90131010 90131050 90138090 90139020 90141060 90230000  `,
  },
];
const gtaSets = GTA_ROWS.map((r) => {
  const codes = r.codes.split(/\s+/).filter(Boolean);
  for (const c of codes) if (!/^\d{8}$/.test(c)) fail(`GTA row ${r.row}: bad code ${c}`);
  return { ...r, set: new Set(codes) };
});
const gtaCovers = (r: GtaRow, c: string): boolean =>
  r.covers.some(([a, b]) => c.slice(0, 4) >= a && c.slice(0, 4) <= b);
const gtaSource = (r: GtaRow): string =>
  `GTA intervention ${r.intervention} "${r.label}" (${r.note}), row ${r.row} of ${GTA_REF}; same 8-digit code`;
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
type GtaResult =
  | { kind: "list"; row: Row }
  | { kind: "oneOrTwo" }
  | { kind: "none"; row: Row }
  | { kind: "notListed" }
  | { kind: "uncovered" };
function gtaEvidence(c: string): GtaResult {
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
const gtaOneOrTwo: string[] = [];
const gtaNotListed: string[] = [];

const prereview: Row[] = [];
const prereviewUnknown: string[] = [];
const prereviewBySource: Record<string, number> = {};
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
    for (const e of exclusionEvidence.get(c) ?? []) {
      const same = found.find((x) => x.list === e.list);
      if (same) same.source += `, 20(${e.sub.slice(3)}`;
      else
        found.push({
          code: c,
          list: e.list,
          heading: e.heading,
          source: `${note(e.sub)} (product exclusion from ${e.heading} naming a number under this subheading)`,
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
    const g = gtaEvidence(c);
    if (g.kind === "list" || g.kind === "none") {
      const same = found.find((x) => x.list === g.row.list);
      if (same) same.source += `; ${g.row.source}`;
      else if (found.length)
        fail(`pre-review list of ${c}: GTA says ${g.row.list}, other sources ${found.map((x) => x.list)}`);
      else found.push(g.row);
    } else if (g.kind === "oneOrTwo") {
      if (found.some((x) => x.list !== "1" && x.list !== "2"))
        fail(`pre-review list of ${c}: GTA says List 1 or 2, other sources ${found.map((x) => x.list)}`);
      if (found.length === 0) gtaOneOrTwo.push(c);
    } else if (g.kind === "notListed" && found.length === 0) gtaNotListed.push(c);
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
  if (found.length === 0) prereviewUnknown.push(c);
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
    prereviewBySource[kind] = (prereviewBySource[kind] ?? 0) + 1;
  }
  prereview.push(...found);
}
for (const c of GTA_NONE)
  if (!prereview.some((r) => r.code === c && r.list === "none")) fail(`GTA none: ${c} was not used`);
const prereviewCount = (list: string): number => prereview.filter((r) => r.list === list).length;

// ---------------------------------------------------------------------------------------------------------
// Third-party lists copied with provenance

interface Copy {
  from: string;
  to: string;
  what: string;
  origin: string;
  /** Write a 10-digit code ending in 00 that no HTS revision has as its HTS8 when that HTS8 exists. */
  unpad?: boolean;
}
const YALE = "Budget Lab at Yale, tariff-rate-tracker (MIT)";
const WAUGH = "M. Waugh, trade-war-redux-2025 (MIT)";
const COPIES: Copy[] = [
  {
    from: "waugh-annex-II-exemptions.csv",
    to: "ieepa-annex2-2025-04-05.csv",
    what: "IEEPA reciprocal Annex II as of April 2025",
    origin: WAUGH,
    unpad: true,
  },
  {
    from: "waugh-annex-II-exemptions-nov14.csv",
    to: "ieepa-annex2-2025-11-14.csv",
    what: "IEEPA reciprocal Annex II as of 2025-11-14",
    origin: WAUGH,
    unpad: true,
  },
  {
    from: "waugh-consumer_electronics_EO14257_apr11.csv",
    to: "ieepa-electronics-2025-04-11.csv",
    what: "2025-04-11 electronics exemption (retroactive to 2025-04-05)",
    origin: WAUGH,
  },
  {
    from: "s232_derivative_products.csv",
    to: "s232-derivatives.csv",
    what: "Section 232 steel/aluminium derivatives, with heading, type and dates",
    origin: YALE,
  },
  {
    from: "s232_copper_products.csv",
    to: "s232-copper.csv",
    what: "Section 232 copper (US note 36(b))",
    origin: YALE,
  },
  { from: "waugh-steel-tariffs.csv", to: "s232-steel.csv", what: "Section 232 steel list", origin: WAUGH },
  {
    from: "waugh-alu-tariffs.csv",
    to: "s232-aluminum.csv",
    what: "Section 232 aluminium list",
    origin: WAUGH,
  },
  {
    from: "waugh-auto-tariffs.csv",
    to: "s232-autos.csv",
    what: "Section 232 autos and auto parts",
    origin: WAUGH,
  },
];
interface CopyInfo extends Copy {
  sha: string;
  rows: number;
  columns: string[];
  badCodes: string[];
  unpadded: string[];
}
const copyInfo: CopyInfo[] = [];
const htsCodes = (() => {
  const hts = loadHts();
  return new Set<string>([...hts.codes8(), ...hts.codes10()]);
})();
function copyList(c: Copy): CopyInfo {
  const buf = readShared(`${LISTS_REL}/${c.from}`);
  const rows = readCsv(buf);
  const header = rows.shift() ?? fail(`${c.from} is empty`);
  const extra = header.slice(1).map((h) => h.trim());
  const out: Row[] = [];
  const bad: string[] = [];
  const unpadded: string[] = [];
  for (const r of rows) {
    let code = (r[0] ?? "").trim().replace(/\./g, "");
    if (!/^\d{4}(\d{2}){0,3}$/.test(code)) bad.push(code);
    if (
      c.unpad &&
      code.length === 10 &&
      code.endsWith("00") &&
      !htsCodes.has(code) &&
      htsCodes.has(code.slice(0, 8))
    ) {
      unpadded.push(code);
      code = code.slice(0, 8);
    }
    const row: Row = { code, source: `${c.origin}: ${c.from}` };
    extra.forEach((h, k) => {
      row[h] = (r[k + 1] ?? "").trim();
    });
    out.push(row);
  }
  if (bad.length) fail(`${c.from}: codes that are not 4/6/8/10 digits: ${bad.slice(0, 5).join(" ")}`);
  const columns = ["code", ...extra, "source"];
  writeCsv(c.to, columns, out, ["code", ...extra]);
  return { ...c, sha: sha256(buf), rows: out.length, columns, badCodes: bad, unpadded };
}

// ---------------------------------------------------------------------------------------------------------
// Write everything

mkdirSync(outDir, { recursive: true });

writeCsv("s301-list1.csv", LIST_COLUMNS, list1);
writeCsv("s301-list2.csv", LIST_COLUMNS, list2);
writeCsv("s301-list3.csv", LIST_COLUMNS, list3);
writeCsv("s301-list4a.csv", LIST_COLUMNS, list4a);
writeCsv("s301-list4b.csv", LIST_COLUMNS, list4b);
writeCsv("s301-review.csv", REVIEW_COLUMNS, review, ["code", "effective_from", "heading"]);
writeCsv("s301-prereview.csv", PREREVIEW_COLUMNS, prereview, ["code", "list"]);
writeCsv("s301-exclusions.csv", EXCL_COLUMNS, exclusions, ["heading", "item", "code"]);
writeCsv("ieepa-annex2-ch99note.csv", ANNEX_COLUMNS, annex2, ["code", "heading"]);
writeCsv("s122-annex.csv", ANNEX_COLUMNS, s122, ["code", "heading"]);
writeCsv("s232-autos-ch99note.csv", ["code", "digits", "source"], autos);
writeCsv("s232-auto-parts.csv", ["code", "digits", "source"], autoParts);
writeCsv(
  "s232-aluminum-derivatives-note19.csv",
  ["code", "digits", "heading", "from", "from_source", "source"],
  alDerivatives,
  ["code", "heading"],
);
writeCsv(
  "s232-metals-2026-note16.csv",
  ["code", "digits", "list", "heading", "metal", "weight_threshold", "source"],
  metals2026,
  ["code", "list"],
);
for (const c of COPIES) copyInfo.push(copyList(c));

// ---------------------------------------------------------------------------------------------------------
// Checks against other sources (used in the README and the conflicts report)

/** Does a list of prefixes (4-10 digits) cover a code? */
const covers = (prefixes: string[], code: string): string | undefined =>
  prefixes.find((p) => code.startsWith(p) || p.startsWith(code));

// Electronics file vs the chronology row for 2025-04-05 (retroactive)
const ELECTRONICS_PREFIXES = [
  "8471",
  "847330",
  "8486",
  "85171300",
  "85176200",
  "85235100",
  "8524",
  "85285200",
  "85411000",
  "85412100",
  "85412900",
  "85413000",
  "85414910",
  "85414970",
  "85414980",
  "85414995",
  "85415100",
  "85415900",
  "85419000",
  "8542",
];
const electronicsCodes = readCsv(readShared(`${LISTS_REL}/waugh-consumer_electronics_EO14257_apr11.csv`))
  .slice(1)
  .map((r) => (r[0] ?? "").trim());
const elecOutside = electronicsCodes.filter((c) => !ELECTRONICS_PREFIXES.some((p) => c.startsWith(p)));
const elecUncovered = ELECTRONICS_PREFIXES.filter((p) => !electronicsCodes.some((c) => c.startsWith(p)));
const electronicsAgree = elecOutside.length === 0 && elecUncovered.length === 0;
if (!electronicsAgree) {
  // The chronology row decides: write the list as prefixes.
  writeCsv(
    "ieepa-electronics-2025-04-11.csv",
    ["code", "source"],
    ELECTRONICS_PREFIXES.map((code) => ({ code, source: "docs/chronology.md row 2025-04-05 (retroactive)" })),
  );
}
// The note's Annex II must contain every electronics prefix (they were added to Annex II).
const annex2Codes = annex2.filter((r) => r.heading === "9903.01.32").map((r) => r.code);
const elecNotInAnnex = ELECTRONICS_PREFIXES.filter((p) => !annex2Codes.includes(p));

// Section 122 annex vs the Waugh list
const waugh122 = readCsv(readShared(`${LISTS_REL}/waugh-section122-product-exemptions.csv`))
  .slice(1)
  .map((r) => (r[0] ?? "").trim());
const s122Codes = s122.filter((r) => r.heading === "9903.03.03").map((r) => r.code);
const s122OnlyNote = s122Codes.filter((c) => !waugh122.includes(c));
const s122OnlyWaugh = waugh122.filter((c) => !s122Codes.includes(c));

// Note 33 vs the Waugh auto file
const waughAutos = readCsv(readShared(`${LISTS_REL}/waugh-auto-tariffs.csv`))
  .slice(1)
  .map((r) => (r[0] ?? "").trim());
const note33Codes = [...autos, ...autoParts].map((r) => r.code as string);
const autosOnlyNote = note33Codes.filter((c) => !waughAutos.includes(c));
const autosOnlyWaugh = waughAutos.filter((c) => !note33Codes.includes(c));

// The two copper lists (Yale, Waugh)
const copperYale = readCsv(readShared(`${LISTS_REL}/s232_copper_products.csv`))
  .slice(1)
  .map((r) => (r[0] ?? "").trim())
  .sort();
const copperWaugh = readCsv(readShared(`${LISTS_REL}/waugh-copper-list.csv`))
  .slice(1)
  .map((r) => (r[0] ?? "").trim())
  .sort();
const copperSame = copperYale.join(" ") === copperWaugh.join(" ");

// Note 19 derivative aluminium vs the Yale derivative list (aluminium rows)
const yaleDeriv = readCsv(readShared(`${LISTS_REL}/s232_derivative_products.csv`)).slice(1);
const yaleAl = yaleDeriv
  .filter((r) => (r[2] ?? "").trim() === "aluminum")
  .map((r) => ({ code: (r[0] ?? "").trim(), heading: (r[1] ?? "").trim() }));
const samePrefix = (x: string, y: string): boolean => x.startsWith(y) || y.startsWith(x);
const alOnlyNote = alDerivatives
  .filter((n) => !yaleAl.some((y) => y.heading === n.heading && samePrefix(y.code, n.code as string)))
  .map((n) => `${fmtCode(n.code as string)} (${n.heading})`)
  .sort();
const alOnlyYale = yaleAl
  .filter((y) => !alDerivatives.some((n) => n.heading === y.heading && samePrefix(y.code, n.code as string)))
  .map((y) => `${fmtCode(y.code)} (${y.heading})`)
  .sort();

// Annex II in the note vs the dated Waugh versions (prefix coverage)
const annexApr = readCsv(readShared(`${LISTS_REL}/waugh-annex-II-exemptions.csv`))
  .slice(1)
  .map((r) => (r[0] ?? "").trim());
const annexNov = readCsv(readShared(`${LISTS_REL}/waugh-annex-II-exemptions-nov14.csv`))
  .slice(1)
  .map((r) => (r[0] ?? "").trim());
const aprNotInNote = annexApr.filter((c) => !covers(annex2Codes, c));
const novNotInNote = annexNov.filter((c) => !covers(annex2Codes, c));
const noteNotInNov = annex2Codes.filter((c) => !annexNov.some((x) => x.startsWith(c) || c.startsWith(x)));

// ---------------------------------------------------------------------------------------------------------
// Conflicts report: Yale s301_product_lists.csv vs the note lists; Yale ieepa_exempt_products.csv vs Annex II

const yale301 = readCsv(readShared(`${LISTS_REL}/s301_product_lists.csv`)).slice(1);
const YALE_LIST: Record<string, string> = {
  "1": "1",
  "2": "2",
  "3": "3",
  "3_addl": "3",
  "4A": "4A",
  "4B": "4B",
};
const yaleLists = new Map<string, Set<string>>();
const yaleReview = new Map<string, Set<string>>();
for (const [hts8 = "", list = "", ch99 = ""] of yale301) {
  const l = YALE_LIST[list];
  if (l) {
    const s = yaleLists.get(hts8) ?? new Set<string>();
    s.add(l);
    yaleLists.set(hts8, s);
  } else {
    const s = yaleReview.get(hts8) ?? new Set<string>();
    s.add(ch99);
    yaleReview.set(hts8, s);
  }
}
const noteListOf = new Map<string, Set<string>>();
for (const [l, rows] of [...noteLists, ["4B", list4b] as [string, ListRow[]]]) {
  for (const r of rows) {
    const s = noteListOf.get(r.code) ?? new Set<string>();
    s.add(l);
    noteListOf.set(r.code, s);
  }
}
const setStr = (s: Set<string> | undefined): string => (s ? [...s].sort().join("+") : "-");
const allCodes = [...new Set([...yaleLists.keys(), ...noteListOf.keys()])].sort();
const onlyYale: string[] = [];
const onlyNote: string[] = [];
const differ: string[] = [];
for (const c of allCodes) {
  const y = yaleLists.get(c);
  const n = noteListOf.get(c);
  if (y && !n) onlyYale.push(c);
  else if (n && !y) onlyNote.push(c);
  else if (setStr(y) !== setStr(n)) differ.push(c);
}
// Classify the differences: Yale's List 4B is far larger than 20(u) (it adds 4B to codes on other lists).
const differExtra4B = differ.filter((c) => {
  const y = new Set(yaleLists.get(c));
  y.delete("4B");
  return setStr(y) === setStr(noteListOf.get(c));
});
const differOther = differ.filter((c) => !differExtra4B.includes(c));
const onlyYaleNotInHts = onlyYale.filter((c) => !hts2026r6.has(c));
const onlyYaleInHts = onlyYale.filter((c) => hts2026r6.has(c));
const reviewOf = new Map<string, Set<string>>();
for (const r of review) {
  const c8 = (r.code as string).slice(0, 8);
  const s = reviewOf.get(c8) ?? new Set<string>();
  s.add(r.heading as string);
  reviewOf.set(c8, s);
}
const reviewDiff = [...new Set([...reviewOf.keys(), ...yaleReview.keys()])]
  .sort()
  .filter((c) => setStr(reviewOf.get(c)) !== setStr(yaleReview.get(c)));

const yaleIeepa = readCsv(readShared(`${LISTS_REL}/ieepa_exempt_products.csv`))
  .slice(1)
  .map((r) => (r[0] ?? "").trim());
const ieepaNotInAnnex = yaleIeepa.filter((c) => !covers(annex2Codes, c));
const annexNotInIeepa = annex2Codes.filter((c) => !yaleIeepa.some((x) => x.startsWith(c) || c.startsWith(x)));

const prereviewOf = new Map<string, string>();
for (const r of prereview) prereviewOf.set(r.code as string, r.list as string);
const mdList = (codes: string[], n = 50): string =>
  codes.length
    ? `${codes.slice(0, n).map(fmtCode).join(", ")}${codes.length > n ? ` … (+${codes.length - n})` : ""}`
    : "none";

const KNOWN = ["85076000", "85423100"];
const conflictLines: string[] = [
  "# Conflicts between the third-party lists and the Chapter 99 notes",
  "",
  `Generated by \`scripts/extract-notes.ts\` from the ${EDITION} notes text and`,
  "`data/us/lists/s301_product_lists.csv` / `ieepa_exempt_products.csv` (Budget Lab at Yale tariff-rate-tracker, MIT).",
  "The legal text decides; this file only records where the third-party lists differ.",
  "",
  "## Section 301 lists: `s301_product_lists.csv` (hts8, list, ch99_code) vs notes 20(b)/(d)/(f)/(g)/(s)/(u)",
  "",
  `Yale rows: ${yale301.length} (${yaleLists.size} codes on Lists 1-4B, ${yaleReview.size} codes on review headings).`,
  `Note codes on Lists 1-4B: ${noteListOf.size}.`,
  "",
  "| comparison | codes | first 50 |",
  "|---|---:|---|",
  `| on a list in Yale only | ${onlyYale.length} | ${mdList(onlyYale)} |`,
  `| … of which not an HTS8 of HTS 2026 rev 6 (old nomenclature) | ${onlyYaleNotInHts.length} | ${mdList(onlyYaleNotInHts)} |`,
  `| … of which a current HTS8 | ${onlyYaleInHts.length} | ${mdList(onlyYaleInHts)} |`,
  `| on a list in the notes only | ${onlyNote.length} | ${mdList(onlyNote)} |`,
  `| on different lists | ${differ.length} | ${mdList(differ)} |`,
  `| … of which only because Yale adds List 4B | ${differExtra4B.length} | ${mdList(differExtra4B)} |`,
  `| … of which otherwise | ${differOther.length} | ${mdList(differOther)} |`,
  "",
  `Yale has ${[...yaleLists.values()].filter((x) => x.has("4B")).length} codes on List 4B; note 20(u) has ${list4b.length}`,
  "(List 4B was never in force, so this does not change any duty, but a 4B row must never be used as a list).",
  "",
  "### On a list in Yale only, with the review headings of note 31",
  "",
  "| code | Yale | in HTS 2026 rev 6 | note 31 headings |",
  "|---|---|---|---|",
  ...onlyYale.map(
    (c) =>
      `| ${fmtCode(c)} | ${setStr(yaleLists.get(c))} | ${hts2026r6.has(c) ? "yes" : "no"} | ${setStr(reviewOf.get(c))} |`,
  ),
  "",
  "### Known errors",
  "",
  "| code | Yale lists | note lists (rev 6) | note 31 headings | pre-review list (s301-prereview.csv) |",
  "|---|---|---|---|---|",
  ...KNOWN.map(
    (c) =>
      `| ${fmtCode(c)} | ${setStr(yaleLists.get(c))} (${setStr(yaleReview.get(c))}) | ${setStr(noteListOf.get(c))} | ${setStr(reviewOf.get(c))} | ${prereviewOf.get(c) ?? "unknown"} |`,
  ),
  "",
  "Both are on List 4B in the Yale file (9903.88.16, suspended since 2019, never in force). The legal position:",
  '8507.60.00 was on List 4A (9903.88.15, HTS 2025 footnote "See 9903.88.15 and 9903.91.01"), with 8507.60.0010',
  "moved to 9903.91.01 from 2024-09-27 and the whole subheading to 9903.91.06 from 2026-01-01; 8542.31.00 was on",
  "List 2 (fixtures) and is under 9903.91.05 from 2025-01-01. Neither is in the rev 6 list grids any more.",
  "",
  "### On different lists, other than Yale's extra List 4B",
  "",
  "| code | Yale | notes |",
  "|---|---|---|",
  ...differOther.map((c) => `| ${fmtCode(c)} | ${setStr(yaleLists.get(c))} | ${setStr(noteListOf.get(c))} |`),
  "",
  "### Four-year review headings (9903.91.xx), Yale vs note 31 (8-digit level)",
  "",
  `${reviewDiff.length} codes differ.`,
  "",
  "| code | Yale | note 31 (incl. rows deleted from 31(b)) |",
  "|---|---|---|",
  ...reviewDiff.map((c) => `| ${fmtCode(c)} | ${setStr(yaleReview.get(c))} | ${setStr(reviewOf.get(c))} |`),
  "",
  "## IEEPA Annex II: `ieepa_exempt_products.csv` (hts10) vs note 2(v)(iii)(a) (heading 9903.01.32)",
  "",
  `Yale codes: ${yaleIeepa.length}. Note entries: ${annex2Codes.length} (4-, 6-, 8- and 10-digit; a shorter code covers`,
  "every code under it). Matching is by prefix in either direction.",
  "",
  "| comparison | count | first 50 |",
  "|---|---:|---|",
  `| Yale codes not covered by any note entry | ${ieepaNotInAnnex.length} | ${mdList(ieepaNotInAnnex)} |`,
  `| note entries with no Yale code under or over them | ${annexNotInIeepa.length} | ${mdList(annexNotInIeepa)} |`,
  "",
  `8507.60 in the Yale file: ${yaleIeepa.filter((c) => c.startsWith("850760")).join(", ") || "none"}; in the note Annex II: ${annex2Codes.filter((c) => c.startsWith("8507")).join(", ") || "none"}.`,
  "",
];
writeFileSync(join(outRoot, "conflicts.md"), `${conflictLines.join("\n")}`);

// ---------------------------------------------------------------------------------------------------------
// README

const count = (name: string): number => written.find((w) => w.file === name)?.rows ?? 0;
const cnt = (rows: Row[], f: (r: Row) => boolean): number => rows.filter(f).length;
const reviewByHeading = Object.entries(
  review.reduce<Record<string, number>>((acc, r) => {
    const k = `${r.heading} (${r.status === "in note text" ? "note" : r.status?.startsWith("deleted") ? "deleted rows" : "heading text"})`;
    acc[k] = (acc[k] ?? 0) + 1;
    return acc;
  }, {}),
)
  .sort()
  .map(([k, v]) => `${k}: ${v}`)
  .join("; ");

const readme: string[] = [
  "# Product lists (`data/lists/us/`)",
  "",
  "Generated by `npx tsx scripts/extract-notes.ts [sharedDir]` (default `../shared`); do not edit by hand.",
  "Codes are digit strings without dots. Unless a file says otherwise a code is an 8-digit subheading or a",
  "10-digit statistical reporting number; where a list gives a 4- or 6-digit heading (Annex II, the Section 122",
  "annex, the auto-parts list, some 232 lists) the code stands for every code under it (prefix match, column",
  "`digits`). `partial=yes` marks described products: only the goods the `description` names are covered, and",
  "`except` lists the statistical numbers carved out of the subheading.",
  "",
  `Primary source: the text of the Chapter 99 US notes, ${EDITION}, \`${NOTES_REL}\``,
  `(sha256 \`${sha256(notesGz)}\`), extracted from the USITC PDF. \`source\` names the note subdivision`,
  '("ch99 subch. III note 20(b)" = subchapter III, U.S. note 20, subdivision (b)). The legal text wins over the',
  "third-party lists; their differences are in `../conflicts.md`.",
  "",
  "## From the notes",
  "",
  "| file | what | source | rows |",
  "|---|---|---|---:|",
  `| s301-list1.csv | Section 301 List 1 (heading 9903.88.01, +25% since 2018-07-06) | note 20(b) | ${count("s301-list1.csv")} |`,
  `| s301-list2.csv | Section 301 List 2 (9903.88.02, +25% since 2018-08-23) | note 20(d) | ${count("s301-list2.csv")} |`,
  `| s301-list3.csv | Section 301 List 3 (9903.88.03; plus the ${cnt(list3, (r) => r.heading === "9903.88.04")} described products of 9903.88.04) | notes 20(f), 20(g) | ${count("s301-list3.csv")} |`,
  `| s301-list4a.csv | Section 301 List 4A (9903.88.15, +7.5% since 2020-02-14): ${cnt(list4a, (r) => r.partial === "no")} subheadings + ${cnt(list4a, (r) => r.partial === "yes")} described products (partial=yes, with exceptions) | notes 20(s)(i), 20(s)(ii) | ${count("s301-list4a.csv")} |`,
  `| s301-list4b.csv | Section 301 List 4B (9903.88.16): **suspended, never in force** (${cnt(list4b, (r) => r.partial === "no")} subheadings + ${cnt(list4b, (r) => r.partial === "yes")} described) | notes 20(u)(i), 20(u)(ii) | ${count("s301-list4b.csv")} |`,
  `| s301-review.csv | 2024 four-year review: code, heading, rate (additional %), effective_from, effective_until. ${reviewByHeading} | note 31(b)-(j); heading 9903.91.10; see below | ${count("s301-review.csv")} |`,
  `| s301-prereview.csv | List membership before the review of the ${reviewed8.length} reviewed 8-digit subheadings (see below) | note 20 text, HTS footnotes, fixtures, GTA's copy of the USTR lists, USTR's 2024 table | ${count("s301-prereview.csv")} |`,
  `| s301-exclusions.csv | Section 301 product exclusions, one row per (exclusion, code): ${Object.entries(
    exclusionCounts,
  )
    .map(([k, v]) => `${k} ${v}`)
    .join(
      ", ",
    )} = ${Object.values(exclusionCounts).reduce((a, b) => a + b, 0)} exclusions; claim heading, excluded heading, statistical number(s) with their validity dates, description (whitespace-normalised) | notes 20(vvv)(i)-(iv), 20(www) | ${count("s301-exclusions.csv")} |`,
  `| ieepa-annex2-ch99note.csv | IEEPA reciprocal Annex II as printed in rev 6: ${cnt(annex2, (r) => r.heading === "9903.01.32")} entries exempt under 9903.01.32 (${["4", "6", "8", "10"].map((d) => `${cnt(annex2, (r) => r.heading === "9903.01.32" && r.digits === d)} of ${d} digits`).join(", ")}) + ${cnt(annex2, (r) => r.heading === "9903.02.78")} particular articles of any country under 9903.02.78 (partial) | note 2(v)(iii)(a), (b) | ${count("ieepa-annex2-ch99note.csv")} |`,
  `| s122-annex.csv | Section 122 surcharge annex: ${cnt(s122, (r) => r.heading === "9903.03.03")} subheadings exempt under 9903.03.03 + ${cnt(s122, (r) => r.heading === "9903.03.04")} particular articles under 9903.03.04 (partial) | note 2(aa)(ii), (iii) | ${count("s122-annex.csv")} |`,
  `| s232-autos-ch99note.csv | Section 232 autos (9903.94.01 etc.) | note 33(b) | ${count("s232-autos-ch99note.csv")} |`,
  `| s232-auto-parts.csv | Section 232 auto parts (9903.94.05, .06 and the partner headings) | note 33(g) | ${count("s232-auto-parts.csv")} |`,
  `| s232-aluminum-derivatives-note19.csv | Section 232 derivative aluminium of headings 9903.85.04 (${cnt(alDerivatives, (r) => r.heading === "9903.85.04")}), .07 (${cnt(alDerivatives, (r) => r.heading === "9903.85.07")}) and .08 (${cnt(alDerivatives, (r) => r.heading === "9903.85.08")}); those headings are **terminated as of 2026-04-06** (compiler's note). \`from\`: the date the code became subject (2025-03-12, or a later Commerce addition, see \`from_source\`) | note 19(i), (j), (k); CSMS 64384496, 64639013, 65936615 | ${count("s232-aluminum-derivatives-note19.csv")} |`,
  `| s232-metals-2026-note16.csv | Section 232 metals from 2026-04-06 (the April 2026 restructuring), \`list\` (i)-(x) of note 16(c): ${METALS_LISTS.map((l) => `(${l.sub}) ${l.title.toLowerCase()} ${cnt(metals2026, (r) => r.list === l.sub)}`).join(", ")}; \`heading\`: 9903.82.02 (50%) for (i)-(v), 9903.82.09 (25%) for (vi)-(viii), 9903.82.10 (15% floor) for (ix)-(x); \`weight_threshold\` yes: outside chapters 72, 73, 74 and 76, where the headings apply only if the metal is at least 15% of the article's weight. The grid of (iv) and (v) shares one page with offset columns: chapter 74 codes are taken as (v) copper, the rest as (iv) | note 16(c) | ${count("s232-metals-2026-note16.csv")} |`,
  "",
  "All from the Chapter 99 US notes, HTS 2026 revision 6, USITC (public domain).",
  "",
  "### Notes on the extraction",
  "- The list grids read left to right, with empty cells where codes were deleted and, on some pages, the",
  '  first grid row printed on the line of the running head ("U.S. Notes (con.)"); the script keeps those',
  '  rows. Codes cited in prose ("heading 9903.88.xx", statistical numbers in exceptions) are never read as',
  "  list members; a grid block containing a stray non-chapter-99 code in prose makes the script fail.",
  "- List counts are those of the 2026 text, in 2026 nomenclature: codes split since 2018 appear as their",
  "  successors, and subheadings moved wholly to the 2024 review (note 31) are gone from the list grids.",
  "  Historical counts: List 1 818, List 2 279, List 3 about 5,745 subheadings.",
  `- 20(u)(ii) item 7 prints "9403.770.4001 [Compiler's note: so in original; likely should be 9403.70.4001]":`,
  "  the corrected number is used.",
  "- Note 31 dates are those printed in each subdivision (12:01 a.m. Eastern). The rates come from the article",
  "  descriptions of headings 9903.91.01-.08 and .11; the note dates were checked against those headings.",
  '- s301-review.csv also has the row deleted from 31(f)(i) (item (3), "Deleted. See 89 Fed. Reg. 101682"):',
  "  4015.12.10 under 9903.91.05 (50%) from 2025-01-01 until 2026-01-01, identified by the HTS footnotes",
  '  ("See 9903.91.05" in the 2025 editions, "See 9903.91.08" from 2026 Basic). The script checks that every HTS',
  "  footnote pointer at a 9903.91.01-.08/.11 heading (all editions) is matched by a row.",
  "- s301-review.csv also has: heading 9903.91.10 (enteral syringes 9018.31.0080 carved out of 9903.91.03 from",
  "  2024-09-27 to before 2026-01-01; rate 0 = no additional duty) and the rows deleted from note 31(b): the",
  '  2026 text says "Numbers (1) through (4) have been deleted. See 89 Fed. Reg. 76581". Those rows',
  `  (${DELETED_31B.map(fmtCode).join(", ")}; status "deleted ...") come from the`,
  "  annex table of 89 FR 76581 (FR Doc 2024-21217; read in a copy of the FR text found with the search tools,",
  "  not shipped in ../shared) and the HTS 2025 footnotes (8507.60.00 and 6307.90.98:",
  '  "See ... 9903.91.01"); their end date 2026-01-01 is inferred (9903.91.06/.07 take them over on that date).',
  "  The notice's table has five 2024 statistical numbers for four deleted items, so one item probably grouped two.",
  "- Note 31(k) (9903.91.12/.13, intermodal chassis) and 31(l) (9903.91.14-.16, ship-to-shore cranes) belong to",
  "  the 2025 shipbuilding action (from 2026-11-10 per their headings) and are not extracted.",
  "",
  "### Pre-review list membership (s301-prereview.csv)",
  "",
  "The 2026 notes no longer list the reviewed codes under their old list. Columns: `list` is 1, 2, 3, 4A, or",
  "`none` (on no Section 301 list before 2024-09-27; `heading` is then empty). Sources, in this order:",
  "1. note 20 of the rev 6 text: the reviewed subheading is still printed in a list (partial moves), or else a",
  "   product exclusion printed in 20(h)-(www) (expired ones included) names a statistical number under it and",
  "   says which heading (list) it was excluded from;",
  `2. the footnotes of the HTS JSON editions in \`${HTS_REL}\` (${htsFiles.length} editions, 2025 Basic to`,
  '   2026 rev 10): an HTS8 line footnoted "See 9903.88.0x/15" was on that list;',
  "3. the Section 301 lists as enumerated by Global Trade Alert, in the copy of the GTA measures in",
  `   ${GTA_REF} (rows 18 "List 1" with most of List 2, 21 "List 2",`,
  '   23 "List 3", 28 "List 4", i.e. 4A; HTS8 codes of the 2018-2019 annexes, HS 2017). A reviewed code takes a',
  "   list when the same 8-digit code is in a row (no code was mapped across the HS 2022 changes). GTA is a",
  "   third-party compilation of the annexes of 83 FR 28710, 83 FR 40823, 83 FR 47974 and 84 FR 43304; its rows",
  "   were not checked against the Federal Register pages here (they agree with every note-20 and fixture row",
  "   above that they cover: 7217.20.30, 7217.20.45, 8507.60.00 on 4A; 8541.10.00, 8541.21.00, 8541.29.00,",
  "   8542.31.00, 8703.80.00 on the List 1-or-2 row). The parts of",
  "   the rows needed here are copied into the script (`GTA_ROWS`, with the headings each copied part covers",
  "   completely). A code on none of the four rows is `none` only where the code already stood in the",
  "   2018-2019 HTS (`GTA_NONE`, judged by hand) and, except for the tungsten products of 9903.91.11, USTR's",
  '   table of the review (press release of 2024-09-13, "Previous Section 301 Tariff Rate"; read in a copy',
  "   found with the search tools) gives the product group 0%, or 0% or 7.5% (List 4A) for every group raised",
  "   to 25% on 2024-09-27 under 9903.91.01;",
  `4. the fixtures file \`${FIXTURES_REL}\` ("Settled after checking ..."): 8703.80.00 List 1, 8542.31.00`,
  "   List 2, 8541.43.00 List 2, 4015.12.10 and 8507.60.00 List 4A (the script fails if those sentences change).",
  "The script fails when two sources disagree.",
  "",
  `Known: ${reviewed8.length - prereviewUnknown.length} of ${reviewed8.length} (List 1 ${prereviewCount("1")}, List 2 ${prereviewCount("2")}, List 3 ${prereviewCount("3")}, List 4A ${prereviewCount("4A")}, none ${prereviewCount("none")}).`,
  `Rows by first source: ${Object.entries(prereviewBySource)
    .sort()
    .map(([k, v]) => `${k} ${v}`)
    .join(", ")} (a row can name two sources when they agree).`,
  "Earlier searches (Yale and SAIL tariff-rate-tracker repositories, M. Waugh's repositories) found no older",
  "list file; the Yale `s301_product_lists.csv` was built from the post-review notes and cannot serve.",
  "",
  `Unknown (reviewed, no pre-review list found; ${prereviewUnknown.length} subheadings, left out of the file):`,
  `${prereviewUnknown.map(fmtCode).join(", ")}.`,
  `- on List 1 or List 2, which GTA's row 18 does not tell apart (both 25%, from 2018-07-06 or 2018-08-23;`,
  `  USTR's table gives semiconductors and electric vehicles 25% before the review): ${gtaOneOrTwo
    .filter((c) => prereviewUnknown.includes(c))
    .map(fmtCode)
    .join(", ")};`,
  "- on none of the GTA rows, but the code is new with HS 2022 (2844.41-.44 split from 2844.40; 8541.42-.59 from",
  "  8541.40 and 8541.50, partly on List 1 or 2) or its neighbours were renumbered since 2018 (8112.92), so the",
  `  2018-2019 rows cannot speak for it: ${gtaNotListed
    .filter((c) => prereviewUnknown.includes(c))
    .map(fmtCode)
    .join(", ")}.`,
  "",
  "## Copied from third-party lists (with provenance)",
  "",
  "Copied row for row from `data/us/lists` of the shared data; codes have their dots removed, the other columns",
  "are kept, and a `source` column names the origin. Licence MIT; cite the origin.",
  "",
  "| file | what | copied from | origin | sha256 of the original | rows |",
  "|---|---|---|---|---|---:|",
  ...copyInfo.map(
    (c) => `| ${c.to} | ${c.what} | ${c.from} | ${c.origin} | \`${c.sha.slice(0, 16)}…\` | ${count(c.to)} |`,
  ),
  "",
  ...copyInfo
    .filter((c) => c.unpadded.length > 0)
    .map(
      (c) =>
        `- ${c.to}: ${c.unpadded.length} 10-digit codes ending in 00 exist in no HTS revision while their HTS8 does (the source padded an 8-digit entry); they are written as the HTS8: ${mdList(c.unpadded, 12)}.`,
    ),
  "",
  "### Checks",
  `- Electronics (2025-04-11) vs the chronology row for 2025-04-05 (retroactive: 8471; 8473.30; 8486; 8517.13.00;`,
  "  8517.62.00; 8523.51.00; 8524; 8528.52.00; 8541.10.00; 8541.21.00; 8541.29.00; 8541.30.00; 8541.49.10/.70/.80/.95;",
  `  8541.51.00; 8541.59.00; 8541.90.00; 8542): ${
    electronicsAgree
      ? `the ${electronicsCodes.length} codes of the file all fall under those prefixes and every prefix has codes, so the file is kept.`
      : `the file disagrees (outside the row: ${mdList(elecOutside, 20)}; prefixes without codes: ${mdList(elecUncovered, 20)}), so ieepa-electronics-2025-04-11.csv is written as the prefixes of the chronology row.`
  }`,
  `  Every prefix is also an entry of the note's Annex II: ${elecNotInAnnex.length === 0 ? "yes" : `no (${mdList(elecNotInAnnex)})`}.`,
  `- Section 122 annex: note 2(aa)(ii) has ${s122Codes.length} entries, \`waugh-section122-product-exemptions.csv\` ${waugh122.length};`,
  `  only in the note: ${mdList(s122OnlyNote, 20)}; only in Waugh: ${mdList(s122OnlyWaugh, 20)}.`,
  "  8517.13.00 and 8542.31.00 are exempt; 8541.43.00, 8507.60.00 and 4015.12.10 are not (tested).",
  `- Annex II: the note (rev 6) vs Waugh April 2025 (${annexApr.length} codes): ${aprNotInNote.length} Waugh codes not covered by the note`,
  `  (${mdList(aprNotInNote, 20)}); vs Waugh 2025-11-14 (${annexNov.length}): ${novNotInNote.length} not covered (${mdList(novNotInNote, 20)}),`,
  `  ${noteNotInNov.length} note entries with no Waugh code (${mdList(noteNotInNov, 20)}). The note text is the list in force`,
  "  when IEEPA ended (2026-02-24); earlier dates need the dated files.",
  `- Note 33 vs \`waugh-auto-tariffs.csv\` (${waughAutos.length} codes): ${note33Codes.length} codes in 33(b)+(g); only in the note:`,
  `  ${mdList(autosOnlyNote, 20)}; only in Waugh: ${mdList(autosOnlyWaugh, 20)}.`,
  copperSame
    ? `- \`s232-copper.csv\` (Yale) has the same ${copperYale.length} codes as \`waugh-copper-list.csv\`, so the Waugh copy is not kept.`
    : `- \`s232-copper.csv\` (Yale, ${copperYale.length} codes) and \`waugh-copper-list.csv\` (${copperWaugh.length}) differ: check both.`,
  `- Note 19 derivative aluminium vs the aluminium rows of \`s232_derivative_products.csv\` (same heading, prefix match): only in the note`,
  `  ${alOnlyNote.length} (${alOnlyNote.slice(0, 20).join(", ") || "none"}); only in Yale ${alOnlyYale.length} (${alOnlyYale.slice(0, 20).join(", ") || "none"}).`,
  "- The steel headings 9903.80/9903.81 (derivative steel 9903.81.89-.93) are only cited in rev 6: neither the",
  "  headings nor their note are printed any more, so the pre-April-2026 steel lists come from the copies only.",
  "- Section 232 steel/aluminium/derivatives: rev 6 prints them in note 16(c) (headings 9903.82.02-.19, the",
  "  April 2026 metals regime; note 19's 9903.85 headings are terminated as of 2026-04-06 per its compiler's note).",
  "  Its lists are in s232-metals-2026-note16.csv; the copied lists above are the pre-April-2026 lists.",
  "",
];
const foreign = readdirSync(outDir)
  .filter((f) => f.endsWith(".csv") && !written.some((w) => w.file === f))
  .sort();
if (foreign.length) {
  readme.push(
    "## Other files in this folder (not written by this script)",
    "",
    ...foreign.map(
      (f) =>
        `- ${f}: maintained by hand elsewhere in the project; its provenance is in its own \`source\` column.`,
    ),
    "",
  );
}
writeFileSync(join(outRoot, "README.md"), readme.join("\n"));

// ---------------------------------------------------------------------------------------------------------

for (const w of written) console.log(`${w.file.padEnd(32)} ${String(w.rows).padStart(6)} rows`);
console.log(
  `pre-review unknown: ${prereviewUnknown.length}; conflicts: ${onlyYale.length} only-Yale, ${onlyNote.length} only-note, ${differ.length} differ`,
);
