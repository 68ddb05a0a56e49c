/**
 * Build the generated parts of data/screening/us-entity-list.yaml and data/screening/us-1260h.yaml
 * from a compilation of the lists' own texts (developer-only; the product reads only the YAML):
 *
 *   npx tsx scripts/build-us-lists.ts <dir holding bis_entity_list.json and dow_1260h.json>
 *
 * The compilation is the data/ folder of github.com/phagehunter/nsfreg (commit 02787e8, "NSF
 * Restricted Entities Guide"): bis_entity_list.json parses the eCFR text of Supplement No. 4 to
 * Part 744 as downloaded in July 2026 (one record an entry: name, "a.k.a." aliases, address, the
 * first Federal Register citation of its row, e.g. "89 FR 96836, 12/5/24"); dow_1260h.json parses
 * the Section 1260H notice of June 10 2026 (91 FR 35189, FR Doc 2026-11571). Being a third party's
 * parse of the primary texts, every entry written here is graded S and names that source (but the
 * one 1260H entity identified rather than read, graded W).
 *
 * US Entity List: the entries under "China, People's Republic of" whose first citation is a rule
 * of 2024-2026 that RULES below maps to an instrument of the file (each with its FR document number
 * read in a cited source, or, for two 2024 rules, its page as the eCFR cites it and a note of where
 * the number was looked for); an
 * entry whose every address is in Hong Kong gets country HK (the list files Hong Kong under China);
 * the address-only entries ("Address 01", a bare address with no party) are left out. A row's
 * later citations are the rules that revised it: those of 2024-2026 are named in the entry's note
 * (with the rule's FR Doc number where RULES knows it), and what a rule after the text changed in
 * it, in CHANGED_AFTER_THE_TEXT. Removed entries are no longer in the text:
 * the file's coverage says so. The script prints, for the coverage, the 2024-2026 rules cited for
 * China rows that RULES does not know and the revisions of earlier rows it leaves out.
 *
 * Section 1260H, two notices. The Jan 7 2025 list (90 FR 1105, FR Doc 2025-00070): the 133 rows
 * of the edition dated 2025-01-07 in dod_chinese_milcorps.csv, a copy of OpenSanctions'
 * transcription of the DoD list PDF (github.com/opensanctions/opensanctions,
 * datasets/us/dod_chinese_milcorps/sanctions.csv, commit dd4f7d351), one entry a row, the list's
 * parenthesised short name ("(CATL)") or former name ("(formerly ...)") as an alias, and the 134th
 * entity DoD counts, which the transcription leaves on an earlier edition's row (carriedInto2025).
 * Then the 80
 * entities of the 2026 notice: one the 2025 list also names (the same name or alias but for case,
 * spacing and punctuation, or a rename in RENAMED_SINCE_2025) keeps its 2025 entry, with the 2026
 * legal name and abbreviation added as aliases, instead of a second entry (but for the W-graded one).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseCsv } from "csv-parse/sync";
import { parse, stringify } from "yaml";
import { FR_DOC_NOT_FOUND } from "../src/screening/lists.js";
import { frVolumeYear, type RowCitation, rowCitations } from "./us-lists/ecfr-citations.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const sourceDir = process.argv[2];
if (!sourceDir)
  throw new Error(
    "usage: npx tsx scripts/build-us-lists.ts <dir with bis_entity_list.json, dow_1260h.json and dod_chinese_milcorps.csv>",
  );

const SOURCE =
  "github.com/phagehunter/nsfreg data/bis_entity_list.json (commit 02787e8): a parse of the eCFR text of 15 CFR part 744 supp. no. 4 as of July 2026";
const SOURCE_1260H =
  "github.com/phagehunter/nsfreg data/dow_1260h.json (commit 02787e8): a parse of the notice 91 FR 35189";
const SOURCE_1260H_CARRIED =
  "github.com/opensanctions/opensanctions datasets/us/dod_chinese_milcorps/sanctions.csv (commit dd4f7d351): its row of the entity, dated to DoD's edition of 2024-01-31 and not closed, quoting a later list";
const SOURCE_1260H_2025 =
  "github.com/opensanctions/opensanctions datasets/us/dod_chinese_milcorps/sanctions.csv (commit dd4f7d351): a transcription of the DoD list of Jan 7 2025, https://media.defense.gov/2025/Jan/07/2003625471/-1/-1/1/ENTITIES-IDENTIFIED-AS-CHINESE-MILITARY-COMPANIES-OPERATING-IN-THE-UNITED-STATES.PDF";

/**
 * The 2024-2026 rules the eCFR cites for China entries, by the page it cites ("89 FR 96836"):
 * the instrument key of data/screening/us-entity-list.yaml that holds the rule. A cited page with
 * no rule here gives no entries, and the coverage names it.
 */
