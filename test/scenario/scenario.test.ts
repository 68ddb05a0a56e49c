/** Scenarios: the shipped files load and apply, each answers its question, and the law is not changed. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareResults } from "../../src/analytics/compare.js";
import type { DutyResult } from "../../src/engine/contract.js";
import { dutyOverLines } from "../../src/engine/lines.js";
import { parseEntry } from "../../src/entry/parse.js";
import type { EntryFields } from "../../src/entry/schema.js";
import type { Law } from "../../src/law/model.js";
import { loadLaw } from "../../src/law/read-law.js";
import {
  applyScenario,
  BASELINE,
  loadScenarios,
  parseScenario,
  ScenarioError,
  type ScenarioSpec,
  scenarioById,
} from "../../src/law/scenario.js";
import { engineFor, loadTruce, type Truce, truceFor, withLaw } from "../../src/truce.js";

const SHIPPED = [
  "control-suspensions-extended-2027-01-10",
  "controls-not-suspended",
  "ieepa-restored",
  "s122-15",
  "thirty-for-thirty",
  "threat-100",
  "truce-lapses-2025-11-10",
];

let t: Truce;
beforeAll(() => {
  t = loadTruce();
});

function duty(scenario: string, fields: EntryFields): DutyResult {
  const s = truceFor(t, scenario);
  const p = parseEntry(fields, s);
  return dutyOverLines(s.engine, p.entry, p.instant, p.lines);
}

const layer = (r: DutyResult, heading: string) => r.layers.find((l) => l.heading === heading);
const headings = (r: DutyResult) => r.layers.map((l) => `${l.heading} ${l.rateText}`);

/** Every dated value of the law, as plain data. */
function snapshot(law: Law): string {
  return JSON.stringify(
    law.measures.map((m) => [
      m.id,
      m.heading,
      m.values.map((v) => [
        v.from,
        v.ppm,
        v.status,
        v.heading,
        v.note,
        v.instrument.id,
        v.instrument.provisional,
      ]),
      m.exemptions.length,
      m.inTransit.length,
    ]),
  );
}

const TRACKSUIT = { code: "6102.20.00.10", origin: "CN", value: "10000" };

