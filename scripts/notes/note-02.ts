/**
 * Subchapter III note 2: Annex II of the IEEPA reciprocal tariff (2(v)(iii)(a) grid under 9903.01.32, (b)
 * particular articles under 9903.02.78) and the annex of the Section 122 surcharge (2(aa)(ii) grid under
 * 9903.03.03, (iii) particular articles under 9903.03.04).
 */
import {
  digits,
  fail,
  type ListBlock,
  type NoteBounds,
  type NotesText,
  noteSource,
  type Row,
} from "./text.js";

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
export function annexGrid(t: NotesText, { start, end, heading, sub, what }: ListBlock): AnnexRow[] {
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
export function annexParticular(t: NotesText, { start, end, heading, sub, what }: ListBlock): AnnexRow[] {
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
  const v2 = t.findOne(
    /^\(v\) \(i\)\s+Except as provided in headings 9903\.01\.26/,
    b.note2,
    b.note3,
    "2(v)",
  );
  const a = t.findChain(v2, b.note3, {
    "2(v)(iii)(a)": /^\(a\) As provided for in heading 9903\.01\.32/,
    "2(v)(iii)(b)": /^\(b\) As provided in heading 9903\.02\.78/,
    "2(v)(iv)": /^\(iv\) As provided in 9903\.01\.26/,
  });
  const [grid, particular] = ["2(v)(iii)(a)", "2(v)(iii)(b)"] as const;
  return [
    ...annexGrid(t, {
      start: a[grid],
      end: a[particular],
      heading: "9903.01.32",
      sub: grid,
      what: "Annex II",
    }),
    ...annexParticular(t, {
      start: a[particular],
      end: a["2(v)(iv)"],
      heading: "9903.02.78",
      sub: particular,
      what: "Annex II particular articles",
    }),
  ];
}

/** The annex of note 2(aa)(ii)/(iii): exempt from the Section 122 surcharge. */
export function extractSection122Annex(t: NotesText, b: NoteBounds): AnnexRow[] {
  const a = t.findChain(b.note2, b.note3, {
    "2(aa)": /^\(aa\)$/,
    "2(aa)(ii)": /^\(ii\) As provided in heading 9903\.03\.03/,
    "2(aa)(iii)": /^\(iii\) As provided in heading 9903\.03\.04/,
    "2(aa)(iv)": /^\(iv\) As provided in heading 9903\.03\.05/,
  });
  const [grid, particular] = ["2(aa)(ii)", "2(aa)(iii)"] as const;
  return [
    ...annexGrid(t, {
      start: a[grid],
      end: a[particular],
      heading: "9903.03.03",
      sub: grid,
      what: "Section 122 annex",
    }),
    ...annexParticular(t, {
      start: a[particular],
      end: a["2(aa)(iv)"],
      heading: "9903.03.04",
      sub: particular,
      what: "Section 122 particular articles",
    }),
  ];
}
