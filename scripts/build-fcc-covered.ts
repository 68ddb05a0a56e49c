/**
 * Build data/screening/us-fcc-covered.yaml (the FCC Covered List as a screening list) from
 * ../shared/data/screening/fcc_covered_list.csv (developer-only; the product never reads ../shared).
 *
 *   npx tsx scripts/build-fcc-covered.ts [sharedDir]
 *
 * Each row of the CSV is one covered item: a description naming the company that produces or
 * provides it, and the date it was put on the list ("March 12, 2021", later updates appended as
 * "Updated:January 7, 2026"). A row naming companies gives one entry per company (name: the company
 * as the description names it; note: the whole description); a row naming none (a category such as
 * "Routers produced in a foreign country") gives no entry: a name screen cannot match a category.
 * Those rows are listed in the file's `coverage`.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseCsv } from "csv-parse/sync";
import { stringify } from "yaml";
import { MONTH_NAMES } from "../src/units/time.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const sharedArg = resolve(root, process.argv[2] ?? "../shared");
const csvPath = join(sharedArg, "data", "screening", "fcc_covered_list.csv");

/** "March 12, 2021" → "2021-03-12"; throws on anything else. */
export function isoDate(text: string): string {
  const m = /^([A-Z][a-z]+) (\d{1,2}), (\d{4})$/.exec(text.trim());
  const month = m ? MONTH_NAMES.indexOf(m[1] as string) + 1 : 0;
  if (!m || month === 0) throw new Error(`not a date like "March 12, 2021": "${text}"`);
  return `${m[3]}-${String(month).padStart(2, "0")}-${(m[2] as string).padStart(2, "0")}`;
}

/** The date of inclusion and the later update dates of a row ("December 22, 2025Updated:January 7, 2026..."). */
export function inclusionDates(text: string): { listedOn: string; updated: string[] } {
  const [first, ...rest] = text.split("Updated:");
  return { listedOn: isoDate(first as string), updated: rest.map(isoDate) };
}

/**
 * The companies a covered item names: the party after "produced by", "provided by", "supplied,
 * directly or indirectly, by" up to the qualifying words that follow it; "X and its wholly-owned
 * subsidiary Y" names two. None for a category ("produced in a foreign country").
 */
export function namedCompanies(description: string): string[] {
  const m =
    /\b(?:produced|provided|supplied)(?: or provided|, directly or indirectly,)? by (.+?)(?:,? (?:including|to the extent|or any of|subject to)\b)/.exec(
      description,
    );
  if (!m) return [];
  return (m[1] as string).split(/ and its wholly-owned subsidiary /).map((s) => s.trim());
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

const rows = parseCsv(readFileSync(csvPath, "utf8"), { columns: true, skip_empty_lines: true }) as {
  covered_equipment_or_services: string;
  date_of_inclusion_on_covered_list: string;
}[];
if (rows.length !== 16) throw new Error(`expected the 16 rows of the FCC Covered List, found ${rows.length}`);

const instruments: Record<string, object> = {};
const entries: object[] = [];
const categories: string[] = [];
for (const row of rows) {
  const description = row.covered_equipment_or_services.trim();
  const { listedOn, updated } = inclusionDates(row.date_of_inclusion_on_covered_list);
  const names = namedCompanies(description);
  if (names.length === 0) {
    categories.push(`${listedOn}: "${description.slice(0, 90).replace(/\s+\S*$/, "")} ..."`);
    continue;
  }
  const key = `fcc-${listedOn}`;
  instruments[key] ??= {
    citation: `FCC Covered List (Secure and Trusted Communications Networks Act of 2019), items included ${row.date_of_inclusion_on_covered_list.split("Updated:")[0]?.trim()}`,
    url: "https://www.fcc.gov/supplychain/coveredlist",
    grade: "P",
    effective: listedOn,
  };
  for (const name of names) {
    entries.push({
      entryId: `fcc-${listedOn}-${slug(name)}`,
      name,
      listedOn,
      listedBy: key,
      note: `Covered: ${description}${updated.length > 0 ? ` (list entry updated ${updated.join(", ")})` : ""}`,
    });
  }
}

const file = {
  list: "us-fcc-covered",
  title:
    "FCC Covered List: communications equipment and services deemed an unacceptable risk to US national security",
  coverage: [
    `The ${rows.length} items of the FCC Covered List as of its July 28, 2026 additions (copy of the list page, shared data screening/fcc_covered_list.csv), converted by scripts/build-fcc-covered.ts.`,
    "An item naming companies gives one entry a company (\"Pacific Networks Corp and its wholly-owned subsidiary ComNet (USA) LLC\": two), named as the item names it, the item's whole text in the note; listedOn is the item's date of inclusion.",
    "The list gives no country, so none is set. The items naming no company (categories of goods, screened by what they are, not by party name) give no entry:",
    ...categories,
  ].join(" "),
  instruments,
  entries,
};
const out = join(root, "data", "screening", "us-fcc-covered.yaml");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `# Generated by scripts/build-fcc-covered.ts from the FCC Covered List (see README.md); do not edit.\n${stringify(file, { lineWidth: 0 })}`,
);
console.log(`${out}: ${entries.length} entries, ${categories.length} category items left out`);
