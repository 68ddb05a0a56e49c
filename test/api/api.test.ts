/**
 * The HTTP API answers what the CLI prints (the same bytes for `/v1/duty` and `truce duty --json`),
 * validates with the library's entry contract and refuses a bad request with problem+json naming the
 * field. In process through `app.request`, and once over a real socket.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/api/app.js";
import { startServer } from "../../src/api/server.js";
import { INPUT_COLUMNS } from "../../src/entry/schema.js";
import { loadTruce, type Truce } from "../../src/truce.js";
import { truce as cli } from "../run-cli.js";

/** Tests that run the CLI (it loads the law on each run) get more than the default minute. */
const CLI_RUNS_MS = 180_000;

let t: Truce;
let app: ReturnType<typeof createApp>;
beforeAll(() => {
  t = loadTruce();
  app = createApp(t);
});

/** Entries as CLI arguments and as the API's query parameters (the batch columns). */
const ENTRIES: {
  args: string[];
  query: Record<string, string | string[]>;
}[] = [
  {
    // Fixture TC10: the solar module of Nov 1 2025, 94% (README quick start).
    args: ["8541.43.00.10", "--origin", "CN", "--date", "2025-11-01", "--value", "10000"],
    query: { code: "8541.43.00.10", origin: "CN", date: "2025-11-01", value: "10000" },
  },
  {
    // China's side: US soybeans at 13:01 Beijing time on 2025-11-10 with the importer's exclusion.
    args: [
      "1201.90.19",
      "--importer",
      "CN",
      "--origin",
      "US",
      "--at",
      "2025-11-10T13:01",
      "--value",
      "10000",
      "--excluded",
      "yes",
    ],
    query: {
      code: "1201.90.19",
      importer: "CN",
      origin: "US",
      at: "2025-11-10T13:01",
      value: "10000",
      excluded: "yes",
    },
  },
  {
    args: [
      "7610.10.00",
      "--origin",
      "CN",
      "--date",
      "2025-09-01",
      "--value",
      "1000",
      "--aluminum-value",
      "600",
    ],
    query: { code: "7610.10.00", origin: "CN", date: "2025-09-01", value: "1000", aluminum_value: "600" },
  },
  {
    args: [
      "6102.20.00.10",
      "--origin",
      "CN",
      "--date",
      "2025-04-11",
      "--value",
      "10000",
      "--loaded-on",
      "2025-04-03",
      "--mode",
      "vessel",
    ],
    query: {
      code: "6102.20.00.10",
      origin: "CN",
      date: "2025-04-11",
      value: "10000",
      loaded_on: "2025-04-03",
      mode: "vessel",
    },
  },
  {
    args: [
      "8541.43.00.10",
      "--origin",
      "CN",
      "--date",
      "2025-11-01",
      "--value",
      "10000",
      "--claim",
      "9903.88.69",
      "9903.01.32",
    ],
    query: {
      code: "8541.43.00.10",
      origin: "CN",
      date: "2025-11-01",
      value: "10000",
      claims: ["9903.88.69", "9903.01.32"],
    },
  },
];

function url(path: string, query: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const x of [v].flat()) p.append(k, x);
  return `${path}?${p}`;
}

