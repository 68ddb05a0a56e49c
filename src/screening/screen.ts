/**
 * Screening a party's name against restricted-party list entries: every name and alias of every
 * entry is normalised (normalise.ts), indexed by token, and scored against the query by a weighted
 * token overlap (rare words count more than "technology" or "china"; misspelt words count by their
 * Jaro–Winkler similarity) blended with the Jaro–Winkler similarity of the whole names (talisman), then
 * adjusted for country and address. A hit carries its list entry, the instrument that listed it and
 * the breakdown of its score. `createScreener` builds the index once; `screen` is then fast.
 */
/// <reference path="./talisman.d.ts" />
import jaroWinkler from "talisman/metrics/jaro-winkler.js";
import { CN_ZONE, localDate, US_ZONE } from "../units/time.js";
import type { ListEntry, ListId, ListInstrument } from "./list-entry.js";
import { type NormalisedName, normaliseName } from "./normalise.js";
import { isPinyinSyllable } from "./transliterate.js";

/** The matcher's settings a compliance officer may tune (each documented in the README). */
export interface MatchTuning {
  /** Hits score at least this (0–1). */
  threshold: number;
  /** The weight of the token score in the blend; the whole-name Jaro–Winkler has the rest. */
  tokenWeight: number;
  /** Two different words count as the same, by their Jaro–Winkler similarity, from this similarity. */
  wordSimilarity: number;
  /** Words shorter than this are never taken for a misspelling of another. */
  minFuzzyLength: number;
  /** Added when the query's country is the entry's, taken off when it differs. */
  countryAdjustment: number;
  /** "boost": a country adjusts the score; "filter": entries of another country are not hits. */
  countryMode: "boost" | "filter";
  /** Added when the query's address shares at least half its words with one of the entry's. */
  addressAdjustment: number;
  /** At most this many hits, best first. */
  limit: number;
}

/** The default threshold: the best F1 on the labelled set (docs/screening-quality.md). */
export const DEFAULT_THRESHOLD = 0.85;

export const DEFAULT_TUNING: Readonly<MatchTuning> = {
  threshold: DEFAULT_THRESHOLD,
  tokenWeight: 0.8,
  wordSimilarity: 0.88,
  minFuzzyLength: 4,
  countryAdjustment: 0.05,
  countryMode: "boost",
  addressAdjustment: 0.03,
  limit: 50,
};

export interface ScreeningQuery {
  name: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  address?: string;
  /** The instant screened at (epoch ms): entries not yet listed or already removed then are not hits. Without it, every entry not removed. */
  at?: number;
}

/** One word of the query paired with one of the entry's name. */
export interface WordMatch {
  query: string;
  entry: string;
  /** 1 for the same word; otherwise the Jaro–Winkler similarity of the two. */
  similarity: number;
}

export interface ScoreBreakdown {
  /** Weighted overlap of the words (Dice of the query's and the entry's covered weight), 0–1. */
  tokens: number;
  /** Jaro–Winkler similarity of the whole names (words sorted, or written together), 0–1. */
  jaroWinkler: number;
  /** tokens × tokenWeight + jaroWinkler × (1 − tokenWeight). */
  blended: number;
  /** Added for the country (negative when it differs; 0 when either side has none). */
  country: number;
  /** Added for the address. */
  address: number;
  matched: WordMatch[];
  unmatchedQuery: string[];
  unmatchedEntry: string[];
}

export interface ScreeningHit {
  list: ListId;
  /** The entry's primary name. */
  name: string;
  score: number;
  entryId: string;
  /** null: the list does not date the listing (the entry screens at every instant). */
  listedOn: string | null;
  removedOn?: string;
  instrument: ListInstrument;
  reasons: string[];
  /** The entry's name or alias that matched best. */
  matchedName: string;
  country?: string;
  breakdown: ScoreBreakdown;
}

export interface ScreeningResult {
  hits: ScreeningHit[];
}

export interface Screener {
  screen(query: ScreeningQuery, options?: Partial<MatchTuning>): ScreeningResult;
  /** The entries screened against. */
  readonly entries: readonly ListEntry[];
}

/** A query the matcher cannot screen (no letters or digits in the name, a bad country or setting). */
export class ScreeningError extends Error {}

