import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { AverageCalculator, type AveragePoint } from "../../src/analytics/average.js";
import { runAverage } from "../../src/analytics/report.js";
import { defaultWeights, readWeights } from "../../src/analytics/weights.js";
import { Engine } from "../../src/engine/duty.js";
import { defaultDataDir } from "../../src/law/load.js";
import type { Issuer } from "../../src/law/model.js";
import { loadTruce, type Truce, truceFor } from "../../src/truce.js";
import { parseInstant, US_ZONE } from "../../src/units/time.js";

let t: Truce;
beforeAll(() => {
  t = loadTruce();
});

const readWeightsOf = (importer: Issuer, origin: string) =>
  defaultWeights(defaultDataDir(), importer).rows.filter((r) => r.origin === origin);

/** The engine's total rate on an entry to the US at the end of a local day (a series' point). */
const rateAtDayEnd = (code: string, origin: string, date: string) =>
  t.engine.duty({ code, origin, valueCents: 100_000 }, parseInstant(`${date}T23:59`, US_ZONE)).totalRate;

const on = (points: AveragePoint[], date: string) =>
  [...points].reverse().find((p) => p.date <= date) as AveragePoint;

describe("trade-weighted averages on the shipped weights", () => {
  it("US on China: the all-goods fentanyl tariff adds exactly 10 points on 2025-02-04 and covers all trade", () => {
    const { points } = runAverage(t, {
      importer: "US",
      origin: "CN",
      from: "2024-12-01",
      to: "2025-03-01",
      byAuthority: true,
    });
    const before = on(points, "2025-02-03");
    const after = on(points, "2025-02-04");
    expect(after.date).toBe("2025-02-04");
    expect(after.byAuthority?.["ieepa-fentanyl"]).toBe(10);
    // HTS rev 3 took effect the same day: a few renumbered lines move the rest by a hair.
    expect(after.average - before.average).toBeCloseTo(10, 1);
    expect(after.coverage).toBe(100);
  });

  it("China on the US: the No. 5 counter-tariff adds exactly 84 points on 2025-04-10, then 125 from 04-12", () => {
    const { points } = runAverage(t, { importer: "CN", origin: "US", from: "2025-03-15", to: "2025-05-31" });
    expect(on(points, "2025-04-10").average - on(points, "2025-04-09").average).toBeCloseTo(84, 3);
    expect(on(points, "2025-04-12").average - on(points, "2025-04-09").average).toBeCloseTo(125, 3);
    expect(on(points, "2025-05-14").average - on(points, "2025-04-09").average).toBeCloseTo(10, 3);
  });

  it("gives one point per change, or one per day with daily, and decomposes by authority", () => {
    const changes = runAverage(t, {
      importer: "US",
      origin: "CN",
      from: "2025-01-01",
      to: "2025-12-31",
      byAuthority: true,
    });
    const dates = changes.points.map((p) => p.date);
    expect(dates).toEqual([...new Set(dates)].sort());
    for (const p of changes.points) {
      const sum = Object.values(p.byAuthority ?? {}).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(p.average, 2);
    }
    const daily = runAverage(t, {
      importer: "US",
      origin: "CN",
      from: "2025-01-01",
      to: "2025-01-31",
      daily: true,
    });
    expect(daily.points).toHaveLength(31);
  });

  it("reports weights it cannot map, with their value, instead of dropping them", () => {
    const { metadata } = runAverage(t, {
      importer: "US",
      origin: "CN",
      from: "2025-01-01",
      to: "2025-01-02",
    });
    expect(metadata.unmappedValue).toBe(5_135_973_063);
    expect(JSON.stringify(metadata.unmapped)).toMatch(/9999950000/);
    expect(metadata.method).toBeInstanceOf(Array);
  });
});

describe("a portfolio", () => {
  it("is the value-weighted mean of the lines' duties, as the engine gives them one by one", () => {
    const dir = mkdtempSync(join(tmpdir(), "truce-weights-"));
    const file = join(dir, "portfolio.csv");
    writeFileSync(file, "code,origin,value\n8541.43.00.10,CN,1000\n6102200010,CN,3000\nnot-a-code,CN,5\n");
    const weights = readWeights(file);
    expect(weights.errors).toEqual(['line 4: code "not-a-code" is not an HS/HTS code (6 to 10 digits)']);
    const { points } = new AverageCalculator(t, "US").series(weights.rows, {
      importer: "US",
      from: "2025-11-01",
      to: "2025-11-30",
    });
    const rate = (code: string, date: string) => rateAtDayEnd(code, "CN", date);
    for (const date of ["2025-11-01", "2025-11-15"]) {
      const expected = (rate("8541430010", date) * 1000 + rate("6102200010", date) * 3000) / 4000;
      expect(on(points, date).average).toBeCloseTo(expected, 3);
    }
  });

  it("the CLI prints the JSON contract: an array of {date, average, coverage}", () => {
    const r = spawnSync(
      process.execPath,
      [
        "dist/src/cli/main.js",
        "average",
        "--importer",
        "CN",
        "--origin",
        "US",
        "--from",
        "2025-05-01",
        "--to",
        "2025-05-31",
        "--json",
      ],
      { encoding: "utf8" },
    );
    expect(r.status).toBe(0);
    const points = JSON.parse(r.stdout);
    expect(points.map((p: AveragePoint) => Object.keys(p))).toContainEqual(["date", "average", "coverage"]);
    expect(points.at(-1).date).toBe("2025-05-14");
    expect(r.stderr).toMatch(/US exports to China, 2024/);
  });
});

