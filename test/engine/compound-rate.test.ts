/**
 * A compound base rate (a specific part and an ad valorem part): the base layer reports its whole ad
 * valorem part whether or not the quantity is given (found by the differential test: without a
 * quantity the engine reported 0%).
 */
import { beforeAll, expect, it } from "vitest";
import { loadTruce, type Truce } from "../../src/truce.js";
import { parseInstant, US_ZONE } from "../../src/units/time.js";

let t: Truce;
beforeAll(() => {
  t = loadTruce();
});

// HTSUS 2025 rev 4, 6402.99.79.15 (footwear), column 1 general "90¢/pr. + 37.5%".
const entry = { code: "6402997915", origin: "VN", valueCents: 100_000 };
const at = parseInstant("2025-03-04 00:02", US_ZONE);

it("6402.99.79.15 without a quantity: 37.5% ad valorem part, amount unknown, incomplete", () => {
  const r = t.engine.duty(entry, at);
  const base = r.layers[0];
  expect(base?.rateText).toBe("90¢/pr. + 37.5%");
  expect(base?.rate).toBe(37.5);
  expect(base?.amountCents).toBeNull();
  expect(r.complete).toBe(false);
});

it("6402.99.79.15 with 100 pairs on $1,000: 37.5% ad valorem part, $90 + $375", () => {
  const r = t.engine.duty({ ...entry, quantityMilli: 100_000, unit: "pr." }, at);
  const base = r.layers[0];
  expect(base?.rate).toBe(37.5);
  expect(base?.amountCents).toBe(9_000 + 37_500);
  expect(r.complete).toBe(true);
});
