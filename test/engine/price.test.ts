/**
 * `Engine.price` (what the batch writes, computed without building the result) must give what
 * `duty` gives, for every entry it answers.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type Entry, pricedRow } from "../../src/engine/contract.js";
import { parseEntry } from "../../src/entry/parse.js";
import { loadTruce, type Truce } from "../../src/truce.js";
import { CN_ZONE, parseInstant, US_ZONE } from "../../src/units/time.js";

let t: Truce;
beforeAll(() => {
  t = loadTruce();
});

const DATES = [
  "2018-01-01",
  "2018-07-06",
  "2019-06-15",
  "2019-09-01",
  "2020-02-14",
  "2022-03-01",
  "2024-09-27",
  "2025-02-04",
  "2025-03-04",
  "2025-04-09",
  "2025-04-10",
  "2025-05-14",
  "2025-11-10",
  "2026-01-01",
  "2026-02-24",
  "2026-07-24",
  "2026-11-01",
];
// RU: column 2 rates; US: no special duty on US goods entering the US.
const ORIGINS = ["CN", "HK", "VN", "DE", "RU", "US"];
const VALUES = [1, 99, 12_345, 100_000_000, 123_456_789_012];

function compare(entry: Entry, instant: number, row = pricedRow()): boolean {
  if (!t.engine.price(entry, instant, row)) return false;
  const r = t.engine.duty(entry, instant);
  expect({
    headings: row.headings.slice(0, row.layers),
    rateTexts: row.rateTexts.slice(0, row.layers),
    amounts: row.amountsCents.slice(0, row.layers),
    totalCents: row.totalCents,
    totalRate: row.totalRate,
  }).toEqual({
    headings: r.layers.map((l) => l.heading),
    rateTexts: r.layers.map((l) => l.rateText),
    amounts: r.layers.map((l) => l.amountCents),
    totalCents: r.totalCents,
    totalRate: r.totalRate,
  });
  expect(r.complete).toBe(true);
  return true;
}

describe("Engine.price", () => {
  it("gives the layers, amounts and totals of duty() on US entries across codes, origins and dates", () => {
    const codes = [...t.hts.codes10()].filter((_, i) => i % 97 === 0);
    const row = pricedRow();
    let answered = 0;
    let declined = 0;
    for (const [i, code] of codes.entries()) {
      const date = DATES[i % DATES.length] as string;
      const origin = ORIGINS[i % ORIGINS.length] as string;
      const valueCents = VALUES[i % VALUES.length] as number;
      if (t.hts.inForce(code, date) === undefined) continue;
      if (compare({ code, origin, valueCents }, parseInstant(date, US_ZONE), row)) answered++;
      else declined++;
    }
    expect(answered).toBeGreaterThan(150);
    // Specific and compound base rates are left to duty().
    expect(declined).toBeGreaterThan(10);
  });

  it("gives duty()'s answer for China's soybean duties (3% + 25% + 10% + 125% = 163% on 2025-04-15)", () => {
    const entry: Entry = { code: "12019019", origin: "US", importer: "CN", valueCents: 1_000_000 };
    const row = pricedRow();
    expect(compare(entry, parseInstant("2025-04-15", CN_ZONE), row)).toBe(true);
    expect(row.totalRate).toBe(163);
    expect(row.totalCents).toBe(1_630_000);
  });

  it("leaves claims, metal content, loading dates and specific base rates to duty()", () => {
    const at = parseInstant("2025-11-10", US_ZONE);
    const solar = { code: "8541430010", origin: "CN", valueCents: 1_000_000 };
    expect(t.engine.price(solar, at, pricedRow())).toBe(true);
    expect(t.engine.price({ ...solar, claims: ["9903.88.69"] }, at, pricedRow())).toBe(false);
    expect(t.engine.price({ ...solar, steelCents: 100 }, at, pricedRow())).toBe(false);
    expect(t.engine.price({ ...solar, loadedOn: at - 86_400_000 }, at, pricedRow())).toBe(false);
    // Fresh tomatoes, 0702.00.20.02: "3.9¢/kg" (specific).
    expect(t.hts.mfn("0702002002", "2025-11-10").text).toBe("3.9¢/kg");
    expect(t.engine.price({ ...solar, code: "0702002002" }, at, pricedRow())).toBe(false);
  });
});

describe("Engine.knownLine", () => {
  it("knows a code only in the revisions where it has priced the code's own line", () => {
    const own = loadTruce();
    const june = parseInstant("2025-06-01", US_ZONE);
    const march = parseInstant("2026-03-02", US_ZONE);
    // TC03: 8507.60.00.20 is a line in June 2025 and renumbered away by March 2026.
    expect(own.engine.knownLine("US", "8507600020", june)).toBeUndefined();
    own.engine.duty({ code: "8507600020", origin: "CN", valueCents: 100 }, june);
    expect(own.engine.knownLine("US", "8507600020", june)).toBe("8507600020");
    own.engine.duty({ code: "8507600020", origin: "CN", valueCents: 100 }, march);
    expect(own.engine.knownLine("US", "8507600020", march)).toBeUndefined();
    // parseEntry still asks the nomenclature there, and warns.
    const parsed = parseEntry({ code: "8507600020", origin: "CN", date: "2026-03-02", value: "1" }, own);
    expect(parsed.warnings.join(" ")).toMatch(/not a statistical number on 2026-03-02/);
  });
});
