/**
 * People (with offices), places and organisations in the cleaned text. The shipped gazetteer is
 * matched first: names and aliases anywhere, a title followed by a family name ("Vice Premier He"),
 * and a surname alone ("Bessent said") only after a full mention of that person. Other people,
 * places and organisations come from runs of capitalised words that the gazetteer does not hold:
 * a run led by a title is a person; otherwise compromise's tags decide, with lower confidence.
 * compromise reads only those short runs (each once per process), never the whole article: it takes
 * about a second on a 2,000-word article.
 */
import { createRequire } from "node:module";
import type compromise from "compromise";
import type { OrganisationItem, PersonItem, PlaceItem } from "./contract.js";
import { countryCode, escapeRegExp } from "./countries.js";
import type { Gazetteer, GazetteerPerson } from "./gazetteer.js";
import type { NewsKnowledge } from "./knowledge.js";

type EntityItem = PersonItem | PlaceItem | OrganisationItem;

/**
 * compromise's one-file build (its CommonJS export): importing its ES modules, some hundreds of
 * files, took ~0.2 s more of every `truce ingest` start-up. Same version, same tagger.
 */
const nlp = createRequire(import.meta.url)("compromise") as typeof compromise;

/** Titles that lead a person's name ("Treasury Secretary Scott Bessent", "Vice Premier He Lifeng"). */
const TITLE =
  "(?:(?:US|U\\.S\\.|American|Chinese|China's|Indian|Brazilian|Japanese|Korean|EU|European)\\s+)?(?:(?:Vice|Deputy|Acting|Former|former)\\s+)?(?:President|Premier|Prime Minister|Vice President|Treasury Secretary|Secretary of the Treasury|Commerce Secretary|Secretary of Commerce|Secretary of State|Trade Representative|International Trade Representative|China International Trade Representative|Commerce Minister|Minister of Commerce|Foreign Minister|Finance Minister|Trade Minister|Minister|Chancellor|Ambassador|Senator|Sen\\.|Rep\\.|Governor|Chairman|Chairwoman|Chair|Spokesperson|Spokesman|Spokeswoman|Mr\\.|Ms\\.|Mrs\\.|Dr\\.)";
const TITLE_AFTER = /^\s+(?:Secretary|Minister|Representative|Spokes(?:person|man|woman))\b/;
const TITLE_BEFORE = new RegExp(`(${TITLE})\\s+$`);

interface Surface {
  kind: "person" | "place" | "organisation";
  name: string;
  person?: GazetteerPerson;
}

interface Matcher {
  /** Every name and alias of the gazetteer, longest first. */
  names: RegExp;
  surfaces: ReadonlyMap<string, Surface>;
  /** Surnames matched alone after a full mention, and family names after a title. */
  surnames: RegExp;
  bySurname: ReadonlyMap<string, readonly GazetteerPerson[]>;
}

const CJK = /[\u3400-\u9fff]/;

/** One alternation: Latin names bounded by non-letters, names in characters as they stand. */
function alternation(names: Iterable<string>): RegExp {
  const sorted = [...new Set(names)].sort((a, b) => b.length - a.length);
  const latin = sorted.filter((n) => !CJK.test(n)).map(escapeRegExp);
  const han = sorted.filter((n) => CJK.test(n)).map(escapeRegExp);
  const parts = [`(?<![\\p{L}\\p{N}])(?:${latin.join("|") || "(?!)"})(?![\\p{L}\\p{N}])`];
  if (han.length > 0) parts.push(`(?:${han.join("|")})`);
  return new RegExp(parts.join("|"), "gu");
}

/** A person's family name: the first word of a Chinese name, the last of others. */
const familyName = (p: GazetteerPerson) => {
  const words = p.name.split(" ");
  return (p.side === "CN" ? words[0] : words[words.length - 1]) as string;
};

