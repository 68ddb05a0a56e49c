/**
 * Checks of the extracted lists against the third-party lists (reported in the README): the electronics
 * exemption against the chronology, the Section 122 annex, Annex II, note 33 and note 19 against their copies,
 * and the two copper lists against each other.
 */
import type { SharedInputs } from "./io.js";
import type { AnnexRow } from "./note-02.js";
import { fmtCode, type Row } from "./text.js";

/** Does a list of prefixes (4-10 digits) cover a code? */
export const covers = (prefixes: string[], code: string): string | undefined =>
  prefixes.find((p) => code.startsWith(p) || p.startsWith(code));

/** Is one code a prefix of the other? */
export const samePrefix = (x: string, y: string): boolean => x.startsWith(y) || y.startsWith(x);

/** The 2025-04-11 electronics exemption as the chronology row for 2025-04-05 (retroactive) gives it. */
export const ELECTRONICS_PREFIXES = [
  "8471",
  "847330",
  "8486",
  "85171300",
  "85176200",
  "85235100",
  "8524",
  "85285200",
  "85411000",
  "85412100",
  "85412900",
  "85413000",
  "85414910",
  "85414970",
  "85414980",
  "85414995",
  "85415100",
  "85415900",
  "85419000",
  "8542",
];

/** The aluminium rows of the Yale derivative list (code, heading, date from which it applies). */
export function yaleAluminum(shared: SharedInputs): { code: string; heading: string; date: string }[] {
  return shared
    .list("s232_derivative_products.csv")
    .slice(1)
    .filter((r) => (r[2] ?? "").trim() === "aluminum")
    .map((r) => ({ code: (r[0] ?? "").trim(), heading: (r[1] ?? "").trim(), date: (r[3] ?? "").trim() }));
}

export interface CrossCheckInputs {
  annex2: AnnexRow[];
  s122: AnnexRow[];
  autos: Row[];
  autoParts: Row[];
  alDerivatives: Row[];
}

export function crossChecks(shared: SharedInputs, r: CrossCheckInputs) {
  // Electronics file vs the chronology row for 2025-04-05 (retroactive)
  const electronicsCodes = shared.listCodes("waugh-consumer_electronics_EO14257_apr11.csv");
  const elecOutside = electronicsCodes.filter((c) => !ELECTRONICS_PREFIXES.some((p) => c.startsWith(p)));
  const elecUncovered = ELECTRONICS_PREFIXES.filter((p) => !electronicsCodes.some((c) => c.startsWith(p)));
  // The note's Annex II must contain every electronics prefix (they were added to Annex II).
  const annex2Codes = r.annex2.filter((x) => x.heading === "9903.01.32").map((x) => x.code);
  const elecNotInAnnex = ELECTRONICS_PREFIXES.filter((p) => !annex2Codes.includes(p));

  // Section 122 annex vs the Waugh list
  const waugh122 = shared.listCodes("waugh-section122-product-exemptions.csv");
  const s122Codes = r.s122.filter((x) => x.heading === "9903.03.03").map((x) => x.code);

  // Note 33 vs the Waugh auto file
  const waughAutos = shared.listCodes("waugh-auto-tariffs.csv");
  const note33Codes = [...r.autos, ...r.autoParts].map((x) => x.code as string);

  // The two copper lists (Yale, Waugh)
  const copperYale = shared.listCodes("s232_copper_products.csv").sort();
  const copperWaugh = shared.listCodes("waugh-copper-list.csv").sort();

  // Note 19 derivative aluminium vs the Yale derivative list (aluminium rows)
  const yaleAl = yaleAluminum(shared);
  const alOnlyNote = r.alDerivatives
    .filter((n) => !yaleAl.some((y) => y.heading === n.heading && samePrefix(y.code, n.code as string)))
    .map((n) => `${fmtCode(n.code as string)} (${n.heading})`)
    .sort();
  const alOnlyYale = yaleAl
    .filter(
      (y) => !r.alDerivatives.some((n) => n.heading === y.heading && samePrefix(y.code, n.code as string)),
    )
    .map((y) => `${fmtCode(y.code)} (${y.heading})`)
    .sort();

  // Annex II in the note vs the dated Waugh versions (prefix coverage)
  const annexApr = shared.listCodes("waugh-annex-II-exemptions.csv");
  const annexNov = shared.listCodes("waugh-annex-II-exemptions-nov14.csv");

  return {
    electronicsCodes,
    elecOutside,
    elecUncovered,
    electronicsAgree: elecOutside.length === 0 && elecUncovered.length === 0,
    annex2Codes,
    elecNotInAnnex,
    waugh122,
    s122Codes,
    s122OnlyNote: s122Codes.filter((c) => !waugh122.includes(c)),
    s122OnlyWaugh: waugh122.filter((c) => !s122Codes.includes(c)),
    waughAutos,
    note33Codes,
    autosOnlyNote: note33Codes.filter((c) => !waughAutos.includes(c)),
    autosOnlyWaugh: waughAutos.filter((c) => !note33Codes.includes(c)),
    copperYale,
    copperWaugh,
    copperSame: copperYale.join(" ") === copperWaugh.join(" "),
    alOnlyNote,
    alOnlyYale,
    annexApr,
    annexNov,
    aprNotInNote: annexApr.filter((c) => !covers(annex2Codes, c)),
    novNotInNote: annexNov.filter((c) => !covers(annex2Codes, c)),
    noteNotInNov: annex2Codes.filter((c) => !annexNov.some((x) => samePrefix(x, c))),
  };
}

export type CrossChecks = ReturnType<typeof crossChecks>;
