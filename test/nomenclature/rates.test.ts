import { describe, expect, it } from "vitest";
import {
  formatRate,
  moneyRateText,
  parseRate,
  parseScaledDecimal,
  type Rate,
  rateText,
} from "../../src/nomenclature/rates.js";

describe("parseScaledDecimal", () => {
  it("parses decimal strings exactly with integer arithmetic", () => {
    expect(parseScaledDecimal("4.3817", 4)).toBe(43817);
    expect(parseScaledDecimal("1.1", 4)).toBe(11000); // 1.1 * 10000 in floats is 11000.000000000002
    expect(parseScaledDecimal("0.07", 4)).toBe(700);
    expect(parseScaledDecimal("0.1", 6)).toBe(100000);
    expect(parseScaledDecimal("2.50", 6)).toBe(2500000);
    expect(parseScaledDecimal("1,000", 0)).toBe(1000);
    expect(parseScaledDecimal("6.58170", 4)).toBe(65817);
  });
  it("refuses what it cannot represent exactly", () => {
    expect(parseScaledDecimal("1.23456", 4)).toBeUndefined();
    expect(parseScaledDecimal("1/3", 4)).toBeUndefined();
    expect(parseScaledDecimal("", 4)).toBeUndefined();
    expect(parseScaledDecimal("1e3", 4)).toBeUndefined();
    expect(parseScaledDecimal("99999999999999999", 4)).toBeUndefined();
  });
});

describe("parseRate", () => {
  const cases: [string, Rate][] = [
    ["Free", { kind: "free" }],
    ["2.5%", { kind: "adValorem", ppm: 25_000 }],
    ["15.9%", { kind: "adValorem", ppm: 159_000 }],
    ["125%", { kind: "adValorem", ppm: 1_250_000 }],
    ["2.5% <u></u>", { kind: "adValorem", ppm: 25_000 }],
    ["1.9¢/kg", { kind: "specific", microDollars: 19_000, per: "kg" }],
    ["4.3817¢/kg", { kind: "specific", microDollars: 43_817, per: "kg" }],
    ["$1.35/head", { kind: "specific", microDollars: 1_350_000, per: "head" }],
    ["40¢ each", { kind: "specific", microDollars: 400_000, per: "each" }],
    ["$4.50 each", { kind: "specific", microDollars: 4_500_000, per: "each" }],
    ["$1.27/m<sup>3</sup>", { kind: "specific", microDollars: 1_270_000, per: "m3" }],
    ["5.3¢/pf.liter", { kind: "specific", microDollars: 53_000, per: "pf. liter" }],
    ["$6/1000", { kind: "specific", microDollars: 6_000_000, per: "1000" }],
    [
      "$1.35/head + 5%",
      {
        kind: "compound",
        parts: [
          { kind: "specific", microDollars: 1_350_000, per: "head" },
          { kind: "adValorem", ppm: 50_000 },
        ],
      },
    ],
    [
      "1.9¢/kg +6.4%",
      {
        kind: "compound",
        parts: [
          { kind: "specific", microDollars: 19_000, per: "kg" },
          { kind: "adValorem", ppm: 64_000 },
        ],
      },
    ],
    [
      "$4.50 each + 65% + 25¢/jewel",
      {
        kind: "compound",
        parts: [
          { kind: "specific", microDollars: 4_500_000, per: "each" },
          { kind: "adValorem", ppm: 650_000 },
          { kind: "specific", microDollars: 250_000, per: "jewel" },
        ],
      },
    ],
    [
      "$2.50/thou- sand + 40%",
      {
        kind: "compound",
        parts: [
          { kind: "specific", microDollars: 2_500_000, per: "1000" },
          { kind: "adValorem", ppm: 400_000 },
        ],
      },
    ],
    ["The duty provided in the applicable subheading + 25%", { kind: "additional", ppm: 250_000 }],
    ["The duty provided in the applicable subheading + 7.5%", { kind: "additional", ppm: 75_000 }],
    ["The duty provided in the applicable subheading plus 25%", { kind: "additional", ppm: 250_000 }],
    ["The duty provided inthe applicable subheading+ 10%", { kind: "additional", ppm: 100_000 }],
    ["The duty provided in the applicable subheading + 125%.", { kind: "additional", ppm: 1_250_000 }],
    ["The duty provided in the applicable subheading", { kind: "additional", ppm: 0 }],
  ];
  for (const [text, expected] of cases) {
    it(`parses ${JSON.stringify(text)}`, () => expect(parseRate(text)).toEqual(expected));
  }

  const unparsed = [
    "",
    "33 1/3%",
    "37% /",
    "2.12345%",
    "75¢ each + 45% on the case",
    "$2.25 each + 15¢/jewel over 7 + 60% on the case",
    "10¢/kg on drained weight",
    "0.2¢/kg, including weight of container",
    "86.1¢/m<sup>2</sup> of recording surface",
    "4.3817¢/kg less 0.0622005¢/kg for each degree under 100 degrees (and fractions of a degree in proportion) but not less than 2.831562¢/kg",
    "1.5 percent of the fair retail value",
    "See additional U.S. note 1",
    "No change",
    "The duty provided in the applicable subheading + a duty of 50% upon the value of the steel content.",
    "The duty provided in subheadings 8716.39.00, 8716.90.30 or 8716.90.50 + 100%",
    "The duty rate provided in such subheading minus 0.5%",
    "Free, under bond",
  ];
  for (const text of unparsed) {
    it(`leaves ${JSON.stringify(text.slice(0, 60))} unparsed, never zero`, () => {
      expect(parseRate(text)).toEqual({ kind: "unparsed", text });
    });
  }
});

describe("formatting", () => {
  it("formats ppm as percent text", () => {
    expect(rateText(75_000)).toBe("7.5%");
    expect(rateText(1_250_000)).toBe("125%");
    expect(rateText(0)).toBe("0%");
    expect(rateText(1)).toBe("0.0001%");
    expect(rateText(333_333)).toBe("33.3333%");
  });
  it("formats money rates", () => {
    expect(moneyRateText(19_000)).toBe("1.9¢");
    expect(moneyRateText(43_817)).toBe("4.3817¢");
    expect(moneyRateText(1_350_000)).toBe("$1.35");
    expect(moneyRateText(4_500_000)).toBe("$4.50");
    expect(moneyRateText(1_000_000)).toBe("$1");
  });
  it("round-trips through formatRate", () => {
    for (const text of [
      "Free",
      "2.5%",
      "1.9¢/kg",
      "4.3817¢/kg",
      "$1.35/head + 5%",
      "40¢ each",
      "$4.50 each + 65% + 25¢/jewel",
      "The duty provided in the applicable subheading + 25%",
      "The duty provided in the applicable subheading",
    ]) {
      const rate = parseRate(text);
      expect(formatRate(rate)).toBe(text);
      expect(parseRate(formatRate(rate))).toEqual(rate);
    }
    expect(formatRate(parseRate("33 1/3%"))).toBe("33 1/3%");
  });
});
