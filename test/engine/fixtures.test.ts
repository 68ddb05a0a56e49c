/**
 * The cited duty cases of shared/fixtures/us-china-duty-cases.md (TC01–TC26), as settled there after
 * checking the Chapter 99 notes, plus boundary instants of our own from the instruments' texts.
 * Customs value $10,000; origin China; entries at 12:01 a.m. Eastern unless `at` is given.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { DutyResult } from "../../src/engine/contract.js";
import { loadTruce, type Truce } from "../../src/truce.js";
import { parseInstant, US_ZONE } from "../../src/units/time.js";

let t: Truce;
beforeAll(() => {
  t = loadTruce();
});

interface Case {
  id: string;
  code: string;
  at: string;
  rate: number;
  amount: number;
  headings: string[];
  source: string;
}

const cases: Case[] = [
  {
    id: "TC01",
    code: "8507600020",
    at: "2025-12-01",
    rate: 30.9,
    amount: 3090,
    headings: ["9903.88.15", "9903.01.24", "9903.01.25"],
    source: "85 FR 3741; CSMS 66749380",
  },
  {
    id: "TC02",
    code: "8507600020",
    at: "2026-01-05",
    rate: 48.4,
    amount: 4840,
    headings: ["9903.91.06", "9903.01.24", "9903.01.25"],
    source: "89 FR 76581; CSMS 66749380",
  },
  {
    id: "TC03",
    code: "8507600020",
    at: "2026-03-02",
    rate: 38.4,
    amount: 3840,
    headings: ["9903.91.06", "9903.03.01"],
    source: "CSMS 67834313; CSMS 67844987",
  },
  {
    id: "TC04a",
    code: "8507600010",
    at: "2024-09-26",
    rate: 10.9,
    amount: 1090,
    headings: ["9903.88.15"],
    source: "85 FR 3741",
  },
  {
    id: "TC04b",
    code: "8507600010",
    at: "2024-09-27",
    rate: 28.4,
    amount: 2840,
    headings: ["9903.91.01"],
    source: "89 FR 76581; CSMS 62411889",
  },
  {
    id: "TC05",
    code: "87038000",
    at: "2019-06-03",
    rate: 27.5,
    amount: 2750,
    headings: ["9903.88.01"],
    source: "83 FR 28710 (List 1)",
  },
  {
    id: "TC06",
    code: "87038000",
    at: "2024-10-01",
    rate: 102.5,
    amount: 10250,
    headings: ["9903.91.03"],
    source: "89 FR 76581",
  },
  {
    id: "TC07",
    code: "87038000",
    at: "2025-04-15",
    rate: 147.5,
    amount: 14750,
    headings: ["9903.94.01", "9903.91.03", "9903.01.24"],
    source: "Procl 10908; EO 14228; chronology §2 rules 5, 6",
  },
  {
    id: "TC08",
    code: "87038000",
    at: "2025-11-12",
    rate: 137.5,
    amount: 13750,
    headings: ["9903.94.01", "9903.91.03", "9903.01.24"],
    source: "CSMS 66749380",
  },
  {
    id: "TC09",
    code: "87038000",
    at: "2026-03-02",
    rate: 127.5,
    amount: 12750,
    headings: ["9903.94.01", "9903.91.03"],
    source: "CSMS 67834313; CSMS 67844987 (9903.03.06)",
  },
  {
    id: "TC10",
    code: "8541430010",
    at: "2025-11-01",
    rate: 94,
    amount: 9400,
    headings: ["9903.91.02", "9903.45.25", "9903.01.24", "9903.01.25"],
    source: "89 FR 76581; note 18(h); CSMS 66749380",
  },
  {
    id: "TC11",
    code: "8541430010",
    at: "2025-11-10",
    rate: 84,
    amount: 8400,
    headings: ["9903.91.02", "9903.45.25", "9903.01.24", "9903.01.25"],
    source: "CSMS 66749380",
  },
  {
    id: "TC12",
    code: "8541430010",
    at: "2026-03-02",
    rate: 60,
    amount: 6000,
    headings: ["9903.91.02", "9903.03.01"],
    source: "note 18(h) expiry; CSMS 67844987",
  },
  {
    id: "TC13",
    code: "8517130000",
    at: "2025-04-20",
    rate: 20,
    amount: 2000,
    headings: ["9903.01.24"],
    source: "Apr 11 2025 memorandum; EO 14228",
  },
  {
    id: "TC14a",
    code: "8517130000",
    at: "2025-11-12",
    rate: 10,
    amount: 1000,
    headings: ["9903.01.24"],
    source: "CSMS 66749380",
  },
  {
    id: "TC14b",
    code: "8517130000",
    at: "2026-03-02",
    rate: 0,
    amount: 0,
    headings: [],
    source: "note 2(aa)(ii) (9903.03.03)",
  },
  {
    id: "TC15",
    code: "6102200010",
    at: "2019-09-05",
    rate: 30.9,
    amount: 3090,
    headings: ["9903.88.15"],
    source: "84 FR 45821",
  },
  {
    id: "TC16",
    code: "6102200010",
    at: "2020-02-20",
    rate: 23.4,
    amount: 2340,
    headings: ["9903.88.15"],
    source: "85 FR 3741",
  },
  {
    id: "TC17",
    code: "6102200010",
    at: "2025-04-11",
    rate: 168.4,
    amount: 16840,
    headings: ["9903.88.15", "9903.01.24", "9903.01.63"],
    source: "CSMS 64701128; EO 14228",
  },
  {
    id: "TC18",
    code: "6102200010",
    at: "2025-05-15",
    rate: 53.4,
    amount: 5340,
    headings: ["9903.88.15", "9903.01.24", "9903.01.25"],
    source: "EO 14298",
  },
  {
    id: "TC22a",
    code: "40151210",
    at: "2024-12-01",
    rate: 7.5,
    amount: 750,
    headings: ["9903.88.15"],
    source: "85 FR 3741",
  },
  {
    id: "TC22b",
    code: "40151210",
    at: "2025-02-10",
    rate: 60,
    amount: 6000,
    headings: ["9903.91.05", "9903.01.20"],
    source: "89 FR 76581; EO 14195",
  },
  {
    id: "TC22c",
    code: "40151210",
    at: "2025-04-15",
    rate: 195,
    amount: 19500,
    headings: ["9903.91.05", "9903.01.24", "9903.01.63"],
    source: "CSMS 64701128",
  },
  {
    id: "TC22d",
    code: "40151210",
    at: "2026-01-15",
    rate: 120,
    amount: 12000,
    headings: ["9903.91.08", "9903.01.24", "9903.01.25"],
    source: "89 FR 76581 (gloves 100% 2026)",
  },
  {
    id: "TC22e",
    code: "40151210",
    at: "2026-03-02",
    rate: 110,
    amount: 11000,
    headings: ["9903.91.08", "9903.03.01"],
    source: "CSMS 67844987",
  },
  {
    id: "TC23a",
    code: "85423100",
    at: "2024-12-15",
    rate: 25,
    amount: 2500,
    headings: ["9903.88.02"],
    source: "83 FR 40823",
  },
  {
    id: "TC23b",
    code: "85423100",
    at: "2025-01-10",
    rate: 50,
    amount: 5000,
    headings: ["9903.91.05"],
    source: "89 FR 76581",
  },
  {
    id: "TC23c",
    code: "85423100",
    at: "2025-04-15",
    rate: 70,
    amount: 7000,
    headings: ["9903.91.05", "9903.01.24"],
    source: "Apr 11 2025 memorandum",
  },
  {
    id: "TC23d",
    code: "85423100",
    at: "2025-11-12",
    rate: 60,
    amount: 6000,
    headings: ["9903.91.05", "9903.01.24"],
    source: "CSMS 66749380",
  },
  {
    id: "TC23e",
    code: "85423100",
    at: "2026-03-02",
    rate: 50,
    amount: 5000,
    headings: ["9903.91.05"],
    source: "note 2(aa)(ii)",
  },
];

function duty(
  code: string,
  at: string,
  extra: Partial<Parameters<Truce["engine"]["duty"]>[0]> = {},
): DutyResult {
  return t.engine.duty({ code, origin: "CN", valueCents: 1_000_000, ...extra }, parseInstant(at, US_ZONE));
}

const special = (r: DutyResult) => r.layers.filter((l) => l.authority !== "mfn").map((l) => l.heading);

describe("shared fixtures (us-china-duty-cases.md)", () => {
  for (const c of cases) {
    it(`${c.id}: ${c.code} on ${c.at} = ${c.rate}% ($${c.amount}) [${c.source}]`, () => {
      const r = duty(c.code, c.at);
      expect(special(r)).toEqual(c.headings);
      expect(r.totalRate).toBe(c.rate);
      expect(r.totalCents).toBe(c.amount * 100);
      expect(r.complete).toBe(true);
    });
  }

  it("TC07: reciprocal is considered and not applied on a 232 good (9903.01.33)", () => {
    const r = duty("87038000", "2025-04-15");
    expect(r.notApplied).toContainEqual(
      expect.objectContaining({ heading: "9903.01.33", authority: "ieepa-reciprocal" }),
    );
    expect(r.notApplied).toContainEqual(
      expect.objectContaining({ heading: "9903.88.01", authority: "section-301" }),
    );
  });

  it("TC26 (provisional): a claimed 301 exclusion holds through 11:59 p.m. EDT Nov 9 2026, then the list rate applies", () => {
    const claims = ["9903.88.69"];
    const during = duty("8483509040", "2026-06-01", { claims });
    expect(special(during)).not.toContain("9903.88.01");
    expect(during.notApplied).toContainEqual(expect.objectContaining({ heading: "9903.88.69" }));
    const last = duty("8483509040", "2026-11-09T23:59", { claims });
    expect(special(last)).not.toContain("9903.88.01");
    const after = duty("8483509040", "2026-11-10", { claims });
    expect(special(after)).toContain("9903.88.01");
    const unclaimed = duty("8483509040", "2026-06-01");
    expect(special(unclaimed)).toContain("9903.88.01");
  });
});

describe("boundary instants from the instruments", () => {
  it("fentanyl 10% starts at 12:01 a.m. EST Feb 4 2025 (EO 14195)", () => {
    expect(special(duty("6102200010", "2025-02-04T00:00"))).not.toContain("9903.01.20");
    expect(special(duty("6102200010", "2025-02-04T00:01"))).toContain("9903.01.20");
  });

  it("the same wall time in Beijing is a different instant: 13:01 CST Feb 4 is 00:01 EST", () => {
    const beijing = t.engine.duty(
      { code: "6102200010", origin: "CN", valueCents: 1_000_000 },
      parseInstant("2025-02-04T13:01+08:00", US_ZONE),
    );
    expect(special(beijing)).toContain("9903.01.20");
    const earlier = t.engine.duty(
      { code: "6102200010", origin: "CN", valueCents: 1_000_000 },
      parseInstant("2025-02-04T12:59+08:00", US_ZONE),
    );
    expect(special(earlier)).not.toContain("9903.01.20");
  });

  it("IEEPA duties end for entries at 12:00 a.m. EST Feb 24 2026 (CSMS 67834313)", () => {
    expect(special(duty("6102200010", "2026-02-23T23:59"))).toEqual([
      "9903.88.15",
      "9903.01.24",
      "9903.01.25",
    ]);
    const after = duty("6102200010", "2026-02-24T00:00");
    expect(special(after)).toEqual(["9903.88.15"]);
    expect(after.notApplied.map((n) => n.heading)).toEqual(
      expect.arrayContaining(["9903.01.24", "9903.01.25"]),
    );
  });

  it("Section 122 starts at 12:01 a.m. EST Feb 24 2026 and its in-transit rule (9903.03.02) ends Feb 28", () => {
    const loadedOn = parseInstant("2026-02-20", US_ZONE);
    const inTransit = duty("6102200010", "2026-02-25", { loadedOn, mode: "vessel" });
    expect(special(inTransit)).toEqual(["9903.88.15"]);
    expect(inTransit.notApplied).toContainEqual(expect.objectContaining({ heading: "9903.03.02" }));
    expect(special(duty("6102200010", "2026-02-28", { loadedOn, mode: "vessel" }))).toEqual([
      "9903.88.15",
      "9903.03.01",
    ]);
  });

  it('Section 122 in-transit relief (9903.03.02) is for goods "loaded onto a vessel": air cargo pays', () => {
    const loadedOn = parseInstant("2026-02-20", US_ZONE);
    const noMode = duty("6102200010", "2026-02-25", { loadedOn });
    expect(special(noMode)).toContain("9903.03.01");
    expect(noMode.warnings.join("\n")).toMatch(
      /in-transit relief 9903\.03\.02 is only for goods carried by vessel/,
    );
    for (const mode of ["air", "truck"] as const)
      expect(special(duty("6102200010", "2026-02-25", { loadedOn, mode }))).toEqual([
        "9903.88.15",
        "9903.03.01",
      ]);
  });

  it('fentanyl in-transit relief (9903.01.23) covers goods "in transit on the final mode of transport": any mode', () => {
    const loadedOn = parseInstant("2025-01-31", US_ZONE);
    for (const mode of ["vessel", "air", "truck"] as const) {
      const r = duty("6102200010", "2025-02-10", { loadedOn, mode });
      expect(special(r)).not.toContain("9903.01.20");
      expect(r.notApplied).toContainEqual(expect.objectContaining({ heading: "9903.01.23" }));
    }
    // loaded after the cut-off, or entered from Mar 7 2025: charged
    expect(
      special(
        duty("6102200010", "2025-02-10", { loadedOn: parseInstant("2025-02-02", US_ZONE), mode: "air" }),
      ),
    ).toContain("9903.01.20");
  });

  it("reciprocal in-transit entries qualify until June 16 2025 (CBP's update of CSMS 64680374)", () => {
    const loadedOn = parseInstant("2025-04-03", US_ZONE);
    const june = duty("6102200010", "2025-06-10", { loadedOn, mode: "vessel" });
    expect(june.notApplied).toContainEqual(expect.objectContaining({ heading: "9903.01.28" }));
    expect(special(duty("6102200010", "2025-06-16", { loadedOn, mode: "vessel" }))).toContain("9903.01.25");
  });

  it("reciprocal in-transit (9903.01.28) is for vessels only", () => {
    const loadedOn = parseInstant("2025-04-03", US_ZONE);
    const vessel = duty("6102200010", "2025-04-11", { loadedOn, mode: "vessel" });
    expect(vessel.totalRate).toBe(43.4);
    expect(vessel.notApplied).toContainEqual(expect.objectContaining({ heading: "9903.01.28" }));
    expect(duty("6102200010", "2025-04-11", { loadedOn, mode: "air" }).totalRate).toBe(168.4);
  });

  it("List 3 goods exported before May 10 2019 and entered before June 15 2019 stay at 10% (9903.88.09)", () => {
    const loadedOn = parseInstant("2019-05-01", US_ZONE);
    const code = "94036080";
    expect(duty(code, "2019-05-09").layers.find((l) => l.heading === "9903.88.03")?.rate).toBe(10);
    expect(duty(code, "2019-05-10").layers.find((l) => l.heading === "9903.88.03")?.rate).toBe(25);
    expect(duty(code, "2019-06-01", { loadedOn }).layers.find((l) => l.heading === "9903.88.09")?.rate).toBe(
      10,
    );
    expect(duty(code, "2019-06-15", { loadedOn }).layers.find((l) => l.heading === "9903.88.03")?.rate).toBe(
      25,
    );
  });

  it("232 aluminum on the aluminum content; from June 4 2025 reciprocal on the rest (Procl 10947, CSMS 65236574)", () => {
    const entry = { code: "76101000", origin: "CN", valueCents: 100_000, aluminumCents: 60_000 };
    const after = t.engine.duty(entry, parseInstant("2025-09-01", US_ZONE));
    const byHeading = Object.fromEntries(after.layers.map((l) => [l.heading, l]));
    expect(byHeading["9903.85.07"]).toMatchObject({
      rate: 50,
      base: "aluminum-content",
      baseCents: 60_000,
      amountCents: 30_000,
    });
    expect(byHeading["9903.01.25"]).toMatchObject({ rate: 10, baseCents: 40_000, amountCents: 4_000 });
    expect(after.totalCents).toBe(67_200); // 5.7% MFN + 50% of $600 + 7.5% List 4A + 20% fentanyl + 10% of $400
    const before = t.engine.duty(entry, parseInstant("2025-05-01", US_ZONE));
    expect(before.layers.map((l) => l.heading)).not.toContain("9903.01.63");
    expect(before.notApplied).toContainEqual(expect.objectContaining({ heading: "9903.01.33" }));
    // Before June 4 2025 a Chapter 76 derivative (9903.85.07) pays on its full value ("+ 25%", HTS 2025
    // rev 6; CSMS 64384496); the aluminum content is the base from June 4 (CSMS 65236574).
    expect(before.layers.find((l) => l.heading === "9903.85.07")).toMatchObject({
      rate: 25,
      base: "value",
      amountCents: 25_000,
    });
  });

  it("the threatened 100% is considered but never applied by default; a scenario can switch it on", () => {
    const base = duty("6102200010", "2025-11-15");
    expect(base.notApplied).toContainEqual(expect.objectContaining({ authority: "threat-100" }));
    const threat = t.engine.duty(
      { code: "6102200010", origin: "CN", valueCents: 1_000_000 },
      parseInstant("2025-11-15", US_ZONE),
      { id: "threat-100", enable: ["threat-100-cn"] },
    );
    expect(threat.totalRate).toBe(base.totalRate + 100);
  });

  it("Hong Kong pays the fentanyl tariff but not Section 301 (China only)", () => {
    const hk = t.engine.duty(
      { code: "6102200010", origin: "HK", valueCents: 1_000_000 },
      parseInstant("2025-05-15", US_ZONE),
    );
    expect(special(hk)).toEqual(["9903.01.24", "9903.01.25"]);
  });

  it("an origin whose IEEPA reciprocal rate is not modelled gets a warning, not a silent zero", () => {
    const vn = t.engine.duty(
      { code: "6102200010", origin: "VN", valueCents: 1_000_000 },
      parseInstant("2025-05-15", US_ZONE),
    );
    expect(vn.warnings.join(" ")).toMatch(/reciprocal/);
    const early = t.engine.duty(
      { code: "6102200010", origin: "VN", valueCents: 1_000_000 },
      parseInstant("2025-01-15", US_ZONE),
    );
    expect(early.warnings.join(" ")).not.toMatch(/reciprocal/);
  });
});
