/** Sentences of a cleaned article, as spans, for the extractors that work sentence by sentence. */

export interface Span {
  start: number;
  end: number;
}

/** Words whose final period does not end a sentence ("U.S.", "Mr.", "Nov.", "a.m."). */
const ABBREVIATION =
  /(?:^|[\s(“"])(?:[A-Z]\.(?:[A-Z]\.)*|Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Inc|Corp|Co|Ltd|No|Nos|vs|e\.g|i\.e|a\.m|p\.m|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$/;

/**
 * Sentence spans: a sentence ends at ".", "!" or "?" (with any closing quote or bracket) followed by
 * white space and an upper-case letter, digit or opening quote, or at a line break. Spans are
 * trimmed of white space; empty lines yield none.
 */
export function sentenceSpans(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s] as string)) s++;
    while (e > s && /\s/.test(text[e - 1] as string)) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  const BREAK = /([.!?][”"’')\]]*)(?=\s+[A-Z0-9“"‘(])|\n/g;
  for (const m of text.matchAll(BREAK)) {
    const end = m.index + m[0].length;
    if (
      m[0] !== "\n" &&
      m[0].startsWith(".") &&
      ABBREVIATION.test(text.slice(Math.max(start, m.index - 12), m.index + 1))
    ) {
      continue;
    }
    push(end);
    start = end;
  }
  push(text.length);
  return out;
}
