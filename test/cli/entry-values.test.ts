import { describe, expect, it } from "vitest";
import { parseCents } from "../../src/units/money.js";
import { truce } from "../run-cli.js";

describe("amounts as users write them", () => {
  it("a point for decimals, commas only between thousands", () => {
    expect(parseCents("10000")).toBe(1_000_000);
    expect(parseCents("1,234.56")).toBe(123_456);
    expect(parseCents("$12,345,678.9")).toBe(1_234_567_890);
    expect(parseCents("1,000")).toBe(100_000);
  });

  it("refuses a decimal comma and misplaced separators instead of guessing (10,00 is not $1,000)", () => {
    for (const text of ["10,00", "1,00,000", "1234,56", ",100", "1,2345"])
      expect(parseCents(text)).toBeNull();
  });

  it("the CLI names the field and the rule", () => {
    const r = truce("duty", "8541.43.00.10", "--origin", "CN", "--date", "2025-11-01", "--value", "10,00");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /--value "10,00" is not an amount in US dollars .*commas only between thousands/,
    );
  });
});

describe("origins", () => {
  it("an origin that is not an ISO 3166 country is refused, naming the field (XX); case does not matter (vn)", () => {
    const bad = truce("duty", "8541.43.00.10", "--origin", "XX", "--date", "2025-11-01", "--value", "100");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--origin "XX" is not an ISO 3166 alpha-2 country code/);
    const ok = truce(
      "duty",
      "8541.43.00.10",
      "--origin",
      "vn",
      "--date",
      "2025-11-01",
      "--value",
      "100",
      "--json",
    );
    expect(JSON.parse(ok.stdout).origin).toBe("VN");
  });
});

describe("units", () => {
  it("the unit as people write it: 10 liters of wine at 6.3¢/liter (2204.21.50.15) is $0.63; kg says what is wrong", () => {
    for (const unit of ["liters", "Liters", "litres", "liter"]) {
      const q = truce(
        ...["duty", "2204.21.50.15", "--origin", "CN", "--date", "2025-06-01", "--value", "100"],
        ...["--quantity", "10", "--unit", unit, "--json"],
      );
      expect(q.status).toBe(0);
      const mfn = JSON.parse(q.stdout).layers[0];
      expect(mfn.amount).toBe("0.63");
    }
    const kg = truce(
      ...["duty", "2204.21.50.15", "--origin", "CN", "--date", "2025-06-01", "--value", "100"],
      ...["--quantity", "10", "--unit", "kg", "--json"],
    );
    expect(JSON.parse(kg.stdout).warnings.join("\n")).toMatch(
      /needs the quantity in the rate's unit \(the quantity given is in kg\)/,
    );
  });
});

describe("--json errors", () => {
  it("bad input with --json prints {error: {field, message, suggestions}} and exits 2", () => {
    const r = truce(
      "duty",
      "8541.43.00.99",
      "--origin",
      "CN",
      "--date",
      "2025-11-01",
      "--value",
      "100",
      "--json",
    );
    expect(r.status).toBe(2);
    const { error } = JSON.parse(r.stdout);
    expect(error.field).toBe("code");
    expect(error.message).toBe("8541.43.00.99 is not an HTS code on 2025-11-01");
    expect(error.suggestions).toContain("8541.43.00.10");
  });
});
