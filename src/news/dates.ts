/**
 * Dates and instants in the cleaned text, resolved against the publication instant and its zone.
 *
 * chrono-node finds the expressions (with the publication instant and its zone's offset as reference,
 * forwardDate off) and gives the components the text states; what it implies is not trusted, and is
 * resolved here against the publication day in the publication zone:
 * - a weekday: "last"/"next" → strictly before/after; otherwise by the tense of its clause: a past
 *   report ("said on Saturday", "met on Monday") → the latest such day on or before the publication
 *   day, a future one ("will meet on Monday", "starting Monday") → the first on or after; no cue → before;
 * - a month and day without a year ("on November 10", "In April, Trump had said"): the year that puts
 *   it on the side of the publication day the tense says (nearest when no cue), so an article of
 *   Dec 30 2025 saying "on January 5" means 2026;
 * - an instant only when a time of day is written ("12:01 a.m. EST", "13:01 Beijing time"), never
 *   from the hour chrono copies from its reference; a named zone is mapped by zones.ts, else the
 *   publication zone is used;
 * - vague spans ("earlier this year", "since May", "end of September", "in 2026") get a precision
 *   and a lower confidence.
 */
import * as chrono from "chrono-node";
import { textTable } from "../units/text-table.js";
import { isoInstantInZone, localDate, MONTH_NAMES, zonedInstant } from "../units/time.js";
import type { DateItem } from "./contract.js";
import type { Published } from "./published.js";
import { isChinaZone, ZONE_PHRASE, zoneOfPhrase } from "./zones.js";

type Tense = "past" | "future";

interface Context {
  /** Publication day in the publication zone, YYYY-MM-DD. */
  day: string;
  published: Published;
  /** Whether CST means China (the publication zone is China's). */
  chinese: boolean;
  /** The last day-precise date read, for a time "that day". */
  lastDate?: string;
}

// --- calendar arithmetic on YYYY-MM-DD (no time, no zone) -------------------------------------

function ymd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
function dayNumber(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000
  );
}
function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}
/** 0 = Sunday, as chrono's weekday. */
function weekday(date: string): number {
  return (dayNumber(date) + 4) % 7;
}
function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// --- tense of a clause ------------------------------------------------------------------------

/** Words that fix the tense of a clause (modals, auxiliaries, reporting verbs, markers). */
const STRONG = textTable<Tense>({
  will: "future",
  would: "future",
  shall: "future",
  starting: "future",
  beginning: "future",
  effective: "future",
  due: "future",
  scheduled: "future",
  expected: "future",
  plans: "future",
  plan: "future",
  planned: "future",
  intends: "future",
  upcoming: "future",
  until: "future",
  could: "future",
  might: "future",
  // The present of a schedule: "the truce expires on November 10", "talks resume Monday".
  starts: "future",
  begins: "future",
  resumes: "future",
  resume: "future",
  expires: "future",
  lapses: "future",
  opens: "future",
  ends: "future",
  takes: "future",
  take: "future",
  begin: "future",
  expire: "future",
  lapse: "future",
  had: "past",
  was: "past",
  were: "past",
  did: "past",
  said: "past",
  told: "past",
  since: "past",
  ago: "past",
  earlier: "past",
});
/** Past forms that do not end in -ed. */
const IRREGULAR_PAST = new Set([
  "met",
  "held",
  "made",
  "took",
  "came",
  "went",
  "began",
  "spoke",
  "wrote",
  "struck",
  "saw",
  "rose",
  "fell",
  "sent",
  "gave",
  "left",
  "won",
  "sought",
  "brought",
  "thought",
  "became",
  "hit",
]);
const NOT_VERB_AFTER_TO = new Set([
  "the",
  "a",
  "an",
  "its",
  "their",
  "his",
  "her",
  "this",
  "that",
  "these",
  "those",
  "about",
  "around",
]);

function wordTense(word: string, next: string | undefined, strongOnly: boolean): Tense | undefined {
  const w = word.toLowerCase();
  if (w.endsWith("'ll") || w.endsWith("’ll")) return "future";
  if (w === "to" && next !== undefined && /^[a-z]+$/.test(next) && !NOT_VERB_AFTER_TO.has(next))
    return "future";
  if (w === "set") return next === "to" ? "future" : strongOnly ? undefined : "past";
  const strong = STRONG[w];
  if (strong !== undefined || strongOnly) return strong;
  if (IRREGULAR_PAST.has(w)) return "past";
  if (/^[a-z]{2,}ed$/.test(word) && !/eed$/.test(word)) return "past";
  return undefined;
}