/** One name or alias of an entry, normalised. */
interface IndexedName {
  entry: number;
  text: string;
  norm: NormalisedName;
  weights: number[];
  total: number;
  sorted: string;
  /** Each word written together with the next ("hua wei" → "huawei"), for a query word that runs them together. */
  joins: string[];
}

/** A query word with the index's words it may stand for. */
interface QueryWord {
  word: string;
  weight: number;
  /** Index words it matches, with their similarity (the word itself at 1 when indexed). */
  like: Map<string, number>;
  /** The index's words and pairs it matches, as posting lists: those of the words, then those of the pairs. */
  lists: PostingList[];
}

/**
 * Names a query shares weight with, and how much: each name of the list shares `query` of the
 * query's weight and `name` of its own. A word's list holds each name once; a pair's holds
 * [name, pair weight, ...], once for each place the name writes the pair, and shares `name` (the
 * similarity) times the pair's weight; the compact form's list shares the name's whole weight.
 */
interface PostingList {
  kind: "compact" | "word" | "pair";
  /** A word's number (in `wordNumbers`); −1 for the others. */
  word: number;
  names: readonly number[];
  query: number;
  name: number;
}

/** A posting list of a query, and the query's words (from, to) it stands for. */
interface QueryList {
  list: PostingList;
  from: number;
  to: number;
}

/** Memoised similarities of misspelt words (keys are the exact words: no collision). */
const MAX_MEMO = 200_000;

/** The zone whose calendar the list's dates are in: the issuer's. */
function listZone(list: ListId): string {
  return list.startsWith("cn-") ? CN_ZONE : US_ZONE;
}

/** The word with each one of its letters left out, and itself (words of minFuzzyLength or more). */
function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Whether the harmonic mean of the weight shared on each side reaches `least`. */
function reaches(
  onQuery: number,
  onName: number,
  queryTotal: number,
  nameTotal: number,
  least: number,
): boolean {
  const p = Math.min(1, onQuery / queryTotal);
  const r = Math.min(1, onName / nameTotal);
  return (2 * p * r) / (p + r) >= least;
}

