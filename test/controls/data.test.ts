/** The loader and the data check of data/controls: what each refuses, on small files written here. */
import { describe, expect, it } from "vitest";
import { controlDataProblems } from "../../src/controls/data-check.js";
import { buildControls } from "../../src/controls/load.js";
import { controlFile } from "../../src/controls/schema.js";
import type { ScenarioSpec } from "../../src/law/scenario.js";

const instrument = {
  kind: "mofcom-announcement",
  title: "A test announcement",
  citation: "MOFCOM Announcement 2025 No. 99 (test)",
  url: "http://www.mofcom.gov.cn/test.html",
  grade: "P",
};
const control = {
  id: "cn-test",
  label: "China: a test control",
  action: "licence",
  from: ["CN"],
  to: ["*"],
  items: [{ id: "cn-test-item", description: "test item", keywords: ["widget"] }],
};

function build(spec: unknown) {
  const parsed = controlFile.safeParse(spec);
  if (!parsed.success)
    return { problems: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) };
  const problems: string[] = [];
  const controls = buildControls([{ file: "cn/test.yaml", spec: parsed.data }], {}, problems);
  return { problems, controls };
}

describe("the control files", () => {
  it("loads a well-formed file", () => {
    const { problems, controls } = build({
      id: "test",
      issuer: "CN",
      instrument,
      controls: [control],
      statuses: [{ control: "cn-test", from: "2025-04-04 00:00", status: "in-force" }],
    });
    expect(problems).toEqual([]);
    expect(controls?.byId.get("cn-test")?.steps[0]?.from).toBe(Date.UTC(2025, 3, 3, 16, 0));
  });

  it.each([
    [{ control: "cn-tst", from: "2025-04-04", status: "in-force" }, "unknown control cn-tst"],
    [{ control: "cn-test", from: "2025-04-04", status: "suspended" }, "a suspended status states `until`"],
    [{ control: "cn-test", from: "2025-04-04", status: "paused" }, "statuses.0.status"],
    [{ control: "cn-test", from: "2025-02-30", status: "in-force" }, "not a real calendar date"],
    [
      { control: "cn-test", from: "2025-04-04", status: "suspended", until: "2025-04-01" },
      "until 2025-04-01 is not after from 2025-04-04",
    ],
  ])("refuses the status %j", (status, message) => {
    const { problems } = build({
      id: "test",
      issuer: "CN",
      instrument,
      controls: [control],
      statuses: [status],
    });
    expect(problems.join("\n")).toContain(message);
  });

  it("refuses an unknown element and a grade S instrument that states nothing unconfirmed", () => {
    const bad = { ...control, items: [{ id: "x", description: "xx", elements: ["Qq"] }] };
    expect(
      build({ id: "t", issuer: "CN", instrument, controls: [bad], statuses: [] }).problems.join(),
    ).toContain("chemical element symbol");
    const s = build({
      id: "t",
      issuer: "CN",
      instrument: { ...instrument, grade: "S" },
      controls: [control],
      statuses: [{ control: "cn-test", from: "2025-04-04", status: "in-force" }],
    });
    expect(s.problems.join()).toContain("a grade S instrument states what a primary source would confirm");
  });
});

describe("the data check of the controls", () => {
  const { controls } = build({
    id: "test",
    issuer: "CN",
    instrument,
    controls: [control],
    statuses: [
      {
        control: "cn-test",
        from: "2025-11-07 00:00",
        status: "suspended",
        until: "2026-11-10 00:00",
        events: ["busan-summit-2025-10-30", "no-such-event"],
        unconfirmed: [{ fact: "the suspension was not read anywhere", confirmBy: "the announcement itself" }],
      },
    ],
  });
  const scenario: ScenarioSpec = {
    id: "test-scenario",
    title: "test",
    description: "a test scenario",
    sources: ["https://example.com"],
    edits: [],
    controls: [{ control: "cn-tset", from: "2025-11-07 00:00", status: "in-force" }],
    file: "scenarios/test-scenario.yaml",
  };
  const problems = controlDataProblems(
    controls as NonNullable<typeof controls>,
    new Set(["busan-summit-2025-10-30"]),
    [scenario],
  );
  it("names an unknown event, a generic unconfirmed fact and a scenario edit of an unknown control", () => {
    expect(problems).toEqual([
      expect.stringContaining('fact "the suspension was not read anywhere" names no date'),
      expect.stringContaining('confirmBy "the announcement itself" names no document'),
      expect.stringContaining("unknown event no-such-event"),
      "scenarios/test-scenario.yaml: controls.0.control: unknown control cn-tset",
    ]);
  });
});
