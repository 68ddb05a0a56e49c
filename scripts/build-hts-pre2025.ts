/**
 * Build data/hts/pre2025/ from the shared schedules of 2017–2024 (developer-only; never at run time).
 *
 *   npx tsx scripts/build-hts-pre2025.ts [sharedDir]
 *
 * sharedDir defaults to ../shared relative to the repository root (`npm run data:hts-pre2025`). Reads data/us/hts-pre2025 (USITC CSV
 * exports of four editions, the USITC annual tariff databases of 2017 and 2024_05, the release
 * calendar), data/concordance (UNSD HS 2022 ↔ HS 2017, HS6 → HTS8 trees) and data/trade (Census
 * descriptions of the 2017 and 2024 HTS10 lines), and the shipped data/hts (the 2025– schedule).
 * Output (deterministic; provenance in data/hts/README.md):
 *   data/hts/pre2025/calendar.csv           every release from 2018 Basic to 2024 rev 10, and the held edition
 *   data/hts/pre2025/editions.json.gz       the lines of the held HTS10 editions (rates inherited)
 *   data/hts/pre2025/tariff-database.csv.gz HTS8 rows with begin/end dates, MFN and column 2 (both vintages)
 *   data/hts/pre2025/successors.csv.gz      HS 2017-era codes absent from the 2025– schedule → their successors
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { loadHts } from "../src/nomenclature/hts.js";
import { PRE2025_FORMAT, type StoredEditions } from "../src/nomenclature/hts-pre2025.js";
import { cleanRateText, parseRate } from "../src/nomenclature/rates.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const shared = resolve(process.argv[2] ?? join(root, "..", "shared"));
const pre = join(shared, "data", "us", "hts-pre2025");
const outDir = join(root, "data", "hts", "pre2025");

/** The held HTS10 editions: calendar revision ids → the CSV export that holds them. */
const HELD: readonly (readonly [string, string])[] = [
  ["2023_rev_11", "htsdata_2023_rev11.csv.gz"],
  // One export, "2024 Basic or Rev 1" (identical record counts): taken for both releases.
  ["2024_basic", "htsdata_2024_basic_or_rev1.csv.gz"],
  ["2024_rev_1", "htsdata_2024_basic_or_rev1.csv.gz"],
  ["2024_rev_4", "htsdata_2024_rev4.csv.gz"],
  ["2024_rev_9", "htsdata_2024_rev9.csv.gz"],
];

/** The calendar starts with the 2018 Basic edition (in force from 2017-12-29). */
const FIRST_RELEASE = "2018_basic";
const HS2022_FROM = "2022-01-27";

