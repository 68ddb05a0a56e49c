/**
 * Tariff rates in the cleaned text, with what they apply to and who charges whom. A rate is a
 * number with "%", "percent" or "percentage points", or a vague level ("triple-digit tariffs"); its
 * parties come from its own clause only: "US inbound tariffs on Chinese goods to about 55%" (US
 * charges, Chinese goods), "tariffs on Brazil of 50%" (origin Brazil, charger not stated), "India's
 * 50% tariff" (tied to India, direction not stated). Values are the numbers as written (7.5 stays 7.5).
 */

import { textTable } from "../units/text-table.js";
import type { RateItem } from "./contract.js";
import { countryCode, countryPattern } from "./countries.js";
import { sentenceSpans } from "./sentences.js";

const QUALIFIERS: readonly [RegExp, string][] = [
  [/^(?:about|around|approximately|roughly|some)$/i, "about"],
  [/^(?:nearly|almost|close to)$/i, "nearly"],
  [/^(?:up to|as much as|as high as)$/i, "up to"],
  [/^at least$/i, "at least"],
  [/^(?:more than|over|above)$/i, "more than"],
  [/^(?:additional|extra|further|another)$/i, "additional"],
];
const QUALIFIER_WORDS =
  "about|around|approximately|roughly|some|nearly|almost|close to|up to|as much as|as high as|at least|more than|over|above|additional|extra|further|another";
/** The qualifier and role words just before a number: "from about ", "an additional ", "to ". */
const BEFORE = new RegExp(
  `(?:\\b(from|to|by)\\s+)?(?:(?:an?|the)\\s+)?(?:\\b(${QUALIFIER_WORDS})\\s+)?(?:an?\\s+)?$`,
  "i",
);
const AFTER_ADDITIONAL = /^\s*(?:additional|extra)\b/i;

const NUMBER_RATE =
  /(?<![\d.,])(\d{1,3}(?:\.\d+)?)(?:\s*(?:(percentage points?|percentage-points?)\b|(%)|(percent|per cent)\b))/gi;
const LEVEL =
  /\b(triple-digit|triple digit|three-digit|double-digit|hefty|sky-high|steep|punishing|punitive|prohibitive|massive)\s+(?:(?:new|additional|extra|import|retaliatory|reciprocal|counter)\s+){0,2}(?:tariffs?|duties|levies|rates)\b/gi;

const TARIFF =
  "(?:inbound\\s+)?(?:import\\s+)?(?:counter-?)?(?:tariffs?|duties|duty|levies|levy|surcharges?|rates?)";
/** Words that end a clause: a rate's parties are never read across them. */
const CLAUSE_END = /;|,\s*(?:while|but|whereas|and)\b|\s(?:while|whereas|but)\s/i;
/** Verbs by which a country charges a tariff ("the US imposed ...", "Beijing will raise ..."). */
const CHARGE_VERB =
  "(?:imposed|imposes|impose|imposing|raised|raises|raise|slapped|slaps|levied|levies|charges|charged|hiked|hikes|cut|cuts|lowered|lowers|reduced|reduces|set|sets|put|puts|threatened|threatens|announced|announces|applied|applies|kept|keeps|maintained|maintains|suspended|suspends|paused|extended|extends|will)";
/** Who stands for a government as the subject of a charging verb, besides a country's name. */
const ACTORS = textTable<string>({
  Trump: "US",
  "White House": "US",
  USTR: "US",
  Xi: "CN",
  MOFCOM: "CN",
  "Tariff Commission": "CN",
});