/** The lowest word score a name can have and still reach the threshold with the best Jaro–Winkler and the given bonus. */
function minWordScore(t: MatchTuning, bonus: number): number {
  return Math.max(0, (t.threshold - bonus - (1 - t.tokenWeight)) / t.tokenWeight);
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

function checkTuning(t: MatchTuning): void {
  const unit = ["threshold", "tokenWeight", "wordSimilarity"] as const;
  for (const k of unit)
    if (!(t[k] >= 0 && t[k] <= 1)) throw new ScreeningError(`${k} must be between 0 and 1 (got ${t[k]})`);
  for (const k of ["countryAdjustment", "addressAdjustment"] as const)
    if (!(t[k] >= 0 && t[k] <= 0.5)) throw new ScreeningError(`${k} must be between 0 and 0.5 (got ${t[k]})`);
  if (t.countryMode !== "boost" && t.countryMode !== "filter")
    throw new ScreeningError(`countryMode must be "boost" or "filter" (got ${String(t.countryMode)})`);
  if (!Number.isInteger(t.limit) || t.limit < 1)
    throw new ScreeningError(`limit must be a whole number of 1 or more (got ${t.limit})`);
  if (!Number.isInteger(t.minFuzzyLength) || t.minFuzzyLength < 2)
    throw new ScreeningError(`minFuzzyLength must be a whole number of 2 or more (got ${t.minFuzzyLength})`);
}

/** Builds the index of the entries' names once; the screener it returns answers queries from it. */
export function createScreener(entries: readonly ListEntry[], tuning: Partial<MatchTuning> = {}): Screener {
  const base: MatchTuning = { ...DEFAULT_TUNING, ...tuning };
  checkTuning(base);
  const names: IndexedName[] = [];
  entries.forEach((entry, i) => {
    const seen = new Set<string>();
    for (const text of [entry.name, ...entry.aliases]) {
      const norm = normaliseName(text);
      const key = norm.tokens.join(" ");
      if (norm.tokens.length === 0 || seen.has(key)) continue;
      seen.add(key);
      const joins = norm.tokens.slice(1).map((w, k) => `${norm.tokens[k]}${w}`);
      const sorted = [...norm.tokens].sort().join(" ");
      names.push({ entry: i, text, norm, weights: [], total: 0, sorted, joins });
    }
  });

  // The names each word is in (a word's weight is its inverse document frequency over the names),
  // the names of each pair of words written together with the pair's weight, the names of each
  // compact form.
  const postings = new Map<string, number[]>();
  const joined = new Map<string, number[]>();
  const compact = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, key: string, a: number, b?: number) => {
    let list = map.get(key);
    if (list === undefined) {
      list = [];
      map.set(key, list);
    }
    list.push(a);
    if (b !== undefined) list.push(b);
  };
  // Pairs of pinyin syllables written apart ("hua wei"): a query may run them together, misspelt.
  const syllablePair = new Set<string>();
  names.forEach((n, i) => {
    for (const word of new Set(n.norm.tokens)) push(postings, word, i);
    n.norm.tokens.forEach((w, k) => {
      const next = n.norm.tokens[k + 1];
      if (next !== undefined && isPinyinSyllable(w) && isPinyinSyllable(next))
        syllablePair.add(`${w}${next}`);
    });
    push(compact, n.norm.compact, i);
  });
  const count = names.length;
  const idf = (df: number) => Math.log(1 + count / (1 + df));
  const weightOf = (word: string) => idf(postings.get(word)?.length ?? 0);
  // Each name's total weight in an array of its own: read for every name a query touches.
  const totals = new Float64Array(count);
  names.forEach((n, i) => {
    n.weights = n.norm.tokens.map(weightOf);
    n.total = n.weights.reduce((a, b) => a + b, 0);
    totals[i] = n.total;
    n.joins.forEach((join, k) => {
      push(joined, join, i, (n.weights[k] as number) + (n.weights[k + 1] as number));
    });
  });
  // Each name's distinct words by number, one run a name: the lists a name is in, found from its
  // words without comparing strings.
  const wordNumbers = new Map([...postings.keys()].map((word, k) => [word, k]));
  const wordsFrom = new Int32Array(count + 1);
  const nameWords: number[] = [];
  names.forEach((n, i) => {
    for (const word of new Set(n.norm.tokens)) nameWords.push(wordNumbers.get(word) as number);
    wordsFrom[i + 1] = nameWords.length;
  });

  // Every indexed word, and pair of syllables, under itself and its one-letter deletions: a query
  // word found under one of its own deletion keys is at most one edit (or one swap of neighbours) away.
  const nearby = new Map<string, string[]>();
  const fuzzyJoins = [...joined.keys()].filter((join) => syllablePair.has(join));
  for (const word of new Set([...postings.keys(), ...fuzzyJoins])) {
    if (word.length < base.minFuzzyLength) continue;
    for (const key of new Set(deletions(word))) {
      const list = nearby.get(key);
      if (list) list.push(word);
      else nearby.set(key, [word]);
    }
  }

  const similarity = new Map<string, number>();
  /**
   * The index's words, and pairs of words written together, that a query word may stand for
   * (itself at 1; misspellings from wordSimilarity, at their Jaro–Winkler similarity).
   */
  function alike(word: string, t: MatchTuning): Map<string, number> {
    const like = new Map<string, number>();
    if (postings.has(word) || joined.has(word)) like.set(word, 1);
    if (word.length < t.minFuzzyLength || !/^[a-z]+$/.test(word)) return like;
    for (const key of new Set(deletions(word)))
      for (const other of nearby.get(key) ?? []) {
        if (like.has(other)) continue;
        const pair = `${word} ${other}`;
        let s = similarity.get(pair);
        if (s === undefined) {
          if (similarity.size >= MAX_MEMO) similarity.clear();
          s = jaroWinkler(word, other);
          similarity.set(pair, s);
        }
        if (s >= t.wordSimilarity) like.set(other, s);
      }
    return like;
  }

  /** Query words as prepared under the screener's own word settings (the usual case). */
  const prepared = new Map<string, QueryWord>();
  /** A query word with what it may stand for, its weight and the names it is in. */
  function queryWord(word: string, t: MatchTuning): QueryWord {
    const usual = t.wordSimilarity === base.wordSimilarity && t.minFuzzyLength === base.minFuzzyLength;
    const known = usual ? prepared.get(word) : undefined;
    if (known) return known;
    const like = alike(word, t);
    // A misspelt word weighs what the word it is taken for weighs; an unknown word, the most.
    let best = 0;
    let df = 0;
    for (const [other, s] of like) {
      const names = postings.get(other);
      const pairs = joined.get(other);
      if (s > best) {
        best = s;
        df = names?.length ?? (pairs?.length ?? 0) / 2;
      }
    }
    const weight = idf(df);
    const lists: PostingList[] = [];
    for (const [key, s] of like) {
      const names = postings.get(key);
      if (names) {
        const number = wordNumbers.get(key) as number;
        lists.push({ kind: "word", word: number, names, query: s * weight, name: s * idf(names.length) });
      }
    }
    for (const [key, s] of like) {
      const pairs = joined.get(key);
      if (pairs) lists.push({ kind: "pair", word: -1, names: pairs, query: s * weight, name: s });
    }
    const made: QueryWord = { word, weight, like, lists };
    if (usual) {
      if (prepared.size >= MAX_MEMO) prepared.clear();
      prepared.set(word, made);
    }
    return made;
  }

  // Per query: the first list each name looked at is in (−1: not looked at); the weight it may
  // have in common with the query, on the query's side and on its own (an upper bound: every pair
  // counted, not only the best one-to-one pairing), side by side; the names looked at; the first
  // unread list of each word.
  const firstList = new Int32Array(count).fill(-1);
  const shares = new Float64Array(2 * count);
  const looked = new Int32Array(count);
  const unreadOf = new Int32Array(wordNumbers.size).fill(-1);

  /**
   * The names whose bound on the word score reaches `least`, in the order the lists first name
   * them. A name pairs each query word with one word of its own at most, so its score is at most
   * what a harmonic mean of 1 and the weight of the query words it has in its lists allows;
   * reaching `least` takes least / (2 − least) of the query's weight. The names that only the lists
   * of the lightest query words (which together weigh less than that) hold cannot make it: the
   * lists of those words are not read (the list of a common word like "technology" holds
   * thousands), only checked for the names found in the others. A name's bound is summed from the
   * lists read, then from the unread lists it is in (found from its words), unless even the sum of
   * every unread list cannot make it reach `least`.
   */
  function boundedNames(
    lists: readonly QueryList[],
    words: readonly QueryWord[],
    queryTotal: number,
    least: number,
  ): number[] {
    // A hair below the exact share, so that rounding never leaves unread a list a name needs.
    const needed = least > 0 ? queryTotal * (least / (2 - least)) * (1 - 1e-7) : 0;
    const light = words.map(() => false);
    const lightest = words
      .map((_, k) => k)
      .sort((a, b) => (words[a] as QueryWord).weight - (words[b] as QueryWord).weight);
    let lightWeight = 0;
    for (const k of lightest) {
      lightWeight += (words[k] as QueryWord).weight;
      if (lightWeight >= needed) break;
      light[k] = true;
    }
    // The unread lists by word, each pointing at the next unread list of the same word (−2: read),
    // and what they share at most with a name.
    const nextOfWord = lists.map(() => -2);
    let unreadQuery = 0;
    let unreadName = 0;
    for (let k = lists.length - 1; k >= 0; k--) {
      const { list, from, to } = lists[k] as QueryList;
      if (list.kind !== "word") continue;
      let unread = true;
      for (let w = from; w <= to; w++) unread &&= light[w] as boolean;
      if (!unread) continue;
      nextOfWord[k] = unreadOf[list.word] as number;
      unreadOf[list.word] = k;
      unreadQuery += list.query;
      unreadName += list.name;
    }
    let lookedCount = 0;
    for (let k = 0; k < lists.length; k++) {
      if ((nextOfWord[k] as number) !== -2) continue;
      const { names: listed, kind, query: q, name: e } = (lists[k] as QueryList).list;
      const step = kind === "pair" ? 2 : 1;
      for (let p = 0; p < listed.length; p += step) {
        const i = listed[p] as number;
        if ((firstList[i] as number) < 0) {
          firstList[i] = k;
          looked[lookedCount++] = i;
        }
        shares[2 * i] = (shares[2 * i] as number) + q;
        const share =
          kind === "word" ? e : kind === "pair" ? e * (listed[p + 1] as number) : (totals[i] as number);
        shares[2 * i + 1] = (shares[2 * i + 1] as number) + share;
      }
    }
    const found: number[] = [];
    for (let l = 0; l < lookedCount; l++) {
      const i = looked[l] as number;
      let onQuery = shares[2 * i] as number;
      let onName = shares[2 * i + 1] as number;
      shares[2 * i] = 0;
      shares[2 * i + 1] = 0;
      if (!reaches(onQuery + unreadQuery, onName + unreadName, queryTotal, totals[i] as number, least))
        continue;
      for (let w = wordsFrom[i] as number; w < (wordsFrom[i + 1] as number); w++)
        for (let k = unreadOf[nameWords[w] as number] as number; k >= 0; k = nextOfWord[k] as number) {
          const { list } = lists[k] as QueryList;
          onQuery += list.query;
          onName += list.name;
          if (k < (firstList[i] as number)) firstList[i] = k;
        }
      if (reaches(onQuery, onName, queryTotal, totals[i] as number, least)) found.push(i);
    }
    found.sort((a, b) => (firstList[a] as number) - (firstList[b] as number) || a - b);
    for (let l = 0; l < lookedCount; l++) firstList[looked[l] as number] = -1;
    lists.forEach(({ list }, k) => {
      if ((nextOfWord[k] as number) !== -2) unreadOf[list.word] = -1;
    });
    return found;
  }

  function screen(query: ScreeningQuery, options: Partial<MatchTuning> = {}): ScreeningResult {
    const t: MatchTuning = { ...base, ...options };
    if (Object.keys(options).length > 0) checkTuning(t);
    const country = query.country?.toUpperCase();
    if (country !== undefined && !/^[A-Z]{2}$/.test(country))
      throw new ScreeningError(`country must be an ISO 3166-1 alpha-2 code like CN (got "${query.country}")`);
    const norm = normaliseName(query.name);
    if (norm.tokens.length === 0)
      throw new ScreeningError(`the name "${query.name}" has no letters or digits to match`);

    const words = norm.tokens.map((word) => queryWord(word, t));
    const queryTotal = words.reduce((a, w) => a + w.weight, 0);
    const querySorted = [...norm.tokens].sort().join(" ");
    // Two query words that a name writes as one ("Hai Kang" for "Haikang").
    const queryJoins: number[] = [];
    norm.tokens.forEach((w, k) => {
      if (k > 0 && postings.has(`${norm.tokens[k - 1]}${w}`)) queryJoins.push(k - 1);
    });

    const lists: QueryList[] = [];
    const sameCompact = compact.get(norm.compact);
    if (sameCompact) {
      const list: PostingList = { kind: "compact", word: -1, names: sameCompact, query: queryTotal, name: 0 };
      lists.push({ list, from: 0, to: words.length - 1 });
    }
    for (const k of queryJoins) {
      const join = `${norm.tokens[k]}${norm.tokens[k + 1]}`;
      const q = (words[k] as QueryWord).weight + (words[k + 1] as QueryWord).weight;
      const names = postings.get(join) as number[];
      const list: PostingList = {
        kind: "word",
        word: wordNumbers.get(join) as number,
        names,
        query: q,
        name: weightOf(join),
      };
      lists.push({ list, from: k, to: k + 1 });
    }
    words.forEach((w, k) => {
      for (const list of w.lists) lists.push({ list, from: k, to: k });
    });

    // Names whose bound on the word score (every pair counted, not only a one-to-one pairing) is
    // below the lowest that can reach the threshold are not scored.
    const bonus = (country ? t.countryAdjustment : 0) + (query.address ? t.addressAdjustment : 0);
    const minTokens = minWordScore(t, bonus);
    const candidates = boundedNames(lists, words, queryTotal, minTokens - 1e-9);
    const active = activeFilter(query.at);
    const best = new Map<number, ScreeningHit>();
    for (const i of candidates) {
      const n = names[i] as IndexedName;
      const entry = entries[n.entry] as ListEntry;
      if (!active(entry)) continue;
      if (t.countryMode === "filter" && country && entry.country && entry.country !== country) continue;
      const overlap =
        n.norm.compact === norm.compact
          ? sameLetters(n, words)
          : wordOverlap(words, queryJoins, queryTotal, n);
      if (overlap.score < minTokens) continue;
      const jw = wholeNameSimilarity(querySorted, norm.compact, n);
      const blended = overlap.score * t.tokenWeight + jw * (1 - t.tokenWeight);
      const countryDelta =
        country && entry.country
          ? entry.country === country
            ? t.countryAdjustment
            : -t.countryAdjustment
          : 0;
      const addressDelta =
        query.address && sharesAddress(query.address, entry.addresses) ? t.addressAdjustment : 0;
      const score = round4(Math.min(1, Math.max(0, blended + countryDelta + addressDelta)));
      if (score < t.threshold) continue;
      const previous = best.get(n.entry);
      if (previous && previous.score >= score) continue;
      const breakdown: ScoreBreakdown = {
        tokens: round4(overlap.score),
        jaroWinkler: round4(jw),
        blended: round4(blended),
        country: countryDelta,
        address: addressDelta,
        matched: overlap.matched,
        unmatchedQuery: overlap.unmatchedQuery,
        unmatchedEntry: overlap.unmatchedEntry,
      };
      best.set(n.entry, {
        list: entry.list,
        name: entry.name,
        score,
        entryId: entry.entryId,
        listedOn: entry.listedOn ?? null,
        ...(entry.removedOn ? { removedOn: entry.removedOn } : {}),
        instrument: entry.instrument,
        reasons: reasons(norm, n, entry, breakdown, country, t),
        matchedName: n.text,
        ...(entry.country ? { country: entry.country } : {}),
        breakdown,
      });
    }
    const hits = [...best.values()].sort(
      (a, b) =>
        b.score - a.score || (a.list < b.list ? -1 : a.list > b.list ? 1 : a.entryId < b.entryId ? -1 : 1),
    );
    return { hits: hits.slice(0, t.limit) };
  }

  return { screen, entries };
}

