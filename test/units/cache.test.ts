/**
 * Parses kept in the cache (keptParse, readCsvFile): the same values as parsed afresh, or none kept;
 * entries written as ASCII JSON (asciiJson).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultDataDir } from "../../src/law/data-dir.js";
import { asciiJson, keptParse, keptParts, readParts, writeParts } from "../../src/units/cache.js";
import { readCsvFile } from "../../src/units/readers.js";

const dir = mkdtempSync(join(tmpdir(), "truce-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("asciiJson", () => {
  it("writes only ASCII and reads back the same value, whatever the characters", () => {
    const value = {
      rate: "1.9¢/kg",
      unit: "m³",
      note: "2025–2026 — “quoted” → ok",
      name: "中华人民共和国商务部",
      emoji: "🚢 ship",
      lone: "\ud800 alone",
      plain: ["8541430010", 12, null, true],
    };
    const text = asciiJson(value);
    expect(text).toMatch(/^[\x20-\x7e]*$/);
    expect(JSON.parse(text)).toEqual(value);
    expect(text).toContain("1.9\\u00a2/kg");
    expect(asciiJson({ a: "ascii only" })).toBe(JSON.stringify({ a: "ascii only" }));
  });

  it("keeps parses as ASCII JSON", () => {
    const parsed = keptParse(dir, "ascii", Buffer.from("z"), "p", () => ({ text: "¢ — 中" }));
    const [name] = readdirSync(dir).filter((n) => n.startsWith("ascii-"));
    const kept = readFileSync(join(dir, name as string), "utf8");
    expect(kept).toBe(asciiJson(parsed));
    expect(keptParse(dir, "ascii", Buffer.from("z"), "p", () => ({ text: "other" }))).toEqual({
      text: "¢ — 中",
    });
  });
});

describe("keptParse", () => {
  it("keeps a parse under the bytes and the parser, and answers from it", () => {
    let parses = 0;
    const parse = () => {
      parses++;
      return { rows: [["8541430010", "Free"]] };
    };
    expect(keptParse(dir, "t", Buffer.from("a"), "p1", parse)).toEqual({ rows: [["8541430010", "Free"]] });
    expect(keptParse(dir, "t", Buffer.from("a"), "p1", parse)).toEqual({ rows: [["8541430010", "Free"]] });
    expect(parses).toBe(1);
    // Other bytes, or another parser, miss.
    keptParse(dir, "t", Buffer.from("b"), "p1", parse);
    keptParse(dir, "t", Buffer.from("a"), "p2", parse);
    expect(parses).toBe(3);
  });

  it("keeps nothing whose JSON would read back otherwise, and parses afresh over an unreadable entry", () => {
    let parses = 0;
    const lossy = () => {
      parses++;
      return { rate: Number.POSITIVE_INFINITY };
    };
    keptParse(dir, "lossy", Buffer.from("x"), "p", lossy);
    expect(keptParse(dir, "lossy", Buffer.from("x"), "p", lossy)).toEqual({ rate: Number.POSITIVE_INFINITY });
    expect(parses).toBe(2);
    expect(readdirSync(dir).filter((n) => n.startsWith("lossy-"))).toEqual([]);

    keptParse(dir, "torn", Buffer.from("y"), "p", () => [1, 2]);
    const [entry] = readdirSync(dir).filter((n) => n.startsWith("torn-"));
    writeFileSync(join(dir, entry as string), "[1, 2"); // a torn write
    expect(keptParse(dir, "torn", Buffer.from("y"), "p", () => [1, 2])).toEqual([1, 2]);
    expect(JSON.parse(readFileSync(join(dir, entry as string), "utf8"))).toEqual([1, 2]);
  });
});

describe("readCsvFile", () => {
  it("reads each nomenclature CSV file the same from the cache as csv-parse does afresh", () => {
    const data = defaultDataDir();
    const files: [string, { columns?: boolean; skip_empty_lines?: boolean }][] = [
      ["hts/pre2025/tariff-database.csv.gz", { skip_empty_lines: true }],
      ["hts/pre2025/calendar.csv", { skip_empty_lines: true }],
      ["cn/hs6.csv", { columns: true }],
      ["cn/hs8.csv", { columns: true }],
      ["cn/hs-descriptions.csv", { columns: true }],
    ];
    for (const [file, options] of files) {
      const path = join(data, file);
      const fresh = readCsvFile(undefined, path, options);
      expect(fresh.length).toBeGreaterThan(10);
      readCsvFile(dir, path, options);
      expect(readCsvFile(dir, path, options)).toEqual(fresh);
    }
    // The database row of live purebred breeding horses (USITC 2024_05 vintage), as kept.
    const db = readCsvFile(dir, join(data, "hts/pre2025/tariff-database.csv.gz"), { skip_empty_lines: true });
    expect(db.find((r) => r[0] === "01012100")?.slice(0, 6)).toEqual([
      "01012100",
      "2012-02-03",
      "2050-12-31",
      "Free",
      "Free",
      "2024_05",
    ]);
  });
});

describe("writeParts and readParts", () => {
  it("read back the header and each part, names in sorted order (numeric-looking ones too)", () => {
    const parts = new Map<string, unknown>([
      ["1001", { six: ["100111"] }],
      ["0101", { six: ["010121"], name: "chevaux" }],
      ["8541", [1, 2, 3]],
    ]);
    writeParts(dir, "parts-test", "k1", { periods: [1, 2] }, parts);
    const kept = readParts<{ periods: number[] }>(dir, "parts-test", "k1");
    expect(kept?.header).toEqual({ periods: [1, 2] });
    expect(kept?.names()).toEqual(["0101", "1001", "8541"]);
    for (const [name, value] of parts) expect(kept?.part(name)).toEqual(value);
    expect(kept?.part("9999")).toBeUndefined();
  });

  it("read back many parts the same, one by one and then all at once", () => {
    const parts = new Map<string, unknown>(
      Array.from({ length: 100 }, (_, k) => [String(1000 + k * 7), { k, name: `héading ${k}` }]),
    );
    writeParts(dir, "parts-test", "many", null, parts);
    const kept = readParts(dir, "parts-test", "many");
    for (const name of [...parts.keys()].reverse()) expect(kept?.part(name)).toEqual(parts.get(name));
  });

  it("read nothing from a torn entry", () => {
    writeParts(dir, "parts-test", "k2", null, new Map([["0101", { a: 1 }]]));
    const path = join(dir, readdirSync(dir).find((n) => n.startsWith("parts-test-k2")) as string);
    writeFileSync(path, readFileSync(path).subarray(0, -2));
    expect(readParts(dir, "parts-test", "k2")).toBeUndefined();
  });
});

describe("keptParts", () => {
  it("builds and keeps the parts once, then reads them back by name", () => {
    const file = join(dir, "parts-source.csv");
    writeFileSync(file, "code\n0101\n1001\n");
    let builds = 0;
    const build = () => {
      builds++;
      return {
        header: "h",
        parts: new Map([
          ["1001", [1]],
          ["0101", [0]],
        ]),
      };
    };
    const first = keptParts(dir, "parts-kept", [], dir, [file], "", build);
    const second = keptParts(dir, "parts-kept", [], dir, [file], "", build);
    expect(builds).toBe(1);
    for (const kept of [first, second]) {
      expect(kept.header).toBe("h");
      expect(kept.names()).toEqual(["0101", "1001"]);
      expect(kept.part("1001")).toEqual([1]);
    }
    expect(keptParts(undefined, "parts-kept", [], dir, [file], "", build).part("0101")).toEqual([0]);
    expect(builds).toBe(2);
  });
});
