/**
 * The export-control engine on the data of data/controls, with the cases the sources state:
 * MOFCOM/GAC 2025 No. 18 (licence for dysprosium items from Apr 4 2025), No. 61's 0.1% rule
 * (from Dec 1 2025, suspended by No. 70 until Nov 10 2026, reported extended to Jan 10 2027),
 * 2024 No. 46 clause 2 (the Ga/Ge/Sb ban on the US, suspended Nov 9 2025 to Nov 27 2026), the
 * US Entity List (EAR § 744.11) and the affiliates rule (90 FR 47201, suspended from Nov 10 2025).
 */
import { describe, expect, it } from "vitest";
import { checkControls, controlAt } from "../../src/controls/check.js";
import { loadControls } from "../../src/controls/load.js";
import { ControlQueryError, parseControlQuery } from "../../src/controls/query.js";
import { applyControlScenario } from "../../src/controls/scenario.js";
import { defaultDataDir } from "../../src/law/load.js";
import { loadLaw } from "../../src/law/read-law.js";
import { scenarioById } from "../../src/law/scenario.js";
import { parseInstant, US_ZONE } from "../../src/units/time.js";

const dataDir = defaultDataDir();
const controls = loadControls(dataDir, loadLaw({ dataDir }).horizon);

function check(input: Parameters<typeof parseControlQuery>[0], set = controls) {
  return checkControls(set, parseControlQuery(input));
}
const line = (a: ReturnType<typeof check>, id: string) => a.controls.find((l) => l.control === id);

describe("China's rare-earth controls", () => {
  it("requires a licence under No. 18 for a magnet with 0.3% dysprosium shipped from China to the US on 2025-06-01", () => {
    const a = check({ item: "NdFeB magnet", from: "CN", to: "US", contains: ["Dy:0.3%"], at: "2025-06-01" });
    expect(a.licenceRequired).toBe(true);
    expect(a.prohibited).toBe(false);
    const l = line(a, "cn-2025-18-rare-earths");
    expect(l?.status).toBe("in-force");
    expect(l?.instrument).toBe("MOFCOM/GAC Announcement 2025 No. 18 (Apr 4 2025)");
    expect(l?.from).toBe("2025-04-03T16:00:00Z");
    expect(l?.reason).toContain("terbium or dysprosium");
  });

  it("requires none the day before No. 18, and none for a magnet without a listed element", () => {
    expect(
      check({ item: "magnet", from: "CN", to: "US", contains: ["Dy:0.3"], at: "2025-04-03" }).licenceRequired,
    ).toBe(false);
    expect(
      check({ item: "magnet", from: "CN", to: "US", contains: ["Nd:30"], at: "2025-06-01" }).licenceRequired,
    ).toBe(false);
  });

  it("shows No. 61's 0.1% rule suspended by No. 70 on 2025-12-15, resuming 2026-11-10 (reported 2027-01-10)", () => {
    const a = check({
      item: "permanent magnet",
      from: "DE",
      to: "US",
      contains: ["Dy:0.2"],
      at: "2025-12-15T12:00+01:00",
    });
    expect(a.licenceRequired).toBe(false);
    const l = line(a, "cn-2025-61-foreign-content");
    expect(l?.status).toBe("suspended");
    expect(l?.resumesOn).toBe("2026-11-09T16:00:00Z");
    expect(l?.resumesWhen).toBe("2026-11-10 00:00 CST (UTC+8)");
    expect(l?.reportedResumesOn).toBe("2027-01-09T16:00:00Z");
    expect(l?.reason).toContain("MOFCOM/GAC Announcement 2025 No. 70");
    expect(l?.events).toContain("busan-summit-2025-10-30");
    expect(l?.unconfirmed.some((f) => f.fact.includes("Jan 10 2027"))).toBe(true);
    expect(a.next).toMatchObject({ at: "2026-11-09T16:00:00Z", licenceRequired: true });
  });

  it("does not reach 0.05% Chinese-origin content, nor an item made in China", () => {
    const below = check({
      item: "magnet",
      from: "DE",
      to: "US",
      contains: ["Dy:0.05"],
      at: "2025-12-15T12:00Z",
    });
    expect(line(below, "cn-2025-61-foreign-content")).toBeUndefined();
  });

  it("applies No. 61 from 2025-12-01 when a scenario lifts the suspension", () => {
    const lifted = applyControlScenario(controls, scenarioById("controls-not-suspended", dataDir));
    const a = check(
      { item: "magnet", from: "DE", to: "US", contains: ["Dy:0.2"], at: "2025-12-15T12:00Z" },
      lifted,
    );
    expect(a.licenceRequired).toBe(true);
    const l = line(a, "cn-2025-61-foreign-content");
    expect(l?.status).toBe("in-force");
    expect(l?.reason).toContain("0.2%, at least 0.1%");
  });

  it("keeps No. 61 suspended to 2027-01-10 under the scenario taking the reported extension as made", () => {
    const extended = applyControlScenario(
      controls,
      scenarioById("control-suspensions-extended-2027-01-10", dataDir),
    );
    const a = check(
      { item: "magnet", from: "DE", to: "US", contains: ["Dy:0.2"], at: "2026-12-01T12:00Z" },
      extended,
    );
    expect(a.licenceRequired).toBe(false);
    expect(line(a, "cn-2025-61-foreign-content")?.resumesOn).toBe("2027-01-09T16:00:00Z");
    expect(line(a, "cn-2025-61-foreign-content")?.provisional).toContain(
      "hypothetical: scenario control-suspensions-extended-2027-01-10",
    );
    const base = check({
      item: "magnet",
      from: "DE",
      to: "US",
      contains: ["Dy:0.2"],
      at: "2026-12-01T12:00Z",
    });
    expect(base.licenceRequired).toBe(true);
    expect(line(base, "cn-2025-61-foreign-content")?.status).toBe("reimposed");
    expect(base.beyondHorizon).toBe(true);
  });
});

