/**
 * Portfolios, saved scenarios and watchlists over real HTTP: a server started on port 0 with
 * TRUCE_DATA_DIR set to a temporary directory (the store is created and migrated on start).
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Serving, startServer } from "../../src/api/server.js";
import { STORE_FILE } from "../../src/store/dir.js";
import { loadTruce } from "../../src/truce.js";

let serving: Serving;
let dataDir: string;
const saved = process.env.TRUCE_DATA_DIR;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "truce-api-store-"));
  process.env.TRUCE_DATA_DIR = dataDir;
  serving = await startServer({ port: 0, truce: loadTruce() });
});
afterAll(async () => {
  await serving.close();
  if (saved === undefined) delete process.env.TRUCE_DATA_DIR;
  else process.env.TRUCE_DATA_DIR = saved;
});

async function call(method: string, path: string, body?: string, type?: string, accept?: string) {
  const headers: Record<string, string> = {};
  if (type) headers["content-type"] = type;
  if (accept) headers.accept = accept;
  const r = await fetch(`${serving.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await r.text();
  const isJson = (r.headers.get("content-type") ?? "").includes("json");
  return { status: r.status, headers: r.headers, text, json: isJson && text ? JSON.parse(text) : undefined };
}

const PORTFOLIO = [
  "code,origin,value,claims",
  "8541.43.00.10,CN,10000,",
  "8541.43.00.10,XX,10000,",
  "6102.20.00.10,CN,1000,",
  "",
].join("\n");

describe("the store over HTTP", () => {
  it("creates the store in TRUCE_DATA_DIR on start", () => {
    expect(serving.store.file).toBe(join(dataDir, STORE_FILE));
    expect(existsSync(join(dataDir, STORE_FILE))).toBe(true);
  });

  it("keeps a portfolio, lists it, gives its lines and prices them on a date", async () => {
    const created = await call("POST", "/v1/portfolios?name=solar%20and%20coats", PORTFOLIO, "text/csv");
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ id: 1, name: "solar and coats", lines: 2 });
    expect(created.json.errors).toEqual([
      {
        line: 3,
        field: "origin",
        detail: '"XX" is not an ISO 3166 alpha-2 country code (e.g. CN, HK, VN)',
      },
    ]);
    const list = await call("GET", "/v1/portfolios");
    expect(list.json.portfolios).toEqual([
      { id: 1, name: "solar and coats", created: created.json.created, lines: 2 },
    ]);
    const one = await call("GET", "/v1/portfolios/1");
    expect(one.json.lines).toEqual([
      { code: "8541.43.00.10", origin: "CN", value: "10000" },
      { code: "6102.20.00.10", origin: "CN", value: "1000" },
    ]);
    expect(one.headers.get("cache-control")).toBe("no-store");

    // The solar module on Nov 10 2025: 84% (fentanyl cut to 10%), as truce.duty answers it.
    const duties = await call("GET", "/v1/portfolios/1/duties?date=2025-11-10");
    expect(duties.status).toBe(200);
    const library = loadTruce().duty({
      code: "8541.43.00.10",
      origin: "CN",
      date: "2025-11-10",
      value: 10000,
    });
    expect(duties.json.rows[0].result).toEqual(library);
    expect(duties.json.rows[0].result.total).toEqual({ rate: 84, amount: "8400.00" });
    expect(duties.json.totals).toMatchObject({ rows: 2, errors: 0, value: "11000.00" });
    const csv = await call(
      "GET",
      "/v1/portfolios/1/duties?date=2025-11-01",
      undefined,
      undefined,
      "text/csv",
    );
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.text.split("\n")[0]).toBe("code,origin,date,value,total_rate,total_amount,layers,error");
    expect(csv.text.split("\n")[1]).toMatch(/^8541\.43\.00\.10,CN,2025-11-01,10000,94,9400\.00,/);
    expect(csv.headers.get("truce-rows")).toBe("2");
  });

  it("weights the averages by a saved portfolio", async () => {
    const r = await call(
      "GET",
      "/v1/averages?importer=US&origin=CN&from=2025-11-10&to=2025-11-10&weights=portfolio:1",
    );
    expect(r.status).toBe(200);
    expect(r.json.metadata).toMatchObject({ weightsLines: 2, weightsValue: 11000 });
    expect(r.json.metadata.weights).toMatch(/^portfolio 1 \(solar and coats\)/);
    expect(r.headers.get("etag")).toBeNull();
    const missing = await call("GET", "/v1/averages?from=2025-11-10&to=2025-11-10&weights=portfolio:9");
    expect([missing.status, missing.json.field]).toEqual([404, "weights"]);
    const bad = await call("GET", "/v1/averages?from=2025-11-10&to=2025-11-10&weights=2024");
    expect([bad.status, bad.json.field]).toEqual([400, "weights"]);
  });

  it("refuses bad requests with problem+json naming the field, and unknown ids with 404", async () => {
    const noName = await call("POST", "/v1/portfolios", PORTFOLIO, "text/csv");
    expect([noName.status, noName.json.field]).toEqual([400, "name"]);
    expect(noName.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const notCsv = await call("POST", "/v1/portfolios?name=x", "{}", "application/json");
    expect([notCsv.status, notCsv.json.field]).toEqual([415, "content-type"]);
    const noValue = await call(
      "POST",
      "/v1/portfolios?name=x",
      "code,origin\n8541.43.00.10,CN\n",
      "text/csv",
    );
    expect([noValue.status, noValue.json.field]).toEqual([400, "value"]);
    const badDate = await call("GET", "/v1/portfolios/1/duties?date=2025-13-01");
    expect([badDate.status, badDate.json.field]).toEqual([400, "date"]);
    const badId = await call("GET", "/v1/portfolios/abc");
    expect([badId.status, badId.json.field]).toEqual([400, "id"]);
    for (const path of ["/v1/portfolios/7", "/v1/portfolios/7/duties?date=2025-11-10", "/v1/watchlists/7"]) {
      const r = await call("GET", path);
      expect([path, r.status, r.json.type]).toEqual([path, 404, "/docs#not-found"]);
    }
    expect((await call("DELETE", "/v1/portfolios/7")).status).toBe(404);
  });

  it("saves a scenario (YAML or JSON), lists it with the shipped ones, and compares under it by id", async () => {
    const yaml = [
      "id: fentanyl-stays-20",
      "title: The fentanyl tariff stays at 20%",
      "description: What if the cut of the IEEPA fentanyl tariff to 10% on Nov 10 2025 (CSMS 66749380) had not happened.",
      "sources: [https://content.govdelivery.com/accounts/USDHSCBP/bulletins/3fa83c4]",
      "edits:",
      '  - set: { measure: ieepa-fentanyl-cn, from: "2025-11-10 00:01", rate: "20%", heading: "9903.01.24" }',
      "",
    ].join("\n");
    const r = await call("POST", "/v1/scenarios", yaml, "application/yaml");
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ id: "fentanyl-stays-20", saved: true });
    const again = await call("POST", "/v1/scenarios", yaml, "application/yaml");
    expect([again.status, again.json.field]).toEqual([409, "id"]);
    const shippedId = await call(
      "POST",
      "/v1/scenarios",
      JSON.stringify({ ...r.json, id: "threat-100", saved: undefined, created: undefined }),
      "application/json",
    );
    expect(shippedId.status).toBe(409);
    const invalid = await call(
      "POST",
      "/v1/scenarios",
      yaml.replace("title: The", "titel: The"),
      "application/yaml",
    );
    expect(invalid.status).toBe(400);
    expect(invalid.json.detail).toMatch(/titel/);

    const list = await call("GET", "/v1/scenarios");
    const ids = list.json.scenarios.map((s: { id: string; saved: boolean }) => [s.id, s.saved]);
    expect(ids[0]).toEqual(["baseline", false]);
    expect(ids).toContainEqual(["threat-100", false]);
    expect(ids).toContainEqual(["fentanyl-stays-20", true]);

    const compared = await call(
      "POST",
      "/v1/scenarios/compare",
      JSON.stringify({
        a: "baseline",
        b: "fentanyl-stays-20",
        entry: { code: "8541.43.00.10", origin: "CN", date: "2025-11-10", value: 10000 },
      }),
      "application/json",
    );
    expect(compared.status).toBe(200);
    expect(compared.json.total).toMatchObject({
      a: { rate: 84, amount: "8400.00" },
      b: { rate: 94, amount: "9400.00" },
      difference: { rate: 10, amount: "1000.00" },
    });
    // The averages under the saved scenario: the fentanyl layer stays 20 points higher than 10 on Nov 10.
    const base = await call("GET", "/v1/averages?from=2025-11-10&to=2025-11-10&by=authority");
    const under = await call(
      "GET",
      "/v1/averages?from=2025-11-10&to=2025-11-10&by=authority&scenario=fentanyl-stays-20",
    );
    expect(under.status).toBe(200);
    expect(under.headers.get("cache-control")).toBe("no-store");
    expect(base.headers.get("etag")).not.toBeNull();
    const fentanyl = (r: typeof base) => r.json.points[0].byAuthority["ieepa-fentanyl"];
    expect(fentanyl(under)).toBeCloseTo(2 * fentanyl(base), 6);
    // A kept data-only answer is given again only for its own query; the saved scenario is never kept.
    const shipped = await call(
      "GET",
      "/v1/averages?from=2025-11-10&to=2025-11-10&by=authority&scenario=threat-100",
    );
    const baseAgain = await call("GET", "/v1/averages?from=2025-11-10&to=2025-11-10&by=authority");
    const underAgain = await call(
      "GET",
      "/v1/averages?from=2025-11-10&to=2025-11-10&by=authority&scenario=fentanyl-stays-20",
    );
    expect(baseAgain.json).toEqual(base.json);
    expect(shipped.json.points[0].average).toBeGreaterThan(base.json.points[0].average + 50);
    expect(underAgain.json).toEqual(under.json);
    expect(underAgain.headers.get("cache-control")).toBe("no-store");
    const unknown = await call(
      "POST",
      "/v1/scenarios/compare",
      JSON.stringify({ a: "baseline", b: "nothing-such", date: "2025-11-10" }),
      "application/json",
    );
    expect([unknown.status, unknown.json.field]).toEqual([400, "b"]);
  });

  it("keeps a watchlist and answers what changed since it was last seen, then marks it seen", async () => {
    const created = await call(
      "POST",
      "/v1/watchlists",
      JSON.stringify({
        name: "solar",
        items: [{ code: "8541.43.00.10", origin: "cn", value: 10000, since: "2025-11-09T00:00" }],
      }),
      "application/json",
    );
    expect(created.status).toBe(201);
    const { id } = created.json;
    expect(created.json.items).toEqual([
      {
        code: "8541.43.00.10",
        origin: "CN",
        importer: "US",
        value: "10000",
        lastSeen: "2025-11-09T05:00:00Z",
      },
    ]);
    expect((await call("GET", "/v1/watchlists")).json.watchlists).toEqual([
      { id, name: "solar", created: created.json.created, items: 1 },
    ]);
    const changes = await call("GET", `/v1/watchlists/${id}/changes?now=2025-11-11T00:00&days=1`);
    expect(changes.status).toBe(200);
    expect(changes.json).toMatchObject({ since: "2025-11-09T05:00:00Z", now: "2025-11-11T05:00:00Z" });
    const item = changes.json.items[0];
    expect(item.changes.map((c: { measure: string; kind: string }) => [c.measure, c.kind])).toEqual([
      ["ieepa-fentanyl-cn", "rate"],
      ["ieepa-reciprocal-cn", "renewed"],
    ]);
    expect(item.changes[0]).toMatchObject({
      instant: "2025-11-10T05:01:00Z",
      before: { total: { rate: 94, amount: "9400.00" } },
      after: { total: { rate: 84, amount: "8400.00" } },
    });
    expect(item.upcoming).toEqual([]);

    const bad = await call(
      "POST",
      "/v1/watchlists",
      JSON.stringify({ name: "bad", items: [{ code: "8541.43.00.10", origin: "XX" }] }),
      "application/json",
    );
    expect([bad.status, bad.json.field]).toEqual([400, "items.0.origin"]);
    const extra = await call(
      "POST",
      "/v1/watchlists",
      JSON.stringify({ name: "bad", items: [{ code: "8541.43.00.10", orign: "CN" }] }),
      "application/json",
    );
    expect(extra.status).toBe(400);
    const badNow = await call("GET", `/v1/watchlists/${id}/changes?now=tomorrow`);
    expect([badNow.status, badNow.json.field]).toEqual([400, "now"]);

    const seen = await call("POST", `/v1/watchlists/${id}/seen?at=2025-11-11T00:00`);
    expect(seen.json.items[0].lastSeen).toBe("2025-11-11T05:00:00Z");
    const after = await call("GET", `/v1/watchlists/${id}/changes?now=2025-11-12T00:00&days=0`);
    expect(after.json.items[0].changes).toEqual([]);
    expect((await call("POST", "/v1/watchlists/99/seen")).status).toBe(404);
  });

  it("deletes a portfolio", async () => {
    expect((await call("DELETE", "/v1/portfolios/1")).status).toBe(204);
    expect((await call("GET", "/v1/portfolios/1")).status).toBe(404);
  });

  it("publishes the routes in the OpenAPI document", async () => {
    const doc = (await call("GET", "/openapi.json")).json;
    for (const path of [
      "/v1/portfolios",
      "/v1/portfolios/{id}",
      "/v1/portfolios/{id}/duties",
      "/v1/scenarios",
      "/v1/watchlists",
      "/v1/watchlists/{id}",
      "/v1/watchlists/{id}/changes",
      "/v1/watchlists/{id}/seen",
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    expect(doc.paths["/v1/averages"].get.parameters.map((p: { name: string }) => p.name)).toContain(
      "weights",
    );
  });
});
