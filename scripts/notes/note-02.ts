/**
 * Subchapter III note 2: Annex II of the IEEPA reciprocal tariff (2(v)(iii)(a) grid under 9903.01.32, (b)
 * particular articles under 9903.02.78) and the annex of the Section 122 surcharge (2(aa)(ii) grid under
 * 9903.03.03, (iii) particular articles under 9903.03.04).
 */
import { digits, fail, type NoteBounds, type NotesText, noteSource, type Row } from "./text.js";

export interface AnnexRow extends Row {
  code: string;
  digits: string;
  heading: string;
  partial: string;
  description: string;
  source: string;
}

export const ANNEX_COLUMNS = ["code", "digits", "heading", "partial", "description", "source"];

/** The headings, subheadings and statistical numbers of an annex grid: everything under them is covered. */
export function annexGrid(
  t: NotesText,
  start: number,
  end: number,
  heading: string,
  sub: string,
  what: string,
): AnnexRow[] {
  return t.gridOnly(start, end, what).map((code) => ({
    code,
    digits: String(code.length),
    heading,
    partial: "no",
    description: "",
    source: noteSource(sub),
  }));
}

/** Particular articles "(n) <description> (classifiable in subheading XXXX.XX.XX);": only those goods. */
export function annexParticular(
  t: NotesText,
  start: number,
  end: number,
  heading: string,
  sub: string,
  what: string,
): AnnexRow[] {
  return t.numberedItems(start + 1, end, "paren", what).map((it) => {
    const m = /\(classifiable in subheading (\d{4}\.\d{2}\.\d{2})\)[;.]?(?: and)?$/.exec(it.text);
    if (!m) fail(`${what} item ${it.n}: no subheading in "${it.text}"`);
    const code = digits(m[1] as string);
    return {
      code,
      digits: String(code.length),
      heading,
      partial: "yes",
      description: it.text.replace(/;? and$|[;.]$/g, ""),
      source: noteSource(`${sub} item ${it.n}`),
    };
  });
}

/** Annex II as printed in note 2(v)(iii): exempt from the reciprocal tariff. */
export function extractAnnex2(t: NotesText, b: NoteBounds): AnnexRow[] {
  const { note2, note3 } = b;
  const v2 = t.findOne(/^\(v\) \(i\)\s+Except as provided in headings 9903\.01\.26/, note2, note3, "2(v)");
  const v2iiia = t.findOne(/^\(a\) As provided for in heading 9903\.01\.32/, v2, note3, "2(v)(iii)(a)");
  const v2iiib = t.findOne(/^\(b\) As provided in heading 9903\.02\.78/, v2iiia, note3, "2(v)(iii)(b)");
  const v2iv = t.findOne(/^\(iv\) As provided in 9903\.01\.26/, v2iiib, note3, "2(v)(iv)");
  return [
    ...annexGrid(t, v2iiia, v2iiib, "9903.01.32", "2(v)(iii)(a)", "Annex II"),
    ...annexParticular(t, v2iiib, v2iv, "9903.02.78", "2(v)(iii)(b)", "Annex II particular articles"),
  ];
}

/** The annex of note 2(aa)(ii)/(iii): exempt from the Section 122 surcharge. */
export function extractSection122Annex(t: NotesText, b: NoteBounds): AnnexRow[] {
  const { note2, note3 } = b;
  const aa = t.findOne(/^\(aa\)$/, note2, note3, "2(aa)");
  const aaii = t.findOne(/^\(ii\) As provided in heading 9903\.03\.03/, aa, note3, "2(aa)(ii)");
  const aaiii = t.findOne(/^\(iii\) As provided in heading 9903\.03\.04/, aaii, note3, "2(aa)(iii)");
  const aaiv = t.findOne(/^\(iv\) As provided in heading 9903\.03\.05/, aaiii, note3, "2(aa)(iv)");
  return [
    ...annexGrid(t, aaii, aaiii, "9903.03.03", "2(aa)(ii)", "Section 122 annex"),
    ...annexParticular(t, aaiii, aaiv, "9903.03.04", "2(aa)(iii)", "Section 122 particular articles"),
  ];
}