describe("China's gallium, germanium and antimony ban on the US (2024 No. 46, clause 2)", () => {
  it("bans gallium to the US on 2025-01-15", () => {
    const a = check({ item: "gallium metal", from: "CN", to: "US", at: "2025-01-15" });
    expect(a.prohibited).toBe(true);
    expect(line(a, "cn-2024-46-ga-ge-sb-superhard")?.status).toBe("in-force");
    expect(line(a, "cn-2023-23-gallium-germanium")?.status).toBe("in-force");
  });

  it("shows the ban suspended on 2026-01-15, resuming 2026-11-27, and the licence of 2023 No. 23 still required", () => {
    const a = check({ item: "gallium metal", from: "CN", to: "US", at: "2026-01-15" });
    expect(a.prohibited).toBe(false);
    expect(a.licenceRequired).toBe(true);
    const l = line(a, "cn-2024-46-ga-ge-sb-superhard");
    expect(l?.status).toBe("suspended");
    expect(l?.resumesOn).toBe("2026-11-26T16:00:00Z");
    expect(a.next).toMatchObject({ at: "2026-11-26T16:00:00Z", prohibited: true });
  });

  it("matches the HS codes of 2024 No. 33: antimony metal 8110.10.10 to Germany needs a licence, not banned", () => {
    const a = check({ item: "8110101000", from: "CN", to: "DE", at: "2025-01-15" });
    expect(a.licenceRequired).toBe(true);
    expect(a.prohibited).toBe(false);
    expect(a.controls.map((l) => l.control)).toEqual(["cn-2024-33-antimony-superhard"]);
  });
});

describe("item matching", () => {
  it("takes a symbol alone for its element (Ga), never a word of a sentence (In, As)", () => {
    expect(check({ item: "Ga", from: "CN", to: "US", at: "2025-01-15" }).prohibited).toBe(true);
    expect(
      check({ item: "Magnets In bulk As ordered", from: "CN", to: "US", at: "2025-03-01" }).controls,
    ).toEqual([]);
  });

  it("reads element names as whole words: 'printing' names no tin, 'gallium arsenide wafer' names gallium", () => {
    const printing = check({ item: "printing equipment", from: "CN", to: "US", at: "2025-01-15" });
    expect(printing.controls).toEqual([]);
    const wafer = check({ item: "gallium arsenide wafer", from: "CN", to: "US", at: "2025-01-15" });
    expect(wafer.prohibited).toBe(true);
  });

  it("says when an HS heading given is wider than the code the control lists", () => {
    const a = check({ item: "2805.30", from: "CN", to: "JP", at: "2025-06-01" });
    expect(line(a, "cn-2025-18-rare-earths")?.reason).toContain("HS 2805301910 (within the 280530 given)");
  });
});