function readCsv(path: string): Record<string, string>[] {
  let buf = readFileSync(path);
  if (path.endsWith(".gz")) buf = gunzipSync(buf);
  return parse(buf.toString("utf8"), { columns: true, bom: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
}

function writeGzip(path: string, text: string): number {
  const gz = gzipSync(Buffer.from(text, "utf8"), { level: 9 });
  gz[9] = 3; // fixed OS byte: identical bytes on every platform
  writeFileSync(path, gz);
  return gz.length;
}

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const digits = (s: string) => s.replace(/\D/g, "");

/** The tariff database writes "1.1 cents/kg" where the HTS prints "1.1¢/kg". */
function dbRateText(text: string): string {
  return cleanRateText(text).replace(/(\d) ?cents?\b/g, "$1¢");
}

// ------------------------------------------------------------------------------------------------
// Release calendar

interface Release {
  id: string;
  start: string;
  end: string;
  held: string;
}

function calendar(): Release[] {
  const rows = readCsv(join(pre, "release_calendar_2016_2024.csv"));
  const out: Release[] = [];
  let started = false;
  for (const r of rows) {
    const id = r.revision_id ?? "";
    if (id === FIRST_RELEASE) started = true;
    if (!started || !r.release_start) continue;
    const held = HELD.find(([h]) => h === id)?.[0] ?? "";
    out.push({ id, start: r.release_start, end: r.release_end ?? "", held });
  }
  out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  for (let k = 1; k < out.length; k++) {
    if ((out[k - 1] as Release).start === (out[k] as Release).start) {
      throw new Error(`calendar: two releases start on ${(out[k] as Release).start}`);
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Held HTS10 editions

interface EditionLine {
  code: string;
  d: string;
  u: string;
  g: string;
  s: string;
  o: string;
}

function readEdition(file: string): EditionLine[] {
  const rows = readCsv(join(pre, file));
  const out: EditionLine[] = [];
  // Nearest ancestor that prints a rate, by indent (the export leaves HTS10 rate columns empty).
  const stack: { indent: number; g: string; s: string; o: string }[] = [];
  for (const r of rows) {
    const indent = Number(r.Indent ?? 0);
    while (stack.length > 0 && (stack[stack.length - 1] as { indent: number }).indent >= indent) stack.pop();
    const own = {
      g: cleanRateText(r["General Rate of Duty"] ?? ""),
      s: cleanRateText(r["Special Rate of Duty"] ?? ""),
      o: cleanRateText(r["Column 2 Rate of Duty"] ?? ""),
    };
    const printsRate = own.g !== "" || own.o !== "";
    const from = printsRate ? own : ([...stack].reverse().find((a) => a.g !== "" || a.o !== "") ?? own);
    stack.push({ indent, ...own });
    const code = digits(r["HTS Number"] ?? "");
    if ((code.length !== 8 && code.length !== 10) || code.startsWith("98") || code.startsWith("99")) continue;
    let units = r["Unit of Quantity"] ?? "";
    try {
      const parsed = JSON.parse(units || "[]") as string[];
      units = parsed.join("|");
    } catch {
      /* a plain text unit */
    }
    out.push({ code, d: cleanRateText(r.Description ?? ""), u: units, g: from.g, s: from.s, o: from.o });
  }
  return out;
}

function buildEditions(): { file: StoredEditions; counts: Map<string, number> } {
  const texts: string[] = [];
  const textIds = new Map<string, number>();
  const id = (t: string) => {
    let k = textIds.get(t);
    if (k === undefined) {
      k = texts.length;
      texts.push(t);
      textIds.set(t, k);
    }
    return k;
  };
  const byContent = new Map<string, { line: EditionLine; mask: number }>();
  const counts = new Map<string, number>();
  const cache = new Map<string, EditionLine[]>();
  HELD.forEach(([edition, file], k) => {
    let lines = cache.get(file);
    if (lines === undefined) {
      lines = readEdition(file);
      cache.set(file, lines);
    }
    counts.set(edition, lines.length);
    for (const l of lines) {
      const key = JSON.stringify([l.code, l.d, l.u, l.g, l.s, l.o]);
      const e = byContent.get(key);
      if (e === undefined) byContent.set(key, { line: l, mask: 1 << k });
      else e.mask |= 1 << k;
    }
  });
  const entries = [...byContent.values()].sort((a, b) =>
    a.line.code < b.line.code ? -1 : a.line.code > b.line.code ? 1 : a.mask - b.mask,
  );
  const lines = entries.map(({ line: l, mask }) => [
    l.code,
    mask,
    id(l.d),
    id(l.u),
    id(l.g),
    id(l.s),
    id(l.o),
  ]);
  return {
    file: { format: PRE2025_FORMAT, editions: HELD.map(([e]) => e), texts, lines } as StoredEditions,
    counts,
  };
}

// ------------------------------------------------------------------------------------------------
// Tariff database rows

interface DbRow {
  hts8: string;
  begin: string;
  end: string;
  general: string;
  other: string;
  description: string;
  vintage: string;
  note: string;
}

function dayBefore(date: string): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
}

function tariffDatabase(): DbRow[] {
  const read = (file: string, vintage: string) => {
    const by = new Map<string, DbRow[]>();
    for (const r of readCsv(join(pre, file))) {
      const hts8 = r.hts8 ?? "";
      if (!/^\d{8}$/.test(hts8) || hts8.startsWith("98") || hts8.startsWith("99")) continue;
      const row: DbRow = {
        hts8,
        begin: r.begin_effect_date ?? "",
        end: r.end_effective_date ?? "",
        general: dbRateText(r.mfn_text_rate ?? ""),
        other: dbRateText(r.col2_text_rate ?? ""),
        description: cleanRateText(r.brief_description ?? ""),
        vintage,
        note: "",
      };
      const list = by.get(hts8) ?? [];
      list.push(row);
      by.set(hts8, list);
    }
    for (const list of by.values()) list.sort((a, b) => (a.begin < b.begin ? -1 : 1));
    return by;
  };
  const v2017 = read("usitc_tariff_database_2017.csv.gz", "2017");
  const v2024 = read("usitc_tariff_database_2024_05.csv.gz", "2024_05");
  const out: DbRow[] = [];
  const codes = [...new Set([...v2017.keys(), ...v2024.keys()])].sort();
  for (const code of codes) {
    const later = v2024.get(code) ?? [];
    const laterFrom = later[0]?.begin;
    const earlier = v2017.get(code) ?? [];
    // An ITA line staged in the 2017 vintage (a row ending 2017-06-30) whose 2024 row starts on
    // 2019-07-01 at another rate: its 2018-07-01 stage is in neither vintage.
    const itaStaged =
      earlier.some((r) => r.end === "2017-06-30") &&
      laterFrom === "2019-07-01" &&
      earlier[earlier.length - 1]?.general !== later[0]?.general;
    for (const r of earlier) {
      let end = r.end;
      let note = "";
      if (laterFrom !== undefined) {
        if (r.begin >= laterFrom) continue;
        if (end >= laterFrom) end = dayBefore(laterFrom);
      } else if (end >= HS2022_FROM) {
        // Absent from the 2024_05 vintage: ended on a date neither vintage records.
        end = dayBefore(HS2022_FROM);
        note = "end not recorded";
      }
      if (itaStaged && end >= "2018-07-01" && r.begin < "2018-07-01") {
        out.push({ ...r, end: "2018-06-30", note });
        out.push({ ...r, begin: "2018-07-01", end, note: "ITA stage of 2018-07-01 not recorded" });
        continue;
      }
      out.push({ ...r, end, note });
    }
    for (const r of later) out.push(r);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Successors of HS 2017-era codes

interface Successor {
  code: string;
  successors: string[];
  basis: string;
}

/** Successions stated in the schedules' own texts, checked by hand (see data/hts/README.md). */
const STATED: readonly Successor[] = [
  {
    code: "8541406020",
    successors: ["85414300"],
    basis:
      "HTSUS 2019 8541.40.60.20 'Solar cells: assembled into modules or made up into panels' = HS 2022 8541.43 'Photovoltaic cells assembled in modules or made up into panels'",
  },
  {
    code: "8541406030",
    successors: ["85414200"],
    basis:
      "HTSUS 2019 8541.40.60.30 'Solar cells: other' (not in modules) = HS 2022 8541.42 'Photovoltaic cells not assembled in modules or made up into panels'",
  },
];

const normDesc = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

function successors(db: DbRow[]): Successor[] {
  const hts = loadHts(join(root, "data", "hts"));
  const modern8 = [...hts.codes8()];
  const modern10 = new Set(hts.codes10());
  const modern8Set = new Set(modern8);
  const under = (prefix: string) => modern8.filter((c) => c.startsWith(prefix));
  const correlation = new Map<string, Set<string>>();
  for (const r of readCsv(join(shared, "data", "concordance", "hs2022_hs2017_correlation.csv"))) {
    const h17 = (r.hs2017 ?? "").padStart(6, "0");
    const set = correlation.get(h17) ?? new Set();
    set.add((r.hs2022 ?? "").padStart(6, "0"));
    correlation.set(h17, set);
  }
  const modernDesc = new Map<string, string>();
  for (const r of db) if (r.vintage === "2024_05") modernDesc.set(r.hts8, normDesc(r.description));
  // Every HTS8 of the databases (the last description of each): those absent from the 2025– schedule
  // need successors, whether they ended with HS 2022 or later (e.g. on 2025-01-01).
  const oldDesc = new Map<string, string>();
  for (const r of db) oldDesc.set(r.hts8, normDesc(r.description));

  const out: Successor[] = [];
  const candidates8 = (code8: string): string[] => {
    const h17 = code8.slice(0, 6);
    const correlated = correlation.get(h17);
    if (correlated === undefined) {
      // An HS6 the UNSD correlation does not list (codes of HS 2012 left in the 2017 vintage, or of
      // HS 2022): the current codes under it, else under its first 5 digits, else under its heading.
      for (const n of [6, 5, 4]) {
        const found = under(h17.slice(0, n));
        if (found.length > 0) return found;
      }
      return [];
    }
    const targets = [...correlated];
    // Carve-outs into other headings (e-waste 8549, flat-panel modules 8524 ...) are left out when
    // some successor stays in the code's own heading.
    const own = targets.filter((t) => t.slice(0, 4) === h17.slice(0, 4));
    return (own.length > 0 ? own : targets).flatMap(under).sort();
  };
  const of8 = new Map<string, Successor>();
  for (const code8 of [...oldDesc.keys()].sort()) {
    if (modern8Set.has(code8)) continue;
    const cands = candidates8(code8);
    if (cands.length === 0) continue;
    const same = cands.filter((c) => c !== code8 && modernDesc.get(c) === oldDesc.get(code8));
    const s: Successor =
      same.length === 1
        ? { code: code8, successors: same, basis: "same description in the USITC tariff database" }
        : {
            code: code8,
            successors: cands,
            basis: correlation.has(code8.slice(0, 6))
              ? "UNSD HS 2017-2022 correlation"
              : "same HS6, HS5 or heading (an HS6 the UNSD correlation does not list)",
          };
    of8.set(code8, s);
    out.push(s);
  }
  // HTS10 lines of 2017 (Census descriptions): one modern HTS10 line with the same description, under
  // the successors of its HTS8, makes a one-to-one succession.
  const census2024 = new Map<string, string[]>();
  for (const r of readCsv(join(shared, "data", "trade", "us_imports_from_cn_hs10_2024.csv"))) {
    const d = normDesc(r.I_COMMODITY_SDESC ?? "");
    const list = census2024.get(d) ?? [];
    list.push(r.HS10 ?? "");
    census2024.set(d, list);
  }
  const stated = new Map(STATED.map((s) => [s.code, s]));
  for (const r of readCsv(join(shared, "data", "trade", "us_imports_from_cn_hts10_2017.csv.gz"))) {
    const code = r.hts10 ?? "";
    if (modern10.has(code)) continue;
    const s = stated.get(code);
    if (s !== undefined) {
      out.push(s);
      continue;
    }
    const parent = of8.get(code.slice(0, 8));
    if (parent === undefined) continue;
    const same = (census2024.get(normDesc(r.description ?? "")) ?? []).filter((c) =>
      parent.successors.includes(c.slice(0, 8)),
    );
    if (same.length === 1 && parent.successors.length > 1) {
      out.push({ code, successors: same, basis: "same Census statistical description (2017, 2024)" });
    }
  }
  for (const s of STATED) if (!out.includes(s)) out.push(s);
  out.sort((a, b) => (a.code < b.code ? -1 : 1));
  return out;
}

// ------------------------------------------------------------------------------------------------

function main(): void {
  if (!existsSync(pre)) throw new Error(`${pre} not found: give the shared directory as an argument`);
  mkdirSync(outDir, { recursive: true });

  const releases = calendar();
  writeFileSync(
    join(outDir, "calendar.csv"),
    `revision,start,end,held\n${releases.map((r) => `${r.id},${r.start},${r.end},${r.held}`).join("\n")}\n`,
  );

  const { file, counts } = buildEditions();
  const editionsBytes = writeGzip(join(outDir, "editions.json.gz"), `${JSON.stringify(file)}\n`);

  const db = tariffDatabase();
  const unparsed = new Set<string>();
  for (const r of db) {
    for (const t of [r.general, r.other]) if (t !== "" && parseRate(t).kind === "unparsed") unparsed.add(t);
  }
  const dbText = [
    "hts8,begin,end,general,other,vintage,note,description",
    ...db.map((r) =>
      [r.hts8, r.begin, r.end, r.general, r.other, r.vintage, r.note, r.description].map(csvField).join(","),
    ),
  ].join("\n");
  const dbBytes = writeGzip(join(outDir, "tariff-database.csv.gz"), `${dbText}\n`);

  const succ = successors(db);
  const succText = [
    "code,successors,basis",
    ...succ.map((s) => [s.code, s.successors.join(" "), s.basis].map(csvField).join(",")),
  ].join("\n");
  const succBytes = writeGzip(join(outDir, "successors.csv.gz"), `${succText}\n`);

  console.log(`calendar: ${releases.length} releases, held: ${releases.filter((r) => r.held).length}`);
  for (const [e, n] of counts) console.log(`edition ${e}: ${n} lines`);
  console.log(`editions.json.gz: ${file.lines.length} distinct lines, ${editionsBytes} bytes`);
  console.log(
    `tariff-database.csv.gz: ${db.length} rows, ${dbBytes} bytes; unparsed rate texts: ${unparsed.size}`,
  );
  console.log(
    `successors.csv.gz: ${succ.length} codes (${succ.filter((s) => s.successors.length > 1).length} one-to-many), ${succBytes} bytes`,
  );
}

main();
