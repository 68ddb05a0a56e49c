/**
 * Issue 3's regression check: on 2025-01-01 China's rate for each HS6, as the engine computes it from
 * the derived MFN and the listed retaliation, equals the WTO snapshot's best_avlbl wherever the MFN
 * was derived by netting (the rows that differ by construction are reported in docs/cn-baseline.md).
 */
import { describe, expect, it } from "vitest";
import { cnBaseline } from "../../src/analytics/cn-baseline.js";
import { loadTruce } from "../../src/truce.js";

describe("China baseline on 2025-01-01", () => {
  it("equals the WTO best_avlbl for every netted or unlisted HS6", () => {
    const rows = cnBaseline(loadTruce());
    const comparable = rows.filter((r) => /^(netted|no-listed-retaliation)($|;)/.test(r.derivation));
    expect(comparable.length).toBeGreaterThan(5000);
    const off = comparable.filter((r) => Math.abs(r.engine - r.best) >= 0.005);
    expect(off).toEqual([]);
  });
});
