/**
 * Build data/hts/ from the USITC HTS JSON exports in ../shared/data/us/hts (developer-only; never at run time).
 *
 *   npx tsx scripts/build-hts.ts [sharedDir]
 *
 * sharedDir defaults to ../shared relative to the repository root; it may also point straight at the
 * directory holding the hts_*.json.gz files. Output (deterministic):
 *   data/hts/revisions.csv          revision, edition_year, effective_date, event
 *   data/hts/2025_basic.json.gz     the base edition: every HTS8/HTS10 line and every Chapter 99 line
 *   data/hts/changes/<id>.json.gz   per later revision: added / changed / removed lines vs the previous one
 *   data/hts/unparsed-rates.txt     distinct rate texts that parseRate() leaves unparsed
 *   data/hts/README.md              provenance and format
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { formatCode } from "../src/nomenclature/codes.js";
import { FORMAT, type StoredFile, type StoredLine } from "../src/nomenclature/hts.js";
import { cleanRateText, parseRate } from "../src/nomenclature/rates.js";

// ---------------------------------------------------------------------------------------------
// The stored format (FORMAT, StoredLine, StoredFile) is defined once, in src/nomenclature/hts.ts.

/** One ancestor in a parent chain: [code without dots or "" for unnumbered superior text, description]. */
type ChainEntry = [string, string];

/** A footnote: [columns, text]. */
type Footnote = [string[], string];

// ---------------------------------------------------------------------------------------------

interface Line {
  c: string;
  d: string;
  chain: ChainEntry[];
  u: string[];
  g: string;
  s: string;
  o: string;
  i: string;
  f: Footnote[];
  h: string[];
  x: boolean;
}

interface SourceRecord {
  htsno?: string | null;
  indent?: string | number | null;
  description?: string | null;
  units?: (string | null)[] | null;
  general?: string | null;
  special?: string | null;
  other?: string | null;
  footnotes?: { columns?: string[] | null; value?: string | null; type?: string | null }[] | null;
}

interface Revision {
  id: string;
  year: string;
  date: string;
  event: string;
  file: string;
  sha256: string;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function findHtsDir(arg: string | undefined): string {
  const shared = resolve(arg ?? join(repoRoot, "../shared"));
  for (const candidate of [join(shared, "data/us/hts"), join(shared, "us/hts"), shared]) {
    if (existsSync(join(candidate, "revision_dates.csv"))) return candidate;
  }
  throw new Error(`No revision_dates.csv under ${shared} (expected data/us/hts/ there)`);
}

function parseCsv(text: string): string[][] {
  return (parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][]).filter((r) =>
    r.some((f) => f !== ""),
  );
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function readCsvObjects(path: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(path, "utf8"));
  if (header === undefined) return [];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

/** "basic" -> "2025_basic", "rev_3" -> "2025_rev_3", "2026_rev_1" stays. */
function revisionId(name: string): string | undefined {
  if (/^\d{4}_(basic|rev_\d+)$/.test(name)) return name;
  if (/^(basic|rev_\d+)$/.test(name)) return `2025_${name}`;
  return undefined;
}

/**
 * Revisions with a source file but no row in either dates table. 2026 rev 8 was published on
 * 2026-05-22 (per the note on 2026_rev_9 in revision_dates_2025_2026.csv, which leaves it out of
 * its series as editorial-only); it is kept here at its publication date.
 */
const EXTRA_DATES: Record<string, { date: string; event: string }> = {
  "2026_rev_8": {
    date: "2026-05-22",
    event:
      "Editorial only vs rev_7 (description wording on 9819.11.12, AGOA apparel); date = publication date " +
      "stated in revision_dates_2025_2026.csv, which excludes this revision from its series",
  },
};

function loadRevisions(htsDir: string): Revision[] {
  const dates = new Map<string, { date: string; event: string }>();
  const take = (file: string) => {
    const path = join(htsDir, file);
    if (!existsSync(path)) return;
    for (const row of readCsvObjects(path)) {
      const id = revisionId(row.revision ?? "");
      if (id === undefined || dates.has(id)) continue;
      const event = (row.policy_event ?? "").trim();
      dates.set(id, { date: (row.effective_date ?? "").trim(), event: event === "NA" ? "" : event });
    }
  };
  take("revision_dates.csv"); // primary
  take("revision_dates_2025_2026.csv"); // fills revisions the primary table lacks
  const revisions: Revision[] = [];
  for (const file of readdirSync(htsDir).sort()) {
    const m = /^hts_(\d{4})_(basic|rev_\d+)\.json\.gz$/.exec(file);
    if (m === null) continue;
    const id = `${m[1]}_${m[2]}`;
    const d = dates.get(id) ?? EXTRA_DATES[id];
    if (d === undefined) throw new Error(`No effective date for ${file}`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d.date)) throw new Error(`Bad date ${d.date} for ${id}`);
    revisions.push({ id, year: m[1] ?? "", date: d.date, event: d.event, file, sha256: "" });
  }
  revisions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
  for (let k = 1; k < revisions.length; k++) {
    const prev = revisions[k - 1] as Revision;
    const cur = revisions[k] as Revision;
    if (prev.date === cur.date) throw new Error(`${prev.id} and ${cur.id} share the date ${cur.date}`);
  }
  return revisions;
}