interface Patterns {
  /** "<C> (inbound) tariffs on (goods from) <C> (goods)", the last in a clause. */
  both: RegExp;
  /** "tariffs on (imports from) <C> (goods)". */
  onCountry: RegExp;
  /** "<C> ... imposed": the charger as the subject of a charging verb. */
  subject: RegExp;
  /** "<C>'s (new) " right before the rate. */
  possessive: RegExp;
  /** "on (imports from) <C> ..." right after the rate. */
  afterOn: RegExp;
}
let patterns: Patterns | undefined;
function compiled(): Patterns {
  if (patterns === undefined) {
    const c = countryPattern();
    const goods = "(?:\\s+(?:goods|imports|products|exports|shipments|steel|cars|vehicles|made goods))?";
    const onWhat = `on\\s+(?:all\\s+)?(?:(?:imports|goods|products)\\s+(?:from|of)\\s+)?(?:the\\s+)?`;
    patterns = {
      both: new RegExp(`(${c})(?:['’]s)?\\s+${TARIFF}\\s+(${onWhat}(${c})${goods})`, "g"),
      onCountry: new RegExp(`${TARIFF}\\s+(${onWhat}(${c})${goods})`, "g"),
      subject: new RegExp(
        `(${c}|${Object.keys(ACTORS).join("|")})(?:['’]s)?\\s+(?:[a-z]+\\s+){0,3}?${CHARGE_VERB}\\b`,
        "g",
      ),
      possessive: new RegExp(`(${c})['’]s\\s+(?:(?:new|current|existing|planned|proposed)\\s+)?$`),
      afterOn: new RegExp(
        `^\\s*(?:(?:additional|extra|reciprocal|retaliatory|new|import)\\s+)*(?:${TARIFF}\\s+)?(${onWhat}(?:(${c})${goods}|[a-z][a-z-]*(?:\\s+(?:and\\s+)?[a-z][a-z-]*){0,2}))`,
      ),
    };
  }
  return patterns;
}

interface Parties {
  importer?: string;
  origin?: string;
  appliesTo?: string;
  concerns?: string;
}

const chargerCode = (name: string) => ACTORS[name] ?? countryCode(name);

function lastMatch(re: RegExp, text: string): RegExpExecArray | undefined {
  re.lastIndex = 0;
  let last: RegExpExecArray | undefined;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) last = m;
  return last;
}

/** "on Chinese goods" → "Chinese goods". */
const stripOn = (phrase: string) => phrase.replace(/^on\s+/, "").trim();

/** Parties of a rate from the clause before it (`left`) and after it (`right`). */
function partiesOf(left: string, right: string): Parties {
  const p = compiled();
  const both = lastMatch(p.both, left);
  if (both !== undefined && left.length - (both.index + both[0].length) < 40) {
    return {
      importer: countryCode(both[1] as string),
      origin: countryCode(both[3] as string),
      appliesTo: stripOn(both[2] as string),
    };
  }
  const out: Parties = {};
  const on = lastMatch(p.onCountry, left);
  if (on !== undefined && left.length - (on.index + on[0].length) < 40) {
    out.origin = countryCode(on[2] as string);
    out.appliesTo = stripOn(on[1] as string);
    const subject = lastMatch(p.subject, left.slice(0, on.index + 1));
    if (subject !== undefined) out.importer = chargerCode(subject[1] as string);
    if (out.importer === out.origin) delete out.importer;
    return out;
  }
  const after = p.afterOn.exec(right);
  const possessive = p.possessive.exec(left);
  if (after !== null) {
    out.appliesTo = stripOn(after[1] as string);
    if (after[2] !== undefined) out.origin = countryCode(after[2]);
  }
  if (possessive !== null) {
    const code = countryCode(possessive[1] as string);
    if (out.origin !== undefined) out.importer = code;
    else out.concerns = code;
  } else if (out.origin !== undefined) {
    const subject = lastMatch(p.subject, left);
    if (subject !== undefined) out.importer = chargerCode(subject[1] as string);
  }
  if (out.importer !== undefined && out.importer === out.origin) delete out.importer;
  return out;
}

function qualifierOf(word: string | undefined): string | undefined {
  if (word === undefined) return undefined;
  return QUALIFIERS.find(([re]) => re.test(word))?.[1];
}

/**
 * The clause of a sentence around a span: from the last clause end before it (and not before
 * `floor`, the end of the rate before) to the first clause end after it (and not past `ceiling`).
 */
