/**
 * Search over a nomenclature (the US HTS of a revision, China's HS) by code and by the words of the
 * descriptions, fast enough to answer as the user types.
 *
 * A `SearchIndex` is built once from documents (a code, its level, its own description and the
 * descriptions of its parents) and then answers queries from memory; nothing here reads a file
 * (`Searcher` below builds the indexes from the loaded nomenclatures, on first use).
 *
 * - A query of digits (dots and spaces allowed) is a code prefix: the code itself first, then the
 *   codes under it in code order.
 * - Otherwise its words are matched against the index terms: text is folded to lower case without
 *   accents, split on what is not a letter or digit (each Han character is a term of its own), English
 *   plurals are reduced ("batteries" → "battery", "cells" → "cell"), a few words that say nothing are
 *   dropped, and the last word also matches every term it begins (as you type). Every word must match
 *   (in the line's own text or in its parents'). A word also matches the terms the schedule uses for it
 *   (`SYNONYMS`: "solar" → "photovoltaic"), at a lower weight.
 * - Ranking: BM25 over the terms, the line's own text and its parents' text as two fields (a match in
 *   the own text weighs `OWN_WEIGHT`, in the parents `PATH_WEIGHT`), a completed word less than a whole
 *   one; ties by level (headings first) and code.
 */

import type { CnSchedule } from "./cn.js";
import { formatCode } from "./codes.js";
import type { Hts, HtsRevision, RevisionInForce } from "./hts.js";

/** One searchable line: a heading (4 digits), subheading (6), tariff line (8) or statistical line (10). */
export interface SearchDocument {
  /** Digits only. */
  readonly code: string;
  readonly level: 4 | 6 | 8 | 10;
  readonly description: string;
  /** The descriptions of its parents, outermost first. */
  readonly path: readonly string[];
}

export interface SearchHit {
  readonly document: SearchDocument;
  /** Higher is better; comparable only within one answer. */
  readonly score: number;
  /** The index terms the line matched, one per query word (a code search: the prefix, dotted). */
  readonly matched: readonly string[];
}

// ------------------------------------------------------------------------------------------------
// Text to terms

/** Words too common in the schedules to tell lines apart (never indexed, dropped from queries). */
const STOP_WORDS = new Set([
  "a",
  "an",
  "and",
  "are",
  "as",
  "at",
  "be",
  "by",
  "for",
  "from",
  "in",
  "is",
  "its",
  "of",
  "on",
  "or",
  "the",
  "to",
  "with",
]);

/**
 * Words people type for goods the schedule names otherwise (each maps to the schedule's terms, stemmed).
 * Search aids only: they rank lines, they never decide a classification.
 */
export const SYNONYMS: ReadonlyMap<string, readonly string[]> = new Map([
  ["solar", ["photovoltaic"]],
  ["pv", ["photovoltaic"]],
  ["phone", ["telephone"]],
  ["cellphone", ["telephone"]],
  ["smartphone", ["telephone"]],
  ["tv", ["television"]],
  ["laptop", ["portable"]],
  ["computer", ["data"]],
  ["ev", ["electric"]],
  ["car", ["motor", "vehicle"]],
  ["soybean", ["soya"]],
  ["soya", ["soybean"]],
  ["chip", ["integrated"]],
  ["aluminium", ["aluminum"]],
]);

/** Weight of a synonym's match, of a completed last word, relative to the word itself. */
const SYNONYM_FACTOR = 0.8;
const COMPLETION_FACTOR = 0.7;
/** BM25 parameters and the field weights. */
const K1 = 1.2;
const B = 0.75;
const OWN_WEIGHT = 1;
const PATH_WEIGHT = 0.35;

const HAN = /\p{Script=Han}/u;
const SPLIT = /[^\p{L}\p{N}]+/u;
const MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’ʼ]/g;
// Most texts are ASCII: folded without Unicode normalisation.
const NON_ASCII = /[\u0080-\uffff]/;
const ASCII_APOSTROPHE = /'/g;
const ASCII_SPLIT = /[^a-z0-9]+/;