describe("listed parties", () => {
  const huawei = [
    { list: "us-entity-list" as const, name: "Huawei Technologies Co., Ltd.", entryId: "test" },
  ];
  it("requires a licence under EAR § 744.11 for any item to an Entity List party from the US", () => {
    const a = check({ item: "laptop", from: "US", to: "CN", at: "2025-06-01", partyHits: huawei });
    expect(a.licenceRequired).toBe(true);
    expect(a.controls.map((l) => l.control)).toEqual(["us-ear-744-11-entity-list"]);
    expect(check({ item: "laptop", from: "US", to: "CN", at: "2025-06-01" }).licenceRequired).toBe(false);
  });

  it("holds the affiliates rule in force 2025-09-29 to 2025-11-09, suspended from 2025-11-10 to 2026-11-10", () => {
    const q = { item: "laptop", from: "US", to: "CN", ownedByListed: true };
    expect(check({ ...q, at: "2025-10-15" }).licenceRequired).toBe(true);
    const a = check({ ...q, at: "2025-12-01" });
    expect(a.licenceRequired).toBe(false);
    expect(a.controls[0]).toMatchObject({
      control: "us-affiliates-rule",
      status: "suspended",
      resumesOn: "2026-11-10T05:00:00Z",
    });
  });

  it("denies exports from China to a party on China's export-control list", () => {
    const a = check({
      item: "drone parts",
      from: "CN",
      to: "US",
      at: "2025-06-01",
      partyHits: [{ list: "cn-export-control-list", name: "Example Corp" }],
    });
    expect(a.prohibited).toBe(true);
  });
});

describe("bad queries", () => {
  const base = { item: "magnet", from: "CN", to: "US", at: "2025-06-01" };
  it.each([
    [{ ...base, contains: ["Qq:0.3"] }, "contains", '"Qq" is not a chemical element'],
    [{ ...base, contains: ["Dy:150"] }, "contains", "out of range"],
    [{ ...base, contains: ["Dy:0"] }, "contains", "out of range"],
    [{ ...base, to: "XX" }, "to", "not an ISO 3166"],
    [{ ...base, to: "ZZ" }, "to", "not an ISO 3166"],
    [{ ...base, origin: "QQ" }, "origin", "not an ISO 3166"],
    [{ ...base, from: "USA" }, "from", "not an ISO 3166"],
    [{ ...base, at: "2025-02-30" }, "at", "2025-02-30"],
    [{ ...base, from: "DE", at: "2025-06-01" }, "at", "give the offset"],
  ])("refuses %j", (input, field, message) => {
    let error: unknown;
    try {
      parseControlQuery(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ControlQueryError);
    expect((error as ControlQueryError).field).toBe(field);
    expect((error as Error).message).toContain(message);
  });
});

describe("one control's dates alone (the affiliates rule, read by truce screen --ownership)", () => {
  const at = (text: string) => controlAt(controls, "us-affiliates-rule", parseInstant(text, US_ZONE));
  it("is in force from 2025-09-29 00:00 in New York (90 FR 47201) and not before", () => {
    expect(at("2025-09-28T23:59")).toBeUndefined();
    expect(at("2025-09-29T00:00")).toMatchObject({
      status: "in-force",
      applies: true,
      from: "2025-09-29T04:00:00Z",
      until: "2025-11-10T05:00:00Z",
      grade: "P",
    });
  });

  it("is suspended from 2025-11-10 to 2026-11-10 (a later end reported, unconfirmed), then reimposed", () => {
    expect(at("2025-11-10T00:00")).toMatchObject({
      status: "suspended",
      applies: false,
      resumesOn: "2026-11-10T05:00:00Z",
      reportedResumesOn: "2027-01-10T05:00:00Z",
    });
    expect(at("2026-12-07T12:00")).toMatchObject({
      status: "reimposed",
      applies: true,
      from: "2026-11-10T05:00:00Z",
    });
    expect(controlAt(controls, "no-such-control", Date.UTC(2026, 0, 1))).toBeUndefined();
  });
});
