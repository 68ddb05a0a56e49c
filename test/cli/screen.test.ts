import { describe, expect, it } from "vitest";
import { truce } from "../run-cli.js";

// The Entity List entries of data/screening/us-entity-list.yaml: Naura Technology Group Co., Ltd.,
// Piotech and Shenzhen SiCarrier Technologies Co., Ltd. added Dec 2 2024 (89 FR 96830); Sophgo
// Technologies Ltd. added Jan 16 2025 (90 FR 4621).
describe("truce screen", () => {
  it("prints the contract's JSON: hits with list, name, score, entry, listing date, instrument, reasons", () => {
    const r = truce("screen", "NAURA TECHNOLOGY GROUP CO., LTD.", "--at", "2025-06-01", "--json");
    expect(r.status).toBe(0);
    const [hit] = JSON.parse(r.stdout).hits;
    expect(hit).toMatchObject({
      list: "us-entity-list",
      name: "Naura Technology Group Co., Ltd.",
      score: 1,
      entryId: "el-2024-12-02-naura-technology-group",
      listedOn: "2024-12-02",
    });
    expect(hit.instrument.citation).toMatch(/FR/);
    expect(hit.reasons).toContain("legal forms and stopwords ignored: group, co, ltd");
  });

  it("finds a party by the Chinese name MOFCOM gives it (2026 No. 23, Jun 22 2026), not before", () => {
    const r = truce("screen", "芒廷帕斯材料公司", "--at", "2026-06-22", "--json");
    expect(JSON.parse(r.stdout).hits[0]).toMatchObject({
      list: "cn-export-control-list",
      name: "MP Materials Corp.",
      entryId: "ecl-2026-06-22-mp-materials",
      score: 1,
    });
    expect(JSON.parse(truce("screen", "芒廷帕斯材料公司", "--at", "2026-06-21", "--json").stdout)).toEqual({
      hits: [],
    });
  });

  it("finds no hit before the entry was listed", () => {
    const r = truce("screen", "Naura Technology Group", "--at", "2024-12-01", "--json");
    expect(JSON.parse(r.stdout)).toEqual({ hits: [] });
  });

  it("screens every row of a names file, reporting bad rows with their line", () => {
    const r = truce("screen", "--input", "test/fixtures/screening/names.csv", "--at", "2025-06-01", "--json");
    expect(r.status).toBe(0);
    const rows = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows.map((row) => [row.line, row.hits?.[0]?.entryId ?? row.error])).toEqual([
      [2, "el-2024-12-02-naura-technology-group"],
      [3, "el-2025-01-16-sophgo-technologies-ltd"],
      [4, 'the name "---" has no letters or digits to match'],
      [5, "expected 2 fields (name,country)"],
    ]);
  });

  it("applies the affiliates rule to an ownership graph, in force or suspended by date", () => {
    const r = truce(
      "screen",
      "--ownership",
      "test/fixtures/screening/ownership.csv",
      "--at",
      "2025-10-15",
      "--json",
    );
    const { ownership } = JSON.parse(r.stdout);
    expect(ownership.rule).toMatchObject({
      status: "in-force",
      instrument: expect.stringMatching(/90 FR 47201/),
    });
    expect(
      ownership.affiliates.map((a: { party: string; aggregate: string; restricted: boolean }) => [
        a.party,
        a.aggregate,
        a.restricted,
      ]),
    ).toEqual([
      ["Beijing NMC Co", "60%", true],
      ["Joint Venture X", "50%", true],
      ["NMC Sub", "50%", true],
    ]);
    expect(ownership.problems).toEqual([{ line: 6, message: '"A" cannot own itself' }]);
    const later = JSON.parse(
      truce("screen", "--ownership", "test/fixtures/screening/ownership.csv", "--at", "2025-12-01", "--json")
        .stdout,
    ).ownership;
    expect(later.rule.status).toBe("suspended");
    expect(later.affiliates.every((a: { restricted: boolean }) => !a.restricted)).toBe(true);
  });

  it("refuses a bad threshold, a bad instant and no name", () => {
    expect(truce("screen", "Huawei", "--threshold", "2").status).toBe(2);
    expect(truce("screen", "Huawei", "--at", "yesterday").stderr).toMatch(/--at/);
    expect(truce("screen").stderr).toMatch(/give one of/);
  });
});
