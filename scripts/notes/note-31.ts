/**
 * Subchapter III note 31: the 2024 four-year review of the Section 301 actions (headings 9903.91.01-.11), with
 * the rates printed in the article descriptions of those headings, the rows the 2026 text no longer prints
 * (identified by the HTS footnotes) and heading 9903.91.10.
 */
import type { HtsFootnotes } from "./hts-footnotes.js";
import {
  digits,
  fail,
  isoDate,
  type NoteBounds,
  type NotesText,
  noteSource,
  proseCodes,
  type Row,
} from "./text.js";

export const REVIEW_COLUMNS = [
  "code",
  "heading",
  "rate",
  "effective_from",
  "effective_until",
  "status",
  "source",
];

/** A subdivision of note 31 that lists the codes of one heading, from its first line to the next one's. */
export interface ReviewSub {
  sub: string;
  heading: string;
  start: RegExp;
  end: RegExp;
}
export const REVIEW_SUBS: ReviewSub[] = [
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

const reviewSub = (heading: string): ReviewSub =>
  REVIEW_SUBS.find((r) => r.heading === heading) ?? fail(`no note 31 subdivision for ${heading}`);

/** Effective dates of a heading as its subdivision prints them (ISO dates; `until` empty when open). */
export interface ReviewDates {
  from: string;
  until: string;
}

/**
 * The codes of one subdivision of note 31 (located between `from` and `to`) at the heading's rate, with the
 * dates it prints ("on or after 12:01 a.m. eastern daylight time on ...", "and before ...").
 */
export function reviewSubdivision(
  t: NotesText,
  rs: ReviewSub,
  from: number,
  to: number,
  rate: number,
): { rows: Row[]; dates: ReviewDates } {
  const a = t.findOne(rs.start, from, to, rs.sub);
  const b = t.findOne(rs.end, a, to, `end of ${rs.sub}`);
  const text = t.blockText(a, b);
  const start =
    /on or after 12:01 a\.m\. eastern (?:daylight|standard) time on ([A-Z][a-z]+ \d{1,2}, \d{4})/.exec(text);
  if (!start) fail(`${rs.sub}: no effective date`);
  const until = /and before ([A-Z][a-z]+ \d{1,2}, \d{4})/.exec(text);
  const codes = proseCodes(text);
  // (b) is a grid: take its codes from the grid reader too and check both agree.
  const gridSet = new Set(t.gridCodes(a, b).codes.map((c) => c.code));
  for (const c of gridSet) if (!codes.includes(c)) fail(`${rs.sub}: grid code ${c} missing from text scan`);
  const uniq = [...new Set(codes)];
  if (uniq.length === 0) fail(`${rs.sub}: no codes`);
  const dates = { from: isoDate(start[1] as string), until: until ? isoDate(until[1] as string) : "" };
  const rows = uniq.map((code) => ({
    code,
    heading: rs.heading,
    rate: String(rate),
    effective_from: dates.from,
    effective_until: dates.until,
    status: "in note text",
    source: noteSource(rs.sub),
  }));
  return { rows, dates };
}

/** The tariff headings of subchapter III, after the notes: the lines from heading `first` to heading `next`. */
function headingRegion(t: NotesText, b: NoteBounds, first: string, next: string): [number, number] {
  const from = t.findOne(
    new RegExp(`^${first.replace(/\./g, "\\.")} 1/ `),
    b.note35,
    b.subIV,
    `heading ${first}`,
  );
  const to = t.findOne(new RegExp(`^${next.replace(/\./g, "\\.")} 1/ `), from, b.subIV, `heading ${next}`);
  return [from, to];
}

/** The rate column of the PDF is interleaved with the descriptions, but its order is that of the headings. */
function headingRates(t: NotesText, b: NoteBounds, first: string, next: string, expected: number): number[] {
  const [from, to] = headingRegion(t, b, first, next);
  const rates = [...t.blockText(from, to).matchAll(/(?<![\d.])(\d+(?:\.\d+)?)%/g)].map((m) => Number(m[1]));
  if (rates.length !== expected)
    fail(`headings ${first}..: found ${rates.length} rates, expected ${expected}`);
  return rates;
}

/**
 * Rows (1)-(4) of note 31(b) (heading 9903.91.01, from 2024-09-27) are no longer printed: the 2026 text says
 * "Numbers (1) through (4) have been deleted. See 89 Fed. Reg. 76581". They are the 10-digit statistical
 * numbers the 2024 notice put at 25% in 2024 and that moved to 9903.91.06/.07 on 2026-01-01. Kept here, marked,
 * from the notice's annex table (89 FR 76581, FR Doc 2024-21217) and the HTS 2025 footnotes of 8507.60.00 and
 * 6307.90.98 ("See ... 9903.91.01"). The end date 2026-01-01 is inferred (the 2026 headings take over).
 */
export const DELETED_31B = ["8507600010", "6307909842", "6307909844", "6307909850", "6307909875"];

/** Every row of the review: the note's subdivisions, heading 9903.91.10 and the rows deleted from the text. */
export function extractReview(t: NotesText, b: NoteBounds, hts: HtsFootnotes): Row[] {
  const { note31, note32 } = b;
  const rates0108 = headingRates(t, b, "9903.91.01", "9903.91.09", 8);
  const rate11 = headingRates(t, b, "9903.91.11", "9903.91.12", 1);
  const reviewRate: Record<string, number> = { "9903.91.11": rate11[0] as number };
  rates0108.forEach((r, k) => {
    reviewRate[`9903.91.0${k + 1}`] = r;
  });

  const review: Row[] = [];
  const reviewDates: Record<string, ReviewDates> = {};
  for (const rs of REVIEW_SUBS) {
    const { rows, dates } = reviewSubdivision(t, rs, note31, note32, reviewRate[rs.heading] as number);
    reviewDates[rs.heading] = dates;
    review.push(...rows);
  }
  const dateOf = (heading: string): string => reviewDates[heading]?.from ?? fail(`no date for ${heading}`);

  // Heading 9903.91.10 (article description, not a note subdivision): enteral syringes carved out of 9903.91.03.
  {
    const [from, to] = headingRegion(t, b, "9903.91.10", "9903.91.11");
    const text = t.descriptionText(from, to);
    const m =
      /on or after ([A-Z][a-z]+ \d{1,2}), (\d{4}), and before ([A-Z][a-z]+ \d{1,2}, \d{4}) \(described in statistical reporting number (\d{4}\.\d{2}\.\d{4})\)/.exec(
        text,
      );
    if (!m || !/Notwithstanding heading 9903\.91\.03/.test(text))
      fail(`heading 9903.91.10 not understood: ${text}`);
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
    const [from, to] = headingRegion(t, b, h, next);
    const text = t.descriptionText(from, to);
    const m = /on or after ([A-Z][a-z]+ \d{1,2},) (\d{4})/.exec(text);
    if (!m) fail(`heading ${h}: no date in "${text}"`);
    if (isoDate(`${m[1]} ${m[2]}`) !== d.from)
      fail(`heading ${h} date ${m[1]} ${m[2]} differs from the note (${d.from})`);
  }

  const { footnotes } = hts;
  {
    const rs = reviewSub("9903.91.01");
    const a = t.findOne(rs.start, note31, note32, rs.sub);
    if (
      !/Numbers \(1\) through \(4\) have been deleted\. See 89 Fed\. Reg\. 76581/.test(t.blockText(a, a + 8))
    )
      fail("31(b): the compiler's note on deleted numbers (1)-(4) has changed; revisit DELETED_31B");
    for (const code of DELETED_31B) {
      if (!footnotes.get(code.slice(0, 8))?.get("9903.91.01"))
        fail(`no HTS footnote points ${code.slice(0, 8)} at 9903.91.01`);
      review.push({
        code,
        heading: "9903.91.01",
        rate: String(reviewRate["9903.91.01"]),
        effective_from: dateOf("9903.91.01"),
        effective_until: "2026-01-01",
        status: "deleted from note 31(b) (numbers (1)-(4)); end date inferred",
        source: `89 FR 76581 annex (2024 four-year review); USITC HTS footnote "See ... 9903.91.01" on ${code.slice(0, 4)}.${code.slice(4, 6)}.${code.slice(6, 8)}; ch99 subch. III note 31(b) compiler's note`,
      });
    }
  }

  /**
   * Item (3) of note 31(f)(i) (heading 9903.91.05, 2025) is printed as "[Compiler's note: Deleted. See 89 Fed.
   * Reg. 101682]". The HTS footnotes show which subheading it was: 4015.12.10 ("See 9903.91.05" through 2025,
   * "See 9903.91.08" from 2026 Basic). Medical gloves: 50% in 2025, then 100% under 9903.91.08 from 2026-01-01,
   * not both.
   */
  {
    const rs = reviewSub("9903.91.05");
    const a = t.findOne(rs.start, note31, note32, rs.sub);
    const end = t.findOne(rs.end, a, note32, "31(f)(ii)");
    if (!/\(3\) \[Compiler's note: Deleted\. See 89 Fed\. Reg\. 101682\]/.test(t.blockText(a, end)))
      fail("31(f)(i): the deleted item (3) has changed; revisit");
    const eds = footnotes.get("40151210")?.get("9903.91.05");
    if (!eds?.length) fail("31(f)(i)(3): no HTS footnote of 4015.12.10 points at 9903.91.05");
    review.push({
      code: "40151210",
      heading: "9903.91.05",
      rate: String(reviewRate["9903.91.05"]),
      effective_from: dateOf("9903.91.05"),
      effective_until: dateOf("9903.91.08"),
      status: "deleted from note 31(f)(i) (item (3)); end date = start of 9903.91.08",
      source: `ch99 subch. III note 31(f)(i) item (3) (deleted, 89 FR 101682); USITC ${eds[0]}..${eds[eds.length - 1]} footnote "See 9903.91.05"`,
    });
  }

  // Every footnote pointer at a review heading must be matched by a row (8-digit level), else the text lost rows.
  const have = new Set(review.map((r) => `${(r.code as string).slice(0, 8)} ${r.heading}`));
  const extracted = new Set(REVIEW_SUBS.map((r) => r.heading));
  for (const [c, byHeading] of footnotes) {
    for (const h of byHeading.keys()) {
      if (extracted.has(h) && !have.has(`${c} ${h}`))
        fail(`HTS footnote points ${c} at ${h} but no row has it`);
    }
  }
  return review;
}