/** The end of a sentence or clause; not the full stop of an initial ("U.S. farm goods"). */
const CLAUSE_END = /(?<!\b[A-Z])[.!?;](?=\s|$)|\n/g;

/** How many words before a date are read for its tense. */
const BACK_WORDS = 24;

/** A tense, and whether it was read after the date or far before it (less sure: the verb of a longer clause). */
interface Cue {
  tense: Tense;
  remote: boolean;
}

/** A strong cue (modal, auxiliary, reporting verb) counts as this many words nearer than a bare verb. */
const STRONG_BONUS = 3;
/** Farther than this many words before the date, a cue is remote. */
const NEAR_WORDS = 6;

/**
 * Tense cue of the clause around text[start, end): the nearest cue before the date, a strong one
 * counting as nearer ("will be imposed on Monday" is future, "the controls it announced on Oct. 9"
 * past); failing that, the nearest after it ("On Monday, Bessent said").
 */
function clauseTense(text: string, start: number, end: number): Cue | undefined {
  const before = text.slice(Math.max(0, start - 200), start);
  let cut = -1;
  for (const m of before.matchAll(CLAUSE_END)) cut = (m.index as number) + m[0].length - 1;
  const backWords = (before.slice(cut + 1).match(/[A-Za-z’']+|\d[\d.,]*%?/g) ?? []).slice(-BACK_WORDS);
  let best: { tense: Tense; score: number; distance: number } | undefined;
  for (let k = 1; k <= backWords.length; k++) {
    const i = backWords.length - k;
    const strong = wordTense(backWords[i] as string, backWords[i + 1], true);
    const tense = strong ?? wordTense(backWords[i] as string, backWords[i + 1], false);
    if (tense === undefined) continue;
    const score = k - (strong === undefined ? 0 : STRONG_BONUS);
    if (best === undefined || score < best.score) best = { tense, score, distance: k };
  }
  if (best !== undefined) return { tense: best.tense, remote: best.distance > NEAR_WORDS };
  const afterText = text.slice(end, end + 120);
  const stop = afterText.search(CLAUSE_END);
  const aheadWords = (
    (stop >= 0 ? afterText.slice(0, stop) : afterText).match(/[A-Za-z’']+|\d[\d.,]*%?/g) ?? []
  ).slice(0, 6);
  for (const strongOnly of [true, false]) {
    for (let i = 0; i < aheadWords.length; i++) {
      const tense = wordTense(aheadWords[i] as string, aheadWords[i + 1], strongOnly);
      if (tense !== undefined) return { tense, remote: true };
    }
  }
  return undefined;
}

/** How far from the publication day a remote tense cue may move a date. */
const TENSE_REACH_DAYS = 300;

/** The year of a month (and day) stated without one: on the tense's side of the publication day, nearest. */
function inferYear(
  month: number,
  day: number | undefined,
  cue: Cue | undefined,
  ctx: Context,
): { year: number; by: string } {
  const pubYear = Number(ctx.day.slice(0, 4));
  const pub = dayNumber(ctx.day);
  let best: { year: number; distance: number } | undefined;
  for (const year of [pubYear - 1, pubYear, pubYear + 1]) {
    const first = dayNumber(ymd(year, month, day ?? 1));
    const last = dayNumber(ymd(year, month, day ?? lastDay(year, month)));
    if (cue?.tense === "past" && first > pub) continue;
    if (cue?.tense === "future" && last < pub) continue;
    const distance = pub < first ? first - pub : pub > last ? pub - last : 0;
    if (best === undefined || distance < best.distance) best = { year, distance };
  }
  const nearest = () => ({
    year: cue === undefined ? (best as { year: number }).year : inferYear(month, day, undefined, ctx).year,
    by: "nearest",
  });
  if (best === undefined || cue === undefined) return nearest();
  // A remote cue ("said on Sunday that the threat of an additional 100% tariff on Chinese goods
  // from November 1 had been averted") may be the verb of another clause: it does not move a date
  // more than about ten months away, which would have been written with its year.
  if (cue.remote && best.distance > TENSE_REACH_DAYS) return nearest();
  return { year: best.year, by: `${cue.tense} tense` };
}

const SATURDAY = 6;

/** The day a weekday names, from the publication day. */
function resolveWeekday(
  target: number,
  modifier: string | undefined,
  tense: Tense | undefined,
  ctx: Context,
): string {
  const pubDow = weekday(ctx.day);
  const back = (pubDow - target + 7) % 7;
  const ahead = (target - pubDow + 7) % 7;
  if (modifier === "last" || modifier === "past" || modifier === "previous")
    return addDays(ctx.day, -(back || 7));
  if (modifier === "next") return addDays(ctx.day, ahead || 7);
  return tense === "future" ? addDays(ctx.day, ahead) : addDays(ctx.day, -back);
}

const CLOCK = /\d{1,2}:\d{2}|\d\s*[ap]\.?m\b\.?|\bnoon\b|\bmidnight\b/i;
const ZONE_AFTER = new RegExp(`^\\s*\\(?(${ZONE_PHRASE})\\)?`);
const ZONE_IN = new RegExp(`(${ZONE_PHRASE})`);
const ANAPHORIC = /\b(?:earlier|later|before|after)$/i;
const THAT_DAY = /^,?\s+(?:on )?(?:that|the same) day\b/i;
const LEAD_QUALIFIER =
  /\b(late|early|mid-|mid|the end of|end of|the start of|start of|the beginning of|beginning of)\s*$/i;

function chronoDate(c: chrono.ParsedComponents): string {
  return ymd(c.get("year") as number, c.get("month") as number, c.get("day") as number);
}

/** A date found, before overlaps are settled, with the wall time and zone of its time of day. */
type Found = DateItem & { clock?: { time: string; zone: string } };

const TIME_ONLY = "time of day on the publication day";

/** An item from what chrono found at `offset` + its index in `text`. */
function fromChrono(
  result: chrono.ParsedResult,
  offset: number,
  text: string,
  ctx: Context,
): Found | undefined {
  let start = offset + result.index;
  let end = start + result.text.length;
  while (
    end > start &&
    /[\s,.;:]/.test(text[end - 1] as string) &&
    !/[ap]\.m\.$/i.test(text.slice(start, end))
  )
    end--;
  const c = result.start;
  let matched = text.slice(start, end);
  // "now", and durations ("for a year", "after two days of talks") that name no date.
  if (/^(?:now|right now)$|^(?:for|after|over)\b/i.test(matched)) return undefined;
  // A lowercase word chrono reads as a date ("lasts" as "last s[econd]").
  if (/^[a-z]+$/.test(matched) && !/^(?:today|yesterday|tomorrow|tonight)$/.test(matched)) return undefined;
  const hasClock = CLOCK.test(matched) && c.isCertain("hour");
  const dated = c.isCertain("month") || c.isCertain("day") || c.isCertain("weekday") || c.isCertain("year");
  if (!dated && !hasClock) return undefined;
  // "may" (the verb) and "march" (the verb) are not months.
  if (
    !c.isCertain("day") &&
    c.isCertain("month") &&
    /^[a-z]/.test(matched.replace(/^(?:in|on|since|by)\s+/i, ""))
  )
    return undefined;

  const lead = LEAD_QUALIFIER.exec(text.slice(Math.max(0, start - 20), start));
  if (lead) {
    start -= lead[0].length;
    matched = text.slice(start, end);
  }
  const cue = clauseTense(text, start, end);
  const tense = cue?.tense;
  const tags = [...c.tags()];
  const relative =
    tags.some((t) => t.startsWith("casualReference") || t.startsWith("result/relativeDate")) ||
    /\b(?:today|yesterday|tomorrow|tonight|ago|in \d+|within)\b/i.test(matched);
  let date: string;
  let resolvedBy: string;
  let confidence: number;
  let precision: DateItem["precision"];
  let weekendEnd: string | undefined;
  const endOfMonth = /^(?:the )?end of\b/i.test(matched) && !/\d/.test(matched.replace(/\d{4}/, ""));
  if (c.isCertain("month") && (!c.isCertain("day") || endOfMonth)) {
    const month = c.get("month") as number;
    const inferred = c.isCertain("year") ? undefined : inferYear(month, undefined, cue, ctx);
    const year = inferred?.year ?? (c.get("year") as number);
    const q = lead?.[1]?.toLowerCase() ?? (endOfMonth ? "end of" : undefined);
    const day = q === undefined ? 1 : /late|end/.test(q) ? lastDay(year, month) : /mid/.test(q) ? 15 : 1;
    date = ymd(year, month, day);
    precision = "month";
    resolvedBy =
      inferred === undefined ? "month stated" : `month stated, year from publication (${inferred.by})`;
    confidence = 0.6;
  } else if (relative && ANAPHORIC.test(matched) && c.isCertain("day")) {
    // "a day earlier", "a week later": from the date named before, not from publication.
    const shift = dayNumber(chronoDate(c)) - dayNumber(ctx.day);
    date = addDays(ctx.lastDate ?? ctx.day, shift);
    resolvedBy = ctx.lastDate === undefined ? "relative to publication" : "relative to the date named before";
    confidence = ctx.lastDate === undefined ? 0.4 : 0.7;
  } else if (c.isCertain("month") && c.isCertain("day")) {
    const month = c.get("month") as number;
    const day = c.get("day") as number;
    if (c.isCertain("year")) {
      date = ymd(c.get("year") as number, month, day);
      resolvedBy = relative ? "relative to publication" : "absolute";
      confidence = relative ? 0.9 : 0.95;
    } else {
      const inferred = inferYear(month, day, cue, ctx);
      date = ymd(inferred.year, month, day);
      resolvedBy = `year from publication (${inferred.by})`;
      confidence = inferred.by === "nearest" ? 0.8 : 0.85;
    }
  } else if (c.isCertain("weekday")) {
    const modifier = /\b(last|past|previous|next|this)\b/i.exec(matched)?.[1]?.toLowerCase();
    const weekend = /\bweekend\b/i.test(matched);
    date = resolveWeekday(weekend ? SATURDAY : (c.get("weekday") as number), modifier, tense, ctx);
    if (weekend) weekendEnd = addDays(date, 1);
    const how =
      modifier !== undefined && modifier !== "this"
        ? `"${modifier}"`
        : tense === undefined
          ? "no tense cue, before"
          : `${tense} tense`;
    resolvedBy = `weekday from publication day (${how})`;
    confidence = modifier !== undefined || tense !== undefined ? 0.85 : 0.6;
  } else if (c.isCertain("year") && !relative) {
    date = ymd(c.get("year") as number, 1, 1);
    precision = "year";
    resolvedBy = "year stated";
    confidence = 0.4;
  } else if (relative && c.isCertain("day")) {
    date = chronoDate(c);
    resolvedBy = "relative to publication";
    confidence = 0.9;
  } else {
    date = ctx.day;
    resolvedBy = TIME_ONLY;
    confidence = 0.5;
  }

  let instant: string | undefined;
  let clock: Found["clock"];
  if (hasClock) {
    let zone: string | undefined;
    const inside = ZONE_IN.exec(matched.slice(matched.search(CLOCK)));
    if (inside) zone = zoneOfPhrase(inside[1] as string, ctx.chinese);
    const after = ZONE_AFTER.exec(text.slice(end));
    if (zone === undefined && after) {
      zone = zoneOfPhrase(after[1] as string, ctx.chinese);
      if (zone !== undefined) end += after[0].length;
    }
    if (zone === undefined) {
      zone = ctx.published.zone;
      resolvedBy += "; time in the publication zone";
    }
    const sameDay = THAT_DAY.exec(text.slice(end));
    if (resolvedBy.startsWith(TIME_ONLY) && sameDay && ctx.lastDate !== undefined) {
      date = ctx.lastDate;
      end += sameDay[0].length;
      resolvedBy = "time of day on the day named before";
      confidence = 0.8;
    } else if (resolvedBy.startsWith(TIME_ONLY)) date = localDate(ctx.published.ms, zone);
    const hour = String(c.get("hour")).padStart(2, "0");
    const minute = String(c.get("minute") ?? 0).padStart(2, "0");
    clock = { time: `${hour}:${minute}`, zone };
    instant = isoInstantInZone(zonedInstant(`${date} ${clock.time}`, zone), zone);
  }

  if (precision === undefined) ctx.lastDate = date;
  let until = weekendEnd;
  const e = result.end;
  if (e?.isCertain("day") && precision === undefined) {
    const month = e.get("month") as number;
    const day = e.get("day") as number;
    const year = e.isCertain("year") ? (e.get("year") as number) : Number(date.slice(0, 4));
    until = ymd(year, month, day);
    if (until < date) until = ymd(year + 1, month, day);
  }
  return {
    kind: "date",
    text: text.slice(start, end),
    start,
    end,
    confidence,
    date,
    ...(instant === undefined ? {} : { instant }),
    ...(until === undefined ? {} : { until }),
    resolvedBy,
    ...(precision === undefined ? {} : { precision }),
    ...(clock === undefined ? {} : { clock }),
  };
}

/** Vague spans chrono reads too precisely or not at all. */
const VAGUE_PERIOD = /\b(?:(earlier|later) this|(last|next|this)) (year|month|week)\b/gi;
const YEAR_ALONE =
  /\b(?:in|by|during|through|until|since|for|of|from) (?:(early|mid-|late|the end of|the start of) ?)?((?:19|20)\d{2})\b(?!\s*(?:%|-\d|\/))/gi;

/** A month named alone after a preposition ("since May", "by late September"); chrono misses "since May." */
const MONTH_ALONE = new RegExp(
  `\\b(?:since|in|by|until|through|from|before|after|during|of|to) (?:(early|mid-|late|the end of|end of) ?)?(${MONTH_NAMES.join("|")})\\b(?![ -]\\d)`,
  "g",
);

function vagueDates(text: string, ctx: Context): Found[] {
  const found: Found[] = [];
  for (const match of text.matchAll(MONTH_ALONE)) {
    const name = match[2] as string;
    const qualifier = match[1];
    const end = (match.index as number) + match[0].length;
    const start =
      end -
      name.length -
      (qualifier === undefined ? 0 : match[0].length - match[0].indexOf(qualifier) - name.length);
    const month = MONTH_NAMES.indexOf(name) + 1;
    const { year, by } = inferYear(month, undefined, clauseTense(text, start, end), ctx);
    const q = qualifier?.toLowerCase();
    const day = q === undefined ? 1 : /late|end/.test(q) ? lastDay(year, month) : /mid/.test(q) ? 15 : 1;
    found.push({
      kind: "date",
      text: text.slice(start, end),
      start,
      end,
      confidence: 0.6,
      date: ymd(year, month, day),
      resolvedBy: `month stated, year from publication (${by})`,
      precision: "month",
    });
  }
  const y = Number(ctx.day.slice(0, 4));
  const m = Number(ctx.day.slice(5, 7));
  for (const match of text.matchAll(VAGUE_PERIOD)) {
    const which = (match[1] ?? (match[2] as string)).toLowerCase();
    const unit = (match[3] as string).toLowerCase();
    let first: string;
    let last: string;
    if (unit === "year") {
      const year = which === "last" ? y - 1 : which === "next" ? y + 1 : y;
      [first, last] = [ymd(year, 1, 1), ymd(year, 12, 31)];
    } else if (unit === "month") {
      const shifted = new Date(Date.UTC(y, m - 1 + (which === "last" ? -1 : which === "next" ? 1 : 0), 1));
      const [yy, mm] = [shifted.getUTCFullYear(), shifted.getUTCMonth() + 1];
      [first, last] = [ymd(yy, mm, 1), ymd(yy, mm, lastDay(yy, mm))];
    } else {
      // ISO weeks, Monday first.
      const monday = addDays(ctx.day, -((weekday(ctx.day) + 6) % 7));
      const shift = which === "last" ? -7 : which === "next" ? 7 : 0;
      [first, last] = [addDays(monday, shift), addDays(monday, shift + 6)];
    }
    if (which === "earlier") last = ctx.day;
    if (which === "later") first = ctx.day;
    const start = match.index as number;
    found.push({
      kind: "date",
      text: match[0],
      start,
      end: start + match[0].length,
      confidence: unit === "year" ? 0.3 : unit === "month" ? 0.4 : 0.5,
      date: first,
      until: last,
      resolvedBy: `vague period "${match[0].toLowerCase()}" from publication`,
      precision: unit === "week" ? "day" : (unit as "month" | "year"),
    });
  }
  for (const match of text.matchAll(YEAR_ALONE)) {
    const q = match[1]?.toLowerCase();
    const year = Number(match[2]);
    const atEnd = q === "late" || q === "the end of";
    const full = match[0];
    const qualifierAt = match[1] === undefined ? -1 : full.indexOf(match[1], full.indexOf(" "));
    const start =
      (match.index as number) + (qualifierAt >= 0 ? qualifierAt : full.length - (match[2] as string).length);
    found.push({
      kind: "date",
      text: text.slice(start, (match.index as number) + match[0].length),
      start,
      end: (match.index as number) + match[0].length,
      confidence: 0.4,
      date: atEnd ? ymd(year, 12, 31) : ymd(year, 1, 1),
      ...(atEnd ? {} : { until: ymd(year, 12, 31) }),
      resolvedBy: "year stated",
      precision: "year",
    });
  }
  return found;
}

/** The zone's offset at an instant, in minutes (chrono's reference timezone). */
function offsetMinutes(ms: number, zone: string): number {
  const iso = isoInstantInZone(ms, zone);
  return (Date.parse(`${iso.slice(0, 19)}Z`) - Math.floor(ms / 1000) * 1000) / 60_000;
}

export function extractDates(text: string, published: Published): DateItem[] {
  const ctx: Context = {
    day: localDate(published.ms, published.zone),
    published,
    chinese: isChinaZone(published.zone),
  };
  const reference = {
    instant: new Date(published.ms),
    timezone: offsetMinutes(published.ms, published.zone),
  };
  // chrono reads line by line: a time at the end of a paragraph is not the date of the next.
  const fromLines: Found[] = [];
  let at = 0;
  for (const line of text.split("\n")) {
    for (const r of chrono.casual.parse(line, reference, { forwardDate: false })) {
      const d = fromChrono(r, at, text, ctx);
      if (d !== undefined) fromLines.push(d);
    }
    at += line.length + 1;
  }
  const kept: Found[] = [];
  for (const d of [...vagueDates(text, ctx), ...joinTimesToDays(fromLines, text)]) {
    if (kept.some((k) => d.start < k.end && k.start < d.end)) continue;
    kept.push(d);
  }
  kept.sort((a, b) => a.start - b.start);
  return withThatDay(kept, text).map(({ clock: _clock, ...item }) => item);
}

const THAT_DAY_ALONE = /\b(?:that|the same) day\b/gi;

/** "from that day", "the same day": the day named before it in the text, when there is one. */
function withThatDay(found: Found[], text: string): Found[] {
  const added: Found[] = [];
  for (const match of text.matchAll(THAT_DAY_ALONE)) {
    const start = match.index as number;
    const end = start + match[0].length;
    if (found.some((d) => start < d.end && d.start < end)) continue;
    const before = found.filter((d) => d.end <= start && d.precision === undefined).at(-1);
    if (before === undefined) continue;
    added.push({
      kind: "date",
      text: match[0],
      start,
      end,
      confidence: 0.6,
      date: before.date,
      resolvedBy: "the day named before",
    });
  }
  return [...found, ...added].sort((a, b) => a.start - b.start);
}

/**
 * A time chrono read alone followed by the day it falls on ("at 13:01 Beijing time on Monday"): one
 * item, the time on that day.
 */
function joinTimesToDays(found: readonly Found[], text: string): Found[] {
  const joined: Found[] = [];
  for (let i = 0; i < found.length; i++) {
    const time = found[i] as Found;
    const day = found[i + 1];
    const between = day === undefined ? "" : text.slice(time.end, day.start);
    if (
      day === undefined ||
      time.clock === undefined ||
      !time.resolvedBy.startsWith(TIME_ONLY) ||
      day.clock !== undefined ||
      day.precision !== undefined ||
      !/^,?\s{0,2}(?:on\s)?$/.test(between)
    ) {
      joined.push(time);
      continue;
    }
    const { clock } = time;
    joined.push({
      ...day,
      text: text.slice(time.start, day.end),
      start: time.start,
      instant: isoInstantInZone(zonedInstant(`${day.date} ${clock.time}`, clock.zone), clock.zone),
      clock,
    });
    i++;
  }
  return joined;
}