describe("scenarios on the averages", () => {
  it("threat-100 adds 100 points to the US average on China and nothing to China's; the truce lapse gives 34%", async () => {
    const { compareAverages } = await import("../../src/analytics/report.js");
    const { truceFor } = await import("../../src/truce.js");
    const threat = compareAverages(t, truceFor(t, "threat-100"), "2025-11-15");
    const us = threat.directions.find((d) => d.importer === "US");
    const cn = threat.directions.find((d) => d.importer === "CN");
    expect(us?.difference).toBeCloseTo(100, 3);
    expect(cn?.difference).toBe(0);
    const lapse = compareAverages(t, truceFor(t, "truce-lapses-2025-11-10"), "2025-11-15");
    expect(lapse.directions.find((d) => d.importer === "CN")?.b.byAuthority["cn-counter-reciprocal"]).toBe(
      34,
    );
  });
});

describe("base-rate steps shared by the calculators on the same base rates", () => {
  it("a scenario's series reuses the baseline's steps and equals one computed afresh", () => {
    const threat = truceFor(t, "threat-100");
    for (const [importer, origin] of [
      ["US", "CN"],
      ["CN", "US"],
    ] as const) {
      const rows = readWeightsOf(importer, origin);
      const options = { importer, from: "2024-06-01", to: "2026-06-30", byAuthority: true };
      new AverageCalculator(t, importer).series(rows, options);
      const probes = vi.spyOn(Engine.prototype, "baseRateOf");
      const shared = new AverageCalculator(threat, importer).series(rows, options);
      // Every line's steps were read by the baseline's calculator.
      expect(probes).not.toHaveBeenCalled();
      // Base rates copied: nothing kept for them, every step read again.
      const copied = { ...threat, baseRates: { US: { ...t.baseRates.US }, CN: { ...t.baseRates.CN } } };
      const fresh = new AverageCalculator(copied, importer).series(rows, options);
      expect(probes).toHaveBeenCalled();
      probes.mockRestore();
      expect(shared).toEqual(fresh);
      expect(shared.points.length).toBeGreaterThan(5);
    }
  });
});

describe("a weights file's parse kept in the cache", () => {
  it("reads the same rows, errors and mapping from the cache as from the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "truce-weights-cache-"));
    const file = join(dir, "weights.csv");
    writeFileSync(
      file,
      '\uFEFFCode,Origin,Value,Mapping,Source,Description\n8541.43.00.10,CN,"1,000",hts10,8541430010,"cells, solar"\n\n6102200010,cn,3000,hts8,61022000\nnot-a-code,CN,5\n',
    );
    const cacheDir = join(dir, "cache");
    const plain = readWeights(file);
    const first = readWeights(file, file, cacheDir);
    const kept = readdirSync(cacheDir).filter((f) => f.startsWith("csv-weights-"));
    const again = readWeights(file, file, cacheDir);
    expect(kept).toHaveLength(1);
    expect(first).toEqual(plain);
    expect(again).toEqual(plain);
    expect(plain.rows).toEqual([
      { code: "8541430010", origin: "CN", value: 1000, line: 2 },
      { code: "6102200010", origin: "CN", value: 3000, line: 4 },
    ]);
    expect(plain.errors).toEqual(['line 5: code "not-a-code" is not an HS/HTS code (6 to 10 digits)']);
    expect(plain.mapping).toEqual({
      hts10: { sourceCodes: 1, value: 1000 },
      hts8: { sourceCodes: 1, value: 3000 },
    });
  });
});

describe("an origin to which column 2 applies from a date", () => {
  it("is averaged at the column 2 rates from that date (Russia, 2022-04-09), as the engine prices it", () => {
    const weights = [
      { code: "6102200010", origin: "RU", value: 1000 },
      { code: "8541430010", origin: "RU", value: 3000 },
    ];
    const { points } = new AverageCalculator(t, "US").series(weights, {
      importer: "US",
      from: "2022-01-01",
      to: "2022-12-31",
    });
    const rate = (code: string, date: string) => rateAtDayEnd(code, "RU", date);
    const expected = (date: string) =>
      (rate("6102200010", date) * 1000 + rate("8541430010", date) * 3000) / 4000;
    expect(expected("2022-04-09")).toBeGreaterThan(expected("2022-04-08") + 5);
    for (const date of ["2022-04-08", "2022-04-09", "2022-06-30"]) {
      expect(on(points, date).average, date).toBeCloseTo(expected(date), 3);
    }
  });
});
