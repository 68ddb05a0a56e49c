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
  const { note33, note35 } = b;
  const n33b = t.findOne(
    /^\(b\) The rates of duty set forth in headings 9903\.94\.01/,
    note33,
    note35,
    "33(b)",
  );
  const n33c = t.findOne(/^\(c\) Heading 9903\.94\.02 applies to:$/, n33b, note35, "33(c)");
  const n33g = t.findOne(
    /^\(g\) Subject to a manufacturer's import adjustment offset/,
    n33c,
    note35,
    "33(g)",
  );
  const n33h = t.findOne(/^\(h\) Heading 9903\.94\.06 applies/, n33g, note35, "33(h)");
  return {
    autos: autoGrid(t, n33b, n33c, "33(b)", "autos"),
    autoParts: autoGrid(t, n33g, n33h, "33(g)", "auto parts"),
  };
}
