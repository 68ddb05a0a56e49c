/**
 * Subchapter III note 19: Section 232 derivative aluminium (19(i)-(k), headings 9903.85.04/.07/.08; those
 * headings are terminated as of 2026-04-06), with the date from which each code was subject.
 */
import {
  assertUnique,
  fail,
  type NoteBounds,
  type NotesText,
  noteSource,
  proseCodes,
  type Row,
} from "./text.js";

export const AL_DERIVATIVE_COLUMNS = ["code", "digits", "heading", "from", "from_source", "source"];

/** The codes named in one subdivision of note 19 (lines [start, end)), under its heading. */
export function aluminumDerivatives(
  t: NotesText,
  start: number,
  end: number,
  heading: string,
  sub: string,
): Row[] {
  const codes = proseCodes(t.blockText(start, end));
  assertUnique(codes, `note ${sub}`);
  return codes.map((code) => ({ code, digits: String(code.length), heading, source: noteSource(sub) }));
}

/** The derivative aluminium of 19(i), (j) and (k), without dates (see `dateAluminumDerivatives`). */
export function extractNote19(t: NotesText, b: NoteBounds): Row[] {
  const { note19, note20 } = b;
  if (
    !/Headings 9903\.85\.01-9903\.85\.15, 9903\.85\.21-9903\.85\.66, and 9903\.85\.69 9903\.85\.72 are terminated as of April 6, 2026/.test(
      t.blockText(note19, note19 + 10),
    )
  )
    fail("note 19: the termination note has changed");
  const a = t.findChain(note19, note20, {
    "19(i)": /^\(i\) The rates of duty set forth in heading 9903\.85\.04 apply/,
    "19(j)": /^\(j\) The rates of duty set forth in heading 9903\.85\.07 apply/,
    "19(k)": /^\(k\) The rates of duty in heading 9903\.85\.08 apply/,
    "19(l)": /^\(l\) Any importer entering the aluminum products covered by this note/,
  });
  return [
    ...aluminumDerivatives(t, a["19(i)"], a["19(j)"], "9903.85.04", "19(i)"),
    ...aluminumDerivatives(t, a["19(j)"], a["19(k)"], "9903.85.07", "19(j)"),
    ...aluminumDerivatives(t, a["19(k)"], a["19(l)"], "9903.85.08", "19(k)"),
  ];
}

/** Beer and empty aluminium cans, added by Commerce from 2025-04-04 (CSMS 64639013). */
export const AL_ADDED_2025_04_04 = ["22030000", "76129010"];

/**
 * The date from which each note 19 code was subject to its heading (the notes print none): 2025-03-12
 * (Procl 10895; CBP CSMS 64384496), except the later additions by Commerce: beer and empty aluminium cans
 * from 2025-04-04 (CSMS 64639013), and the inclusions of 2025-08-18 (CSMS 65936615), identified by the
 * Yale list's aluminium rows dated 2025-08-18 (prefix match; an HTS8 that Yale lists on both dates is
 * taken as of 2025-03-12). `from_source` says which. Sets `from` and `from_source` of every row.
 */
export function dateAluminumDerivatives(rows: Row[], yaleAluminum: { code: string; date: string }[]): void {
  for (const c of AL_ADDED_2025_04_04)
    if (!rows.some((r) => r.code === c)) fail(`note 19: ${c} (added 2025-04-04) is not in (j)/(k)`);
  for (const row of rows) {
    const c = row.code as string;
    const dates = new Set(
      yaleAluminum.filter((y) => y.code.startsWith(c) || c.startsWith(y.code)).map((y) => y.date),
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
