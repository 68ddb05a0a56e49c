/**
 * Page cleaning: a saved HTML page or plain text → the article's text, with page chrome removed and
 * reported, and the publication instant when the page states it.
 *
 * Two passes. (1) For HTML, the page is walked with htmlparser2: elements that are chrome by their
 * tag (script, nav, footer, aside, form ...) or by their class/id/role (breadcrumb, share, related,
 * newsletter, advert ...) are dropped whole; the rest becomes text, one paragraph per block element,
 * entities decoded, each character remembering where it came from in the input. Plain text is taken
 * as it is. (2) Line rules run over both: breadcrumbs, "ALSO READ"/"Related:" lines, "Latest News"
 * lists, share/follow lines, bylines and "Updated:" lines, disclaimers, copyright lines, a site's
 * description of itself, wire credits. Every removed span is reported with its offsets in the input
 * as given, so nothing extracted later can come from chrome.
 */
import { Parser } from "htmlparser2";
import { textTable } from "../units/text-table.js";
import { zonedInstant } from "../units/time.js";
import type { Removed, RemovedKind } from "./contract.js";
import type { Published } from "./published.js";
import { fixedOffset, ZONE_PHRASE, zoneOfPhrase } from "./zones.js";

export interface CleanedArticle {
  text: string;
  removed: Removed[];
  title?: string;
  /** As stated by the page, when it is. */
  published?: Published;
}

/** How many characters of a removed span the report keeps. */
const REPORT_CHARS = 80;

/**
 * Text with, for each character, the span of the input it was read from ([start, end)): an entity
 * decodes to one character spanning the whole entity; a paragraph break spans nothing.
 */
class MappedText {
  private readonly parts: string[] = [];
  readonly from: number[] = [];
  readonly to: number[] = [];
  private pendingBreak = "";
  private lastChar = "\n";

  get text(): string {
    return this.parts.join("");
  }

  /** Appends text read from input[start, end), collapsing white space as HTML does. */
  appendCollapsed(data: string, start: number, end: number): void {
    const exact = data.length === end - start;
    for (let i = 0; i < data.length; i++) {
      const from = exact ? start + i : start;
      const to = exact ? from + 1 : end;
      const ch = data[i] as string;
      if (/\s/.test(ch)) {
        if (this.lastChar === " " || this.lastChar === "\n" || this.pendingBreak !== "") continue;
        this.push(" ", from, to);
      } else {
        if (this.pendingBreak !== "") {
          if (this.lastChar === " ") this.popSpace();
          if (this.parts.length > 0) for (const b of this.pendingBreak) this.push(b, from, from);
          this.pendingBreak = "";
        }
        this.push(ch, from, to);
      }
    }
  }

  /** A line break ("\n") or paragraph break ("\n\n") before the next text. */
  requestBreak(kind: "\n" | "\n\n"): void {
    if (kind.length > this.pendingBreak.length) this.pendingBreak = kind;
  }

  appendVerbatim(data: string, start: number): void {
    for (let i = 0; i < data.length; i++) this.push(data[i] as string, start + i, start + i + 1);
  }

  private push(ch: string, from: number, to: number): void {
    this.parts.push(ch);
    this.from.push(from);
    this.to.push(to);
    this.lastChar = ch;
  }

  private popSpace(): void {
    this.parts.pop();
    this.from.pop();
    this.to.pop();
  }
}