const RULES: Record<string, string> = {
  "89 FR 14388": "el-2024-02-27-additions",
  "89 FR 14405": "el-2024-02-27",
  "89 FR 25505": "el-2024-04-11",
  "89 FR 41888": "el-2024-05-14",
  "89 FR 51652": "el-2024-06-18",
  "89 FR 55035": "el-2024-07-03",
  "89 FR 68548": "el-2024-08-27",
  "89 FR 84462": "el-2024-10-23",
  "89 FR 87265": "el-2024-11-01",
  "89 FR 96836": "el-2024-12-02",
  "89 FR 96837": "el-2024-12-02",
  "89 FR 99703": "el-2024-12-11",
  "90 FR 561": "el-2025-01-06",
  "90 FR 4619": "el-2025-01-16-ai",
  "90 FR 4622": "el-2025-01-16-chips",
  "90 FR 14035": "el-2025-03-28-additions",
  "90 FR 14048": "el-2025-03-25",
  "90 FR 44499": "el-2025-09-12",
  "90 FR 48193": "el-2025-10-09",
  "90 FR 48195": "el-2025-10-09",
};

/**
 * Rows the Federal Register changed after the July 2026 text, by the name the row gives: what the
 * rule did, read in its abstract (the Federal Register's), for the entry's note.
 */
const CHANGED_AFTER_THE_TEXT: Record<string, string> = {
  "Arrow Electronics (Hong Kong) Co., Ltd.":
    " FR Doc 2026-17231 (Aug 24 2026) removed two of these addresses (which two was not read); FR Doc 2025-19858 (Nov 12 2025) had removed the six aliases this entry was listed with (and the entry of Arrow China Electronics Trading Co., Ltd., listed with it on Oct 9 2025), as the rules' abstracts say. Reuters (Oct 18 2025) reported the listings and their reversal for Arrow Electronics Inc.'s affiliates, and Arrow's word that the company of this name is not one of them.",
};

interface SourceEntity {
  name: string;
  aliases: string[];
  country: string;
  address: string | null;
  federal_register: string | null;
  notes: string | null;
}

interface FileInstrument {
  effective: string;
  frDoc?: string;
}

/** "FR Doc 2024-28267", or what a rule's citation says when its number was not found. */
const frDocText = (instrument: FileInstrument | undefined) =>
  instrument?.frDoc === undefined ? FR_DOC_NOT_FOUND : `FR Doc ${instrument.frDoc}`;

interface FileEntry {
  entryId: string;
  name: string;
  aliases?: string[];
  addresses?: string[];
  country?: string;
  listedOn: string;
  listedBy: string;
  frCited?: string;
  grade?: string;
  source?: string;
  note?: string;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/co\.,? ltd\.?|company limited|limited|corporation|inc\.?$/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 48)
    .replace(/-$/, "");

/** A citation of a rule of the years this file covers (by its FR volume, never its date). */
const ofCoveredYears = (c: RowCitation) => frVolumeYear(c.volume) >= 2024 && frVolumeYear(c.volume) <= 2026;

/** "revised by 90 FR 561 (Jan 6 2025 rule, FR Doc 2024-31468)" for each covered revision. */
function revisionsNote(revisions: RowCitation[], instruments: Record<string, FileInstrument>): string {
  const named = revisions.map((r) => {
    const key = RULES[r.page];
    const doc = frDocText(key === undefined ? undefined : instruments[key]);
    return `${r.page}${r.published ? ` of ${r.published}` : ""} (${doc})`;
  });
  return ` Revised by ${named.join(" and ")}: the revised text is the one given here.`;
}

/** The row's addresses: the eCFR joins several with "; and". */
function addressesOf(address: string | null): string[] {
  if (!address) return [];
  return address
    .split(/;\s*(?:and\s+)?/)
    .map((a) => a.replace(/\s+/g, " ").replace(/^and /, "").replace(/\.$/, "").trim())
    .filter((a) => a.length > 0);
}

/** The aliases less those repeating the name or an earlier alias but for case ("AsAm", "asam"). */
function distinctAliases(name: string, aliases: string[]): string[] {
  const seen = new Set([name.toLowerCase()]);
  return aliases.filter((a) => !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()));
}

const isHongKongOnly = (addresses: string[]) =>
  addresses.length > 0 && addresses.every((a) => /Hong Kong/i.test(a) && !/,\s*China$/i.test(a));

