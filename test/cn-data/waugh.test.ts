/**
 * China's HS6 totals against M. Waugh's (tradewar-tracker, from PIIE's line data; data/cn/waugh-hs6-2018-2019.csv):
 * every increase his file shows on a retaliation date is either applied by the engine to some line of the HS6 or
 * named by a gap warning on it, and the totals agree within 0.5 points for most HS6 (the rest differ by MFN:
 * ours is derived from the WTO's 2025 figures, his is China's schedule of the day).
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  compareWithWaugh,
  readSchedule2019,
  readWaugh,
  WAUGH_DATES,
  type WaughComparison,
} from "../../src/analytics/cn-waugh.js";
import { defaultDataDir } from "../../src/law/load.js";
import { loadTruce, type Truce } from "../../src/truce.js";
import { CN_ZONE, parseInstant } from "../../src/units/time.js";

let t: Truce;
let c: WaughComparison;
beforeAll(() => {
  const cnDir = join(defaultDataDir(), "cn");
  t = loadTruce();
  c = compareWithWaugh(t, readWaugh(cnDir), readSchedule2019(cnDir));
}, 60_000);

const agreeOn = (date: (typeof WAUGH_DATES)[number]) => c.agree[WAUGH_DATES.indexOf(date)];

describe("China's HS6 totals against Waugh's", () => {
  it("no layer is missing silently: every HS6 increase on a retaliation date is applied or warned about", () => {
    expect(c.silentMisses).toEqual([]);
  });

  it("no layer is extra: no HS6 gets on a retaliation date, on every line, more than Waugh's increase", () => {
    // This caught 24 lines of the 2019 schedule given 2018 retaliation as "successors" (e.g. 0305.41.10).
    expect(c.extraIncreases).toEqual([]);
  });

  it("compares the 5,242 HS6 the engine can price (145 HS2017 subheadings absent from the 2025 schedule)", () => {
    expect(c.unpriced).toHaveLength(145);
    expect(c.compared[WAUGH_DATES.indexOf("2019-09-01")]).toBe(5242);
  });

  it("agrees within 0.5 points on 4,016 HS6 on 2019-09-01 and 2,602 on 2018-04-02 (3,331 and 2,070 before the April 2018 and Sept 2019 lines)", () => {
    expect(agreeOn("2019-09-01")).toBeGreaterThanOrEqual(4016);
    expect(agreeOn("2018-04-02")).toBeGreaterThanOrEqual(2602);
  });

  it("pork 0203.29 (one national line) equals Waugh's total on the April 2018 and Sept 2019 dates: 37 and 72", () => {
    const row = readWaugh(join(defaultDataDir(), "cn")).find((r) => r.hs6 === "020329");
    for (const [date, total] of [
      ["2018-04-02", 37],
      ["2019-09-01", 72],
    ] as const) {
      expect(row?.totals[WAUGH_DATES.indexOf(date)]).toBe(total);
      const r = t.engine.duty(
        { code: "02032900", origin: "US", importer: "CN", valueCents: 1_000_000 },
        parseInstant(`${date}T23:59`, CN_ZONE),
      );
      expect(r.totalRate).toBe(total);
    }
  });
});