describe("shipped scenarios", () => {
  it("load, cite sources and apply to the law", () => {
    const all = loadScenarios();
    expect([...all.keys()]).toEqual(["baseline", ...SHIPPED]);
    for (const id of SHIPPED) {
      const s = all.get(id) as ScenarioSpec;
      expect(s.file).toBe(`scenarios/${id}.yaml`);
      expect(s.sources.length).toBeGreaterThan(0);
      if (id === "thirty-for-thirty") expect(s.description).toMatch(/tariff lines were not captured/);
      else expect(s.edits.length + (s.controls?.length ?? 0)).toBeGreaterThan(0);
      const law = applyScenario(t.law, s);
      expect(law).not.toBe(t.law);
      expect(law.measures.length).toBe(t.law.measures.length);
    }
  });

  it("baseline is the empty scenario: the same duties as the engine itself", () => {
    expect(BASELINE.edits).toEqual([]);
    expect(engineFor(t, "baseline")).toBe(t.engine);
    const r = duty("baseline", { ...TRACKSUIT, date: "2025-11-15" });
    expect(r.totalRate).toBe(43.4);
    const law = applyScenario(t.law, BASELINE);
    expect(snapshot(law)).toBe(snapshot(t.law));
  });

  it("threat-100 adds exactly 100 points to a China-origin entry on 2025-11-15", () => {
    const base = duty("baseline", { ...TRACKSUIT, date: "2025-11-15" });
    expect(headings(base)).toEqual([
      "6102.20.00.10 15.9%",
      "9903.88.15 7.5%",
      "9903.01.24 10%",
      "9903.01.25 10%",
    ]);
    expect(base.totalRate).toBe(43.4);
    const r = duty("threat-100", { ...TRACKSUIT, date: "2025-11-15" });
    expect(r.totalRate).toBe(143.4);
    expect(r.totalCents - base.totalCents).toBe(1_000_000);
    const threat = r.layers.find((l) => l.measure === "threat-100-cn");
    expect(threat).toMatchObject({ rate: 100, amountCents: 1_000_000, authority: "threat-100" });
    expect(threat?.provisional).toMatch(/hypothetical: scenario threat-100/);
    // Not before the threatened date, and not on other origins.
    expect(duty("threat-100", { ...TRACKSUIT, date: "2025-10-31" }).totalRate).toBe(
      duty("baseline", { ...TRACKSUIT, date: "2025-10-31" }).totalRate,
    );
    expect(duty("threat-100", { ...TRACKSUIT, origin: "VN", date: "2025-11-15" }).totalRate).toBe(
      duty("baseline", { ...TRACKSUIT, origin: "VN", date: "2025-11-15" }).totalRate,
    );
  });

  it("truce-lapses-2025-11-10: 9903.01.63 at 34% instead of 9903.01.25 at 10% on 2025-11-15", () => {
    const r = duty("truce-lapses-2025-11-10", { ...TRACKSUIT, date: "2025-11-15" });
    expect(layer(r, "9903.01.63")?.rate).toBe(34);
    expect(layer(r, "9903.01.25")).toBeUndefined();
    expect(r.totalRate).toBe(67.4);
    // The US change starts at 12:01 a.m. EST Nov 10 2025: not a minute before.
    const before = duty("truce-lapses-2025-11-10", { ...TRACKSUIT, at: "2025-11-10T00:00" });
    expect(layer(before, "9903.01.25")?.rate).toBe(10);
    // The IEEPA end of 2026-02-24 now ends 9903.01.63 (headings re-filled as the loader does).
    const after = duty("truce-lapses-2025-11-10", { ...TRACKSUIT, date: "2026-03-02" });
    expect(after.notApplied).toContainEqual(
      expect.objectContaining({ heading: "9903.01.63", measure: "ieepa-reciprocal-cn" }),
    );
  });

  it("truce-lapses-2025-11-10: China's counter-tariff 34% on US soybeans from 13:01 Beijing time", () => {
    const soybeans = { code: "1201.90.19", origin: "US", importer: "CN", value: "10000" };
    const base = duty("baseline", { ...soybeans, at: "2025-11-10T13:01" });
    expect(layer(base, "CTC 2025-4")?.rate).toBe(10);
    const r = duty("truce-lapses-2025-11-10", { ...soybeans, at: "2025-11-10T13:01" });
    expect(layer(r, "CTC 2025-4")?.rate).toBe(34);
    expect(r.totalCents - base.totalCents).toBe(240_000);
    // At 13:00 the August extension's 10% still holds in both.
    expect(
      layer(duty("truce-lapses-2025-11-10", { ...soybeans, at: "2025-11-10T13:00" }), "CTC 2025-4")?.rate,
    ).toBe(10);
  });

  it("s122-15: 15% instead of 10% under 9903.03.01 on 2026-03-02", () => {
    const base = duty("baseline", { ...TRACKSUIT, date: "2026-03-02" });
    expect(layer(base, "9903.03.01")?.rate).toBe(10);
    const r = duty("s122-15", { ...TRACKSUIT, date: "2026-03-02" });
    expect(layer(r, "9903.03.01")?.rate).toBe(15);
    expect(r.totalRate).toBe(base.totalRate + 5);
    // Still not stacked on Section 232 goods, and still ending on 2026-07-24.
    const car = duty("s122-15", { code: "8703.80.00", origin: "CN", date: "2026-03-02", value: "10000" });
    expect(layer(car, "9903.03.01")).toBeUndefined();
    expect(layer(duty("s122-15", { ...TRACKSUIT, date: "2026-08-03" }), "9903.03.01")).toBeUndefined();
  });

  it("ieepa-restored keeps 9903.01.24 and 9903.01.25 at 10% on 2026-03-02 and drops 9903.03.01", () => {
    const base = duty("baseline", { ...TRACKSUIT, date: "2026-03-02" });
    expect(layer(base, "9903.01.24")).toBeUndefined();
    const r = duty("ieepa-restored", { ...TRACKSUIT, date: "2026-03-02" });
    expect(layer(r, "9903.01.24")?.rate).toBe(10);
    expect(layer(r, "9903.01.25")?.rate).toBe(10);
    expect(layer(r, "9903.03.01")).toBeUndefined();
    expect(r.notApplied).toContainEqual(
      expect.objectContaining({
        heading: "9903.03.01",
        authority: "section-122",
        reason: expect.stringMatching(/switched off by scenario ieepa-restored/),
      }),
    );
    expect(r.totalRate).toBe(43.4);
  });

  it("leaves the baseline law unchanged", () => {
    const fresh = snapshot(loadLaw());
    const before = snapshot(t.law);
    expect(before).toBe(fresh);
    const measures = t.law.measures;
    for (const id of SHIPPED) applyScenario(t.law, scenarioById(id));
    for (const id of SHIPPED) duty(id, { ...TRACKSUIT, date: "2026-03-02" });
    expect(snapshot(t.law)).toBe(before);
    expect(t.law.measures).toBe(measures);
    expect(t.law.byId.get("threat-100-cn")?.values[0]?.status).toBe("threatened");
    expect(duty("baseline", { ...TRACKSUIT, date: "2025-11-15" }).totalRate).toBe(43.4);
  });

  it("builds one engine per scenario id", () => {
    expect(engineFor(t, "threat-100")).toBe(engineFor(t, "threat-100"));
    expect(engineFor(t, "threat-100")).not.toBe(t.engine);
    expect(truceFor(t, "s122-15").hts).toBe(t.hts);
  });

  it("compares two results layer by layer", () => {
    const a = duty("baseline", { ...TRACKSUIT, date: "2025-11-15" });
    const b = duty("truce-lapses-2025-11-10", { ...TRACKSUIT, date: "2025-11-15" });
    const c = compareResults(a, b, 1_000_000, {
      a: BASELINE,
      b: scenarioById("truce-lapses-2025-11-10"),
    });
    const reciprocal = c.layers.find((l) => l.measure === "ieepa-reciprocal-cn");
    expect(reciprocal?.a).toMatchObject({ heading: "9903.01.25", rate: 10, amount: "1000.00" });
    expect(reciprocal?.b).toMatchObject({ heading: "9903.01.63", rate: 34, amount: "3400.00" });
    expect(reciprocal?.difference).toEqual({ rate: 24, amount: "2400.00" });
    expect(c.total.difference).toEqual({ rate: 24, amount: "2400.00" });
  });
});

