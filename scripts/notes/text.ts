/**
 * The text of the HTS Chapter 99 US notes as the note extractors read it: latin-1 (the PDF extraction writes
 * the en dash of ranges as U+00AD), page furniture removed, one cleaned line per source line; the anchors,
 * blocks, grids and numbered items of its subdivisions; and the code and date forms the notes print.
 */

export function fail(msg: string): never {
  throw new Error(`extract-notes: ${msg}`);
}

/** A CSV row of an extracted list (column name to cell). */
export type Row = Record<string, string>;

// ---------------------------------------------------------------------------------------------------------
// Codes

const CODE_TOKEN = /^\d{4}(?:\.\d{2}(?:\.\d{2}(?:\d{2})?)?)?$/; // 4, 6, 8 or 10 digits, dotted
/** An 8- or 10-digit dotted code inside prose. */
export const CODE_IN_TEXT = /(?<![\d.])\d{4}\.\d{2}\.\d{2}(?:\d{2})?(?!\d|\.\d)/g;
export const digits = (dotted: string): string => dotted.replace(/\./g, "");
export const isCh99 = (code: string): boolean => code.startsWith("99");
export const fmtCode = (c: string): string =>
  c.length <= 4
    ? c
    : c.length <= 6
      ? `${c.slice(0, 4)}.${c.slice(4)}`
      : `${c.slice(0, 4)}.${c.slice(4, 6)}.${c.slice(6)}`;

/** The 8- and 10-digit codes named in a text, chapter 99 headings left out. */
export const proseCodes = (text: string): string[] =>
  [...text.matchAll(CODE_IN_TEXT)].map((m) => digits(m[0])).filter((c) => !isCh99(c));

export function assertUnique(codes: string[], what: string): void {
  const seen = new Set<string>();
  for (const c of codes) {
    if (seen.has(c)) fail(`duplicate code ${c} in ${what}`);
    seen.add(c);
  }
}

/** The `source` of a row taken from a subdivision of a subchapter III note ("20(b)", "31(f)(i) item 3"). */
export const noteSource = (sub: string): string => `ch99 subch. III note ${sub}`;

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
/** "September 27, 2024" → "2024-09-27". */
export function isoDate(text: string): string {
  const m = /^([A-Z][a-z]+) (\d{1,2}), (\d{4})$/.exec(text.trim());
  if (!m || !MONTHS[m[1] as string]) fail(`cannot read date "${text}"`);
  return `${m[3]}-${MONTHS[m[1] as string]}-${(m[2] as string).padStart(2, "0")}`;
}

// ---------------------------------------------------------------------------------------------------------
// The text

/**
 * A list printed in a subdivision of a note: it follows the line `start` up to `end`, gives the codes of the
 * Chapter 99 `heading`, and its rows cite `sub` ("20(b)"); `what` names it in errors.
 */
export interface ListBlock {
  start: number;
  end: number;
  heading: string;
  sub: string;
  what: string;
}

export interface NumberedItem {
  n: number;
  text: string;
  line: number;
}

interface GridResult {
  codes: { code: string; line: number }[];
  proseCodes: { code: string; line: number }[];
}

/** The running head that starts every page of the PDF extraction. */
export const PAGE_HEAD = /Harmonized Tariff Schedule of the United States/;

export class NotesText {
  /** The source lines as extracted. */
  readonly rawLines: string[];
  /** One cleaned line per raw line (same indices, so line numbers stay those of the source text). */
  readonly lines: string[];

  constructor(raw: string) {
    this.rawLines = raw.split(/\r?\n/);
    this.lines = this.rawLines.map((l) => {
      let s = l.replace(/\u00ad/g, "-");
      if (PAGE_HEAD.test(s)) return "";
      if (/^\s*Annotated for Statistical Reporting Purposes\s*$/.test(s)) return "";
      if (/^\s*XXII\s*$/.test(s)) return "";
      if (/^\s*99\s*-\s*[IVX]+\s*-\s*\d+\s*$/.test(s)) return "";
      // The first grid row of a page is sometimes glued to the running head: keep what follows it.
      s = s.replace(/^\s*U\.S\. Notes \(con\.\)/, "");
      return s.trimEnd();
    });
  }

  /** The 1-based line number of line index i. */
  lineNo(i: number): number {
    return i + 1;
  }

  /** Indices in [from, to) of the lines that match re (trimmed). */
  findAll(re: RegExp, from: number, to: number): number[] {
    const hits: number[] = [];
    for (let i = from; i < to; i++) if (re.test((this.lines[i] ?? "").trim())) hits.push(i);
    return hits;
  }

  /** The index in [from, to) of the one line that matches re; fails when there is none or several. */
  findOne(re: RegExp, from: number, to: number, what: string): number {
    const hits = this.findAll(re, from, to);
    if (hits.length !== 1)
      fail(`anchor for ${what} ${re} matched ${hits.length} times in lines ${from + 1}-${to}`);
    return hits[0] as number;
  }

  /**
   * Anchors found one after the other, in the order given: each must match exactly once between the line of
   * the one before (`from` for the first) and `to`. Each anchor is named by the subdivision it starts.
   */
  findChain<K extends string>(from: number, to: number, anchors: Record<K, RegExp>): Record<K, number> {
    const found = {} as Record<K, number>;
    let at = from;
    for (const [what, re] of Object.entries(anchors) as [K, RegExp][]) {
      at = this.findOne(re, at, to, what);
      found[what] = at;
    }
    return found;
  }

