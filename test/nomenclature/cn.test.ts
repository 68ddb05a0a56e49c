/**
 * China's schedule (data/cn/hs6.csv, hs8.csv) kept split by heading: a call for one code reads its
 * heading's rows only; read back by heading, the schedule answers as read from the files.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { loadCnSchedule } from "../../src/nomenclature/cn.js";

const dir = join(import.meta.dirname, "..", "..", "data", "cn");
const rows = (name: string) =>
  parse(readFileSync(join(dir, name)), { columns: true }) as Record<string, string>[];

describe("China's schedule kept by heading", () => {
  it("answers from the kept headings as from the files, every code in file order", () => {
    const cache = mkdtempSync(join(tmpdir(), "truce-cn-"));
    try {
      const files = loadCnSchedule(dir, undefined);
      // The first use writes the entry; a second schedule reads it back by heading.
      expect(loadCnSchedule(dir, cache).lookup("1201.90")).toEqual(files.lookup("1201.90"));
      expect(readdirSync(cache).some((n) => n.startsWith("cn-tables-"))).toBe(true);
      const kept = loadCnSchedule(dir, cache);

      const hs6 = rows("hs6.csv").map((r) => r.hs6);
      const hs8 = rows("hs8.csv").map((r) => r.hs8);
      expect([...kept.codes()]).toEqual(hs6);
      expect([...kept.lines8()].map((l) => l.code)).toEqual(hs8);
      expect([...kept.lines8()]).toEqual([...files.lines8()]);

      const asked = [
        ...hs6.filter((_, k) => k % 7 === 0),
        ...hs8.filter((_, k) => k % 5 === 0),
        ...hs8.filter((_, k) => k % 11 === 0).map((c) => `${c}00`),
        "120190",
        "999999",
        "0101",
        "12019099",
      ];
      for (const code of asked) {
        const a = kept.lookup(code);
        const b = files.lookup(code);
        if ("message" in a && "message" in b) {
          expect(a.message).toBe(b.message);
          expect(a.suggestions()).toEqual(b.suggestions());
        } else expect(a, code).toEqual(b);
        expect(kept.hs6(code)).toEqual(files.hs6(code));
      }
      expect(kept.baseRates.mfn("120190", "2025-04-15")).toEqual(files.baseRates.mfn("120190", "2025-04-15"));
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
