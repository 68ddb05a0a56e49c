/**
 * A party's name reduced to the tokens the matcher compares: Unicode compatibility forms, case,
 * diacritics, punctuation, dotted abbreviations, common abbreviations, legal forms (Co., Ltd.,
 * Inc., GmbH, 有限公司, 集团, "(Group)" ...) and the romanisation of Chinese names (see
 * transliterate.ts) all folded away, so that what is left is the distinctive part of the name.
 */
import { hanWords } from "./han.js";
import { pinyinSyllables } from "./transliterate.js";

/** Chinese company forms, longest first, removed wherever they stand (after NFKC). */
const CHINESE_FORMS = ["股份有限公司", "有限责任公司", "有限公司", "股份公司", "集团", "公司"];

/** Legal forms removed wherever they stand: words that name a form of company and nothing else. */
const LEGAL_ANYWHERE = new Set([
  "ltd",
  "limited",
  "inc",
  "incorporated",
  "corp",
  "corporation",
  "company",
  "llc",
  "gmbh",
  "plc",
  "jsc",
  "ojsc",
  "pjsc",
  "group",
]);

/** Legal forms also removed, but only at the end of a name (or before another legal form): short words that can be part of a name. */
const LEGAL_AT_END = new Set([
  "co",
  "ag",
  "sa",
  "nv",
  "bv",
  "kk",
  "lp",
  "llp",
  "pte",
  "pty",
  "srl",
  "sarl",
  "spa",
  "oao",
  "zao",
  "ooo",
]);

/** Words that carry nothing in a name. */
const STOPWORDS = new Set(["the", "and", "of", "for"]);

/** Common abbreviations and plural forms, written out as the lists most often write them. */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    tech: "technology",
    techs: "technology",
    technologies: "technology",
    intl: "international",
    natl: "national",
    elec: "electronic",
    electronics: "electronic",
    sci: "science",
    sciences: "science",
    univ: "university",
    inst: "institute",
    mfg: "manufacturing",
    engg: "engineering",
    dev: "development",
    industries: "industry",
    holdings: "holding",
    industrial: "industry",
    systems: "system",
    communications: "communication",
    devices: "device",
  }),
);

/** Letter that are not decomposed by NFD, written as ASCII. */
const LETTERS: Readonly<Record<string, string>> = {
  ß: "ss",
  æ: "ae",
  ø: "o",
  ł: "l",
  đ: "d",
  ı: "i",
  œ: "oe",
};

/** A run of Han characters, or a run of other letters and digits. */
const TOKEN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
const HAN = /^\p{Script=Han}/u;
/** Dotted abbreviations: "L.L.C.", "U.S.A." (each letter followed by a dot). */
const DOTTED = /(?<![\p{L}\p{N}])(?:\p{L}\.){2,}/gu;
const ASCII_WORD = /^[a-z]+$/;

export interface NormalisedName {
  /** The tokens compared, in the order of the name (Wade–Giles and postal spellings read as pinyin). */
  tokens: string[];
  /** The tokens written together: names that differ only in their spaces ("Hik Vision") compare equal. */
  compact: string;
  /** The legal forms and stopwords taken out, as written after folding. */
  removed: string[];
  /** Words read as pinyin: "tsinghua → qinghua". */
  transliterations: string[];
}

/** Printable ASCII: nothing for the Unicode steps of `fold` to do. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** Case, compatibility forms, diacritics and Chinese legal forms folded; punctuation kept. */
function fold(name: string): string {
  if (PLAIN_ASCII.test(name))
    return name
      .toLowerCase()
      .replace(DOTTED, (m) => ` ${m.replace(/\./g, "")} `)
      .replace(/['`]/g, "")
      .replace(/&/g, " and ");
  let text = name.normalize("NFKC");
  for (const form of CHINESE_FORMS) text = text.split(form).join(" ");
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[ßæøłđıœ]/g, (c) => LETTERS[c] ?? c)
    .replace(DOTTED, (m) => ` ${m.replace(/\./g, "")} `)
    .replace(/['’`]/g, "")
    .replace(/&/g, " and ");
}

/** Which of the words are legal forms: anywhere for unambiguous ones, at the end for short ones. */
function legalForms(words: readonly string[]): boolean[] {
  const legal = words.map((w) => LEGAL_ANYWHERE.has(w));
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i] as string;
    const atEnd = i === words.length - 1 || legal[i + 1] === true;
    if (atEnd && (LEGAL_AT_END.has(word) || LEGAL_ANYWHERE.has(word))) legal[i] = true;
  }
  return legal;
}

/** Words as read (Wade–Giles and postal spellings as pinyin), kept: names repeat their words. */
const readings = new Map<string, string>();
const MAX_READINGS = 100_000;

/** A lower-case ASCII word as the matcher reads it. */
function reading(word: string): string {
  let read = readings.get(word);
  if (read === undefined) {
    if (readings.size >= MAX_READINGS) readings.clear();
    read = pinyinSyllables(word).join("");
    readings.set(word, read);
  }
  return read;
}

/** The tokens of a name, as the matcher compares them. */
export function normaliseName(name: string): NormalisedName {
  const hanReadings: string[] = [];
  const words: string[] = [];
  for (const w of fold(name).match(TOKEN) ?? []) {
    if (!HAN.test(w)) {
      words.push(ABBREVIATIONS.get(w) ?? w);
      continue;
    }
    const read = hanWords(w);
    hanReadings.push(`${w} → ${read.join(" ")}`);
    for (const r of read) words.push(ABBREVIATIONS.get(r) ?? r);
  }
  const legal = legalForms(words);
  const removed: string[] = [];
  const kept: string[] = [];
  words.forEach((w, i) => {
    if (legal[i] || STOPWORDS.has(w)) removed.push(w);
    else kept.push(w);
  });
  // A name that is nothing but legal forms ("The Company Limited") is compared as written.
  const distinctive = kept.length > 0 ? kept : words;
  const tokens: string[] = [];
  const transliterations: string[] = [...hanReadings];
  for (const word of distinctive) {
    if (!ASCII_WORD.test(word)) {
      tokens.push(word);
      continue;
    }
    const read = reading(word);
    if (read !== word) transliterations.push(`${word} → ${read}`);
    tokens.push(read);
  }
  return {
    tokens,
    compact: tokens.join(""),
    removed: kept.length > 0 ? removed : [],
    transliterations,
  };
}