  /**
   * Codes of a grid (table) block: lines made only of code tokens, optionally after an item marker "(n)".
   * Codes found elsewhere in the block (prose) are returned separately so callers can check them.
   */
  gridCodes(from: number, to: number): GridResult {
    const res: GridResult = { codes: [], proseCodes: [] };
    for (let i = from; i < to; i++) {
      const t = (this.lines[i] ?? "").trim().replace(/^\(\d+\)\s+/, "");
      if (!t) continue;
      const toks = t.split(/\s+/);
      if (toks.every((k) => CODE_TOKEN.test(k))) {
        for (const k of toks) res.codes.push({ code: digits(k), line: this.lineNo(i) });
      } else {
        for (const m of t.matchAll(CODE_IN_TEXT)) {
          const c = digits(m[0]);
          if (!isCh99(c)) res.proseCodes.push({ code: c, line: this.lineNo(i) });
        }
      }
    }
    return res;
  }

  /**
   * The codes of the grid that follows the line `start` up to `end`, in order; fails on a code in prose
   * (a stray code would otherwise be lost) and on a code listed twice.
   */
  gridOnly(start: number, end: number, what: string): string[] {
    const g = this.gridCodes(start + 1, end);
    if (g.proseCodes.length) fail(`${what}: codes in prose ${JSON.stringify(g.proseCodes.slice(0, 5))}`);
    const codes = g.codes.map((c) => c.code);
    assertUnique(codes, what);
    return codes;
  }

  /** Text of a block with page furniture removed and lines joined (a line-final hyphen joins without space). */
  blockText(from: number, to: number): string {
    let out = "";
    for (let i = from; i < to; i++) {
      const t = (this.lines[i] ?? "").trim();
      if (!t) continue;
      if (out === "") out = t;
      else if (/[A-Za-z]-$/.test(out) && /^[a-z]/.test(t)) out += t;
      else out += ` ${t}`;
    }
    return out.replace(/\s+/g, " ").trim();
  }

  /** Article-description column of the tariff headings (the rate columns start further right). */
  descriptionText(from: number, to: number): string {
    const parts: string[] = [];
    for (let i = from; i < to; i++) {
      if (!(this.lines[i] ?? "").trim()) continue;
      const t = (this.rawLines[i] ?? "")
        .replace(/\u00ad/g, "-")
        .slice(0, 120)
        .trim();
      if (t) parts.push(t);
    }
    return parts.join(" ").replace(/\s+/g, " ").trim();
  }

  /** Numbered items "1. text" (or "(1) text") of a block; numbering must run 1..n without gaps. */
  numberedItems(from: number, to: number, style: "dot" | "paren", what: string): NumberedItem[] {
    const re = style === "dot" ? /^(\d+)\.\s+\S/ : /^\((\d+)\)\s+\S/;
    const starts: { n: number; i: number }[] = [];
    for (let i = from; i < to; i++) {
      const m = re.exec((this.lines[i] ?? "").trim());
      if (m) starts.push({ n: Number(m[1]), i });
    }
    const items: NumberedItem[] = [];
    starts.forEach((s, k) => {
      if (s.n !== k + 1)
        fail(`${what}: item numbering breaks at line ${this.lineNo(s.i)} (found ${s.n}, expected ${k + 1})`);
      const end = k + 1 < starts.length ? (starts[k + 1] as { i: number }).i : to;
      const text = this.blockText(s.i, end).replace(style === "dot" ? /^\d+\.\s+/ : /^\(\d+\)\s+/, "");
      items.push({ n: s.n, text, line: this.lineNo(s.i) });
    });
    return items;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Where the notes are

/** Line indices of the notes of subchapter III (each note runs to the start of the next one listed). */
export interface NoteBounds {
  subIII: number;
  subIV: number;
  note2: number;
  note3: number;
  note16: number;
  note19: number;
  note20: number;
  note21: number;
  note31: number;
  note32: number;
  note33: number;
  note35: number;
}

/** Locate the notes read here by their first words; each anchor must match exactly once. */
export function locateNotes(t: NotesText): NoteBounds {
  const subIII = t.findOne(/^SUBCHAPTER III$/, 0, t.lines.length, "subchapter III");
  const subIV = t.findOne(/^SUBCHAPTER IV$/, subIII, t.lines.length, "subchapter IV");
  // Note starts inside subchapter III (the numbered notes come before the tariff headings).
  const note3 = t.findOne(/^3\.\s+For the purposes of subheadings 9903\.41\.05/, subIII, subIV, "note 3");
  const note2 = t.findOne(/^2\.$/, subIII, note3, "note 2");
  if (!/^\(a\) For the purposes of heading 9903\.01\.01/.test(t.blockText(note2 + 1, note2 + 3)))
    fail("note 2 start");
  const notes = t.findChain(subIII, subIV, {
    note20: /^20\.\s+\(a\)\s+For the purposes of heading 9903\.88\.01/,
    note21: /^\(21\) \(a\)\s+Except as provided in notes 21\(u\)/,
    note31: /^31\.\s+\(a\)\s+As provided in headings 9903\.91\.01/,
    note32: /^32\.\s+Action Applicable to Imports of Fine Denier/,
    note33: /^33\.\s+\(a\)\s+Except as provided for in headings 9903\.94\.02/,
    note35: /^35\.\s+\[Compiler's note/,
  });
  const note19 = t.findOne(
    /^19\.\s+\(a\)\s+This note and the tariff provisions referred to herein/,
    subIII,
    notes.note20,
    "note 19",
  );
  const note16 = t.findOne(
    /^16\.\s+\(a\)\s+Except as provided in headings 9903\.85\.67/,
    subIII,
    note19,
    "note 16",
  );
  return { subIII, subIV, note2, note3, note16, note19, ...notes };
}