const MARKUP_TAGS = new Set([
  "head",
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "iframe",
  "canvas",
  "button",
  "select",
  "object",
  "embed",
]);
const STRUCTURE_KINDS = textTable<RemovedKind>({
  nav: "navigation",
  footer: "footer",
  aside: "related",
  form: "newsletter",
});
const BLOCK_TAGS = new Set([
  "p",
  "div",
  "section",
  "article",
  "main",
  "header",
  "footer",
  "aside",
  "nav",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "li",
  "dl",
  "dt",
  "dd",
  "blockquote",
  "figure",
  "figcaption",
  "table",
  "tr",
  "pre",
  "hr",
  "address",
  "time",
  "title",
]);
/** Words of a class or id that mark an element as chrome, and the kind of chrome. */
const CLASS_WORD_KINDS = textTable<RemovedKind>({
  breadcrumb: "breadcrumb",
  breadcrumbs: "breadcrumb",
  crumbs: "breadcrumb",
  share: "share",
  sharing: "share",
  sharebar: "share",
  social: "share",
  related: "related",
  recommended: "related",
  alsoread: "related",
  readmore: "related",
  newsletter: "newsletter",
  subscribe: "newsletter",
  signup: "newsletter",
  footer: "footer",
  copyright: "copyright",
  disclaimer: "disclaimer",
  advert: "advertisement",
  advertisement: "advertisement",
  ad: "advertisement",
  ads: "advertisement",
  sponsored: "advertisement",
  promo: "advertisement",
  latest: "latest-news",
  trending: "latest-news",
  mostread: "latest-news",
  popular: "latest-news",
  nav: "navigation",
  navbar: "navigation",
  menu: "navigation",
  masthead: "navigation",
  comments: "comments",
  byline: "byline",
});

function classKind(attribs: Record<string, string>): RemovedKind | undefined {
  if (attribs.role === "navigation") return "navigation";
  const words = `${attribs.class ?? ""} ${attribs.id ?? ""}`.toLowerCase().split(/[\s_-]+/);
  for (const word of words) {
    const kind = CLASS_WORD_KINDS[word];
    if (kind !== undefined) return kind;
  }
  return undefined;
}

/** The page's metadata as read during the walk. */
interface PageFacts {
  title?: string;
  ogTitle?: string;
  h1?: string;
  /** Meta tags by lowercased name/property/itemprop (first wins). */
  meta: Map<string, string>;
  jsonLd: string[];
  /** All visible text, chrome included (publication lines often sit in chrome). */
  visible: string;
  lang?: string;
}

