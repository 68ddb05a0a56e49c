/**
 * The search and measure-history endpoints (src/api/routes/search.ts): their contract, validation
 * with problem+json naming the field, ETag; in process and over a real socket.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/api/app.js";
import { type Serving, startServer } from "../../src/api/server.js";
import { loadTruce, type Truce } from "../../src/truce.js";

let t: Truce;
let app: ReturnType<typeof createApp>;
let serving: Serving;
beforeAll(async () => {
  t = loadTruce();
  app = createApp(t);
  serving = await startServer({ port: 0, truce: t });
  // Each index is built on its first search (seconds): built here, so that no test's socket idles meanwhile.
  const warm = ["q=x", "q=x&date=2025-06-01", "q=x&nomenclature=hs"];
  for (const q of warm) expect((await app.request(`/v1/search?${q}`)).status).toBe(200);
  for (const q of warm) expect((await fetch(`${serving.url}/v1/search?${q}`)).status).toBe(200);
}, 120_000);
afterAll(async () => {
  await serving?.close();
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const r = await fetch(`${serving.url}${path}`, { headers });
  const text = await r.text();
  return { status: r.status, headers: r.headers, body: text === "" ? undefined : JSON.parse(text) };
};

describe("GET /v1/search", () => {
  it('ranks the photovoltaic lines first for "solar cells" in HTS 2025, with dotted codes and parents', async () => {
    const r = await get("/v1/search?q=solar%20cells&date=2025-06-01&limit=4");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    expect(r.headers.get("cache-control")).toBe("public, max-age=300");
    const { query, nomenclature, date, revision, results } = r.body;
    expect([query, nomenclature, date, revision]).toEqual([
      "solar cells",
      "hts",
      "2025-06-01",
      "2025_rev_15",
    ]);
    expect(results).toHaveLength(4);
    expect(
      results
        .map((x: { code: string }) => x.code.slice(0, 7))
        .every((c: string) => c === "8541.43" || c === "8541.42"),
    ).toBe(true);
    expect(results[0]).toMatchObject({
      code: "8541.43.00",
      description: "Photovoltaic cells assembled in modules or made up into panels",
      matched: ["photovoltaic", "cell"],
      level: 8,
    });
    expect(results[0].path[0]).toMatch(/^Semiconductor devices/);
    // The same answer again is not sent when the client holds it.
    const again = await get("/v1/search?q=solar%20cells&date=2025-06-01&limit=4", {
      "if-none-match": r.headers.get("etag") ?? "",
    });
    expect(again.status).toBe(304);
  });

  it("finds a code's lines, dotted; the latest revision by default", async () => {
    const r = await get("/v1/search?q=8541.43");
    const latest = t.hts.revisions[t.hts.revisions.length - 1];
    expect([r.body.date, r.body.revision]).toEqual([latest?.effectiveDate, latest?.id]);
    expect(r.body.results.map((x: { code: string }) => x.code)).toEqual([
      "8541.43.00",
      "8541.43.00.10",
      "8541.43.00.80",
    ]);
    expect(r.body.results[0].matched).toEqual(["8541.43"]);
  });

  it("searches China's HS with nomenclature=hs", async () => {
    const r = await app.request("/v1/search?q=soybeans&nomenclature=hs&limit=100");
    const body = await r.json();
    const line = body.results.find((x: { code: string }) => x.code === "1201.90.11");
    expect(line).toMatchObject({ description: "Non-seed, Non-GMO Soybeans", level: 8 });
    expect(body.results.map((x: { code: string }) => x.code)).toContain("1201");
  });

  it("refuses a bad request with problem+json naming the field", async () => {
    for (const [query, field] of [
      ["q=", "q"],
      ["limit=5", "q"],
      ["q=solar&limit=101", "limit"],
      ["q=solar&limit=ten", "limit"],
      ["q=solar&nomenclature=cn", "nomenclature"],
      ["q=solar&date=2025-02-30", "date"],
      ["q=solar&date=2024-06-01", "date"],
      ["q=solar&lang=en", "lang"],
      [`q=${"a ".repeat(17)}`, "q"],
    ] as const) {
      const r = await app.request(`/v1/search?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect((await r.json()).field, query).toBe(field);
    }
  });
});

describe("GET /v1/measures/{id}/history", () => {
  it("gives Section 301 List 3's dated values with their Federal Register citations (over HTTP)", async () => {
    const r = await get("/v1/measures/s301-list3/history");
    expect(r.status).toBe(200);
    expect([r.body.id, r.body.importer, r.body.authority, r.body.title]).toEqual([
      "s301-list3",
      "US",
      "section-301",
      "Section 301 China, List 3",
    ]);
    expect(
      r.body.history.map(
        (s: {
          from: string;
          to: string | null;
          status: string;
          rate: string;
          heading: string;
          instrument: { citation: string };
        }) => [s.from, s.to, s.status, s.rate, s.heading, s.instrument.citation],
      ),
    ).toEqual([
      [
        "2018-09-24 00:01 EDT",
        "2019-05-10 00:01 EDT",
        "final",
        "10%",
        "9903.88.03",
        "USTR notice, 83 FR 47974 (Sept 21 2018), FR Doc 2018-20610",
      ],
      ["2019-05-10 00:01 EDT", null, "final", "25%", "9903.88.03", "USTR notice, 84 FR 20459 (May 9 2019)"],
    ]);
    expect((await get("/v1/measures/s301-list3")).body).toEqual(r.body);
  });

  it("gives the fentanyl measure's rate changes, found by its heading too", async () => {
    const r = await app.request("/v1/measures/9903.01.24");
    const body = await r.json();
    expect(body.id).toBe("ieepa-fentanyl-cn");
    expect(
      body.history.map((s: { from: string; rate: string | null }) => [s.from.slice(0, 10), s.rate]),
    ).toEqual([
      ["2025-02-04", "10%"],
      ["2025-03-04", "20%"],
      ["2025-11-10", "10%"],
      ["2026-02-24", null],
    ]);
  });

  it("answers 404 with suggestions for an unknown id", async () => {
    const r = await app.request("/v1/measures/s301-list9/history");
    expect(r.status).toBe(404);
    const p = await r.json();
    expect([p.field, p.detail]).toEqual(["id", "id: no measure s301-list9"]);
    expect(p.suggestions).toContain("s301-list3");
  });

  it("is in the OpenAPI document", async () => {
    const doc = await (await app.request("/openapi.json")).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/v1/search", "/v1/measures/{id}", "/v1/measures/{id}/history"]),
    );
    expect(doc.components.schemas.SearchAnswer).toBeDefined();
    expect(doc.components.schemas.MeasureHistory).toBeDefined();
  });
});