function uniqueId(base: string, seen: Set<string>): string {
  let id = base;
  for (let n = 2; seen.has(id); n++) id = `${base}-${n}`;
  seen.add(id);
  return id;
}

function buildEntityList(): void {
  const file = join(root, "data", "screening", "us-entity-list.yaml");
  const doc = parse(readFileSync(file, "utf8"));
  const instruments = doc.instruments as Record<string, FileInstrument>;
  const source = JSON.parse(readFileSync(join(sourceDir as string, "bis_entity_list.json"), "utf8")) as {
    entities: SourceEntity[];
  };
  const seen = new Set<string>();
  const generated: FileEntry[] = [];
  const addressOnly: string[] = [];
  const unknownRules = new Map<string, number>();
  const earlierRowsRevised: string[] = [];
  for (const e of source.entities.filter((x) => x.country === "China")) {
    const [first, ...later] = rowCitations(e.federal_register ?? "");
    if (first === undefined)
      throw new Error(`${e.name}: no Federal Register citation in "${e.federal_register}"`);
    const revisions = later.filter(ofCoveredYears);
    for (const c of [first, ...revisions])
      if (ofCoveredYears(c) && c.contradictoryDate !== undefined)
        throw new Error(`${e.name}: ${c.page} is dated ${c.contradictoryDate}, not in the volume's year`);
    if (!ofCoveredYears(first)) {
      if (revisions.length > 0)
        earlierRowsRevised.push(`${e.name} (${first.page}; by ${revisions.map((r) => r.page).join(", ")})`);
      continue;
    }
    const page = first.page;
    const key = RULES[page];
    if (key === undefined) {
      unknownRules.set(page, (unknownRules.get(page) ?? 0) + 1);
      continue;
    }
    const instrument = instruments[key];
    if (!instrument) throw new Error(`us-entity-list.yaml has no instrument ${key}`);
    const addresses = addressesOf(e.address);
    // Since 2024 the list also names bare addresses under China ("Address 01: Unit D, 16/F One
    // Capital Place, ..."), with no party: a name screen cannot match them, so they are counted for
    // the coverage, not written as entries.
    if (/^Address \d+$/.test(e.name)) {
      addressOnly.push(`${e.name} (${page})`);
      continue;
    }
    const name = e.name.replace(/\.$/, (dot) => (/\b(Co|Ltd|Inc|Corp)\.$/.test(e.name) ? dot : ""));
    const aliases = distinctAliases(name, e.aliases);
    generated.push({
      entryId: uniqueId(`el-${instrument.effective}-${slug(name)}`, seen),
      name,
      ...(aliases.length ? { aliases } : {}),
      ...(addresses.length ? { addresses } : {}),
      country: isHongKongOnly(addresses) ? "HK" : "CN",
      listedOn: instrument.effective,
      listedBy: key,
      frCited: page,
      grade: "S",
      source: SOURCE,
      note:
        `${e.notes ? `Licence requirement: ${e.notes.replace(/\s*\d$/, "")}; ` : ""}cited ${(e.federal_register ?? "").replace(/\s*\n\s*/g, " ")}.` +
        (revisions.length > 0 ? revisionsNote(revisions, instruments) : "") +
        (CHANGED_AFTER_THE_TEXT[name] ?? ""),
    });
  }
  // Every entry read earlier in reports of these rules is named by the compilation (the report's
  // "Shenzhen Pensun Technology Co." is an alias of Shenzhen Pengxinxu Technology Co., Ltd.).
  doc.entries = generated;
  writeFileSync(file, stringify(doc, { lineWidth: 0 }));
  console.log(
    `us-entity-list: ${generated.length} entries from the eCFR compilation; address-only entries left out: ${addressOnly.join(", ")}`,
  );
  console.log(
    `  2024-2026 rules cited for China rows but not in RULES (no instrument): ${[...unknownRules].map(([p, n]) => `${p} (${n} rows)`).join(", ") || "none"}`,
  );
  console.log(
    `  earlier China rows revised in 2024-2026 (not in the file): ${earlierRowsRevised.join("; ") || "none"}`,
  );
}