function cleanText(value: string | null | undefined): string {
  return (value ?? "")
    .replace(/<[^>]*>/g, "")
    .replace(/[\s\u00a0]+/g, " ")
    .trim();
}

const HEADING_RE = /\b(99\d\d)\.(\d\d)\.(\d\d)\b/g;

function headingsIn(text: string): string[] {
  return [...text.matchAll(HEADING_RE)].map((m) => `${m[1]}.${m[2]}.${m[3]}`);
}

function uniq(values: string[]): string[] {
  return [...new Set(values)];
}

interface StackEntry {
  indent: number;
  code: string;
  text: string;
  rates?: { g: string; s: string; o: string };
  headings?: string[];
}

/** Parse one USITC export into its HTS8/HTS10 lines (incl. Chapter 99), keyed by code, in code order. */
function parseEdition(records: SourceRecord[], id: string, warn: (m: string) => void): Map<string, Line> {
  const lines = new Map<string, Line>();
  const stack: StackEntry[] = [];
  let lastCode = "";
  for (const r of records) {
    const code = (r.htsno ?? "").replace(/[.\s]/g, "");
    const indent = Number.parseInt(String(r.indent ?? "0"), 10) || 0;
    const text = cleanText(r.description);
    while (stack.length > 0 && (stack[stack.length - 1] as StackEntry).indent >= indent) stack.pop();
    if (code !== "" && !/^\d+$/.test(code)) warn(`${id}: odd htsno ${r.htsno}`);
    if (code !== "") {
      if (code <= lastCode) warn(`${id}: ${code} out of order after ${lastCode}`);
      lastCode = code;
    }
    const own = {
      g: cleanRateText(r.general ?? ""),
      s: cleanRateText(r.special ?? ""),
      o: cleanRateText(r.other ?? ""),
    };
    const hasRate = own.g !== "" || own.s !== "" || own.o !== "";
    const footnotes: Footnote[] = [];
    for (const f of r.footnotes ?? []) {
      const ft = cleanText(f.value);
      if (ft !== "") footnotes.push([[...(f.columns ?? [])], ft]);
    }
    const ownHeadings = uniq(footnotes.flatMap(([, t]) => headingsIn(t)));
    const entry: StackEntry = { indent, code, text };
    if (hasRate) entry.rates = own;
    if (code.length === 8 || code.length === 10) {
      const chain: ChainEntry[] = stack.map((e) => [e.code, e.text]);
      const line: Line = {
        c: code,
        d: text,
        chain,
        u: [],
        g: own.g,
        s: own.s,
        o: own.o,
        i: "",
        f: footnotes,
        h: [],
        x: false,
      };
      for (const u of r.units ?? []) {
        const ut = cleanText(u);
        if (ut !== "") line.u.push(ut);
      }
      const chapter99 = code.startsWith("99");
      if (!chapter99 && (own.g === "" || own.s === "" || own.o === "")) {
        // Rate columns the line leaves blank come from the nearest ancestor that prints a rate.
        for (let k = stack.length - 1; k >= 0; k--) {
          const a = stack[k] as StackEntry;
          if (a.rates === undefined) continue;
          if (line.g === "") line.g = a.rates.g;
          if (line.s === "") line.s = a.rates.s;
          if (line.o === "") line.o = a.rates.o;
          if (line.g !== own.g || line.s !== own.s || line.o !== own.o) line.i = a.code;
          break;
        }
      }
      let inheritedHeadings: string[] = [];
      if (code.length === 10) {
        for (let k = stack.length - 1; k >= 0; k--) {
          const a = stack[k] as StackEntry;
          if (a.code.length === 8) {
            inheritedHeadings = a.headings ?? [];
            break;
          }
        }
      }
      line.h = uniq([...inheritedHeadings, ...ownHeadings]);
      entry.headings = line.h;
      if (lines.has(code)) warn(`${id}: duplicate ${code}, keeping the first`);
      else lines.set(code, line);
    }
    stack.push(entry);
  }
  // HTS8 codes printed only as one HTS10 line (0101.30.00 as 0101.30.00.00).
  const alone = new Map<string, Line[]>();
  for (const l of lines.values()) {
    if (l.c.length !== 10 || l.c.startsWith("99") || lines.has(l.c.slice(0, 8))) continue;
    const k = l.c.slice(0, 8);
    alone.set(k, [...(alone.get(k) ?? []), l]);
  }
  for (const [k, list] of alone) {
    if (list.length === 1) (list[0] as Line).x = true;
    else warn(`${id}: ${list.length} HTS10 lines under ${k} without an HTS8 line; none stands for it`);
  }
  return lines;
}