/**
 * Jaro–Winkler of the whole names: of their words in sorted order (word order does not count) or
 * written together in their own order (spacing does not count), whichever is higher.
 */
function wholeNameSimilarity(querySorted: string, queryCompact: string, n: IndexedName): number {
  if (querySorted === n.sorted || queryCompact === n.norm.compact) return 1;
  return Math.max(jaroWinkler(querySorted, n.sorted), jaroWinkler(queryCompact, n.norm.compact));
}

/** Whether an entry is on its list at the instant (in its issuer's calendar), or not removed when no instant is given. */
function activeFilter(at: number | undefined): (entry: ListEntry) => boolean {
  if (at === undefined) return (entry) => entry.removedOn === undefined;
  if (!Number.isFinite(at)) throw new ScreeningError(`at must be an instant (got ${at})`);
  const days: Record<string, string> = {
    [US_ZONE]: localDate(at, US_ZONE),
    [CN_ZONE]: localDate(at, CN_ZONE),
  };
  return (entry) => {
    const day = days[listZone(entry.list)] as string;
    return (
      (entry.listedOn === undefined || entry.listedOn <= day) &&
      (entry.removedOn === undefined || day < entry.removedOn)
    );
  };
}

interface Overlap {
  score: number;
  matched: WordMatch[];
  unmatchedQuery: string[];
  unmatchedEntry: string[];
}