describe("GET and POST /v1/duty", () => {
  it(
    "answer the very bytes truce duty --json prints, for entries of every kind of field",
    async () => {
      for (const e of ENTRIES) {
        const printed = cli("duty", ...e.args, "--json");
        expect(printed.status, printed.stderr).toBe(0);
        const got = await app.request(url("/v1/duty", e.query));
        expect(got.status).toBe(200);
        expect(got.headers.get("content-type")).toMatch(/^application\/json/);
        expect(await got.text()).toBe(printed.stdout);
        const posted = await app.request("/v1/duty", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(e.query),
        });
        expect(await posted.text()).toBe(printed.stdout);
      }
    },
    CLI_RUNS_MS,
  );

  it("gives the cited total of TC10 (94% = $9,400.00, 9903.91.02 among the layers) and China's side as the library does", async () => {
    const solar = await (await app.request(url("/v1/duty", ENTRIES[0]?.query ?? {}))).json();
    expect(solar.total).toEqual({ rate: 94, amount: "9400.00" });
    expect(solar.layers.map((l: { heading: string }) => l.heading)).toContain("9903.91.02");
    const soy = await (await app.request(url("/v1/duty", ENTRIES[1]?.query ?? {}))).json();
    expect(soy.importer).toBe("CN");
    expect(soy).toEqual(t.duty(ENTRIES[1]?.query as never));
  });

  it("refuses a bad entry with a problem+json naming the field (and the codes it may have meant)", async () => {
    const ask = async (query: Record<string, string | string[]>) => {
      const r = await app.request(url("/v1/duty", query));
      expect(r.status).toBe(400);
      expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      return r.json();
    };
    const base = { code: "8541.43.00.10", origin: "CN", date: "2025-11-01", value: "10000" };
    const origin = await ask({ ...base, origin: "XX" });
    expect(origin).toMatchObject({
      type: "/docs#invalid-entry",
      title: "Invalid entry",
      status: 400,
      field: "origin",
    });
    expect(origin.detail).toMatch(/ISO 3166/);
    const misspelt = await ask({ code: base.code, orign: "CN", date: base.date, value: base.value });
    expect(misspelt.field).toBe("orign");
    expect((await ask({ ...base, value: "10,00" })).field).toBe("value");
    expect((await ask({ code: base.code, origin: "CN", date: base.date })).detail).toBe("value: is required");
    expect((await ask({ ...base, code: ["8541.43.00.10", "1"] })).field).toBe("code");
    const code = await ask({ ...base, code: "8541.43.00.19" });
    expect(code.field).toBe("code");
    expect(code.suggestions).toContain("8541.43.00.10");
    // The same error the library throws, in the same words.
    expect(() => t.duty({ ...base, origin: "XX" })).toThrow(origin.detail);
  });

  it("refuses a POST body that is not a JSON entry", async () => {
    const post = (body: string, type = "application/json") =>
      app.request("/v1/duty", { method: "POST", headers: { "content-type": type }, body });
    const broken = await post("{");
    expect(broken.status).toBe(400);
    expect((await broken.json()).field).toBe("body");
    const wrongType = await post(JSON.stringify({ code: 8541, origin: "CN", date: "2025-11-01", value: 1 }));
    expect(await wrongType.json()).toMatchObject({ status: 400, field: "code" });
    const big = await post(JSON.stringify({ code: "x".repeat(70_000) }));
    expect(big.status).toBe(413);
  });

  it("sends an ETag of the data with answers that depend only on it, and 304 when it matches", async () => {
    const first = await app.request(url("/v1/duty", ENTRIES[0]?.query ?? {}));
    const tag = first.headers.get("etag");
    expect(tag).toMatch(/^W\/"truce-[0-9a-f]+"$/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=300");
    const again = await app.request(url("/v1/duty", ENTRIES[0]?.query ?? {}), {
      headers: { "if-none-match": tag ?? "" },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const stale = await app.request("/v1/status", { headers: { "if-none-match": 'W/"truce-0"' } });
    expect(stale.status).toBe(200);
  });
});

describe("the other answers are the CLI's JSON", () => {
  it(
    "status, measures, hts, changes, timeline",
    async () => {
      const pairs: [string, string[]][] = [
        ["/v1/status", ["status", "--json"]],
        ["/v1/measures?at=2025-11-10", ["measures", "--on", "2025-11-10", "--json"]],
        [
          "/v1/measures?at=2025-11-10T13:01&importer=CN&all=true",
          ["measures", "--on", "2025-11-10T13:01", "--importer", "CN", "--all", "--json"],
        ],
        ["/v1/hts/8541.43?date=2025-11-01", ["hts", "8541.43", "--date", "2025-11-01", "--json"]],
        [
          "/v1/changes?from=2025-11-01&to=2025-11-30",
          ["changes", "--from", "2025-11-01", "--to", "2025-11-30", "--json"],
        ],
        ["/v1/timeline?kind=round,summit", ["timeline", "--kind", "round,summit", "--json"]],
      ];
      for (const [path, args] of pairs) {
        const printed = cli(...args);
        expect(printed.status, printed.stderr).toBe(0);
        const r = await app.request(path);
        expect(r.status, path).toBe(200);
        expect(await r.text(), path).toBe(printed.stdout);
      }
    },
    CLI_RUNS_MS,
  );

  it(
    "deadlines as JSON and as an iCalendar feed (Accept: text/calendar or .ics)",
    async () => {
      const printed = cli("deadlines", "--from", "2026-06-01", "--json");
      const json = await app.request("/v1/deadlines?from=2026-06-01");
      expect(await json.text()).toBe(printed.stdout);
      const uids = (JSON.parse(printed.stdout) as { uid: string }[]).map((d) => d.uid);
      expect(uids.length).toBeGreaterThan(0);
      for (const r of [
        await app.request("/v1/deadlines?from=2026-06-01", { headers: { accept: "text/calendar" } }),
        await app.request("/v1/deadlines.ics?from=2026-06-01"),
      ]) {
        expect(r.headers.get("content-type")).toMatch(/^text\/calendar/);
        const ics = (await r.text()).replace(/\r\n[ \t]/g, ""); // lines folded at 75 octets, unfolded
        expect(ics).toMatch(/^BEGIN:VCALENDAR/);
        expect([...ics.matchAll(/^UID:(.*)\r?$/gm)].map((m) => m[1])).toEqual(uids);
      }
    },
    CLI_RUNS_MS,
  );

  it("refuses bad parameters naming them", async () => {
    const field = async (path: string, status = 400) => {
      const r = await app.request(path);
      expect(r.status, path).toBe(status);
      return (await r.json()).field;
    };
    expect(await field("/v1/changes?from=2025-11-31&to=2025-12-01")).toBe("from");
    expect(await field("/v1/changes?from=2025-12-01&to=2025-11-01")).toBe("to");
    expect(await field("/v1/changes?from=2025-11-01")).toBe("to");
    expect(await field("/v1/measures?at=yesterday")).toBe("at");
    expect(await field("/v1/measures?at=2025-11-10&importer=JP")).toBe("importer");
    expect(await field("/v1/timeline?kind=picnic")).toBe("kind");
    expect(await field("/v1/status?verbose=1")).toBe("verbose");
    expect(await field("/v1/hts/8541.43.00.19", 404)).toBe("code");
    expect(await field("/v1/averages?from=2025-01-01&to=2025-01-02&scenario=nope")).toBe("scenario");
    expect((await app.request("/v1/nothing")).status).toBe(404);
  });
});

describe("the document and the reference page", () => {
  it("/openapi.json is OpenAPI 3.1 generated from the entry and result contracts", async () => {
    const doc = await (await app.request("/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    const get = doc.paths["/v1/duty"].get;
    expect(get.parameters.map((p: { name: string }) => p.name)).toEqual(INPUT_COLUMNS);
    expect(
      get.parameters.filter((p: { required: boolean }) => p.required).map((p: { name: string }) => p.name),
    ).toEqual(["code", "origin", "value"]);
    expect(get.responses["200"].content["application/json"].schema.$ref).toBe(
      "#/components/schemas/DutyResult",
    );
    const result = doc.components.schemas.DutyResult;
    expect(Object.keys(result.properties)).toEqual(
      expect.arrayContaining(["total", "layers", "notApplied", "beyondHorizon"]),
    );
    expect(doc.paths["/v1/duty"].post.requestBody.content["application/json"].schema.$ref).toBe(
      "#/components/schemas/Entry",
    );
    expect(get.responses["400"].content["application/problem+json"].schema.$ref).toBe(
      "#/components/schemas/Problem",
    );
  });

  it("/docs lists every operation, the problem types, and loads nothing from elsewhere", async () => {
    const page = await (await app.request("/docs")).text();
    const doc = await (await app.request("/openapi.json")).json();
    for (const path of Object.keys(doc.paths)) expect(page).toContain(`<code>${path}</code>`);
    expect(page).toContain('id="invalid-entry"');
    expect(page).not.toMatch(/<(script|link)\b/i);
    expect(page).not.toMatch(/src="http/);
  });
});

describe("over a real socket", () => {
  it("healthz answers 200 once listening, and a duty link reproduces the answer", async () => {
    const serving = await startServer({ port: 0, truce: t });
    try {
      expect(serving.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${serving.url}/healthz`);
      expect(health.status).toBe(200);
      const r = await fetch(`${serving.url}${url("/v1/duty", ENTRIES[0]?.query ?? {})}`);
      expect((await r.json()).total).toEqual({ rate: 94, amount: "9400.00" });
    } finally {
      await serving.close();
    }
  });
});
