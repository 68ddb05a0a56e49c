import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultDataDir } from "../../src/law/load.js";
import {
  affiliatesRuleStatus,
  findAffiliates,
  type ListedOwner,
  loadAffiliatesRule,
  OwnershipRuleError,
  parseOwnershipCsv,
  parseShare,
} from "../../src/screening/ownership.js";
import { parseInstant, US_ZONE } from "../../src/units/time.js";

const rule = loadAffiliatesRule(defaultDataDir());
const listedOwner = (name: string): ListedOwner => ({
  list: "us-entity-list",
  entryId: name,
  name,
  score: 1,
});
const listed = (...names: string[]) => new Map(names.map((n) => [n, listedOwner(n)]));
const affiliatesOf = (csv: string, ...names: string[]) => {
  const { edges, problems } = parseOwnershipCsv(`owner,owned,share\n${csv}`);
  expect(problems).toEqual([]);
  return findAffiliates(edges, listed(...names), rule.thresholdPpm);
};

describe("the affiliates rule's ownership test", () => {
  it("takes its 50% threshold from the rule's data", () => {
    expect(rule.thresholdPpm).toBe(500_000);
    expect(rule.instrument).toMatchObject({ fr: "90 FR 47201", frDoc: "2025-19001" });
  });

  it("captures a party owned 50% or more by a listed party, not 49.9999%", () => {
    expect(
      affiliatesOf("Listed Co,Sub A,50\nListed Co,Sub B,49.9999", "Listed Co").map((a) => a.party),
    ).toEqual(["Sub A"]);
  });

  it("adds the shares of several listed owners (in the aggregate)", () => {
    const [found] = affiliatesOf("L1,Joint,30\nL2,Joint,25\nOther,Joint,45", "L1", "L2");
    expect(found).toMatchObject({ party: "Joint", aggregate: "55%", aggregatePpm: 550_000 });
    expect(found?.owners.map((o) => o.owner)).toEqual(["L1", "L2"]);
  });

  it("follows chains: a captured party's holdings count in full, with the look-through share beside", () => {
    const found = affiliatesOf("L,B,60\nB,C,60\nC,D,50\nL,E,40\nE,F,100", "L");
    expect(found.map((a) => a.party).sort()).toEqual(["B", "C", "D"]);
    const d = found.find((a) => a.party === "D");
    expect(d?.chains).toEqual([{ path: ["L", "B", "C", "D"], lookThrough: "18%" }]);
  });

  it("adds a captured party's share to a listed owner's in the same party", () => {
    const [, x] = affiliatesOf("L,B,50\nB,X,30\nL,X,20", "L");
    expect(x).toMatchObject({ party: "X", aggregate: "50%" });
    expect(x?.chains).toEqual([
      { path: ["L", "B", "X"], lookThrough: "15%" },
      { path: ["L", "X"], lookThrough: "20%" },
    ]);
  });

  it("ends on cycles of ownership", () => {
    const found = affiliatesOf("L,A,50\nA,B,60\nB,A,40\nB,C,10\nC,B,30", "L");
    expect(found.map((a) => a.party).sort()).toEqual(["A", "B"]);
    expect(affiliatesOf("A,B,60\nB,A,60")).toEqual([]);
  });

  it("reports each bad row with its line, and owners holding more than 100%", () => {
    const { edges, problems } = parseOwnershipCsv(
      'owner,owned,share\nA,B,30\nA,A,10\nC,B,abc\nD,B,80\n"E, Inc.",F,12.5%\nG,H\n',
    );
    expect(edges.map((e) => [e.owner, e.owned, e.sharePpm])).toEqual([
      ["A", "B", 300_000],
      ["D", "B", 800_000],
      ["E, Inc.", "F", 125_000],
    ]);
    expect(problems).toEqual([
      { line: 3, message: '"A" cannot own itself' },
      {
        line: 4,
        message:
          'share "abc" is not a percent above 0 and at most 100 with up to 4 decimals (e.g. 30 or 33.3333%)',
      },
      { line: 7, message: "expected 3 fields: owner,owned,share" },
      { line: 2, message: 'the owners of "B" hold 110% together (lines 2, 5): more than 100%' },
    ]);
    expect(parseOwnershipCsv("a,b,c\n").problems).toEqual([
      { line: 1, message: "the header must be owner,owned,share" },
    ]);
    expect(parseShare("100")).toBe(1_000_000);
    expect(parseShare("100.0001")).toBeUndefined();
    expect(parseShare("0")).toBeUndefined();
  });
});

describe("the affiliates rule's dated status (New York time)", () => {
  const at = (text: string) => affiliatesRuleStatus(rule, parseInstant(text, US_ZONE));
  it("is not in force before Sep 29 2025, in force from it (90 FR 47201)", () => {
    expect(at("2025-09-28T23:59").status).toBe("not-yet-in-force");
    expect(at("2025-09-29T00:00")).toMatchObject({
      status: "in-force",
      from: "2025-09-29T04:00:00Z",
      grade: "P",
    });
    expect(at("2025-11-09T23:59")).toMatchObject({ status: "in-force", until: "2025-11-10T05:00:00Z" });
  });

  it("is suspended from Nov 10 2025 to Nov 9 2026, then in force again, a further suspension reported", () => {
    expect(at("2025-11-10T00:00")).toMatchObject({
      status: "suspended",
      until: "2026-11-10T05:00:00Z",
      grade: "S",
    });
    const after = at("2026-12-07T12:00");
    expect(after).toMatchObject({ status: "in-force", from: "2026-11-10T05:00:00Z" });
    expect(after.reported).toEqual({ status: "suspended", until: "2027-01-10T05:00:00Z" });
    expect(at("2027-01-10T00:00").reported).toBeUndefined();
  });
});

describe("the rule's data file", () => {
  it("refuses periods out of order and a missing field (truce check reports it)", () => {
    const text = readFileSync(join(defaultDataDir(), "ownership", "affiliates-rule.yaml"), "utf8");
    const write = (body: string) => {
      const dir = mkdtempSync(join(tmpdir(), "truce-ownership-"));
      mkdirSync(join(dir, "ownership"));
      writeFileSync(join(dir, "ownership", "affiliates-rule.yaml"), body);
      return dir;
    };
    expect(() =>
      loadAffiliatesRule(write(text.replace('from: "2025-11-10 00:00"', 'from: "2025-09-01 00:00"'))),
    ).toThrow("periods must be in order of their start");
    expect(() => loadAffiliatesRule(write(text.replace("thresholdPercent:", "threshold:")))).toThrow(
      OwnershipRuleError,
    );
  });
});