const matchers = new WeakMap<Gazetteer, Matcher>();
function matcherOf(g: Gazetteer): Matcher {
  const cached = matchers.get(g);
  if (cached !== undefined) return cached;
  const surfaces = new Map<string, Surface>();
  for (const p of g.people)
    for (const n of [p.name, ...p.aliases]) surfaces.set(n, { kind: "person", name: p.name, person: p });
  for (const p of g.places)
    for (const n of [p.name, ...p.aliases]) surfaces.set(n, { kind: "place", name: p.name });
  for (const o of g.organisations)
    for (const n of [o.name, ...o.aliases]) surfaces.set(n, { kind: "organisation", name: o.name });
  const bySurname = new Map<string, GazetteerPerson[]>();
  for (const p of g.people) {
    for (const s of new Set([p.surname, familyName(p)])) {
      if (s !== undefined) bySurname.set(s, [...(bySurname.get(s) ?? []), p]);
    }
  }
  const m: Matcher = {
    names: alternation(surfaces.keys()),
    surfaces,
    surnames: alternation(bySurname.keys()),
    bySurname,
  };
  matchers.set(g, m);
  return m;
}

/** The office the gazetteer holds for the person: the one seen last (or still held). */
function currentOffice(p: GazetteerPerson): string | undefined {
  let best: { office: string; until: string } | undefined;
  for (const o of p.offices) {
    const until = o.until ?? "9999-12-31";
    if (best === undefined || until >= best.until) best = { office: o.office, until };
  }
  return best?.office;
}

function personItem(
  text: string,
  start: number,
  end: number,
  p: GazetteerPerson,
  confidence: number,
): PersonItem {
  const office = currentOffice(p);
  const title = TITLE_BEFORE.exec(text.slice(Math.max(0, start - 60), start))?.[1];
  return {
    kind: "person",
    text: text.slice(start, end),
    start,
    end,
    confidence,
    name: p.name,
    ...(office === undefined ? {} : { office }),
    side: p.side,
    inGazetteer: true,
    ...(title === undefined ? {} : { title }),
  };
}

const overlaps = (taken: readonly { start: number; end: number }[], start: number, end: number) =>
  taken.some((t) => start < t.end && t.start < end);

function gazetteerMatches(text: string, g: Gazetteer): EntityItem[] {
  const m = matcherOf(g);
  const out: EntityItem[] = [];
  /** Where each person was last mentioned by name or alias. */
  const fullMentions: { at: number; person: GazetteerPerson }[] = [];
  for (const hit of text.matchAll(m.names)) {
    const surface = m.surfaces.get(hit[0]) as Surface;
    const start = hit.index;
    const end = start + hit[0].length;
    if (surface.person !== undefined) {
      out.push(personItem(text, start, end, surface.person, hit[0] === surface.name ? 0.95 : 0.9));
      fullMentions.push({ at: start, person: surface.person });
    } else if (!TITLE_AFTER.test(text.slice(end, end + 20))) {
      // "US Treasury Secretary": the organisation's name is part of a person's title there.
      out.push({
        kind: surface.kind,
        text: hit[0],
        start,
        end,
        confidence: 0.9,
        name: surface.name,
      } as EntityItem);
    }
  }
  for (const hit of text.matchAll(m.surnames)) {
    const start = hit.index;
    const end = start + hit[0].length;
    if (overlaps(out, start, end)) continue;
    const titled = TITLE_BEFORE.test(text.slice(Math.max(0, start - 60), start));
    const candidates = (m.bySurname.get(hit[0]) ?? []).filter(
      (p) => p.surname === hit[0] || (titled && familyName(p) === hit[0]),
    );
    // The person of that name mentioned last before this point; a title alone settles a unique one.
    const mentioned = fullMentions
      .filter((f) => f.at < start && candidates.includes(f.person))
      .at(-1)?.person;
    const person = mentioned ?? (titled && candidates.length === 1 ? candidates[0] : undefined);
    if (person !== undefined) out.push(personItem(text, start, end, person, 0.8));
  }
  return out;
}