/** A word reduced to its singular (a simple rule set, applied alike to the index and the queries). */
export function stem(word: string): string {
  const n = word.length;
  if (n <= 3 || /\d/.test(word)) return word;
  if (word.endsWith("ies") && n > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("sses")) return word.slice(0, -2);
  if (word.endsWith("ss") || word.endsWith("us") || word.endsWith("is")) return word;
  if (/(x|ch|sh|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("oes") && n > 5) return word.slice(0, -2);
  if (word.endsWith("s")) return word.slice(0, -1);
  return word;
}

/** The words of a text, folded (lower case, no accents or apostrophes), each Han character a word. */
export function words(text: string): string[] {
  if (!NON_ASCII.test(text))
    return text.replace(ASCII_APOSTROPHE, "").toLowerCase().split(ASCII_SPLIT).filter(Boolean);
  const folded = text.normalize("NFKD").replace(MARKS, "").replace(APOSTROPHES, "").toLowerCase();
  const out: string[] = [];
  for (const w of folded.split(SPLIT)) {
    if (w === "") continue;
    if (HAN.test(w)) {
      let run = "";
      for (const ch of w) {
        if (HAN.test(ch)) {
          if (run !== "") out.push(run);
          run = "";
          out.push(ch);
        } else run += ch;
      }
      if (run !== "") out.push(run);
    } else out.push(w);
  }
  return out;
}

/** The index terms of a text: its words without stop words, stemmed. */
export function terms(text: string): string[] {
  return words(text)
    .filter((w) => !STOP_WORDS.has(w))
    .map(stem);
}

const CODE_QUERY = /^[\d.\s]+$/;
/** Words one query may have (each costs a pass over its terms' postings). */
export const MAX_QUERY_WORDS = 16;

/** A search that cannot be answered as asked (the field at fault and why). */
export class SearchInputError extends Error {
  override readonly name = "SearchInputError";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

// ------------------------------------------------------------------------------------------------
// The index

/** The documents' postings of one term: doc ids ascending, with the term's BM25 weight in each. */
interface Postings {
  docs: Int32Array;
  weights: Float32Array;
}

/** A query word: the terms it matches, each with its factor. */
interface WordGroup {
  word: string;
  terms: { term: number; factor: number }[];
}

export class SearchIndex {
  /** Every term, sorted (prefix ranges by binary search). */
  private readonly sortedTerms: string[];
  private readonly termIds: Map<string, number>;
  private readonly postings: Postings[];
  /** Document ids by code, codes sorted (code prefixes by binary search). */
  private readonly byCode: { code: string; doc: number }[];
  // Scratch buffers of one query (the index answers one query at a time).
  private readonly score: Float32Array;
  private readonly groupScore: Float32Array;
  private readonly matchedCount: Uint16Array;
  private readonly listA: Int32Array;
  private readonly listB: Int32Array;

  constructor(readonly documents: readonly SearchDocument[]) {
    const n = documents.length;
    const own: string[][] = [];
    const path: string[][] = [];
    let ownTotal = 0;
    let pathTotal = 0;
    // Parents' texts repeat across their lines: each text is split into terms once.
    const seen = new Map<string, string[]>();
    const termsOf = (text: string): string[] => {
      let t = seen.get(text);
      if (t === undefined) {
        t = terms(text);
        seen.set(text, t);
      }
      return t;
    };
    for (const d of documents) {
      const o = termsOf(d.description);
      const p = d.path.length === 1 ? termsOf(d.path[0] as string) : d.path.flatMap(termsOf);
      own.push(o);
      path.push(p);
      ownTotal += o.length;
      pathTotal += p.length;
    }
    const avgOwn = Math.max(1, ownTotal / Math.max(1, n));
    const avgPath = Math.max(1, pathTotal / Math.max(1, n));

    // Term frequencies per document, per field.
    const perTerm = new Map<string, { docs: number[]; own: number[]; path: number[] }>();
    for (let d = 0; d < n; d++) {
      const counts = new Map<string, [number, number]>();
      for (const t of own[d] as string[]) {
        const c = counts.get(t) ?? [0, 0];
        c[0]++;
        counts.set(t, c);
      }
      for (const t of path[d] as string[]) {
        const c = counts.get(t) ?? [0, 0];
        c[1]++;
        counts.set(t, c);
      }
      for (const [t, [o, p]] of counts) {
        let e = perTerm.get(t);
        if (e === undefined) {
          e = { docs: [], own: [], path: [] };
          perTerm.set(t, e);
        }
        e.docs.push(d);
        e.own.push(o);
        e.path.push(p);
      }
    }
    this.sortedTerms = [...perTerm.keys()].sort();
    this.termIds = new Map(this.sortedTerms.map((t, k) => [t, k]));
    this.postings = this.sortedTerms.map((t) => {
      const e = perTerm.get(t) as { docs: number[]; own: number[]; path: number[] };
      const df = e.docs.length;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const weights = new Float32Array(df);
      for (let k = 0; k < df; k++) {
        const d = e.docs[k] as number;
        const tf =
          (OWN_WEIGHT * (e.own[k] as number)) / (1 - B + (B * (own[d] as string[]).length) / avgOwn) +
          (PATH_WEIGHT * (e.path[k] as number)) / (1 - B + (B * (path[d] as string[]).length) / avgPath);
        weights[k] = (idf * tf * (K1 + 1)) / (tf + K1);
      }
      return { docs: Int32Array.from(e.docs), weights };
    });
    this.byCode = documents
      .map((d, doc) => ({ code: d.code, doc }))
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.doc - b.doc));
    this.score = new Float32Array(n);
    this.groupScore = new Float32Array(n);
    this.matchedCount = new Uint16Array(n);
    this.listA = new Int32Array(n);
    this.listB = new Int32Array(n);
  }

  /** Whether the index has a term (as `terms` makes them). */
  hasTerm(term: string): boolean {
    return this.termIds.has(term);
  }

  /** The best `limit` documents for a query (an empty query finds nothing). */
  search(query: string, limit: number): SearchHit[] {
    if (CODE_QUERY.test(query) && /\d/.test(query))
      return this.searchCode(query.replace(/[.\s]/g, ""), limit);
    return this.searchWords(query, limit);
  }

  private searchCode(digits: string, limit: number): SearchHit[] {
    const codes = this.byCode;
    let lo = 0;
    let hi = codes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((codes[mid] as { code: string }).code < digits) lo = mid + 1;
      else hi = mid;
    }
    const out: SearchHit[] = [];
    for (let k = lo; k < codes.length && out.length < limit; k++) {
      const { code, doc } = codes[k] as { code: string; doc: number };
      if (!code.startsWith(digits)) break;
      out.push({
        document: this.documents[doc] as SearchDocument,
        score: Math.round((1000 * digits.length) / code.length) / 1000,
        matched: [formatCode(digits)],
      });
    }
    return out;
  }

  /** The term ids whose text begins with `prefix` (a range of the sorted terms). */
  private termsStarting(prefix: string): number[] {
    const all = this.sortedTerms;
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((all[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let k = lo; k < all.length && (all[k] as string).startsWith(prefix); k++) out.push(k);
    return out;
  }

  /** The query's words as groups of terms (a word no term matches makes an empty group). */
  private groupsOf(query: string): WordGroup[] {
    const typed = words(query);
    if (typed.length > MAX_QUERY_WORDS)
      throw new SearchInputError("q", `has ${typed.length} words; at most ${MAX_QUERY_WORDS} are searched`);
    // As you type, the last word is being written unless the query ends with a separator.
    const lastOpen = typed.length > 0 && !/[^\p{L}\p{N}]$/u.test(query.normalize("NFKD").replace(MARKS, ""));
    const groups: WordGroup[] = [];
    for (const [k, word] of typed.entries()) {
      const open = lastOpen && k === typed.length - 1;
      if (STOP_WORDS.has(word) && !(open && typed.length === 1)) continue;
      const best = new Map<number, number>();
      const add = (term: number | undefined, factor: number) => {
        if (term !== undefined && factor > (best.get(term) ?? 0)) best.set(term, factor);
      };
      const whole = stem(word);
      add(this.termIds.get(whole), 1);
      for (const s of SYNONYMS.get(whole) ?? SYNONYMS.get(word) ?? [])
        if (s !== whole) add(this.termIds.get(s), SYNONYM_FACTOR);
      if (open) {
        for (const prefix of new Set([word, whole]))
          for (const t of this.termsStarting(prefix)) add(t, COMPLETION_FACTOR);
      }
      groups.push({ word, terms: [...best].map(([term, factor]) => ({ term, factor })) });
    }
    return groups;
  }

  private searchWords(query: string, limit: number): SearchHit[] {
    const groups = this.groupsOf(query);
    if (groups.length === 0 || groups.some((g) => g.terms.length === 0)) return [];
    // Rarest word first: each later word only looks at the documents that matched every one before it.
    const order = groups
      .map((g, q) => ({
        q,
        size: g.terms.reduce((s, t) => s + (this.postings[t.term] as Postings).docs.length, 0),
      }))
      .sort((a, b) => a.size - b.size)
      .map((x) => x.q);
    const { score, groupScore, matchedCount } = this;
    // The documents that matched every word so far, and those matching the current one (swapped).
    let candidates = this.listA;
    let touched = this.listB;
    let nCandidates = 0;
    for (const [g, q] of order.entries()) {
      const termOf = this.termOfWord(q);
      let nTouched = 0;
      for (const { term, factor } of (groups[q] as WordGroup).terms) {
        const { docs, weights } = this.postings[term] as Postings;
        for (let k = 0; k < docs.length; k++) {
          const d = docs[k] as number;
          if (matchedCount[d] !== g) continue;
          const w = (weights[k] as number) * factor;
          const before = groupScore[d] as number;
          if (before === 0) touched[nTouched++] = d;
          if (w > before) {
            groupScore[d] = w;
            termOf[d] = term;
          }
        }
      }
      for (let k = 0; k < nTouched; k++) {
        const d = touched[k] as number;
        matchedCount[d] = g + 1;
        score[d] = (g === 0 ? 0 : (score[d] as number)) + (groupScore[d] as number);
        groupScore[d] = 0;
      }
      // Documents that matched the words before but not this one drop out.
      for (let k = 0; k < nCandidates; k++) {
        const d = candidates[k] as number;
        if (matchedCount[d] !== g + 1) matchedCount[d] = 0;
      }
      [candidates, touched] = [touched, candidates];
      nCandidates = nTouched;
    }
    const hits = this.best(candidates, nCandidates, limit).map((d) => ({
      document: this.documents[d] as SearchDocument,
      score: Math.round((score[d] as number) * 1000) / 1000,
      matched: groups.map(
        (_, q) => this.sortedTerms[(this.termOfWord(q) as Int32Array)[d] as number] as string,
      ),
    }));
    for (let k = 0; k < nCandidates; k++) matchedCount[candidates[k] as number] = 0;
    return hits;
  }

  /** The term each document matched for the query's word `q` (scratch, reused across queries). */
  private readonly termsMatched: Int32Array[] = [];
  private termOfWord(q: number): Int32Array {
    let a = this.termsMatched[q];
    if (a === undefined) {
      a = new Int32Array(this.documents.length);
      this.termsMatched[q] = a;
    }
    return a;
  }

  /** The `limit` best candidates: score, then level (headings first), then code. */
  private best(candidates: Int32Array, count: number, limit: number): number[] {
    const { score, documents } = this;
    const before = (a: number, b: number): boolean => {
      const sa = score[a] as number;
      const sb = score[b] as number;
      if (sa !== sb) return sa > sb;
      const da = documents[a] as SearchDocument;
      const db = documents[b] as SearchDocument;
      if (da.level !== db.level) return da.level < db.level;
      return da.code < db.code;
    };
    // A bounded heap whose root is the worst kept.
    const heap: number[] = [];
    const down = (i: number) => {
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let w = i;
        if (l < heap.length && before(heap[w] as number, heap[l] as number)) w = l;
        if (r < heap.length && before(heap[w] as number, heap[r] as number)) w = r;
        if (w === i) return;
        [heap[i], heap[w]] = [heap[w] as number, heap[i] as number];
        i = w;
      }
    };
    for (let k = 0; k < count; k++) {
      const d = candidates[k] as number;
      if (heap.length < limit) {
        heap.push(d);
        for (let i = heap.length - 1; i > 0; ) {
          const p = (i - 1) >> 1;
          if (!before(heap[p] as number, heap[i] as number)) break;
          [heap[i], heap[p]] = [heap[p] as number, heap[i] as number];
          i = p;
        }
      } else if (limit > 0 && before(d, heap[0] as number)) {
        heap[0] = d;
        down(0);
      }
    }
    return heap.sort((a, b) => (before(a, b) ? -1 : 1));
  }
}

