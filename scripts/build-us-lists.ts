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
 * parse of the primary texts, every entry written here is graded S and names that source.
 *
 * US Entity List: the entries under "China, People's Republic of" whose first citation is a rule
 * of 2024-2026 that RULES below maps to an instrument of the file (each with its FR document number
 * read in a cited source, or, for two 2024 rules, its page as the eCFR cites it and a note of where
 * the number was looked for); an
 * entry whose every address is in Hong Kong gets country HK (the list files Hong Kong under China);
 * the address-only entries ("Address 01", a bare address with no party) are left out. A row's
 * later citations are the rules that revised it: those of 2024-2026 are named in the entry's note
 * (with the rule's FR Doc number where RULES knows it). Removed entries are no longer in the text:
 * the file's coverage says so. The script prints, for the coverage, the 2024-2026 rules cited for
 * China rows that RULES does not know and the revisions of earlier rows it leaves out.
 *
 * Section 1260H: the 80 entities of the 2026 notice. An entity the file already lists from the
 * Jan 7 2025 notice (by the names in SAME_AS_2025) keeps that entry, with the 2026 legal name and
 * abbreviation added as aliases, instead of a second entry.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";
import { frVolumeYear, type RowCitation, rowCitations } from "./us-lists/ecfr-citations.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const sourceDir = process.argv[2];
if (!sourceDir) throw new Error("usage: npx tsx scripts/build-us-lists.ts <dir with bis_entity_list.json>");

const SOURCE =
  "github.com/phagehunter/nsfreg data/bis_entity_list.json (commit 02787e8): a parse of the eCFR text of 15 CFR part 744 supp. no. 4 as of July 2026";
const SOURCE_1260H =
  "github.com/phagehunter/nsfreg data/dow_1260h.json (commit 02787e8): a parse of the notice 91 FR 35189";

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
  "90 FR 48195": "el-2025-10-09",
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
  instrument?.frDoc === undefined ? "FR Doc number not found" : `FR Doc ${instrument.frDoc}`;

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
        (revisions.length > 0 ? revisionsNote(revisions, instruments) : ""),
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

/** 1260H entities of the 2026 notice already on the file from the 2025 notice: 2026 name → 2025 entryId. */
const SAME_AS_2025: Record<string, string> = {
  "Tencent Holdings Limited": "1260h-2025-tencent-holdings",
  "Contemporary Amperex Technology Co., Ltd.": "1260h-2025-catl",
  "China COSCO SHIPPING Corporation Limited": "1260h-2025-cosco-shipping-corporation",
  "ChangXin Memory Technologies, Inc.": "1260h-2025-changxin-memory-technologies",
  "Quectel Wireless Solutions Co., Ltd.": "1260h-2025-quectel",
  "Autel Robotics Co., Ltd.": "1260h-2025-autel-robotics",
  "MGI Tech Co., Ltd.": "1260h-2025-mgi-tech",
  "Origincell Technology Co., Ltd.": "1260h-2025-origincell-technology",
  "SenseTime Group, Inc.": "1260h-2025-sensetime",
  "360 Security Technology, Inc.": "1260h-2025-360-security-technology",
};

function build1260H(): void {
  const file = join(root, "data", "screening", "us-1260h.yaml");
  const doc = parse(readFileSync(file, "utf8"));
  const source = JSON.parse(readFileSync(join(sourceDir as string, "dow_1260h.json"), "utf8")) as {
    entities: SourceEntity[];
  };
  const entries = (doc.entries as FileEntry[]).filter((e) => e.listedBy !== "dod-1260h-2026-06-10");
  const seen = new Set(entries.map((e) => e.entryId));
  let added = 0;
  for (const e of source.entities) {
    const earlier = SAME_AS_2025[e.name];
    const target = earlier === undefined ? undefined : entries.find((x) => x.entryId === earlier);
    if (earlier !== undefined && !target) throw new Error(`us-1260h.yaml has no entry ${earlier}`);
    if (target) {
      const names = [e.name, ...e.aliases].filter((n) => n !== target.name);
      target.aliases = [...new Set([...(target.aliases ?? []), ...names])];
      target.note =
        `${(target.note ?? "").replace(/ Listed again by 91 FR 35189.*$/, "")} Listed again by 91 FR 35189 (Jun 10 2026) as "${e.name}".`.trim();
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
  console.log(`us-1260h: ${added} entries added from the 2026 notice`);
}

buildEntityList();
build1260H();
