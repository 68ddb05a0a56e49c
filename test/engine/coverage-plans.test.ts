/**
 * The engine's coverage plans (what covers a code, by position) are shared by engines on laws with
 * the same code sets, e.g. a scenario's law and the baseline's. Differential: an engine on a
 * scenario's law that takes the baseline's plans answers every entry as an engine on the same law
 * with copied code sets, which finds its own. And `Engine.baseRateOf`, which the averages group
 * codes by, is the base rate of duty's base layer, undefined exactly where duty throws.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { defaultWeights } from "../../src/analytics/weights.js";
import { Engine } from "../../src/engine/duty.js";
import { defaultDataDir } from "../../src/law/load.js";
import type { CodeSet, Issuer, Law } from "../../src/law/model.js";
import { applyScenario, scenarioById } from "../../src/law/scenario.js";
import { loadTruce, type Truce } from "../../src/truce.js";
import { CN_ZONE, US_ZONE, zonedInstant } from "../../src/units/time.js";

let t: Truce;
beforeAll(() => {
  t = loadTruce();
});

/** A code set that answers as `set` but is another object (an engine on it shares no plans). */
function copy(set: CodeSet): CodeSet {
  return Object.assign(Object.create(Object.getPrototypeOf(set)), set) as CodeSet;
}

function withCopiedSets(law: Law): Law {
  return {
    ...law,
    measures: law.measures.map((m) => ({
      ...m,
      products: copy(m.products),
      exemptions: m.exemptions.map((x) => ({ ...x, products: copy(x.products) })),
    })),
    gaps: law.gaps.map((g) => ({ ...g, products: copy(g.products) })),
  };
}

const DATES = [
  "2018-07-06",
  "2019-09-01",
  "2022-06-15",
  "2024-09-27",
  "2025-04-10",
  "2025-11-15",
  "2026-06-01",
];

/** Every 23rd line of the shipped weights (US: HTS10 of 2024 and 2017; China: the HS6 lines' codes). */
function codesOf(importer: Issuer): string[] {
  const years = importer === "US" ? ["2024", "2017"] : ["2024"];
  const codes = years.flatMap((y) => defaultWeights(defaultDataDir(), importer, y).rows.map((r) => r.code));
  return [...new Set(codes)].filter((_, k) => k % 23 === 0);
}

function outcome(engine: Engine, code: string, importer: Issuer, origin: string, date: string): unknown {
  const instant = zonedInstant(`${date} 12:00`, importer === "US" ? US_ZONE : CN_ZONE);
  try {
    return engine.duty({ code, origin, importer, valueCents: 1_000_000 }, instant);
  } catch (e) {
    return { threw: (e as Error).message };
  }
}

describe("coverage plans shared across engines", () => {
  it("an engine on a scenario's law answers as one that finds its own coverage (threat-100, the truce lapsing, IEEPA restored)", () => {
    let compared = 0;
    for (const id of ["threat-100", "truce-lapses-2025-11-10", "ieepa-restored"]) {
      const law = applyScenario(t.law, scenarioById(id));
      const baseline = new Engine(t.law, t.baseRates);
      const shared = new Engine(law, t.baseRates);
      const own = new Engine(withCopiedSets(law), t.baseRates);
      for (const [importer, origin] of [
        ["US", "CN"],
        ["CN", "US"],
      ] as const) {
        const codes = codesOf(importer);
        for (const code of codes) outcome(baseline, code, importer, origin, "2025-11-15");
        for (const code of codes) {
          for (const date of DATES) {
            expect(
              outcome(shared, code, importer, origin, date),
              `${id} ${importer} ${code} ${date}`,
            ).toEqual(outcome(own, code, importer, origin, date));
            compared++;
          }
        }
      }
      const plansOf = (e: Engine) => (e as unknown as { plans: Record<Issuer, unknown> }).plans;
      expect(plansOf(shared).US).toBe(plansOf(baseline).US);
      expect(plansOf(own).US).not.toBe(plansOf(baseline).US);
    }
    expect(compared).toBeGreaterThan(10_000);
  });
});

describe("Engine.baseRateOf", () => {
  it("is the rate of duty's base layer, and whether it is column 2; undefined where duty throws", () => {
    const engine = new Engine(t.law, t.baseRates);
    let column2 = 0;
    let none = 0;
    for (const [importer, origin] of [
      ["US", "CN"],
      ["US", "RU"],
      ["CN", "US"],
    ] as const) {
      for (const code of codesOf(importer)) {
        for (const date of DATES) {
          const instant = zonedInstant(`${date} 12:00`, importer === "US" ? US_ZONE : CN_ZONE);
          const rate = engine.baseRateOf(importer, code, origin, instant);
          const result = outcome(engine, code, importer, origin, date) as
            | { threw: string }
            | { layers: { rateText: string; authority: string }[] };
          if ("threw" in result) {
            expect(rate, `${importer} ${code} ${date}`).toBeUndefined();
            none++;
            continue;
          }
          const base = result.layers[0] as { rateText: string; authority: string };
          expect(rate?.rate.text || "Free", `${importer} ${code} ${date}`).toBe(base.rateText);
          expect(rate?.column2).toBe(base.authority === "column-2");
          if (rate?.column2) column2++;
        }
      }
    }
    expect(column2).toBeGreaterThan(100);
    expect(none).toBeGreaterThan(10);
  });
});