// ------------------------------------------------------------------------------------------------
// The indexes of the nomenclatures held

export type Nomenclature = "hts" | "hs";

export interface SearchAnswer {
  nomenclature: Nomenclature;
  /** The date searched (the HTS revision in force on it). */
  date: string;
  /** The HTS revision searched, or the edition of China's descriptions. */
  revision: string;
  hits: SearchHit[];
}

/** A search's answer as JSON (the API's `/v1/search` and `truce search --json`): codes dotted. */
export function searchJson(query: string, answer: SearchAnswer) {
  return {
    query,
    nomenclature: answer.nomenclature,
    date: answer.date,
    revision: answer.revision,
    results: answer.hits.map((h) => ({
      code: formatCode(h.document.code),
      description: h.document.description,
      path: h.document.path,
      score: h.score,
      matched: h.matched,
      level: h.document.level,
    })),
  };
}

/** What China's HS search covers (data/cn/README.md, `hs-descriptions.csv`). */
export const HS_EDITION = "China's HS6 lines (HS 2022) and the HS8 lines of its lists";

/** Results of one search: by default, and at most. */
export const SEARCH_LIMIT_DEFAULT = 20;
export const SEARCH_LIMIT_MAX = 100;

/** Indexes kept at once (one per HTS revision searched, and China's). */
const INDEXES_KEPT = 6;

