/**
 * The library's one way in: `truce.duty(entry)` takes the batch's field names in any usual spelling,
 * returns exactly what `truce duty … --json` prints, and throws an InputError naming the field of a
 * bad entry, which is never priced.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/entry/errors.js";
import { DutyResultSchema, resultJsonSchema } from "../../src/entry/result-schema.js";
import { entryJsonSchema } from "../../src/entry/schema.js";
import { loadTruce, type Truce } from "../../src/truce.js";
import { truce as cli } from "../run-cli.js";

let t: Truce;
beforeAll(() => {
  t = loadTruce();
});

function fieldOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e.field;
    throw e;
  }
  return undefined;
}

describe("truce.duty", () => {
  it("returns what truce duty --json prints (fixture TC10: 94% on the solar module of Nov 1 2025)", () => {
    const printed = JSON.parse(
      cli("duty", "8541.43.00.10", "--origin", "CN", "--date", "2025-11-01", "--value", "10000", "--json")
        .stdout,
    );
    const answer = t.duty({ code: "8541.43.00.10", origin: "CN", date: "2025-11-01", value: "10000" });
    expect(answer).toEqual(printed);
    expect(answer.total).toEqual({ rate: 94, amount: "9400.00" });
    expect(DutyResultSchema.parse(answer)).toEqual(answer);
  });

  it("takes codes in any usual spelling and origins in any case (the 301 layer and China's measures kept)", () => {
    const dotted = t.duty({ code: "8507.60.00.20", origin: "CN", date: "2025-11-01", value: 1000 });
    // List 4A at 7.5% (9903.88.15) is on 8507.60.00.20 (the CLI's answer, above, for the same line).
    expect(dotted.layers.map((l) => l.heading)).toContain("9903.88.15");
    for (const code of ["8507.60.0020", "8507600020", " 8507 60 00 20 "]) {
      expect(t.duty({ code, origin: "cn", date: "2025-11-01", value: 1000 })).toEqual(dotted);
    }
  });

  it("takes values as numbers or exact decimal strings and instants as Date", () => {
    const a = t.duty({ code: "8541430010", origin: "CN", date: "2025-11-01", value: 1234.56 });
    const b = t.duty({ code: "8541430010", origin: "CN", date: "2025-11-01", value: "1,234.56" });
    const c = t.duty({
      code: "8541430010",
      origin: "CN",
      at: new Date("2025-11-01T04:01:00Z"),
      value: "1234.56",
    });
    expect(a).toEqual(b);
    expect(c).toEqual(a);
    expect(a.total.amount).toBe("1160.49"); // 94% of 1,234.56 = 1,160.4864, each layer rounded to the cent
  });

  it("throws an InputError naming the bad field, never a price", () => {
    const entry = { code: "8541.43.00.10", origin: "CN", date: "2025-11-01", value: "10000" };
    expect(fieldOf(() => t.duty({ ...entry, origin: "XX" }))).toBe("origin");
    expect(fieldOf(() => t.duty({ ...entry, value: -1 }))).toBe("value");
    expect(fieldOf(() => t.duty({ ...entry, value: "10,00" }))).toBe("value");
    expect(fieldOf(() => t.duty({ ...entry, value: 0.1 + 0.2 }))).toBe("value");
    expect(fieldOf(() => t.duty({ ...entry, date: "2025-02-30" }))).toBe("date");
    expect(fieldOf(() => t.duty({ ...entry, at: new Date("nonsense") }))).toBe("at");
    expect(fieldOf(() => t.duty({ ...entry, code: "9999.99.99.99" }))).toBe("code");
    expect(fieldOf(() => t.duty({ ...entry, mode: "boat" }))).toBe("mode");
    expect(fieldOf(() => t.duty({ ...entry, claims: ["9903.88.6"] }))).toBe("claims");
    // A misspelt field is named, not taken for a missing one.
    const { origin: _origin, ...noOrigin } = entry;
    expect(fieldOf(() => t.duty({ ...noOrigin, orign: "CN" } as never))).toBe("orign");
    expect(fieldOf(() => t.duty({ ...entry, code: 8541430010 } as never))).toBe("code");
    expect(fieldOf(() => t.duty(null as never))).toBe("entry");
  });

  it("publishes JSON Schemas of the entry and of the result, from the same definitions", () => {
    const entry = entryJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(entry.properties)).toContain("steel_value");
    expect(entry.required.sort()).toEqual(["code", "origin", "value"]);
    const result = resultJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(result.required).toEqual(expect.arrayContaining(["version", "total", "layers", "beyondHorizon"]));
  });
});

describe("the first day covered", () => {
  it("is 2018-01-01 in the importer's own zone: Beijing's starts before New York's", () => {
    const cn = { code: "1201.90", origin: "US", importer: "CN", value: 100 };
    expect(t.duty({ ...cn, date: "2018-01-01" }).entered).toBe("2018-01-01 00:01 CST (UTC+8)");
    expect(fieldOf(() => t.duty({ ...cn, at: "2017-12-31T23:59" }))).toBe("at");
    const us = { code: "8541.40.60.20", origin: "CN", value: 100 }; // solar modules before HS 2022
    expect(t.duty({ ...us, date: "2018-01-01" }).date).toBe("2018-01-01");
    expect(fieldOf(() => t.duty({ ...us, at: "2017-12-31T23:59" }))).toBe("at");
  });
});