/** Runs of capitalised words ("Narendra Modi", "Ursula von der Leyen", "Peterson Institute"). */
const CAPITALISED_RUN =
  /(?<![\p{L}\p{N}'’.-])[A-Z][\p{L}'’-]*\.?(?:\s+(?:(?:von|van|der|de|da|del|bin|al|du|la|le|of|for)\s+)*[A-Z][\p{L}'’-]*)*/gu;
/** Words that never make a name by themselves. */
const NOT_A_NAME = new Set(
  "The A An In On At By For Of And But Or If As It Its He She They We I This That These Those There Here His Her Their Our Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Section List Phase Annex Chapter No Nos HTS CTC EO Mr Ms Mrs Dr Tariff Tariffs Trade Truce Reuters Bloomberg AP AFP Xinhua Truth Social Global Times News Update Updated Live Read More Also Related Latest".split(
    " ",
  ),
);

/** compromise's reading of a run, kept per process (runs repeat from article to article). */
const tagCache = new Map<string, "person" | "place" | "organisation" | undefined>();
const TAG_CACHE_LIMIT = 5_000;

function tagRun(run: string): "person" | "place" | "organisation" | undefined {
  if (tagCache.has(run)) return tagCache.get(run);
  const tags = nlp(run)
    .termList()
    .map((t) => t.tags ?? new Set<string>());
  let kind: "person" | "place" | "organisation" | undefined;
  if (tags.some((t) => t.has("Organization"))) kind = "organisation";
  else if (tags.some((t) => t.has("Person") || t.has("FirstName") || t.has("LastName"))) kind = "person";
  else if (tags.length > 0 && tags.every((t) => t.has("Place"))) kind = "place";
  if (tagCache.size >= TAG_CACHE_LIMIT) tagCache.clear();
  tagCache.set(run, kind);
  return kind;
}

function otherEntities(text: string, taken: readonly EntityItem[]): EntityItem[] {
  const out: EntityItem[] = [];
  for (const hit of text.matchAll(CAPITALISED_RUN)) {
    let start = hit.index;
    let run = hit[0].replace(/\s+(?:of|for)$/, "").replace(/\.$/, "");
    // A leading title (kept as the person's title) or a word that is no name is not part of it.
    const title = new RegExp(`^(${TITLE})\\s+`).exec(run);
    if (title !== null) {
      start += title[0].length;
      run = run.slice(title[0].length);
    }
    while (true) {
      const first = /^(\S+)\s+/.exec(run);
      if (first === null || !(NOT_A_NAME.has(first[1] as string) || countryCode(first[1] as string))) break;
      start += first[0].length;
      run = run.slice(first[0].length);
    }
    const end = start + run.length;
    const words = run.split(/\s+/);
    if (run.length < 3 || words.some((w) => NOT_A_NAME.has(w)) || countryCode(run) !== undefined) continue;
    if (overlaps(taken, start, end) || /\d/.test(run)) continue;
    if (title !== null && words.length <= 3) {
      out.push({
        kind: "person",
        text: run,
        start,
        end,
        confidence: 0.6,
        name: run,
        office: (title[1] as string).trim(),
        inGazetteer: false,
        title: (title[1] as string).trim(),
      });
      continue;
    }
    if (words.length < 2 || words.length > 5) continue;
    const kind = tagRun(run);
    if (kind === undefined) continue;
    if (kind === "person")
      out.push({ kind, text: run, start, end, confidence: 0.5, name: run, inGazetteer: false });
    else out.push({ kind, text: run, start, end, confidence: 0.5, name: run });
  }
  return out;
}

export function extractEntities(text: string, knowledge: NewsKnowledge): EntityItem[] {
  const known = gazetteerMatches(text, knowledge.gazetteer);
  return [...known, ...otherEntities(text, known)].sort((a, b) => a.start - b.start || a.end - b.end);
}