/** Names whose words differ only in where the spaces are: a full match. */
function sameLetters(n: IndexedName, words: readonly QueryWord[]): Overlap {
  return {
    score: 1,
    matched: [{ query: words.map((w) => w.word).join(" "), entry: n.norm.tokens.join(" "), similarity: 1 }],
    unmatchedQuery: [],
    unmatchedEntry: [],
  };
}

/**
 * The weighted overlap of the query's words and a name's: each query word paired with at most one
 * of the name's (the most similar first), the Dice of the weight covered on each side, a pair
 * counting by its similarity.
 */
function wordOverlap(
  words: readonly QueryWord[],
  queryJoins: readonly number[],
  queryTotal: number,
  n: IndexedName,
): Overlap {
  // [first query word, query words covered, first name word, name words covered, similarity]:
  // word for word, a query word for two words of the name written together, or the other way round.
  const pairs: [number, number, number, number, number][] = [];
  words.forEach((w, qi) => {
    n.norm.tokens.forEach((e, ei) => {
      const s = w.like.get(e);
      if (s !== undefined) pairs.push([qi, 1, ei, 1, s]);
    });
    n.joins.forEach((j, ei) => {
      const s = w.like.get(j);
      if (s !== undefined) pairs.push([qi, 1, ei, 2, s]);
    });
  });
  for (const qk of queryJoins) {
    const join = `${(words[qk] as QueryWord).word}${(words[qk + 1] as QueryWord).word}`;
    n.norm.tokens.forEach((e, ei) => {
      if (e === join) pairs.push([qk, 2, ei, 1, 1]);
    });
  }
  pairs.sort((a, b) => b[4] - a[4] || a[0] - b[0] || a[2] - b[2] || a[1] + a[3] - b[1] - b[3]);
  const usedQuery = new Set<number>();
  const usedEntry = new Set<number>();
  let coveredQuery = 0;
  let coveredEntry = 0;
  const matched: WordMatch[] = [];
  const free = (used: Set<number>, at: number, span: number) =>
    !used.has(at) && (span === 1 || !used.has(at + 1));
  for (const [qi, qSpan, ei, eSpan, s] of pairs) {
    if (!free(usedQuery, qi, qSpan) || !free(usedEntry, ei, eSpan)) continue;
    for (let k = qi; k < qi + qSpan; k++) {
      usedQuery.add(k);
      coveredQuery += s * (words[k] as QueryWord).weight;
    }
    for (let k = ei; k < ei + eSpan; k++) {
      usedEntry.add(k);
      coveredEntry += s * (n.weights[k] as number);
    }
    const query = words
      .slice(qi, qi + qSpan)
      .map((w) => w.word)
      .join(" ");
    matched.push({ query, entry: n.norm.tokens.slice(ei, ei + eSpan).join(" "), similarity: round4(s) });
  }
  const p = queryTotal > 0 ? coveredQuery / queryTotal : 0;
  const r = n.total > 0 ? coveredEntry / n.total : 0;
  return {
    score: p + r > 0 ? (2 * p * r) / (p + r) : 0,
    matched,
    unmatchedQuery: words.filter((_, i) => !usedQuery.has(i)).map((w) => w.word),
    unmatchedEntry: n.norm.tokens.filter((_, i) => !usedEntry.has(i)),
  };
}