function lineKey(l: Line): string {
  return JSON.stringify([l.d, l.chain, l.u, l.g, l.s, l.o, l.i, l.f, l.h, l.x]);
}

/**
 * The parent chains of a file as a tree: node k is [parent node index or -1, code or "", text]; a
 * line's `p` is the node of its innermost ancestor (-1 when it has none).
 */
class TextTable {
  readonly texts: string[] = [];
  private readonly index = new Map<string, number>();
  id(text: string): number {
    let n = this.index.get(text);
    if (n === undefined) {
      n = this.texts.length;
      this.texts.push(text);
      this.index.set(text, n);
    }
    return n;
  }
}

class NodeTable {
  readonly nodes: [number, string, number][] = [];
  private readonly index = new Map<string, number>();
  constructor(private readonly texts: TextTable) {}
  id(chain: ChainEntry[]): number {
    let parent = -1;
    for (const [code, text] of chain) {
      const key = `${parent}\u0000${code}\u0000${text}`;
      let n = this.index.get(key);
      if (n === undefined) {
        n = this.nodes.length;
        this.nodes.push([parent, code, this.texts.id(text)]);
        this.index.set(key, n);
      }
      parent = n;
    }
    return parent;
  }
}

function stored(l: Line, chains: NodeTable, texts: TextTable): StoredLine {
  const s: StoredLine = { c: l.c, d: texts.id(l.d), p: chains.id(l.chain) };
  if (l.u.length > 0) s.u = texts.id(l.u.join("|"));
  if (l.g !== "") s.g = texts.id(l.g);
  if (l.s !== "") s.s = texts.id(l.s);
  if (l.o !== "") s.o = texts.id(l.o);
  if (l.i !== "") s.i = l.i;
  if (l.f.length > 0) s.f = l.f.flatMap(([cols, text]) => [texts.id(cols.join(",")), texts.id(text)]);
  if (l.h.length > 0) s.h = texts.id(l.h.join(" "));
  if (l.x) s.x = 1;
  return s;
}

function writeGzipJson(path: string, value: unknown): number {
  const gz = gzipSync(Buffer.from(`${JSON.stringify(value)}\n`, "utf8"), { level: 9 });
  gz[9] = 3; // gzip header OS byte: fixed to "Unix" so the bytes do not depend on the build platform
  writeFileSync(path, gz);
  return gz.length;
}

interface RateUse {
  columns: Set<string>;
  codes: Set<string>;
  example: string;
}