function walkHtml(raw: string): { mapped: MappedText; removed: Removed[]; facts: PageFacts } {
  const mapped = new MappedText();
  const removed: Removed[] = [];
  const facts: PageFacts = { meta: new Map(), jsonLd: [], visible: "" };
  const visible: string[] = [];
  const stack: { name: string; kind?: RemovedKind; start: number; text: string[] }[] = [];
  /** Index in `stack` of the outermost element being removed, or -1. */
  let removing = -1;
  let inArticle = 0;
  let inTitle = false;
  let inH1 = false;
  let inJsonLd = false;
  let title = "";
  let h1 = "";
  let jsonLd = "";

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === "html" && attribs.lang) facts.lang = attribs.lang.toLowerCase();
        if (name === "meta") {
          const key = (attribs.property ?? attribs.name ?? attribs.itemprop ?? "").toLowerCase();
          if (key !== "" && attribs.content !== undefined && !facts.meta.has(key))
            facts.meta.set(key, attribs.content);
        }
        if (name === "time" && attribs.datetime !== undefined) {
          const key = attribs.itemprop === "datePublished" || "pubdate" in attribs ? "time:published" : "";
          if (key !== "" && !facts.meta.has(key)) facts.meta.set(key, attribs.datetime);
        }
        if (name === "title") inTitle = true;
        if (name === "h1") inH1 = true;
        if (name === "script" && attribs.type === "application/ld+json") inJsonLd = true;
        if (name === "article" || name === "main") inArticle++;
        let kind: RemovedKind | undefined;
        if (removing < 0) {
          if (MARKUP_TAGS.has(name)) kind = "markup";
          else if (name === "header" && inArticle === 0) kind = "navigation";
          else kind = STRUCTURE_KINDS[name] ?? classKind(attribs);
        }
        stack.push({ name, ...(kind === undefined ? {} : { kind }), start: parser.startIndex, text: [] });
        if (kind !== undefined) removing = stack.length - 1;
        if (BLOCK_TAGS.has(name)) {
          mapped.requestBreak("\n\n");
          visible.push("\n");
          stack[removing]?.text.push(" ");
        } else if (name === "br") {
          mapped.requestBreak("\n");
          visible.push("\n");
        }
      },
      ontext(data) {
        if (inTitle) title += data;
        if (inH1) h1 += data;
        if (inJsonLd) jsonLd += data;
        const top = stack[removing];
        if (top === undefined) {
          mapped.appendCollapsed(data, parser.startIndex, parser.endIndex + 1);
          visible.push(data);
          return;
        }
        top.text.push(data);
        if (top.kind !== "markup" || inTitle) visible.push(data);
      },
      onclosetag(name) {
        if (name === "title") inTitle = false;
        if (name === "h1") inH1 = false;
        if (name === "script" && inJsonLd) {
          facts.jsonLd.push(jsonLd);
          jsonLd = "";
          inJsonLd = false;
        }
        if ((name === "article" || name === "main") && inArticle > 0) inArticle--;
        const element = stack.pop();
        if (element === undefined) return;
        if (stack.length === removing && element.kind !== undefined) {
          const text = element.text.join("").replace(/\s+/g, " ").trim();
          removed.push({
            start: element.start,
            end: parser.endIndex + 1,
            kind: element.kind,
            text: text.slice(0, REPORT_CHARS),
          });
          removing = -1;
        }
        if (BLOCK_TAGS.has(name)) {
          mapped.requestBreak("\n\n");
          visible.push("\n");
          stack[removing]?.text.push(" ");
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(raw);
  const collapse = (s: string) => s.replace(/\s+/g, " ").trim();
  if (collapse(title) !== "") facts.title = collapse(title);
  if (collapse(h1) !== "") facts.h1 = collapse(h1);
  const og = facts.meta.get("og:title");
  if (og !== undefined && collapse(og) !== "") facts.ogTitle = collapse(og);
  facts.visible = visible.join("");
  return { mapped, removed, facts };
}

// ---------------------------------------------------------------------------------------------
// Line rules
// ---------------------------------------------------------------------------------------------

const NETWORK =
  "(?:Facebook|Twitter|X|LinkedIn|WhatsApp|Telegram|Weibo|WeChat|Instagram|YouTube|Reddit|Threads|Bluesky|Email|E-mail|Print|Copy link|Google News)";
const SEPARATOR = "[>»›]";

/** Rules on a whole line (a paragraph of HTML, a line of text), first match wins. */
const LINE_RULES: readonly (readonly [RemovedKind, RegExp])[] = [
  ["navigation", /^(?:Skip to (?:main )?content|Menu|Search|Sign in|Log in|Home)$/i],
  ["breadcrumb", new RegExp(`^Home\\s*(?:${SEPARATOR}|/|\\|)`, "i")],
  ["breadcrumb", new RegExp(`^[^>»›.!?]{1,40}(?:\\s*${SEPARATOR}\\s*[^>»›]{1,120}){2,}$`)],
  [
    "related",
    /^(?:ALSO READ|READ MORE|MUST READ|READ ALSO|SEE ALSO|RELATED(?: NEWS| STORIES| ARTICLES| COVERAGE)?)\b/,
  ],
  [
    "related",
    /^(?:Also read|Read more|Read also|See also|Related(?: news| stories| articles| coverage)?|Recommended|More on this(?: story)?)\s*(?:[:|–—-]|$)/i,
  ],
  [
    "share",
    new RegExp(
      `^(?:(?:Share|Follow)(?: us| this(?: article| story)?)?(?: on| via)?:?\\s*)?(?:${NETWORK}[\\s,|·•/]*)+$`,
      "i",
    ),
  ],
  [
    "share",
    /^(?:Share (?:this|on|via)\b.{0,60}|Follow us on\b.{0,80}|Follow [\w' ]{1,30} on (?:X|Twitter|Facebook|WhatsApp|Telegram|Instagram|LinkedIn|Google News)\b.{0,60})$/i,
  ],
  [
    "advertisement",
    /^(?:Advertisement|Sponsored(?: content)?|Scroll (?:down )?to continue(?: with content| reading)?|Story continues below(?: advertisement)?)$/i,
  ],
  [
    "newsletter",
    /^(?:Subscribe(?: now)?|Sign up)\.?$|\b(?:sign up|subscribe)\b.{0,60}\b(?:newsletter|inbox|alerts)\b/i,
  ],
  [
    "byline",
    /^(?:Published|First published|Last Updated|Updated|Posted|Last modified)\b(?: on| at)?\s*[:|-]?\s*.{0,80}\d.{0,40}$/i,
  ],
  [
    "byline",
    /^.{0,100}\b(?:Published|First published|Last Updated|Updated|Posted|Last modified)(?: on| at)?\s*:\s*.{0,40}\d[^.!?]{0,40}$/i,
  ],
  [
    "boilerplate",
    /^(?:FOR IMMEDIATE RELEASE|#{3}|-\s*(?:END|30)\s*-|(?:Media|Press) (?:contact|inquiries)\b.{0,100})$/i,
  ],
  ["byline", /^By [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,4}(?:\s*(?:[,|]|and)\s*[^.!?]{0,100})?$/],
  ["credits", /^\(?(?:Reporting|Writing|Editing|Additional reporting|Compiled) by\b[^\n]{0,240}$/],
  [
    "disclaimer",
    /^Disclaimer\b|\b(?:views expressed (?:here |in this article )?are|does not constitute (?:financial|investment|legal) advice|for informational purposes only)\b/i,
  ],
  ["copyright", /©|\bCopyright\b|\(c\)\s*(?:19|20)\d{2}|\bAll rights reserved\b/i],
  [
    "site-description",
    /^(?:About (?:us|[A-Z][\w' ]{0,30})\s*[:.-]?\s*)?[A-Z][\w.&'’ -]{1,40}? is (?:\w+'s|the|a|an|one of (?:the|\w+'s))\b[^.]{0,80}\b(?:leading|largest|premier|trusted|foremost|biggest|award-winning|independent|most-read|fastest-growing|official)\b[^.]{0,80}\b(?:news|media|newspaper|publication|outlet|website|portal|broadcaster|agency)\b/,
  ],
];

/** A heading that opens a list of other stories. */
const LIST_HEADINGS: readonly (readonly [RemovedKind, RegExp])[] = [
  [
    "latest-news",
    /^(?:Latest(?: News| Stories| Headlines)?|Top Stories|Trending(?: Now| News| Stories)?|Most Read|Most Popular|Editor'?s Picks|You May Also Like|More Stories|In Case You Missed It|More from [\w' ]{1,30})\s*:?$/i,
  ],
  [
    "related",
    /^(?:ALSO READ|Also read|Read more|Related(?: news| stories| articles| coverage)?|Recommended|See also)\s*:?$/i,
  ],
];

/** Longest line (in words) read as a headline in a list of other stories. */
const HEADLINE_WORDS = 20;
/** Most headlines taken after a list heading. */
const LIST_LINES = 15;

function wordCount(line: string): number {
  return line.split(/\s+/).filter((w) => w !== "").length;
}

/** A headline: short, and not a sentence of the article (which ends with a full stop after a word). */
function isHeadline(line: string): boolean {
  return wordCount(line) <= HEADLINE_WORDS && !/[a-z0-9”")\]]\.$/.test(line);
}

interface Line {
  start: number;
  end: number;
  text: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let at = 0;
  for (const part of text.split("\n")) {
    const lead = part.length - part.trimStart().length;
    const trimmed = part.trim();
    lines.push({ start: at + lead, end: at + lead + trimmed.length, text: trimmed });
    at += part.length + 1;
  }
  return lines;
}

/** The kind of chrome each line is, or undefined for article text. */
function classifyLines(lines: readonly Line[]): (RemovedKind | undefined)[] {
  const kinds: (RemovedKind | undefined)[] = lines.map(() => undefined);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as Line).text;
    if (line === "" || kinds[i] !== undefined) continue;
    const heading = LIST_HEADINGS.find(([, pattern]) => pattern.test(line));
    if (heading !== undefined) {
      kinds[i] = heading[0];
      let taken = 0;
      for (let j = i + 1; j < lines.length && taken < LIST_LINES; j++) {
        const next = (lines[j] as Line).text;
        if (next === "") continue;
        if (!isHeadline(next) || [...LIST_HEADINGS, ...LINE_RULES].some(([, p]) => p.test(next))) break;
        kinds[j] = heading[0];
        taken++;
      }
      continue;
    }
    kinds[i] = LINE_RULES.find(([, pattern]) => pattern.test(line))?.[0];
  }
  return kinds;
}

// ---------------------------------------------------------------------------------------------
// Publication instant
// ---------------------------------------------------------------------------------------------

const META_PUBLISHED = [
  "article:published_time",
  "og:published_time",
  "og:article:published_time",
  "datepublished",
  "time:published",
  "pubdate",
  "publishdate",
  "publish-date",
  "parsely-pub-date",
  "sailthru.date",
  "dc.date.issued",
  "dcterms.created",
];
const META_MODIFIED = ["article:modified_time", "og:updated_time", "datemodified", "dcterms.modified"];

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

interface Candidate {
  ms: number;
  zone: string;
  /** Whether the zone is the one the page names (IANA) rather than only an offset. */
  named: boolean;
}

/** An ISO date-time from metadata; one without an offset is read in `zone` when the page gives one. */
function isoCandidate(value: string, zone: string | undefined): Candidate | undefined {
  const m = ISO_INSTANT.exec(value.trim());
  if (!m) return undefined;
  const [, date, time, offset] = m as unknown as [string, string, string, string | undefined];
  if (offset === undefined) {
    if (zone === undefined) return undefined;
    return { ms: zonedInstant(`${date} ${time}`, zone), zone, named: true };
  }
  const ms = Date.parse(`${date}T${time}${offset === "Z" ? "Z" : offset}`);
  if (Number.isNaN(ms)) return undefined;
  if (offset === "Z" || /^[+-]00:?00$/.test(offset)) return { ms, zone: "UTC", named: false };
  const o = /^([+-])(\d{2}):?(\d{2})$/.exec(offset) as RegExpExecArray;
  return { ms, zone: fixedOffset(o[1] as string, o[2] as string, o[3]), named: false };
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAME =
  "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
const CLOCK = "(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([AaPp])?\\.?\\s*(?:[Mm]\\.?)?";
/** "October 25, 2025 22:30:01 IST", "Oct 25, 2025, 10:30 PM ET", "Sat October 25, 2025 10:30 pm EDT". */
const LINE_MDY = new RegExp(
  `${MONTH_NAME}\\s+(\\d{1,2}),?\\s+(\\d{4}),?\\s+(?:at\\s+)?${CLOCK}\\s*\\(?(${ZONE_PHRASE})`,
);
/** "25 October 2025, 10:30 pm IST". */
const LINE_DMY = new RegExp(
  `(\\d{1,2})\\s+${MONTH_NAME},?\\s+(\\d{4}),?\\s+(?:at\\s+)?${CLOCK}\\s*\\(?(${ZONE_PHRASE})`,
);
/** "2025-10-26 13:01 Beijing time". */
const LINE_YMD = new RegExp(`(\\d{4})-(\\d{2})-(\\d{2})[ T]${CLOCK}\\s*\\(?(${ZONE_PHRASE})`);
/** The label of a visible publication line, "Published" before "Updated". */
const PUBLISHED_LABEL = /\b(?:Published|First published|Posted|Released)\b/i;
const UPDATED_LABEL = /\b(?:Last Updated|Updated|Last modified)\b/i;

function hour24(hour: string, meridiem: string | undefined): string {
  let h = Number(hour);
  if (meridiem !== undefined) {
    const pm = meridiem.toLowerCase() === "p";
    if (h === 12) h = pm ? 12 : 0;
    else if (pm) h += 12;
  }
  return String(h).padStart(2, "0");
}

/** The instant a visible line states ("Last Updated: October 25, 2025 22:30:01 IST"), if it states one with its zone. */
function lineCandidate(line: string, chinese: boolean): Candidate | undefined {
  let parts: { y: string; mo: number; d: string; rest: string[] } | undefined;
  const mdy = LINE_MDY.exec(line);
  const dmy = mdy ? null : LINE_DMY.exec(line);
  const ymd = mdy || dmy ? null : LINE_YMD.exec(line);
  if (mdy)
    parts = {
      y: mdy[3] as string,
      mo: monthIndex(mdy[1] as string),
      d: mdy[2] as string,
      rest: mdy.slice(4) as string[],
    };
  else if (dmy)
    parts = {
      y: dmy[3] as string,
      mo: monthIndex(dmy[2] as string),
      d: dmy[1] as string,
      rest: dmy.slice(4) as string[],
    };
  else if (ymd)
    parts = { y: ymd[1] as string, mo: Number(ymd[2]), d: ymd[3] as string, rest: ymd.slice(4) as string[] };
  if (parts === undefined) return undefined;
  const [hour, minute, second, meridiem, zonePhrase] = parts.rest as [
    string,
    string,
    string | undefined,
    string | undefined,
    string,
  ];
  const zone = zoneOfPhrase(zonePhrase, chinese);
  if (zone === undefined) return undefined;
  const local = `${parts.y}-${String(parts.mo).padStart(2, "0")}-${parts.d.padStart(2, "0")} ${hour24(hour, meridiem)}:${minute}:${second ?? "00"}`;
  return { ms: zonedInstant(local, zone), zone, named: !zone.startsWith("+") && !zone.startsWith("-") };
}

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** datePublished / dateModified anywhere in the page's JSON-LD (a broken block is skipped). */
function jsonLdDates(blocks: readonly string[]): { published?: string; modified?: string } {
  const found: { published?: string; modified?: string } = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) for (const n of node) visit(n);
    else if (node !== null && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (typeof o.datePublished === "string") found.published ??= o.datePublished;
      if (typeof o.dateModified === "string") found.modified ??= o.dateModified;
      for (const v of Object.values(o)) if (typeof v === "object") visit(v);
    }
  };
  for (const block of blocks) {
    try {
      visit(JSON.parse(block));
    } catch {
      // A page's malformed JSON-LD is the page's chrome, not the user's input: the other sources remain.
    }
  }
  return found;
}

const CHINESE_OUTLET =
  /\b(?:xinhua|cgtn|global ?times|globaltimes|china ?daily|chinadaily|people'?s daily|ecns|shine\.cn|cctv|china\.org\.cn)\b|\.cn\b/i;

/** Whether the page is a Chinese outlet's (for CST): its language, site name or address says so. */
function isChineseOutlet(facts: PageFacts | undefined, text: string): boolean {
  if (facts?.lang?.startsWith("zh")) return true;
  const site = [
    facts?.meta.get("og:site_name"),
    facts?.meta.get("og:url"),
    facts?.meta.get("publisher"),
    facts?.title,
  ]
    .filter((s) => s !== undefined)
    .join(" ");
  return CHINESE_OUTLET.test(site) || /\bBeijing time\b/i.test(text.slice(0, 2000));
}

/**
 * The publication instant, in order: a published meta tag, JSON-LD datePublished, a visible
 * "Published:" line, a visible "Updated:" line, a modified meta tag, JSON-LD dateModified. When the
 * chosen source gives only an offset and a visible line states the same instant with a named zone,
 * the named zone is kept (a page's "+05:30" is the "IST" of its dateline).
 */
function findPublished(facts: PageFacts | undefined, visibleText: string): Published | undefined {
  const chinese = isChineseOutlet(facts, visibleText);
  const lines = visibleText
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && l.length < 200);
  const labelled = (label: RegExp) => {
    for (const line of lines) {
      if (!label.test(line)) continue;
      const c = lineCandidate(line, chinese);
      if (c !== undefined) return c;
    }
    return undefined;
  };
  const publishedLine = labelled(PUBLISHED_LABEL);
  const updatedLine = labelled(UPDATED_LABEL);
  const lineZone = (publishedLine ?? updatedLine)?.zone ?? (chinese ? "Asia/Shanghai" : undefined);
  const metaOf = (keys: readonly string[]) => {
    for (const key of keys) {
      const value = facts?.meta.get(key);
      const c = value === undefined ? undefined : isoCandidate(value, lineZone);
      if (c !== undefined) return c;
    }
    return undefined;
  };
  const ld = jsonLdDates(facts?.jsonLd ?? []);
  const ldOf = (value: string | undefined) =>
    value === undefined ? undefined : isoCandidate(value, lineZone);
  const sources: [string, () => Candidate | undefined][] = [
    ["meta", () => metaOf(META_PUBLISHED)],
    ["json-ld", () => ldOf(ld.published)],
    ["visible line", () => publishedLine],
    ["visible line (updated)", () => updatedLine],
    ["meta (modified)", () => metaOf(META_MODIFIED)],
    ["json-ld (modified)", () => ldOf(ld.modified)],
  ];
  for (const [from, get] of sources) {
    const c = get();
    if (c === undefined) continue;
    const named = [publishedLine, updatedLine].find((l) => l !== undefined && l.ms === c.ms && l.named);
    const zone = !c.named && named !== undefined ? named.zone : c.zone;
    return { ms: c.ms, zone: chinese && zone === "+08:00" ? "Asia/Shanghai" : zone, from };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------

/** Cleans a page: the article's text with its paragraphs, the chrome removed, title and publication instant. */
export function cleanArticle(raw: string, format: "html" | "text"): CleanedArticle {
  let mapped: MappedText;
  let removed: Removed[] = [];
  let facts: PageFacts | undefined;
  if (format === "html") {
    ({ mapped, removed, facts } = walkHtml(raw));
  } else {
    mapped = new MappedText();
    mapped.appendVerbatim(raw.replace(/\r/g, " "), 0);
  }
  const pageText = mapped.text;
  const lines = splitLines(pageText);
  const kinds = classifyLines(lines);
  const kept: string[] = [];
  let gap = "";
  let previous: Removed | undefined;
  lines.forEach((line, i) => {
    const kind = kinds[i];
    if (line.text === "") {
      if (kept.length > 0) gap = "\n\n";
      return;
    }
    if (kind !== undefined) {
      const end = mapped.to[line.end - 1] as number;
      // A run of lines of one kind (a "Latest News" list) is one span.
      if (previous !== undefined && previous.kind === kind) previous.end = end;
      else {
        previous = {
          start: mapped.from[line.start] as number,
          end,
          kind,
          text: line.text.slice(0, REPORT_CHARS),
        };
        removed.push(previous);
      }
      return;
    }
    previous = undefined;
    if (kept.length > 0) kept.push(gap === "" ? "\n" : gap);
    kept.push(line.text);
    gap = "";
  });
  removed = removed.sort((a, b) => a.start - b.start || a.end - b.end);
  const title = facts?.ogTitle ?? facts?.title ?? facts?.h1;
  const published = findPublished(facts, format === "html" ? (facts as PageFacts).visible : raw);
  return {
    text: kept.join(""),
    removed,
    ...(title === undefined ? {} : { title }),
    ...(published === undefined ? {} : { published }),
  };
}