/**
 * The HTS lines in force on a date as documents: the HTS8 and HTS10 lines, and the headings and
 * subheadings their parent chains name (an HTS8 printed as one HTS10 line is that line).
 */
export function htsDocuments(hts: Hts, date: string): SearchDocument[] {
  const docs: SearchDocument[] = [];
  const parents = new Set<string>();
  for (const codes of [hts.codes8(), hts.codes10()]) {
    for (const code of codes) {
      const line = hts.line(code, date);
      if (line === undefined || line.impliedBy !== undefined) continue;
      const path: string[] = [];
      for (const p of line.parents) {
        if (p.code !== undefined && (p.code.length === 4 || p.code.length === 6) && !parents.has(p.code)) {
          parents.add(p.code);
          docs.push({
            code: p.code,
            level: p.code.length as 4 | 6,
            description: p.description,
            path: [...path],
          });
        }
        path.push(p.description);
      }
      docs.push({ code: line.code, level: line.level, description: line.description, path });
    }
  }
  return docs;
}

/** China's headings, HS6 and listed HS8 lines as documents (an HS6 without a description: its code only). */
export function hsDocuments(cn: CnSchedule): SearchDocument[] {
  const text = cn.descriptions();
  const docs: SearchDocument[] = [];
  const headings = new Set<string>();
  const pathOf = (code: string): string[] => {
    const out: string[] = [];
    for (const prefix of [code.slice(0, 4), code.slice(0, 6)])
      if (prefix.length < code.length && text.has(prefix)) out.push(text.get(prefix) as string);
    return out;
  };
  for (const hs6 of cn.codes()) {
    const heading = hs6.slice(0, 4);
    if (!headings.has(heading) && text.has(heading)) {
      headings.add(heading);
      docs.push({ code: heading, level: 4, description: text.get(heading) as string, path: [] });
    }
    docs.push({ code: hs6, level: 6, description: text.get(hs6) ?? "", path: pathOf(hs6) });
  }
  for (const l of cn.lines8())
    docs.push({ code: l.code, level: 8, description: l.name ?? "", path: pathOf(l.code) });
  return docs;
}