function main(): void {
  const htsDir = findHtsDir(process.argv[2]);
  const outDir = join(repoRoot, "data/hts");
  const changesDir = join(outDir, "changes");
  const warnings: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
    console.warn(`warning: ${m}`);
  };

  const revisions = loadRevisions(htsDir);
  const base = revisions[0];
  if (base === undefined || base.id !== "2025_basic")
    throw new Error("The first revision must be 2025_basic");

  rmSync(changesDir, { recursive: true, force: true });
  mkdirSync(changesDir, { recursive: true });
  for (const f of readdirSync(outDir)) if (f.endsWith(".json.gz")) rmSync(join(outDir, f));

  const rateUses = new Map<string, RateUse>();
  const noteRate = (text: string, column: string, code: string) => {
    if (text === "") return;
    let u = rateUses.get(text);
    if (u === undefined) {
      u = { columns: new Set(), codes: new Set(), example: code };
      rateUses.set(text, u);
    }
    u.columns.add(column);
    u.codes.add(code);
  };

  const stats: RevisionStats[] = [];
  let prev: Map<string, Line> | undefined;
  let prevId = "";
  for (const rev of revisions) {
    const raw = gunzipSync(readFileSync(join(htsDir, rev.file)));
    rev.sha256 = createHash("sha256").update(raw).digest("hex");
    const records = JSON.parse(raw.toString("utf8")) as SourceRecord[];
    const lines = parseEdition(records, rev.id, warn);

    // Rate texts (own, i.e. as printed) for the unparsed report.
    for (const l of lines.values()) {
      const ch99 = l.c.startsWith("99");
      const inheritedG = l.i !== "" && lines.get(l.i)?.g === l.g;
      const inheritedO = l.i !== "" && lines.get(l.i)?.o === l.o;
      if (ch99) noteRate(l.g, "chapter99", l.c);
      else {
        if (!inheritedG) noteRate(l.g, "general", l.c);
        if (!inheritedO) noteRate(l.o, "other", l.c);
      }
    }

    let n8 = 0;
    let n10 = 0;
    let n99 = 0;
    for (const l of lines.values()) {
      if (l.c.startsWith("99")) n99++;
      else if (l.c.length === 8) n8++;
      else n10++;
    }
    const texts = new TextTable();
    const chains = new NodeTable(texts);
    let bytes: number;
    let added = 0;
    let changed = 0;
    let removed = 0;
    if (prev === undefined) {
      const out: StoredFile = {
        format: FORMAT,
        revision: rev.id,
        texts: texts.texts,
        nodes: chains.nodes,
        lines: [],
      };
      for (const l of lines.values()) out.lines?.push(stored(l, chains, texts));
      bytes = writeGzipJson(join(outDir, `${rev.id}.json.gz`), out);
      added = lines.size;
    } else {
      const a: StoredLine[] = [];
      const c: StoredLine[] = [];
      const r: string[] = [];
      for (const l of lines.values()) {
        const old = prev.get(l.c);
        if (old === undefined) a.push(stored(l, chains, texts));
        else if (lineKey(old) !== lineKey(l)) c.push(stored(l, chains, texts));
      }
      for (const code of prev.keys()) if (!lines.has(code)) r.push(code);
      r.sort();
      const out: StoredFile = {
        format: FORMAT,
        revision: rev.id,
        previous: prevId,
        texts: texts.texts,
        nodes: chains.nodes,
        added: a,
        changed: c,
        removed: r,
      };
      bytes = writeGzipJson(join(changesDir, `${rev.id}.json.gz`), out);
      added = a.length;
      changed = c.length;
      removed = r.length;
    }
    stats.push({ id: rev.id, lines8: n8, lines10: n10, ch99: n99, added, changed, removed, bytes });
    console.log(
      `${rev.id.padEnd(12)} ${rev.date}  8-digit ${n8}  10-digit ${n10}  ch99 ${n99}  ` +
        `+${added} ~${changed} -${removed}  ${bytes} bytes`,
    );
    prev = lines;
    prevId = rev.id;
  }

  // revisions.csv
  const csv = ["revision,edition_year,effective_date,event"];
  for (const r of revisions) csv.push([r.id, r.year, r.date, r.event].map(csvField).join(","));
  writeFileSync(join(outDir, "revisions.csv"), `${csv.join("\n")}\n`);

  // unparsed-rates.txt
  const texts = [...rateUses.keys()].sort();
  const unparsed = texts.filter((t) => parseRate(t).kind === "unparsed");
  const perColumn = (col: string, list: string[]) =>
    list.filter((t) => rateUses.get(t)?.columns.has(col)).length;
  const report: string[] = [
    "# Rate texts that parseRate() (src/nomenclature/rates.ts) leaves `unparsed`",
    "# Generated by scripts/build-hts.ts; do not edit.",
    "# Scope: distinct texts printed in the general and other columns of HTS8/HTS10 lines and in the",
    `# general column of Chapter 99 lines, across all ${revisions.length} revisions (${revisions[0]?.id} .. ${revisions.at(-1)?.id}).`,
    `# Distinct rate texts: ${texts.length}; unparsed: ${unparsed.length}`,
    `#   general: ${perColumn("general", texts)} distinct, ${perColumn("general", unparsed)} unparsed`,
    `#   other (column 2): ${perColumn("other", texts)} distinct, ${perColumn("other", unparsed)} unparsed`,
    `#   chapter 99 general: ${perColumn("chapter99", texts)} distinct, ${perColumn("chapter99", unparsed)} unparsed`,
    "# Columns: lines (distinct codes printing the text in any revision) | columns | example code | text",
    "",
  ];
  for (const t of unparsed) {
    const u = rateUses.get(t) as RateUse;
    report.push(`${u.codes.size}\t${[...u.columns].sort().join(",")}\t${formatCode(u.example)}\t${t}`);
  }
  writeFileSync(join(outDir, "unparsed-rates.txt"), `${report.join("\n")}\n`);

  // README.md
  writeFileSync(join(outDir, "README.md"), readme(revisions, stats, texts.length, unparsed.length, warnings));
  console.log(`distinct rate texts ${texts.length}, unparsed ${unparsed.length}`);
  console.log(`total gzip bytes ${stats.reduce((s, x) => s + x.bytes, 0)}`);
}

