/**
 * Extract the product lists behind the US special duties from the text of the HTS Chapter 99 US notes
 * (2026 revision 6) and copy the third-party lists we use, with provenance, into data/lists/us/.
 *
 *   npx tsx scripts/extract-notes.ts [sharedDir]      (default: ../shared next to the repository)
 *
 * Deterministic: same inputs give byte-identical outputs (sorted rows, no timestamps).
 * Every block of the notes is located by an anchor regex that must match exactly once; every extracted
 * list is checked (code shape, duplicates, stray codes in prose) and the script fails loudly otherwise.
 * One module a note under scripts/notes/ (note-02, -16, -19, -20, -31, -33); text.ts reads the notes text,
 * io.ts the shared inputs and the CSV files.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { conflictsReport } from "./notes/conflicts.js";
import { COPIES, copyList, htsCodes } from "./notes/copies.js";
import { crossChecks, ELECTRONICS_PREFIXES, yaleAluminum } from "./notes/cross-checks.js";
import { readHtsFootnotes } from "./notes/hts-footnotes.js";
import { FIXTURES_REL, ListWriter, SharedInputs, sha256 } from "./notes/io.js";
import { ANNEX_COLUMNS, extractAnnex2, extractSection122Annex } from "./notes/note-02.js";
import { extractMetals2026, METALS_COLUMNS } from "./notes/note-16.js";
import { AL_DERIVATIVE_COLUMNS, dateAluminumDerivatives, extractNote19 } from "./notes/note-19.js";
import {
  EXCL_COLUMNS,
  exclusionEvidence,
  extractExclusions,
  extractLists,
  LIST_COLUMNS,
} from "./notes/note-20.js";
import { extractReview, REVIEW_COLUMNS } from "./notes/note-31.js";
import { AUTO_COLUMNS, extractAutos } from "./notes/note-33.js";
import { readmeText } from "./notes/readme.js";
import { PREREVIEW_COLUMNS, prereviewLists } from "./notes/s301-prereview.js";
import { locateNotes } from "./notes/text.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const shared = new SharedInputs(
  process.argv[2] ? resolve(process.argv[2]) : resolve(repoRoot, "..", "shared"),
);
const outRoot = join(repoRoot, "data", "lists");
const outDir = join(outRoot, "us");

// Read and check everything first: nothing is written when a note is not understood.
const notes = shared.notes();
const t = notes.text;
const bounds = locateNotes(t);
const lists = extractLists(t, bounds);
const hts = readHtsFootnotes(shared);
const review = extractReview(t, bounds, hts);
const annex2 = extractAnnex2(t, bounds);
const s122 = extractSection122Annex(t, bounds);
const exclusions = extractExclusions(t, bounds);
const { autos, autoParts } = extractAutos(t, bounds);
const alDerivatives = extractNote19(t, bounds);
const metals2026 = extractMetals2026(t, bounds);
dateAluminumDerivatives(alDerivatives, yaleAluminum(shared));
const prereview = prereviewLists({
  review,
  lists,
  hts,
  exclusions: exclusionEvidence(t, bounds),
  fixturesText: shared.read(FIXTURES_REL).toString("utf8"),
});
const known = htsCodes();

mkdirSync(outDir, { recursive: true });
const out = new ListWriter(outDir);
out.csv("s301-list1.csv", LIST_COLUMNS, lists.list1);
out.csv("s301-list2.csv", LIST_COLUMNS, lists.list2);
out.csv("s301-list3.csv", LIST_COLUMNS, lists.list3);
out.csv("s301-list4a.csv", LIST_COLUMNS, lists.list4a);
out.csv("s301-list4b.csv", LIST_COLUMNS, lists.list4b);
out.csv("s301-review.csv", REVIEW_COLUMNS, review, ["code", "effective_from", "heading"]);
out.csv("s301-prereview.csv", PREREVIEW_COLUMNS, prereview.rows, ["code", "list"]);
out.csv("s301-exclusions.csv", EXCL_COLUMNS, exclusions.rows, ["heading", "item", "code"]);
out.csv("ieepa-annex2-ch99note.csv", ANNEX_COLUMNS, annex2, ["code", "heading"]);
out.csv("s122-annex.csv", ANNEX_COLUMNS, s122, ["code", "heading"]);
out.csv("s232-autos-ch99note.csv", AUTO_COLUMNS, autos);
out.csv("s232-auto-parts.csv", AUTO_COLUMNS, autoParts);
out.csv("s232-aluminum-derivatives-note19.csv", AL_DERIVATIVE_COLUMNS, alDerivatives, ["code", "heading"]);
out.csv("s232-metals-2026-note16.csv", METALS_COLUMNS, metals2026, ["code", "list"]);
const copyInfo = COPIES.map((c) => copyList(shared, out, known, c));

const checks = crossChecks(shared, { annex2, s122, autos, autoParts, alDerivatives });
if (!checks.electronicsAgree) {
  // The chronology row decides: write the list as prefixes.
  out.csv(
    "ieepa-electronics-2025-04-11.csv",
    ["code", "source"],
    ELECTRONICS_PREFIXES.map((code) => ({ code, source: "docs/chronology.md row 2025-04-05 (retroactive)" })),
  );
}

const conflicts = conflictsReport(shared, {
  lists,
  review,
  prereview: prereview.rows,
  annex2Codes: checks.annex2Codes,
  hts2026r6: hts.hts2026r6,
});
writeFileSync(join(outRoot, "conflicts.md"), conflicts.text);

writeFileSync(
  join(outRoot, "README.md"),
  readmeText({
    out,
    filesInDir: readdirSync(outDir),
    notesSha256: sha256(notes.gz),
    htsFiles: hts.files,
    lists,
    review,
    prereview,
    exclusionCounts: exclusions.counts,
    annex2,
    s122,
    alDerivatives,
    metals2026,
    copyInfo,
    checks,
  }),
);

for (const w of out.written) console.log(`${w.file.padEnd(32)} ${String(w.rows).padStart(6)} rows`);
console.log(
  `pre-review unknown: ${prereview.unknown.length}; conflicts: ${conflicts.onlyYale} only-Yale, ${conflicts.onlyNote} only-note, ${conflicts.differ} differ`,
);
