/**
 * The law's measures are ordered by priority, then by id compared by code units (byPriorityThenId):
 * the order the root collation gives ids written in [a-z0-9.-], without loading a collator.
 */
import { describe, expect, it } from "vitest";
import { byPriorityThenId } from "../../src/law/load.js";
import { loadLaw } from "../../src/law/read-law.js";

describe("the order of measures", () => {
  it("is the root collation's order of ids within a priority", () => {
    const law = loadLaw();
    const collated = [...law.measures].sort(
      (a, b) => a.priority - b.priority || a.id.localeCompare(b.id, "und"),
    );
    expect(law.measures.map((m) => m.id)).toEqual(collated.map((m) => m.id));
    const ids = [
      "a-b",
      "a.b",
      "ab",
      "a0",
      "a",
      "a-",
      "9z",
      "z9",
      "s301-list1",
      "s301-list1-excl",
      "s301.list1",
    ];
    const byCodeUnits = ids.map((id) => ({ id, priority: 0 }) as never).sort(byPriorityThenId);
    expect(byCodeUnits.map((m: { id: string }) => m.id)).toEqual(
      [...ids].sort((a, b) => a.localeCompare(b, "und")),
    );
  });
});
