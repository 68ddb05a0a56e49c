import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import type { AveragePoint } from "../../src/analytics/average.js";
import { defaultWeights } from "../../src/analytics/weights.js";
import { runAverage } from "../../src/cli/average.js";
import { defaultDataDir } from "../../src/law/load.js";
import { loadTruce, type Truce } from "../../src/truce.js";

// PIIE: C. P. Bown, "US-China Trade War Tariffs: An Up-to-Date Chart",
// https://www.piie.com/research/piie-charts/us-china-trade-war-tariffs-date-chart (Feb 14 2020 page)
// and its archived version under /research/piie-charts/2019/; "The Trade War Is Suddenly Getting
// Worse", https://www.piie.com/research/piie-charts/trade-war-suddenly-getting-worse (Sept 20 2019).
// PIIE weighs by 2017 trade; docs/anchors.md has every figure with the date of its page.

let t: Truce;
const series: Record<string, { points: AveragePoint[]; metadata: Record<string, unknown> }> = {};
beforeAll(() => {
  t = loadTruce();
  for (const [importer, origin] of [
    ["US", "CN"],
    ["CN", "US"],
  ] as const) {
    for (const year of ["2017", "2024"]) {
      series[`${importer}${year}`] = runAverage(t, {
        importer,
        origin,
        from: "2018-01-01",
        to: "2025-01-20",
        year,
      });
    }
  }
  // Four series over seven years: seconds on a loaded machine.
}, 120_000);

const on = (key: string, date: string) =>
  [...(series[key]?.points ?? [])].reverse().find((p) => p.date <= date) as AveragePoint;

describe("the 2017 weights, carried to the current nomenclature", () => {
  it("US imports from China 2017: every code kept, its value mapped 1:1, split 1:n, or reported unmapped", () => {
    const w = defaultWeights(defaultDataDir(), "US", "2017");
    expect(w.mapping).toEqual({
      hts10: { sourceCodes: 13_112, value: 369_707_031_997 },
      hts8: { sourceCodes: 282, value: 2_094_297_353 },
      "hts8-1:n": { sourceCodes: 243, value: 50_965_460_683 },
      "1:1": { sourceCodes: 63, value: 1_162_368_219 },
      "1:n": { sourceCodes: 665, value: 77_396_602_464 },
      unmapped: { sourceCodes: 40, value: 4_144_193_663 },
    });
    // 14,405 codes, $505.5bn: the USITC DataWeb total of 2017 (shared data README).
    const classes = Object.values(w.mapping ?? {});
    expect(classes.reduce((a, c) => a + c.sourceCodes, 0)).toBe(14_405);
    expect(w.rows.reduce((a, r) => a + r.value, 0)).toBe(505_469_954_379);
  });

  it("8517.12.00.50 (cell phones, HS 2017) goes to 8517.13 and 8517.14 by their 2024 imports, value kept", () => {
    const file = join(defaultDataDir(), "weights", "us-imports-from-cn-2017.csv");
    const rows = (parse(readFileSync(file, "utf8"), { columns: true }) as Record<string, string>[]).filter(
      (r) => r.source === "8517120050",
    );
    expect(rows.map((r) => [r.code, r.mapping])).toEqual([
      ["8517130000", "1:n"],
      ["8517140020", "1:n"],
      ["8517140050", "1:n"],
      ["8517140080", "1:n"],
    ]);
    // 2017 value of 8517.12.00.50: $44,071,518,512; 2024 imports of smartphones: 99.2% of the four lines.
    expect(rows.reduce((a, r) => a + Number(r.value), 0)).toBe(44_071_518_512);
    expect(Number(rows[0]?.value)).toBe(43_734_049_069);
  });

  it("US exports to China 2017: mapping report; 999999 (not specified by kind) reported as unmapped", () => {
    const w = defaultWeights(defaultDataDir(), "CN", "2017");
    expect(w.mapping).toEqual({
      hs6: { sourceCodes: 4_113, value: 105_929_637_941 },
      "1:1": { sourceCodes: 73, value: 1_365_392_972 },
      "1:n": { sourceCodes: 78, value: 3_852_230_626 },
      unmapped: { sourceCodes: 2, value: 18_650_253_807 },
    });
    const m = series.CN2017?.metadata;
    expect(m?.unmappedValue).toBe(18_650_253_807);
    expect(m?.weightsMapping).toEqual(w.mapping);
  });

  it("no US weights row is answered at an HTS8 that has HTS10 lines (it would get every list of the HTS8)", () => {
    const lines = new Set(t.hts.codes10());
    const hts8WithLines = new Set([...lines].map((c) => c.slice(0, 8)));
    for (const year of ["2017", "2024"]) {
      const file = join(defaultDataDir(), "weights", `us-imports-from-cn-${year}.csv`);
      const rows = parse(readFileSync(file, "utf8"), { columns: true }) as Record<string, string>[];
      const ambiguous = rows.filter(
        (r) =>
          r.mapping !== "unmapped" &&
          !lines.has(r.code ?? "") &&
          hts8WithLines.has((r.code ?? "").slice(0, 8)),
      );
      expect(ambiguous.map((r) => r.code)).toEqual([]);
    }
    // 2017's 8517.62.00.50 (renumbered in 2019) goes to today's .20 (List 3) and .90 (List 4A), not
    // to .10, a line of its own in 2017.
    const file = join(defaultDataDir(), "weights", "us-imports-from-cn-2017.csv");
    const rows = (parse(readFileSync(file, "utf8"), { columns: true }) as Record<string, string>[]).filter(
      (r) => r.source === "8517620050",
    );
    expect(rows.map((r) => [r.code, r.mapping])).toEqual([
      ["8517620020", "hts8-1:n"],
      ["8517620090", "hts8-1:n"],
    ]);
  });

  it("refuses a year the importer has no shipped weights for", () => {
    expect(() => defaultWeights(defaultDataDir(), "US", "2022")).toThrow(
      "weights year 2022 for importer US: expected 2017, 2024",
    );
  });
});

