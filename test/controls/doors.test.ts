/**
 * `truce control-check` and `GET /v1/control-check` give the same answer (the issue's contract:
 * licenceRequired, controls with instrument, status, from, until, resumesOn, reason; screening hits),
 * refuse bad input naming the field, and the deadlines and their .ics feed carry the controls' dates.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/api/app.js";
import { parseOwnershipCsv } from "../../src/screening/ownership.js";
import { loadTruce } from "../../src/truce.js";
import { controlCheck } from "../../src/truce-controls.js";
import { truce as cli } from "../run-cli.js";

const CLI_RUNS_MS = 180_000;
let app: ReturnType<typeof createApp>;
beforeAll(() => {
  app = createApp(loadTruce());
});

describe("control-check on the command line and over HTTP", () => {
  it(
    "answers the 0.2% dysprosium magnet made in Germany on 2025-12-15 the same way on both doors",
    async () => {
      const printed = cli(
        "control-check",
        "--item",
        "permanent magnet",
        "--contains",
        "Dy:0.2%",
        "--from",
        "DE",
        "--to",
        "US",
        "--at",
        "2025-12-15T12:00+01:00",
        "--json",
      );
      expect(printed.status).toBe(0);
      const answer = JSON.parse(printed.stdout);
      expect(answer.licenceRequired).toBe(false);
      expect(answer.controls[0]).toMatchObject({
        instrument: "MOFCOM Announcement 2025 No. 61 (Oct 9 2025)",
        status: "suspended",
        from: "2025-11-06T16:00:00Z",
        until: "2026-11-09T16:00:00Z",
        resumesOn: "2026-11-09T16:00:00Z",
      });
      expect(answer.screening).toEqual({ hits: [] });
      const r = await app.request(
        "/v1/control-check?item=permanent%20magnet&contains=Dy:0.2&from=DE&to=US&at=2025-12-15T12:00%2B01:00",
      );
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual(answer);
    },
    CLI_RUNS_MS,
  );

  it(
    "screens the party: NAURA (Entity List, Dec 2 2024) needs a licence from the US under § 744.11",
    () => {
      const r = cli(
        "control-check",
        "--item",
        "laptop",
        "--from",
        "US",
        "--to",
        "CN",
        "--party",
        "NAURA Technology Group Co., Ltd.",
        "--at",
        "2025-06-01",
        "--json",
      );
      const answer = JSON.parse(r.stdout);
      expect(answer.licenceRequired).toBe(true);
      expect(answer.controls.map((c: { control: string }) => c.control)).toEqual([
        "us-ear-744-11-entity-list",
      ]);
      expect(answer.screening.hits[0]).toMatchObject({ list: "us-entity-list", listedOn: "2024-12-02" });
    },
    CLI_RUNS_MS,
  );

  it(
    "refuses a percent out of range and an unknown element with exit 2, and over HTTP with a 400 naming the field",
    async () => {
      const r = cli(
        "control-check",
        "--item",
        "magnet",
        "--contains",
        "Dy:120",
        "--from",
        "CN",
        "--to",
        "US",
        "--at",
        "2025-06-01",
      );
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("--contains: Dy at 120% is out of range");
      const bad = await app.request(
        "/v1/control-check?item=magnet&contains=Xy:1&from=CN&to=US&at=2025-06-01",
      );
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ field: "contains" });
      const instant = await app.request("/v1/control-check?item=magnet&from=CN&to=US&at=2025-13-01");
      expect(await instant.json()).toMatchObject({ field: "at" });
    },
    CLI_RUNS_MS,
  );
});

describe("control dates on the deadlines", () => {
  it("puts the resumption of No. 61 (00:00 Beijing time Nov 10 2026) and its reported later end in the .ics feed", async () => {
    const ics = (await (await app.request("/v1/deadlines.ics?from=2026-11-01&to=2027-01-31")).text()).replace(
      /\r\n[ \t]/g,
      "",
    );
    expect(ics).toContain("UID:control.resumes.cn-2025-61-foreign-content.20261109T1600Z@truce");
    expect(ics).toContain("UID:control.reported-resumes.cn-2025-61-foreign-content.20270109T1600Z@truce");
    expect(ics).toContain("UID:control.resumes.cn-2024-46-ga-ge-sb-superhard.20261126T1600Z@truce");
    expect(ics).toContain("UID:control.resumes.us-affiliates-rule.20261110T0500Z@truce");
  });

  it("links the Busan summit to the controls whose suspension it led to", async () => {
    const events = await (await app.request("/v1/timeline?from=2025-10-30&to=2025-10-30")).json();
    const busan = events.find((e: { id: string }) => e.id === "busan-summit-2025-10-30");
    expect(busan.controls).toEqual(
      expect.arrayContaining([
        "cn-2025-61-foreign-content",
        "cn-2024-46-ga-ge-sb-superhard",
        "us-affiliates-rule",
      ]),
    );
  });
});

describe("control-check finds the affiliates rule from an ownership graph", () => {
  // Acme is 30% owned by NAURA (Entity List, Dec 2 2024) and 25% by a holding 60% owned by Piotech
  // (same rule): the holding is captured, so listed and captured owners hold 55% of Acme.
  const graph =
    "owner,owned,share\nNaura Technology Group,Acme Trading Co.,30\nPiotech,Harbour Holdings,60\nHarbour Holdings,Acme Trading Co.,25\n";
  const { edges } = parseOwnershipCsv(graph);
  const ask = (at: string) =>
    controlCheck(
      loadTruce(),
      { item: "laptop", from: "US", to: "CN", at },
      { party: { name: "ACME TRADING COMPANY LIMITED" }, ownership: edges },
    );

  it("requires a licence on 2025-10-15 (rule in force) and names the chains, and none on 2025-12-01 (suspended)", () => {
    const inForce = ask("2025-10-15");
    expect(inForce.licenceRequired).toBe(true);
    expect(inForce.controls.map((c) => c.control)).toEqual(["us-affiliates-rule"]);
    expect(inForce.ownership?.affiliate).toMatchObject({ party: "Acme Trading Co.", aggregate: "55%" });
    expect(inForce.ownership?.affiliate?.chains.map((c) => c.path.join(" > "))).toEqual([
      "Naura Technology Group > Acme Trading Co.",
      "Piotech > Harbour Holdings > Acme Trading Co.",
    ]);
    const suspended = ask("2025-12-01");
    expect(suspended.licenceRequired).toBe(false);
    expect(suspended.controls[0]).toMatchObject({ control: "us-affiliates-rule", status: "suspended" });
  });

  it("leaves a party owned 49% by listed parties alone", () => {
    const { edges: below } = parseOwnershipCsv(
      "owner,owned,share\nNaura Technology Group,Acme Trading Co.,49\nSomeone Else,Acme Trading Co.,51\n",
    );
    const a = controlCheck(
      loadTruce(),
      { item: "laptop", from: "US", to: "CN", at: "2025-10-15" },
      { party: { name: "Acme Trading Co." }, ownership: below },
    );
    expect(a.licenceRequired).toBe(false);
    expect(a.ownership).toMatchObject({
      affiliate: null,
      listedOwners: [{ party: "Naura Technology Group" }],
    });
  });

  it(
    "reads the graph on the command line, and refuses a graph with a bad line rather than answer from part of it",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "truce-owners-"));
      const good = join(dir, "owners.csv");
      writeFileSync(good, graph);
      const args = ["control-check", "--item", "laptop", "--from", "US", "--to", "CN", "--at", "2025-10-15"];
      const r = cli(...args, "--party", "Acme Trading Co.", "--ownership", good, "--json");
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({
        licenceRequired: true,
        ownership: { affiliate: { party: "Acme Trading Co.", aggregate: "55%" } },
      });
      const bad = join(dir, "bad.csv");
      writeFileSync(bad, `${graph}Piotech,Other Co.,150\n`);
      const refused = cli(...args, "--party", "Acme Trading Co.", "--ownership", bad);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain("line 5");
      const noParty = cli(...args, "--ownership", good);
      expect(noParty.status).toBe(2);
      expect(noParty.stderr).toContain("--ownership needs --party");
    },
    CLI_RUNS_MS,
  );
});