/** Searches the loaded nomenclatures; each index is built on its first search. */
export class Searcher {
  private readonly indexes = new Map<string, SearchIndex>();

  constructor(
    private readonly hts: Hts,
    private readonly cn: CnSchedule,
  ) {}

  /** The latest HTS revision's date, the default of a search. */
  latestDate(): string {
    return (this.hts.revisions[this.hts.revisions.length - 1] as HtsRevision).effectiveDate;
  }

  search(
    query: string,
    options: { nomenclature?: Nomenclature; date?: string; limit?: number } = {},
  ): SearchAnswer {
    const nomenclature = options.nomenclature ?? "hts";
    const date = options.date ?? this.latestDate();
    const limit = options.limit ?? SEARCH_LIMIT_DEFAULT;
    if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_LIMIT_MAX)
      throw new SearchInputError("limit", `expected 1 to ${SEARCH_LIMIT_MAX}, got ${limit}`);
    const { revision, index } = this.indexOf(nomenclature, date);
    return { nomenclature, date, revision, hits: index.search(query, limit) };
  }

  /** The index of a nomenclature (of the HTS revision in force on a date), built on first use. */
  indexOf(nomenclature: Nomenclature, date: string): { revision: string; index: SearchIndex } {
    let revision: string;
    let build: () => SearchDocument[];
    if (nomenclature === "hs") {
      revision = HS_EDITION;
      build = () => hsDocuments(this.cn);
    } else {
      let r: RevisionInForce;
      try {
        r = this.hts.revisionOn(date);
      } catch (e) {
        throw new SearchInputError("date", e instanceof Error ? e.message : String(e));
      }
      const first = this.hts.revisions[0] as HtsRevision;
      if (date < first.effectiveDate)
        throw new SearchInputError(
          "date",
          `the HTS search covers the revisions from ${first.id} (${first.effectiveDate}) on; ${date} is before`,
        );
      revision = r.id;
      build = () => htsDocuments(this.hts, r.effectiveDate);
    }
    const key = `${nomenclature}:${revision}`;
    let index = this.indexes.get(key);
    if (index === undefined) {
      index = new SearchIndex(build());
      if (this.indexes.size >= INDEXES_KEPT) this.indexes.delete(this.indexes.keys().next().value as string);
      this.indexes.set(key, index);
    }
    return { revision, index };
  }
}
