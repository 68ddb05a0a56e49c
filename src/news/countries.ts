/**
 * Countries as the news names them: names (from i18n-iso-countries' English table), the common
 * short forms and demonyms, and the capitals that stand for a government ("Washington", "Beijing").
 * One regex finds them; `countryCode` gives the ISO2 of what it found.
 */
import { createRequire } from "node:module";

/** Short forms, demonyms and seats of government the English table does not hold. */
const EXTRA: Readonly<Record<string, string>> = {
  US: "US",
  "U.S.": "US",
  USA: "US",
  "U.S.A.": "US",
  America: "US",
  American: "US",
  Americans: "US",
  "United States": "US",
  Washington: "US",
  Chinese: "CN",
  Beijing: "CN",
  PRC: "CN",
  "Hong Kong": "HK",
  Indian: "IN",
  Brazilian: "BR",
  Canadian: "CA",
  Mexican: "MX",
  Japanese: "JP",
  "South Korea": "KR",
  "South Korean": "KR",
  Korean: "KR",
  Vietnamese: "VN",
  Vietnam: "VN",
  Taiwanese: "TW",
  Taiwan: "TW",
  German: "DE",
  French: "FR",
  British: "GB",
  Britain: "GB",
  UK: "GB",
  Swiss: "CH",
  Russian: "RU",
  Russia: "RU",
  Malaysian: "MY",
  Thai: "TH",
  Indonesian: "ID",
  Australian: "AU",
  "South African": "ZA",
  Turkish: "TR",
  Turkey: "TR",
  Laos: "LA",
  Iran: "IR",
  Syria: "SY",
  Venezuela: "VE",
  Bolivia: "BO",
  Tanzania: "TZ",
  Moldova: "MD",
};

let table: ReadonlyMap<string, string> | undefined;
let pattern: string | undefined;

function names(): ReadonlyMap<string, string> {
  if (table === undefined) {
    const en = createRequire(import.meta.url)("i18n-iso-countries/langs/en.json") as {
      countries: Record<string, string | string[]>;
    };
    const map = new Map<string, string>();
    for (const [code, name] of Object.entries(en.countries)) {
      for (const n of Array.isArray(name) ? name : [name]) if (!n.includes(",")) map.set(n, code);
    }
    for (const [n, code] of Object.entries(EXTRA)) map.set(n, code);
    table = map;
  }
  return table;
}

/** ISO2 of a country name, demonym or seat of government as written; undefined when unknown. */
export function countryCode(name: string): string | undefined {
  return names().get(name.replace(/['’]s$/, ""));
}

export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A regex source matching any known country name (case-sensitive, longest first, not inside a
 * word). Use it inside a capture group.
 */
export function countryPattern(): string {
  if (pattern === undefined) {
    const all = [...names().keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    pattern = `(?<![\\w.])(?:${all.join("|")})(?![\\w])`;
  }
  return pattern;
}
