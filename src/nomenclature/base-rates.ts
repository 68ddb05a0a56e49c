/** What the engine reads of a nomenclature (BaseRates), and the US schedule's adapter to it. */
import type { Hts } from "./hts.js";
import type { Rate } from "./rates.js";

/**
 * A base rate without its revision (see `BaseRates.lineRate`): one shared, frozen object per version
 * of a line and column.
 */
export interface LineRate {
  readonly rate: Rate;
  readonly text: string;
  /** What the nomenclature could not check for this answer (before 2025: an HTS10 suffix, a line's end date). */
  readonly warning?: string;
}

/** A base rate on a date. Shared, frozen objects: do not mutate. */
export interface BaseRate extends LineRate {
  /** The edition or revision the rate comes from (in force on the date asked). */
  readonly revision: string;
  /** True when that edition is not the one in force on the date (e.g. 2025 Basic used for 2017). */
  readonly assumed: boolean;
}

/** What the engine needs from a nomenclature: the base rate of a line on a local date, and how to cite it. */
export interface BaseRates {
  mfn(code: string, date: string): BaseRate;
  /** Column 2 rates (US general note 3(b)), where the nomenclature has them. */
  column2?(code: string, date: string): BaseRate;
  /** The citation of a base rate, e.g. "HTSUS 2025_rev_29, 8541.43.00.10, column 1 general". */
  cite(rate: BaseRate, dottedCode: string, column2: boolean): string;
  url: string;
  /**
   * Optional: what the base layer is, where it is not a published MFN rate (China's is derived from a total
   * and must never be called MFN). Default: the MFN rate (authority "mfn", measure "hts-column-1-general").
   */
  baseLayer?: { readonly authority: string; readonly measure: string; readonly label: string };
  /**
   * Optional: the revision in force on a date, as one object per revision. When given, `mfn` and
   * `column2` must depend on the date only through it, and answer with its `id` and `assumed`; the
   * engine then keeps their answers per code and revision.
   */
  revisionOn?(date: string): { readonly id: string; readonly assumed: boolean };
  /**
   * Optional, with `revisionOn`: the rate and text `mfn` (or `column2`) would give, without the
   * revision (shared across the revisions in which the line does not change). Throws as they do.
   */
  lineRate?(code: string, date: string, column2: boolean): LineRate;
  /** Optional, with `lineRate`: its answer, or undefined where it throws for a code with no line in force. */
  lineRateInForce?(code: string, date: string, column2: boolean): LineRate | undefined;
  /**
   * Optional, with `lineRate` and `lineRatesIn`: the time slot of a local date, a small integer (see
   * `Hts.slotOn`): `revisionOn` and `lineRate` depend on the date only through it.
   */
  slotOn?(date: string): number;
  /**
   * Optional, with `slotOn`: `lineRate` by slot, written into `into[slot]` (null where the code's own
   * line is not in force) and into the other slots known to share the answer (see `Hts.lineRatesIn`).
   */
  lineRatesIn?(code: string, slot: number, column2: boolean, into: (LineRate | null | undefined)[]): void;
  /** Optional: the dates after `from`, up to `to`, on which a code's base rate may change. */
  changeDates?(code: string, from: string, to: string): readonly string[];
  /** Whether column 2 applies to goods of an origin entered on a local date (dated: general note 3(b)). */
  column2Applies?(origin: string, date: string): boolean;
  /** With `column2Applies`: the dates after `from`, up to `to`, on which it may change for an origin. */
  column2Changes?(origin: string, from: string, to: string): readonly string[];
  /**
   * For a code of an earlier nomenclature no longer in force: the current codes it became, and how
   * that is known. The product lists (in current codes) are read through them.
   */
  successors?(code: string): { readonly codes: readonly string[]; readonly basis: string } | undefined;
}

export function usBaseRates(hts: Hts): BaseRates {
  return {
    mfn: hts.mfn,
    column2: hts.column2,
    revisionOn: hts.revisionOn,
    lineRate: hts.lineRate,
    lineRateInForce: hts.lineRateInForce,
    slotOn: hts.slotOn,
    lineRatesIn: hts.lineRatesIn,
    column2Applies: hts.column2Applies,
    column2Changes: hts.column2Changes,
    successors: hts.successors,
    changeDates: hts.changeDates,
    cite: (rate: BaseRate, dottedCode: string, column2: boolean) =>
      `HTSUS ${rate.revision}, ${dottedCode}, ${column2 ? "column 2" : "column 1 general"}`,
    url: "https://hts.usitc.gov/",
  };
}
