/**
 * How current an answer is: the data horizon (data/horizon.yaml), `truce status`, `beyondHorizon` on
 * every answer, values scheduled past the horizon marked provisional, and the `unmodelled` status.
 */
import { describe, expect, it } from "vitest";
import { Engine } from "../../src/engine/duty.js";
import { checkLaw } from "../../src/law/check.js";
import { loadLaw } from "../../src/law/read-law.js";
import { loadTruce } from "../../src/truce.js";
import { parseInstant, US_ZONE } from "../../src/units/time.js";
import { truce as cli } from "../run-cli.js";
import { INSTRUMENT_HEADER as header, lawDir, TEST_MEASURE } from "./law-dir.js";

const t = loadTruce();

describe("truce status", () => {
  it("prints the horizon per importer and the latest HTS edition held (JSON contract)", () => {
    const r = cli("status", "--json");
    expect(r.status).toBe(0);
    const status = JSON.parse(r.stdout);
    expect(status.horizon.US).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(status.horizon.CN).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(status.horizon.US).toBe(t.law.horizon.US?.confirmedTo);
    const latest = t.hts.revisions[t.hts.revisions.length - 1];
    expect(status.hts).toEqual({ latest: latest?.id, inForceFrom: latest?.effectiveDate });
  });
});

describe("an answer past the horizon", () => {
  it("is flagged whatever the year, on both sides; one before it is not", () => {
    const horizon = t.law.horizon.US?.confirmedTo as string;
    const at = (date: string) => parseInstant(date, US_ZONE);
    const entry = { code: "8541430010", origin: "CN", valueCents: 1_000_000 };
    expect(t.engine.duty(entry, at("2025-11-01")).beyondHorizon).toBe(false);
    expect(t.engine.duty(entry, at(horizon)).beyondHorizon).toBe(false);
    for (const date of ["2030-01-01", "2099-06-30"]) {
      const r = t.engine.duty(entry, at(date));
      expect(r.beyondHorizon).toBe(true);
      expect(r.warnings.join("\n")).toMatch(`the US law is confirmed to ${horizon}`);
    }
    const cn = t.engine.duty(
      { code: "12019010", origin: "US", importer: "CN", valueCents: 100 },
      at("2031-01-01"),
    );
    expect(cn.beyondHorizon).toBe(true);
  });

  it("says so in the CLI's JSON", () => {
    const r = cli(
      "duty",
      "8541.43.00.10",
      "--origin",
      "CN",
      "--date",
      "2030-01-01",
      "--value",
      "10000",
      "--json",
    );
    expect(JSON.parse(r.stdout).beyondHorizon).toBe(true);
  });
});

describe("values after the horizon and unmodelled values", () => {
  it("a value scheduled after the horizon gives a provisional layer saying why", () => {
    const law = loadLaw({
      dataDir: lawDir(`${header}${TEST_MEASURE}values:
  - { measure: m1, from: "2026-01-01 00:01", rate: "10%" }
  - { measure: m1, from: "2027-01-01 00:01", rate: "25%" }
`),
    });
    const engine = new Engine(law, t.baseRates);
    const entry = { code: "8541430010", origin: "CN", valueCents: 1_000_000 };
    const before = engine.duty(entry, parseInstant("2026-06-01", US_ZONE)).layers[1];
    expect(before?.provisional).toBeUndefined();
    const after = engine.duty(entry, parseInstant("2027-02-01", US_ZONE)).layers[1];
    expect(after?.rate).toBe(25);
    expect(after?.provisional).toMatch(
      /scheduled from 2027-01-01 00:01 EST, after the data horizon \(2026-10-10\)/,
    );
  });

  it("an unmodelled value stops the layer and warns with its note", () => {
    const law = loadLaw({
      dataDir: lawDir(`${header}${TEST_MEASURE}values:
  - { measure: m1, from: "2026-01-01 00:01", rate: "10%" }
  - { measure: m1, from: "2026-04-06 00:01", status: unmodelled, note: "restructured into new headings not in the data" }
`),
    });
    const engine = new Engine(law, t.baseRates);
    const r = engine.duty(
      { code: "8541430010", origin: "CN", valueCents: 1_000_000 },
      parseInstant("2026-05-01", US_ZONE),
    );
    expect(r.layers.map((l) => l.heading)).not.toContain("9903.88.01");
    expect(r.notApplied.find((n) => n.measure === "m1")?.reason).toMatch(/not modelled from this date/);
    expect(r.warnings.join("\n")).toMatch(/Test measure: not modelled .*restructured into new headings/);
  });

  it("the data check fails without a horizon for an importer with measures", () => {
    const dir = lawDir(`${header}${TEST_MEASURE}values:
  - { measure: m1, from: "2026-01-01 00:01", rate: "10%" }
`);
    const law = { ...loadLaw({ dataDir: dir }), horizon: {} };
    expect(checkLaw(law, t.hts, new Map()).problems.join("\n")).toMatch(/no data horizon for US/);
  });
});
