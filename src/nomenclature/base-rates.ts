/** Adapters from each country's nomenclature to the engine's BaseRates. */
import type { BaseRate, BaseRates } from "../engine/duty.js";
import type { Hts } from "./hts.js";

export function usBaseRates(hts: Hts): BaseRates {
  return {
    mfn: hts.mfn,
    column2: hts.column2,
    revisionOn: hts.revisionOn,
    lineRate: hts.lineRate,
    column2Applies: hts.column2Applies,
    successors: hts.successors,
    changeDates: hts.changeDates,
    cite: (rate: BaseRate, dottedCode: string, column2: boolean) =>
      `HTSUS ${rate.revision}, ${dottedCode}, ${column2 ? "column 2" : "column 1 general"}`,
    url: "https://hts.usitc.gov/",
  };
}
