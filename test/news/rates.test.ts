/** Rates in news text: values, qualifiers, roles, direction, third countries and vague levels. */
import { describe, expect, it } from "vitest";
import type { RateItem } from "../../src/news/contract.js";
import { extractRates } from "../../src/news/rates.js";

/** The rates of a text without kind and confidence, each checked to be the text at its span. */
function rates(text: string): Omit<RateItem, "kind" | "confidence">[] {
  return extractRates(text).map(({ kind: _k, confidence: _c, ...rest }) => {
    expect(text.slice(rest.start, rest.end)).toBe(rest.text);
    return rest;
  });
}

describe("extractRates", () => {
  it("reads who charges whom in each clause of a two-way sentence", () => {
    const text =
      "The deal cut US inbound tariffs on Chinese goods to about 55% and Chinese inbound tariffs on US goods to about 30%.";
    expect(rates(text)).toEqual([
      {
        text: "55%",
        start: 58,
        end: 61,
        value: 55,
        qualifier: "about",
        role: "to",
        importer: "US",
        origin: "CN",
        appliesTo: "Chinese goods",
      },
      {
        text: "30%",
        start: 111,
        end: 114,
        value: 30,
        qualifier: "about",
        role: "to",
        importer: "CN",
        origin: "US",
        appliesTo: "US goods",
      },
    ]);
  });

  it("keeps 'additional' and 'extra' as the qualifier additional, with the charger as the sentence's subject", () => {
    const [threat] = rates("Trump threatened an additional 100% tariff on China from November 1.");
    expect(threat).toMatchObject({
      value: 100,
      qualifier: "additional",
      importer: "US",
      origin: "CN",
      appliesTo: "China",
    });
    const [extra] = rates("Officials spoke of an extra 100% tariff on Chinese imports.");
    expect(extra).toMatchObject({
      value: 100,
      qualifier: "additional",
      origin: "CN",
      appliesTo: "Chinese imports",
    });
    expect(extra?.importer).toBeUndefined();
  });

  it("tells points from percent and the rate before from the rate after", () => {
    expect(rates("The reciprocal rate fell by 10 percentage points, from 34% to 10%.")).toEqual([
      { text: "10 percentage points", start: 28, end: 48, value: 10, unit: "percentage-points", role: "by" },
      { text: "34%", start: 55, end: 58, value: 34, role: "from" },
      { text: "10%", start: 62, end: 65, value: 10, role: "to" },
    ]);
  });

  it("marks a rate its clause calls suspended", () => {
    expect(rates("Beijing kept a 24% tariff on American goods suspended for another year.")).toEqual([
      {
        text: "24%",
        start: 15,
        end: 18,
        value: 24,
        appliesTo: "American goods",
        origin: "US",
        importer: "CN",
        suspended: true,
      },
    ]);
  });

  it("keeps vague levels as written, without a value", () => {
    expect(
      rates("Analysts warned of triple-digit tariffs, hefty levies and sky-high duties.").map((r) => [
        r.text,
        r.level,
        r.value,
      ]),
    ).toEqual([
      ["triple-digit tariffs", "triple-digit", undefined],
      ["hefty levies", "hefty", undefined],
      ["sky-high duties", "sky-high", undefined],
    ]);
  });

  it("gives a third country's rate its own parties, never the US and China", () => {
    const text =
      "India's 50% tariff is the highest in Asia, while tariffs on Brazil of 50% took effect in August.";
    expect(rates(text)).toEqual([
      { text: "50%", start: 8, end: 11, value: 50, concerns: "IN" },
      { text: "50%", start: 70, end: 73, value: 50, origin: "BR", appliesTo: "Brazil" },
    ]);
    expect(rates("The US imposed a 50% tariff on Brazil.")[0]).toMatchObject({
      importer: "US",
      origin: "BR",
    });
  });

  it("keeps the value exact (7.5 stays 7.5) and reads 'percent' and 'per cent'", () => {
    expect(
      rates("List 4A goods pay 7.5% and the rest 25 percent, or 12.5 per cent in Hong Kong.").map(
        (r) => r.value,
      ),
    ).toEqual([7.5, 25, 12.5]);
  });

  it("reads China's counter-tariff as China's", () => {
    expect(rates("China's 34% counter-tariff on US goods was halved.")[0]).toMatchObject({
      value: 34,
      importer: "CN",
      origin: "US",
    });
  });
});

describe("extractRates outside tariffs", () => {
  it("takes no percentage of a sentence about markets or the economy, and trusts one without tariff words less", () => {
    expect(extractRates("Shares in Shanghai rose 2.5% and the economy grew 5% last year.")).toEqual([]);
    expect(extractRates("It will go to 15% in March.").map((r) => [r.value, r.confidence])).toEqual([
      [15, 0.6],
    ]);
  });
});