/** The entry ids the 2025 entries had when written by hand from reports, kept for the names they stand for. */
const IDS_2025: Record<string, string> = {
  "Tencent Holdings Limited": "1260h-2025-tencent-holdings",
  "Contemporary Amperex Technology Co., Ltd.": "1260h-2025-catl",
  "China COSCO SHIPPING Corporation Limited": "1260h-2025-cosco-shipping-corporation",
  "ChangXin Memory Technologies, Inc.": "1260h-2025-changxin-memory-technologies",
  "Quectel Wireless Solutions Co., Ltd.": "1260h-2025-quectel",
  "Autel Robotics Co., Ltd.": "1260h-2025-autel-robotics",
  "MGI Tech Co., Ltd.": "1260h-2025-mgi-tech",
  "Origincell Technology Co., Ltd.": "1260h-2025-origincell-technology",
  "SenseTime Group, Inc.": "1260h-2025-sensetime",
  "Huawei Technologies Co., Ltd.": "1260h-2025-huawei",
  "360 Security Technology Inc.": "1260h-2025-360-security-technology",
};

/**
 * 2026 entities whose names differ from the 2025 list's beyond case and punctuation: 2026 name →
 * 2025 name. The 2026 notice names CETC Cyberspace Security "formerly Chen Du Westone Information
 * Industry Co., Ltd.", the 2025 list "Cheng Du Westone Information Industry Co., Ltd.".
 */
const RENAMED_SINCE_2025: Record<string, string> = {
  "CETC Cyberspace Security Technology Co., Ltd.": "Cheng Du Westone Information Industry Co., Ltd.",
};

/** A name compared across the two lists: case, spacing and punctuation aside. */
const nameKey = (s: string) => s.toLowerCase().replace(/[^a-z0-9&]+/g, "");

/**
 * One row of the transcription as printed: "Aerosun Corporation (Aerosun)" → the name and the
 * short name; "AVIC Airborne Systems Co., Ltd. (formerly China Avionics Systems Co., Ltd.)" → the
 * name and the former name. A trailing period after the parenthesis and the one "]" misprint are
 * the transcription's.
 */
function splitPrinted(printed: string): { name: string; aliases: string[] } {
  const m = /^(.*\S) \((?:formerly )?((?:[^()]|\([^()]*\))+)[)\]]\.?$/.exec(printed.trim());
  return m ? { name: m[1] as string, aliases: [m[2] as string] } : { name: printed.trim(), aliases: [] };
}

function build1260H2025(): FileEntry[] {
  const rows = parseCsv(readFileSync(join(sourceDir as string, "dod_chinese_milcorps.csv"), "utf8"), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  // The transcription's rows of the earlier editions (dated by DoD's releases: 2021-06-03,
  // 2022-10-05, 2024-01-31), by name: their notices' citations were not all found, so they are not
  // instruments here, but the earliest edition naming an entity is worth its note.
  const earliest = new Map<string, string>();
  for (const r of rows.filter((x) => (x["Start date"] as string) < "2025-01-07"))
    for (const n of [r["Clean Name"] as string, splitPrinted((r.Name as string).replace(/\*$/, "")).name]) {
      const key = nameKey(n);
      const date = r["Start date"] as string;
      if (!earliest.has(key) || date < (earliest.get(key) as string)) earliest.set(key, date);
    }
  const seen = new Set<string>();
  const entries: FileEntry[] = [];
  for (const row of rows.filter((r) => r["Start date"] === "2025-01-07")) {
    const { name, aliases } = splitPrinted(row.Name as string);
    const parent = row["Parent Name"];
    const since = [name, row["Clean Name"] as string]
      .map((n) => earliest.get(nameKey(n)))
      .find((d) => d !== undefined);
    entries.push({
      entryId: uniqueId(IDS_2025[name] ?? `1260h-2025-${slug(name)}`, seen),
      name,
      ...(aliases.length ? { aliases } : {}),
      listedOn: "2025-01-07",
      listedBy: "dod-1260h-2025-01-07",
      source: SOURCE_1260H_2025,
      note: `On the list as published Jan 7 2025${parent ? `, under ${parent}` : ""}; ${
        since
          ? `the transcription has it on DoD's edition of ${since} already (that edition's notice not modelled).`
          : "not on an earlier edition in the transcription."
      }`,
    });
  }
  if (entries.length !== 133) throw new Error(`the 2025 edition has ${entries.length} rows, expected 133`);
  return [...entries, ...carriedInto2025(rows)];
}

/**
 * DoD counts 134 entities on the Jan 7 2025 list, the transcription has 133 rows of that edition. It
 * keeps one entity on its open row of an earlier edition instead, with the list's words that the
 * entity "was previously identified as and remains a Chinese military company ... as reported in 89
 * FR 86230 (October 29, 2024)": words only a list later than that notice prints, so the entity is
 * taken to be the 134th (graded W: identified, not read in the list itself).
 */