describe("PIIE's published figures on the 2017 weights", () => {
  it("US on China, Feb 14 2020: special duties cover 66.4% of 2017 imports (PIIE), within 1.5 points", () => {
    expect(Math.abs(on("US2017", "2020-02-14").coverage - 66.4)).toBeLessThan(1.5);
    // The 2024 weights do not reproduce it: trade had left the tariffed goods.
    expect(66.4 - on("US2024", "2020-02-14").coverage).toBeGreaterThan(10);
  });

  it("US on China, the Phase One step of 2020-02-14: 21.0% → 19.3% (PIIE, −1.7 points), within 0.5", () => {
    const step = on("US2017", "2020-02-14").average - on("US2017", "2020-02-13").average;
    expect(Math.abs(step - -1.7)).toBeLessThan(0.5);
  });

  it("US on China, the levels: 19.3% (Feb 2020) and 20.8% (Jan 20 2025) are not reached (docs/anchors.md)", () => {
    // Statutory rates over 2017 trade give 15.0% and 15.4%: 4.3 and 5.4 points under PIIE, a gap
    // docs/anchors.md explains. These values move if the weighting or the mapping changes.
    expect(on("US2017", "2020-02-14").average).toBeCloseTo(15.0, 1);
    expect(on("US2017", "2025-01-20").average).toBeCloseTo(15.4, 1);
  });

  it("China on the US: 18.3% on 2018-09-24, 16.5% before June 2019, 20.3% on 2020-02-14 (PIIE), within 1.5", () => {
    expect(Math.abs(on("CN2017", "2018-09-24").average - 18.3)).toBeLessThan(1.5);
    expect(Math.abs(on("CN2017", "2019-05-31").average - 16.5)).toBeLessThan(1.5);
    expect(Math.abs(on("CN2017", "2020-02-14").average - 20.3)).toBeLessThan(1.5);
    // On 2024 weights the Sept 2018 figure is 1.6 points off.
    expect(Math.abs(on("CN2024", "2018-09-24").average - 18.3)).toBeGreaterThan(1.5);
  });
});