const REV5_7 = `
2026_rev_5 and 2026_rev_7 are identical although 2026_rev_6 lies between them: USITC re-issued the
rev 5 file with the rev 7 corrections, retroactive to 2026-04-06, so the rev 5 file already has
heading 9903.82.01 (zero-metal-content carve-out), rev 6 lacks it and rev 7 adds it back. The data
keep that sequence as published (9903.82.01 absent 2026-04-23 … 2026-04-28); legal effect is for
src/law to decide.
`;

/** What the build reports per revision. */
interface RevisionStats {
  id: string;
  lines8: number;
  lines10: number;
  ch99: number;
  added: number;
  changed: number;
  removed: number;
  bytes: number;
}

function readme(
  revisions: Revision[],
  stats: RevisionStats[],
  distinct: number,
  unparsed: number,
  warnings: string[],
): string {
  const bySha = new Map<string, string[]>();
  for (const r of revisions) bySha.set(r.sha256, [...(bySha.get(r.sha256) ?? []), r.id]);
  const identical = [...bySha.values()].filter((ids) => ids.length > 1);
  const total = stats.reduce((s, x) => s + x.bytes, 0);
  const rows = stats.map((s) => {
    const r = revisions.find((x) => x.id === s.id) as Revision;
    return `| ${s.id} | ${r.date} | ${s.lines8} | ${s.lines10} | ${s.ch99} | ${s.added} | ${s.changed} | ${s.removed} | ${s.bytes} |`;
  });
  return `# data/hts: the US Harmonized Tariff Schedule, compact form

Generated by \`scripts/build-hts.ts\` (\`npx tsx scripts/build-hts.ts [sharedDir]\`); do not edit by hand.
Read at run time by \`src/nomenclature/hts.ts\` (\`loadHts()\`).

## Source and licence
- **USITC Harmonized Tariff Schedule, JSON export** from hts.usitc.gov, a work of the US Government:
  **public domain**. Files \`hts_2025_basic\`, \`hts_2025_rev_1\` … \`hts_2025_rev_32\`, \`hts_2026_basic\`,
  \`hts_2026_rev_1\` … \`hts_2026_rev_10\` (.json.gz, ${revisions.length} editions), taken from
  \`../shared/data/us/hts/\` (see the README there).
- Revision dates: \`revision_dates.csv\` from the same directory (its names \`basic\`, \`rev_N\` are the
  2025 editions; here every id carries its year: \`2025_basic\`, \`2025_rev_1\`, \`2026_rev_1\` …).
  Revisions missing from that table take their row from \`revision_dates_2025_2026.csv\`
  (2026_rev_9, 2026_rev_10); 2026_rev_8 is in neither table and is dated at its publication date,
  2026-05-22 (stated in a note of \`revision_dates_2025_2026.csv\`); it is editorial only.
  \`effective_date\` is the date a revision took effect in the schedule; the legal effective date of
  the measure it carries may differ, and the instrument's date decides the duty (src/law).

## Before 2025
Dates from the 2018 Basic edition (in force from 2017-12-29) to 2024-12-31 are answered by the
schedules of those years in \`pre2025/\` (held HTS10 editions where the release calendar puts one in
force, the USITC annual tariff databases elsewhere; see \`pre2025/README.md\`). Only before 2017-12-29,
where nothing is held, the **2025 Basic** edition is used as an **assumption**:
\`loadHts().revisionOn()\`, \`line()\` and \`mfn()\` flag such answers with \`assumed: true\`.

## Column 2 by origin and date
\`column2-countries.csv\` (maintained by hand, not generated): \`origin,from,until,citation,url\`, the
periods in which column 2 (general note 3(b)) applies to an origin. Cuba and North Korea throughout;
Russia and Belarus from 2022-04-09 (Suspending Normal Trade Relations with Russia and Belarus Act,
Pub. L. 117-110, signed 2022-04-08, sec. 2: "beginning the day after the date of the enactment";
CBP CSMS #51575437). The increased column 2 rates of 9903.90.08–.09 (Russia, from 2022-07-27) are
not modelled.

## Files
- \`revisions.csv\`: \`revision,edition_year,effective_date,event\`, in effective-date order. The
  revision in force on a date is the last one with \`effective_date <= date\`.
- \`2025_basic.json.gz\`: the base edition, every line.
- \`changes/<revision>.json.gz\`: for each later revision, the lines \`added\`, \`changed\` (full new
  content) and \`removed\` (codes) relative to the revision before it in date order (\`previous\`).
- \`unparsed-rates.txt\`: the rate texts \`parseRate()\` does not turn into numbers
  (${unparsed} of ${distinct} distinct texts).

All JSON files share one shape (format ${FORMAT}):
\`{format, revision, previous?, texts, nodes, lines | added+changed+removed}\`. Every string except
codes is interned in the file's \`texts\` and referred to by index (smaller JSON, quicker to parse).
\`nodes\` is the tree of parent texts of that file: node k is
\`[parent node index or -1, code or "", text index]\`. A line is \`{c, d, p, u?, g?, s?, o?, i?, f?, h?, x?}\`:

| key | meaning |
|---|---|
| c | code, digits only: HTS8 (8 digits) or HTS10 (10 digits); Chapter 99 lines (99xx.xx.xx) included |
| d | description (whitespace collapsed, HTML tags removed) |
| p | the line's innermost ancestor in \`nodes\` (-1: none); walking up gives the parent chain: the heading, subheading and unnumbered superior text lines (code \`""\`) and, for HTS10 lines, their HTS8 line. For 0101.21.00.10 "Males": "Live horses, asses, mules and hinnies:" > "Horses:" > "Purebred breeding animals" |
| u | units of quantity, joined with \`|\` |
| g, s, o | general (column 1), special, other (column 2) rate text. A line that prints no text in a column takes the text of the nearest ancestor line that prints a rate (outside Chapter 99) |
| i | code of that ancestor when any of g/s/o was taken from it |
| f | the line's own footnotes, as pairs (columns joined with \`,\`, text) |
| h | Chapter 99 headings (\`9903.88.15\`, space-separated) named in the line's own footnotes and, for HTS10 lines, in its HTS8 line's footnotes (any column: the general column carries Section 301 pointers, the other column the 9903.90 column-2 pointers). Pointers only, not the legal scope |
| x | 1 on an HTS10 line that is the only line of an HTS8 which has no line of its own (0101.30.00.00 for 0101.30.00): it stands for that HTS8 |

The compact form keeps, of each USITC record, \`htsno\`, \`indent\` (as the parent chain),
\`description\`, \`units\`, \`general\`, \`special\`, \`other\` and \`footnotes\`; it drops \`quotaQuantity\`,
\`additionalDuties\` and the 4- and 6-digit and unnumbered records except as parent-chain text.
Records are in code order; JSON is written with a fixed key order and gzip level 9, so a rebuild
from the same sources gives identical bytes.

## Byte-identical revisions
Decompressed JSON identical (per the source README those revisions changed only note text); when
the two are consecutive the later one's change file is empty:
${identical.length === 0 ? "None." : identical.map((ids) => `- ${ids.join(" = ")}`).join("\n")}
${identical.some((ids) => ids.includes("2026_rev_5") && ids.includes("2026_rev_7")) ? REV5_7 : ""}
## Per revision
| revision | effective | HTS8 lines | HTS10 lines | ch. 99 lines | added | changed | removed | gzip bytes |
|---|---|---|---|---|---|---|---|---|
${rows.join("\n")}

"HTS8 lines" counts printed 8-digit lines outside chapter 99; an HTS8 printed only as a single
HTS10 line (flag \`x\`) is counted among the HTS10 lines. Total: ${total} bytes.
${warnings.length === 0 ? "" : `\n## Build warnings\n${warnings.map((w) => `- ${w}`).join("\n")}\n`}`;
}

main();
