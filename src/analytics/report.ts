/**
 * The averages as a report: a series with its metadata (weights, unmapped value, method), and both
 * directions on one date under two scenarios. The CLI renders them; the API will send them.
 */
import { defaultDataDir } from "../law/load.js";
import type { Issuer } from "../law/model.js";
import type { Truce } from "../truce.js";
import { type AverageResult, calculatorFor } from "./average.js";
import { defaultWeights, readWeights, type WeightsFile } from "./weights.js";

export const METHOD = [
  "Statutory rates of the law data in force at 23:59 local time of each date in the importing country (a measure starting any time on a day counts from that day).",
  "Each weights line is evaluated as an entry of that code and origin; a Chinese HS6 as the simple average of its known national lines.",
  "Ad valorem parts only: specific and compound MFN rates contribute their ad valorem part (none for purely specific rates).",
  "Section 232 metal-content duties are charged on the full value (the metal content of trade flows is unknown); claim-based measures (232 auto parts, 232 semiconductors, 301 product exclusions, China's importer exclusions) are not applied.",
  "Coverage: share of the value averaged on the date (the weights' value less the unmapped value) with a special (non-MFN) duty above zero; the unmapped share is printed with the result.",
  "Shipped weights: the 2017 US weights keep their 2017 codes: a code is answered while its schedule has it, then through the codes it became (a measure applies when it covers them all) at the rate of its last day in the schedule, or at its HTS8 when only its statistical number was renumbered. Elsewhere codes the current nomenclature does not know (statistical numbers renumbered since; China's HS 2017 codes, by the UNSD HS 2022-HS 2017 correlation) are carried to their successors, a code's value split over several in proportion to their 2024 trade (data/weights/README.md). Reported by mapping class (weightsMapping in --metadata).",
  "A weights line in the current nomenclature but not in the schedule in force on an earlier date (a code created since, e.g. by HS 2022) is evaluated there with its current rate and the measures of its code; lines the nomenclature does not know at all are left out and reported (never dropped silently).",
];

export interface AverageOutput {
  points: AverageResult["points"];
  metadata: Record<string, unknown>;
}

export function runAverage(
  t: Truce,
  o: {
    importer: Issuer;
    origin: string;
    from: string;
    to: string;
    daily?: boolean;
    byAuthority?: boolean;
    /** A weights file's path, or weights already read (a saved portfolio's); default: the shipped ones. */
    weights?: string | WeightsFile;
    year?: string;
  },
  calculator = calculatorFor(t, o.importer),
): AverageOutput {
  const weights: WeightsFile =
    typeof o.weights === "object"
      ? o.weights
      : o.weights
        ? readWeights(o.weights)
        : defaultWeights(defaultDataDir(), o.importer, o.year ?? "2024");
  const rows = weights.rows.filter((r) => r.origin === o.origin);
  const result = calculator.series(rows, {
    importer: o.importer,
    from: o.from,
    to: o.to,
    daily: o.daily,
    byAuthority: o.byAuthority,
  });
  return {
    points: result.points,
    metadata: {
      importer: o.importer,
      origin: o.origin,
      from: o.from,
      to: o.to,
      weights: weights.description,
      weightsFile: weights.path,
      weightsLines: rows.length,
      weightsLinesOtherOrigins: weights.rows.length - rows.length,
      weightsValue: result.weightsTotal,
      ...(weights.mapping ? { weightsMapping: weights.mapping } : {}),
      unreadableLines: weights.errors,
      unmappedValue: result.unmappedValue,
      unmapped: result.unmapped.slice(0, 50),
      unmappedLines: result.unmapped.length,
      method: METHOD,
    },
  };
}

export interface AverageComparison {
  date: string;
  directions: {
    importer: Issuer;
    origin: string;
    a: { average: number; coverage: number; byAuthority: Record<string, number> };
    b: { average: number; coverage: number; byAuthority: Record<string, number> };
    difference: number;
  }[];
}

/** The trade-weighted averages of both directions on one date under two laws (scenarios). */
export function compareAverages(ta: Truce, tb: Truce, date: string): AverageComparison {
  const directions = (["US", "CN"] as const).map((importer) => {
    const origin = importer === "US" ? "CN" : "US";
    const at = (t: Truce) => {
      const p = runAverage(t, { importer, origin, from: date, to: date, daily: true, byAuthority: true })
        .points[0] as AverageResult["points"][number];
      return { average: p.average, coverage: p.coverage, byAuthority: p.byAuthority ?? {} };
    };
    const a = at(ta);
    const b = at(tb);
    return { importer, origin, a, b, difference: Math.round((b.average - a.average) * 10_000) / 10_000 };
  });
  return { date, directions };
}
