/** Subchapter III note 33: Section 232 autos (33(b)) and auto parts (33(g)). */
import type { NoteBounds, NotesText, Row } from "./text.js";
import { noteSource } from "./text.js";

export const AUTO_COLUMNS = ["code", "digits", "source"];

/** The codes of the grid of one subdivision (a 4- to 10-digit code covers every code under it). */
export function autoGrid(t: NotesText, start: number, end: number, sub: string, what: string): Row[] {
  return t
    .gridOnly(start, end, what)
    .map((code) => ({ code, digits: String(code.length), source: noteSource(sub) }));
}

export function extractAutos(t: NotesText, b: NoteBounds): { autos: Row[]; autoParts: Row[] } {
  const a = t.findChain(b.note33, b.note35, {
    "33(b)": /^\(b\) The rates of duty set forth in headings 9903\.94\.01/,
    "33(c)": /^\(c\) Heading 9903\.94\.02 applies to:$/,
    "33(g)": /^\(g\) Subject to a manufacturer's import adjustment offset/,
    "33(h)": /^\(h\) Heading 9903\.94\.06 applies/,
  });
  return {
    autos: autoGrid(t, a["33(b)"], a["33(c)"], "33(b)", "autos"),
    autoParts: autoGrid(t, a["33(g)"], a["33(h)"], "33(g)", "auto parts"),
  };
}