function carriedInto2025(rows: Record<string, string>[]): FileEntry[] {
  const carried = rows.filter(
    (r) =>
      (r["Start date"] as string) < "2025-01-07" &&
      !r["End date"] &&
      /remains a Chinese military company/.test(r.Note as string),
  );
  if (carried.length !== 1) throw new Error(`${carried.length} earlier rows say "remains", expected 1`);
  return carried.map((row) => {
    const { name, aliases } = splitPrinted(row.Name as string);
    if (!name.startsWith("Hesai ")) throw new Error(`the row carried into 2025 is ${name}, not Hesai's`);
    return {
      entryId: `1260h-2025-${slug(name)}`,
      name,
      ...(aliases.length ? { aliases } : {}),
      listedOn: "2025-01-07",
      listedBy: "dod-1260h-2025-01-07",
      grade: "W",
      source: SOURCE_1260H_CARRIED,
      note: `Taken to be the 134th entity of the list as published Jan 7 2025 (DoD counts 134, the transcription has 133 rows of that edition): the transcription keeps it on its open row of DoD's edition of ${row["Start date"]}, with the words "${row.Note}", which only a list later than Oct 29 2024 prints. DoD removed and relisted Hesai by a pair of Federal Register notices in the week of Oct 21 2024 (International Trade Today, Oct 24 2024) and defended the designation in court in January 2025 (Export Compliance Daily, Jan 15 2025). Not read in the list itself. The notice of Jun 10 2026 lists it again (as Hesai Group), a separate entry.`,
    };
  });
}

function build1260H(): void {
  const file = join(root, "data", "screening", "us-1260h.yaml");
  const doc = parse(readFileSync(file, "utf8"));
  const source = JSON.parse(readFileSync(join(sourceDir as string, "dow_1260h.json"), "utf8")) as {
    entities: SourceEntity[];
  };
  const generated = new Set(["dod-1260h-2025-01-07", "dod-1260h-2026-06-10"]);
  const listed2025 = build1260H2025();
  const entries = [...(doc.entries as FileEntry[]).filter((e) => !generated.has(e.listedBy)), ...listed2025];
  const seen = new Set(entries.map((e) => e.entryId));
  // The entity carried into 2025 keeps its own entry (graded W) beside its 2026 one (graded S), so
  // that the 2026 listing, read in the notice, is not lowered to the grade of the 2025 one.
  const byKey = new Map<string, FileEntry>();
  for (const e of listed2025.filter((x) => x.grade !== "W"))
    for (const n of [e.name, ...(e.aliases ?? [])]) {
      const key = nameKey(n);
      if (byKey.has(key) && byKey.get(key) !== e) throw new Error(`two 2025 entries are named "${n}"`);
      byKey.set(key, e);
    }
  let added = 0;
  for (const e of source.entities) {
    const names = [
      e.name,
      ...e.aliases,
      ...(RENAMED_SINCE_2025[e.name] ? [RENAMED_SINCE_2025[e.name] as string] : []),
    ];
    const targets = new Set(names.map((n) => byKey.get(nameKey(n))).filter((t) => t !== undefined));
    if (targets.size > 1)
      throw new Error(`2026 entity "${e.name}" matches ${targets.size} entries of the 2025 list`);
    const [target] = targets;
    if (target) {
      const known = new Set([target.name, ...(target.aliases ?? [])].map((n) => n.toLowerCase()));
      const more = [e.name, ...e.aliases].filter(
        (n) => !known.has(n.toLowerCase()) && known.add(n.toLowerCase()),
      );
      if (more.length) target.aliases = [...(target.aliases ?? []), ...more];
      target.country = "CN";
      target.note = `${target.note} Listed again by 91 FR 35189 (Jun 10 2026) as "${e.name}".`;
      continue;
    }
    entries.push({
      entryId: uniqueId(`1260h-2026-${slug(e.name)}`, seen),
      name: e.name,
      ...(e.aliases.length ? { aliases: e.aliases } : {}),
      country: "CN",
      listedOn: "2026-06-10",
      listedBy: "dod-1260h-2026-06-10",
      source: SOURCE_1260H,
      note: "Listed by the 2026 notice; the date it first went on the list (earlier notices) was not read.",
    });
    added++;
  }
  doc.entries = entries;
  writeFileSync(file, stringify(doc, { lineWidth: 0 }));
  console.log(
    `us-1260h: ${listed2025.length} entries from the 2025 list, ${added} added from the 2026 notice`,
  );
}

buildEntityList();
build1260H();