describe("scenario edits", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "truce-scenarios-"));
    mkdirSync(join(dir, "scenarios"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const spec = (edits: unknown[], id = "test") =>
    parseScenario(
      {
        id,
        title: "A test scenario",
        description: "Edits for the tests.",
        sources: ["https://example.org/"],
        edits,
      },
      `scenarios/${id}.yaml`,
    );

  function problems(f: () => unknown): string[] {
    try {
      f();
    } catch (e) {
      if (e instanceof ScenarioError) return e.problems;
      throw e;
    }
    throw new Error("expected a ScenarioError");
  }

  it("rejects a scenario file naming an unknown measure, with the file and the field", () => {
    writeFileSync(
      join(dir, "scenarios", "bad.yaml"),
      [
        "id: bad",
        "title: Unknown measure",
        "description: Names a measure the law does not have.",
        "sources: [https://example.org/]",
        "edits:",
        "  - enable: threat-100-cn",
        "  - set: { measure: threat-200-cn, from: '2025-11-01 00:01', rate: '200%' }",
        "",
      ].join("\n"),
    );
    const bad = loadScenarios(dir).get("bad") as ScenarioSpec;
    const p = problems(() => applyScenario(t.law, bad));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^scenarios\/bad\.yaml: edits\.1\.set\.measure: unknown measure threat-200-cn/);
    expect(p[0]).toMatch(/did you mean threat-100-cn/);
  });

  it("rejects impossible dates in set, drop and add values, naming the file and the field", () => {
    const p = problems(() =>
      parseScenario(
        {
          id: "dates",
          title: "Impossible dates",
          description: "Every date field of the edits holds a day that does not exist.",
          sources: ["https://example.org/"],
          edits: [
            { set: { measure: "s122-surcharge", from: "2026-02-30 00:01", rate: "15%" } },
            { drop: { measure: "s122-surcharge", from: "2026-04-31" } },
            {
              add: {
                measure: {
                  id: "x",
                  authority: "y",
                  label: "A test",
                  origins: ["CN"],
                  products: { all: true },
                },
                values: [{ from: "2026-01-01 25:00", rate: "1%" }],
              },
            },
          ],
        },
        "scenarios/dates.yaml",
      ),
    );
    expect(p).toEqual([
      "scenarios/dates.yaml: edits.0.set.from: not a real calendar date and time",
      "scenarios/dates.yaml: edits.1.drop.from: not a real calendar date and time",
      "scenarios/dates.yaml: edits.2.add.values.0.from: not a real calendar date and time",
    ]);
  });

  it("rejects invalid files at load, naming the file and the field", () => {
    const other = mkdtempSync(join(tmpdir(), "truce-scenarios-"));
    try {
      mkdirSync(join(other, "scenarios"));
      writeFileSync(
        join(other, "scenarios", "rate.yaml"),
        "id: rate\ntitle: Bad rate\ndescription: A rate without a percent sign.\nsources: [https://example.org/]\nedits:\n  - set: { measure: s122-surcharge, from: '2026-02-24 00:01', rate: '15' }\n  - bump: s122-surcharge\n",
      );
      writeFileSync(
        join(other, "scenarios", "named.yaml"),
        "id: other-name\ntitle: Wrong id\ndescription: The id is not the file name.\nsources: [https://example.org/]\nedits: []\n",
      );
      const p = problems(() => loadScenarios(other));
      expect(p).toContainEqual(
        expect.stringMatching(/^scenarios\/rate\.yaml: edits\.0\.set\.rate: expected an ad valorem rate/),
      );
      expect(p).toContainEqual(
        expect.stringMatching(
          /^scenarios\/rate\.yaml: edits\.1: expected exactly one of enable, disable, set, drop, add/,
        ),
      );
      expect(p).toContainEqual(
        expect.stringMatching(/^scenarios\/named\.yaml: id: "other-name" must be the file's name/),
      );
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("reads a scenario by id from its own file alone: the spec loadScenarios gives, the others' problems theirs", () => {
    const other = mkdtempSync(join(tmpdir(), "truce-scenarios-"));
    const file = (name: string, id: string, edits = "[]") =>
      writeFileSync(
        join(other, "scenarios", name),
        `id: ${id}\ntitle: A scenario\ndescription: A scenario of the test.\nsources: [https://example.org/]\nedits: ${edits}\n`,
      );
    try {
      mkdirSync(join(other, "scenarios"));
      file("good.yaml", "good", "[{ enable: s122-surcharge }]");
      file("named.yaml", "other-name");
      file("broken.yaml", "broken", "[{ bump: s122-surcharge }]");
      const good = scenarioById("good", other);
      expect(good.edits).toEqual([{ enable: "s122-surcharge" }]);
      expect(good.file).toBe("scenarios/good.yaml");
      // A file whose id is not its name, or an invalid one, is reported as loadScenarios reports it.
      for (const id of ["named", "other-name", "broken", "missing"]) {
        const p = problems(() => scenarioById(id, other));
        expect(p).toContainEqual(expect.stringMatching(/^scenarios\/named\.yaml: id: "other-name" must be/));
        expect(p).toContainEqual(
          expect.stringMatching(/^scenarios\/broken\.yaml: edits\.0: expected exactly one/),
        );
      }
      expect(problems(() => loadScenarios(other))).toHaveLength(2);
      rmSync(join(other, "scenarios", "named.yaml"));
      rmSync(join(other, "scenarios", "broken.yaml"));
      // One object per file, whichever reads it first.
      expect(loadScenarios(other).get("good")).toBe(good);
      expect(problems(() => scenarioById("missing", other))).toEqual([
        'unknown scenario "missing" (known: baseline, good)',
      ]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("rejects unknown authorities, drops of missing values and enabling a measure with no threat", () => {
    const p = problems(() =>
      applyScenario(
        t.law,
        spec([
          { disable: { authority: "section-123" } },
          { drop: { measure: "s122-surcharge", from: "2026-02-25 00:01" } },
          { enable: "s122-surcharge" },
        ]),
      ),
    );
    expect(p).toEqual([
      expect.stringMatching(
        /^scenarios\/test\.yaml: edits\.1\.drop\.from: measure s122-surcharge has no value from 2026-02-25 00:01/,
      ),
      "scenarios/test.yaml: edits.2.enable: measure s122-surcharge has no threatened or proposed value to enable",
      expect.stringMatching(
        /^scenarios\/test\.yaml: edits\.0\.disable\.authority: unknown authority "section-123", which no measure has \(did you mean section-122/,
      ),
    ]);
  });

  it("rejects a heading the measure does not have and an added measure's unknown references", () => {
    const p = problems(() =>
      applyScenario(
        t.law,
        spec([
          {
            set: {
              measure: "ieepa-reciprocal-cn",
              from: "2025-11-10 00:01",
              rate: "34%",
              heading: "9903.01.36",
            },
          },
          {
            add: {
              measure: {
                id: "test-new",
                authority: "test-authority",
                heading: "9903.88.01",
                label: "A test measure",
                origins: ["CN"],
                products: { prefixes: ["6102"] },
                replaces: ["s301-lst1"],
                notStackedOn: [{ authorities: ["section-232-steal"], reason: "not on steel" }],
              },
              values: [{ from: "2026-01-01 00:01", rate: "20%" }],
            },
          },
        ]),
      ),
    );
    expect(p).toEqual([
      expect.stringMatching(
        /^scenarios\/test\.yaml: edits\.0\.set\.heading: 9903\.01\.36 is not a heading of ieepa-reciprocal-cn \(.*9903\.01\.63.*\)/,
      ),
      'scenarios/test.yaml: edits.1.add.measure.notStackedOn.0.authorities.0: unknown authority "section-232-steal", which no measure has (did you mean section-232-steel, section-232-metals, section-232-uas?)',
      "scenarios/test.yaml: edits.1.add.measure.replaces.0: unknown measure s301-lst1 (did you mean s301-list1, s301-list2, s301-list3?)",
    ]);
  });

  it("set replaces a value at the same instant; drop removes one; values stay sorted", () => {
    const law = applyScenario(
      t.law,
      spec([
        { set: { measure: "ieepa-fentanyl-cn", from: "2025-11-10 00:01", rate: "20%" } },
        { set: { measure: "ieepa-fentanyl-cn", from: "2025-01-01", rate: "5%", heading: "9903.01.24" } },
        { drop: { measure: "ieepa-fentanyl-cn", from: "2026-02-24 00:00" } },
      ]),
    );
    const values = law.byId.get("ieepa-fentanyl-cn")?.values ?? [];
    const base = t.law.byId.get("ieepa-fentanyl-cn")?.values ?? [];
    expect(values.length).toBe(base.length); // one added, one replaced, one dropped
    expect(values.map((v) => v.from)).toEqual([...values.map((v) => v.from)].sort((a, b) => a - b));
    expect(values[0]).toMatchObject({ ppm: 50_000, heading: "9903.01.24" });
    expect(values.at(-1)).toMatchObject({ ppm: 200_000, heading: "9903.01.24", status: "final" });
    // A value without a heading keeps the one in force before it: now the new first value's.
    expect(values[1]).toMatchObject({ ppm: 100_000, heading: "9903.01.24" });
    expect(t.law.byId.get("ieepa-fentanyl-cn")?.values[0]).toMatchObject({
      ppm: 100_000,
      heading: "9903.01.20",
    });
  });

  it("add creates a new measure, with product prefixes, in priority order", () => {
    const law = applyScenario(
      t.law,
      spec([
        {
          add: {
            measure: {
              id: "s301-hypothetical-apparel",
              authority: "section-301",
              heading: "9903.88.99",
              label: "Hypothetical Section 301 action on apparel",
              origins: ["CN"],
              products: { prefixes: ["6102"] },
              priority: 40,
            },
            values: [{ from: "2025-11-01 00:01", rate: "20%" }],
          },
        },
      ]),
    );
    expect(law.measures.length).toBe(t.law.measures.length + 1);
    const p = parseEntry({ ...TRACKSUIT, date: "2025-11-15" }, t);
    const r = dutyOverLines(withLaw(t, law).engine, p.entry, p.instant, p.lines);
    expect(r.layers.find((l) => l.heading === "9903.88.99")?.rate).toBe(20);
    expect(r.totalRate).toBe(63.4);
    const prio = law.measures.map((m) => m.priority);
    expect(prio).toEqual([...prio].sort((a, b) => a - b));
  });

  it("add rejects an id the law has already", () => {
    const p = problems(() =>
      applyScenario(
        t.law,
        spec([
          {
            add: {
              measure: {
                id: "s122-surcharge",
                authority: "section-122",
                label: "Again",
                origins: ["*"],
                products: { all: true },
              },
              values: [{ from: "2026-01-01", rate: "1%" }],
            },
          },
        ]),
      ),
    );
    expect(p[0]).toMatch(
      /^scenarios\/test\.yaml: edits\.0\.add\.measure\.id: measure s122-surcharge exists already/,
    );
  });
});