function clauseAround(
  sentence: string,
  start: number,
  end: number,
  floor: number,
  ceiling: number,
): { left: string; right: string } {
  let leftStart = floor;
  const before = sentence.slice(0, start);
  for (const m of before.matchAll(new RegExp(CLAUSE_END.source, "gi"))) {
    leftStart = Math.max(leftStart, m.index + m[0].length);
  }
  const after = sentence.slice(end, Math.max(end, ceiling));
  const cut = CLAUSE_END.exec(after);
  return { left: sentence.slice(leftStart, start), right: cut === null ? after : after.slice(0, cut.index) };
}

/** A sentence about tariffs: its percentages are rates. */
const TARIFF_CONTEXT =
  /\b(?:tariffs?|duty|duties|levy|levies|surcharges?|rates?|reciprocal|counter-tariffs?|import tax(?:es)?|customs)\b/i;
/** A sentence about markets or the economy, with no tariff word: its percentages are not rates. */
const OTHER_MEASURE =
  /\b(?:shares?|stocks?|index|indices|GDP|growth|grew|inflation|yields?|bonds?|currency|yuan|dollar|markets?|poll|votes?|approval|profits?|revenue|sales|earnings|unemployment|jobless)\b/i;

const SUSPENDED = /\b(?:suspend|suspended|suspends|suspending|suspension|paused?|pausing)\b/i;

export function extractRates(text: string): RateItem[] {
  const out: RateItem[] = [];
  for (const s of sentenceSpans(text)) {
    const sentence = text.slice(s.start, s.end);
    if (!/\d\s*(?:%|per)|digit|hefty|high|steep|punishing|punitive|prohibitive|massive/i.test(sentence))
      continue;
    const aboutTariffs = TARIFF_CONTEXT.test(sentence);
    if (!aboutTariffs && OTHER_MEASURE.test(sentence)) continue;
    const found: { start: number; end: number; item: RateItem }[] = [];
    /** A match as a rate item: its span in the sentence, and in the text. */
    const rateAt = (m: RegExpExecArray, fields: Omit<RateItem, "kind" | "text" | "start" | "end">) => {
      const start = m.index;
      const end = start + m[0].length;
      found.push({
        start,
        end,
        item: { kind: "rate", text: m[0], start: s.start + start, end: s.start + end, ...fields },
      });
    };
    for (const m of sentence.matchAll(NUMBER_RATE)) {
      const start = m.index;
      const before = BEFORE.exec(sentence.slice(Math.max(0, start - 40), start));
      const role = before?.[1]?.toLowerCase() as "from" | "to" | "by" | undefined;
      const qualifier =
        qualifierOf(before?.[2]) ??
        (AFTER_ADDITIONAL.test(sentence.slice(start + m[0].length)) ? "additional" : undefined);
      rateAt(m, {
        confidence: aboutTariffs ? 0.9 : 0.6,
        value: Number(m[1]),
        ...(qualifier === undefined ? {} : { qualifier }),
        ...(m[2] === undefined ? {} : { unit: "percentage-points" as const }),
        ...(role === undefined ? {} : { role }),
      });
    }
    for (const m of sentence.matchAll(LEVEL)) rateAt(m, { confidence: 0.6, level: m[1] as string });
    found.sort((a, b) => a.start - b.start);
    let previous: { end: number; parties: Parties } | undefined;
    for (const [i, f] of found.entries()) {
      const floor = previous?.end ?? 0;
      const { left, right } = clauseAround(
        sentence,
        f.start,
        f.end,
        floor,
        found[i + 1]?.start ?? sentence.length,
      );
      // A rate joined to the one before by "to", "and", "or" or a dash shares its parties ("from 34% to 10%").
      const joined = previous !== undefined && /^\s*(?:to|and|or|-|–)\s*(?:[a-z]+\s+)?$/i.test(left);
      const parties = joined && previous !== undefined ? previous.parties : partiesOf(left, right);
      Object.assign(f.item, definedOnly(parties));
      if (SUSPENDED.test(left) || SUSPENDED.test(right)) f.item.suspended = true;
      previous = { end: f.end, parties };
    }
    out.push(...found.map((f) => f.item));
  }
  return out;
}

function definedOnly(p: Parties): Parties {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as Parties;
}