/** Whether the address shares at least half its words with one of the entry's addresses. */
function sharesAddress(address: string, addresses: readonly string[]): boolean {
  const mine = new Set(normaliseName(address).tokens);
  if (mine.size === 0) return false;
  return addresses.some((a) => {
    const theirs = new Set(normaliseName(a).tokens);
    let shared = 0;
    for (const w of mine) if (theirs.has(w)) shared++;
    return shared * 2 >= Math.min(mine.size, theirs.size) && shared > 0;
  });
}

/** Why a name is a hit, in words a compliance officer can check. */
function reasons(
  query: NormalisedName,
  n: IndexedName,
  entry: ListEntry,
  b: ScoreBreakdown,
  country: string | undefined,
  t: MatchTuning,
): string[] {
  const out: string[] = [];
  const q = query.tokens.join(" ");
  const e = n.norm.tokens.join(" ");
  if (q === e) out.push(`same name after normalisation: "${e}"`);
  else if (n.sorted === [...query.tokens].sort().join(" ")) out.push(`same words in another order: "${e}"`);
  else if (query.compact === n.norm.compact) out.push(`same letters, spaced differently: "${e}"`);
  if (n.text !== entry.name) out.push(`matched the alias "${n.text}"`);
  const forms = [...new Set([...query.removed, ...n.norm.removed])];
  if (forms.length > 0) out.push(`legal forms and stopwords ignored: ${forms.join(", ")}`);
  for (const tr of new Set([...query.transliterations, ...n.norm.transliterations]))
    out.push(`romanisation read as pinyin: ${tr}`);
  for (const m of b.matched)
    if (m.similarity < 1) out.push(`"${m.query}" taken for "${m.entry}" (Jaro–Winkler ${m.similarity})`);
  if (b.unmatchedQuery.length > 0) out.push(`query words not in the entry: ${b.unmatchedQuery.join(", ")}`);
  if (b.unmatchedEntry.length > 0) out.push(`entry words not in the query: ${b.unmatchedEntry.join(", ")}`);
  out.push(
    `score: words ${b.tokens} × ${t.tokenWeight} + Jaro–Winkler ${b.jaroWinkler} × ${round4(1 - t.tokenWeight)} = ${b.blended}`,
  );
  if (b.country > 0) out.push(`country ${country} is the entry's (+${b.country})`);
  if (b.country < 0) out.push(`country ${country} is not the entry's ${entry.country} (${b.country})`);
  if (b.address > 0) out.push(`address shares words with the entry's (+${b.address})`);
  if (entry.listedOn === undefined) out.push("the list gives no listing date: screened at every instant");
  return out;
}
