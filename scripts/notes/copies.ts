/**
 * The third-party lists copied row for row from the shared data, with provenance: dots removed from the codes,
 * a `source` column naming the origin, and a 10-digit code that a source padded from an HTS8 written as the HTS8.
 */
import { loadHts } from "../../src/nomenclature/hts.js";
import { LISTS_REL, type ListWriter, readCsv, type SharedInputs, sha256 } from "./io.js";
import { fail, type Row } from "./text.js";

export interface Copy {
  from: string;
  to: string;
  what: string;
  origin: string;
  /** Write a 10-digit code ending in 00 that no HTS revision has as its HTS8 when that HTS8 exists. */
  unpad?: boolean;
}
const YALE = "Budget Lab at Yale, tariff-rate-tracker (MIT)";
const WAUGH = "M. Waugh, trade-war-redux-2025 (MIT)";
export const COPIES: Copy[] = [
  {
    from: "waugh-annex-II-exemptions.csv",
    to: "ieepa-annex2-2025-04-05.csv",
    what: "IEEPA reciprocal Annex II as of April 2025",
    origin: WAUGH,
    unpad: true,
  },
  {
    from: "waugh-annex-II-exemptions-nov14.csv",
    to: "ieepa-annex2-2025-11-14.csv",
    what: "IEEPA reciprocal Annex II as of 2025-11-14",
    origin: WAUGH,
    unpad: true,
  },
  {
    from: "waugh-consumer_electronics_EO14257_apr11.csv",
    to: "ieepa-electronics-2025-04-11.csv",
    what: "2025-04-11 electronics exemption (retroactive to 2025-04-05)",
    origin: WAUGH,
  },
  {
    from: "s232_derivative_products.csv",
    to: "s232-derivatives.csv",
    what: "Section 232 steel/aluminium derivatives, with heading, type and dates",
    origin: YALE,
  },
  {
    from: "s232_copper_products.csv",
    to: "s232-copper.csv",
    what: "Section 232 copper (US note 36(b))",
    origin: YALE,
  },
  { from: "waugh-steel-tariffs.csv", to: "s232-steel.csv", what: "Section 232 steel list", origin: WAUGH },
  {
    from: "waugh-alu-tariffs.csv",
    to: "s232-aluminum.csv",
    what: "Section 232 aluminium list",
    origin: WAUGH,
  },
  {
    from: "waugh-auto-tariffs.csv",
    to: "s232-autos.csv",
    what: "Section 232 autos and auto parts",
    origin: WAUGH,
  },
];
export interface CopyInfo extends Copy {
  sha: string;
  rows: number;
  columns: string[];
  badCodes: string[];
  unpadded: string[];
}

/** Every HTS8 and HTS10 of the repository's schedule (any revision). */
export function htsCodes(): Set<string> {
  const hts = loadHts();
  return new Set<string>([...hts.codes8(), ...hts.codes10()]);
}

/** Copy one list (checking its codes are 4, 6, 8 or 10 digits) and say what was copied. */
export function copyList(shared: SharedInputs, out: ListWriter, known: Set<string>, c: Copy): CopyInfo {
  const buf = shared.read(`${LISTS_REL}/${c.from}`);
  const rows = readCsv(buf);
  const header = rows.shift() ?? fail(`${c.from} is empty`);
  const extra = header.slice(1).map((h) => h.trim());
  const copied: Row[] = [];
  const bad: string[] = [];
  const unpadded: string[] = [];
  for (const r of rows) {
    let code = (r[0] ?? "").trim().replace(/\./g, "");
    if (!/^\d{4}(\d{2}){0,3}$/.test(code)) bad.push(code);
    if (
      c.unpad &&
      code.length === 10 &&
      code.endsWith("00") &&
      !known.has(code) &&
      known.has(code.slice(0, 8))
    ) {
      unpadded.push(code);
      code = code.slice(0, 8);
    }
    const row: Row = { code, source: `${c.origin}: ${c.from}` };
    extra.forEach((h, k) => {
      row[h] = (r[k + 1] ?? "").trim();
    });
    copied.push(row);
  }
  if (bad.length) fail(`${c.from}: codes that are not 4/6/8/10 digits: ${bad.slice(0, 5).join(" ")}`);
  const columns = ["code", ...extra, "source"];
  out.csv(c.to, columns, copied, ["code", ...extra]);
  return { ...c, sha: sha256(buf), rows: copied.length, columns, badCodes: bad, unpadded };
}
