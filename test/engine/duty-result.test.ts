/**
 * What `Engine.duty` keeps between calls must not leak from one result into another: the base rate's
 * citation names each entry's own revision whatever the order of the dates asked, and the notApplied
 * list a simple entry's result shares with the other results of its period cannot be changed
 * through a result.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { NotApplied } from "../../src/engine/contract.js";
import { parseEntry } from "../../src/entry/parse.js";
import { loadTruce, type Truce } from "../../src/truce.js";

let t: Truce;
beforeAll(() => {
  t = loadTruce();
});

function dutyOf(code: string, origin: string, date: string, value: string) {
  const { entry, instant } = parseEntry({ code, origin, date, value, importer: "US" }, t);
  return t.engine.duty(entry, instant);
}

describe("duty results and what the engine keeps", () => {
  it("cites the revision in force on each entry's date, dates alternating", () => {
    const cited = ["2025-03-01", "2026-03-01", "2025-03-01", "2026-03-01"].map(
      (date) => dutyOf("7605210000", "DE", date, "100").layers[0]?.citation,
    );
    expect(cited).toEqual([
      "HTSUS 2025_rev_3, 7605.21.00.00, column 1 general",
      "HTSUS 2026_rev_4, 7605.21.00.00, column 1 general",
      "HTSUS 2025_rev_3, 7605.21.00.00, column 1 general",
      "HTSUS 2026_rev_4, 7605.21.00.00, column 1 general",
    ]);
  });

  it("gives each result of a period the same not-applied list, which no result can change", () => {
    const first = dutyOf("8450110040", "CN", "2024-11-06", "279.90");
    const measures = ["s201-washers-in-quota", "s201-washers-over-quota"];
    expect(first.notApplied.map((n) => n.measure)).toEqual(measures);
    const extra: NotApplied = { heading: "9903.88.15", authority: "x", measure: "x", reason: "x" };
    expect(() => (first.notApplied as NotApplied[]).push(extra)).toThrow(TypeError);
    const second = dutyOf("8450110040", "CN", "2024-11-07", "5000");
    expect(second.notApplied.map((n) => n.measure)).toEqual(measures);
  });
});
