/**
 * Screening over real HTTP (src/api/routes/screening.ts), on a store in a temporary directory:
 * parties kept before a list is loaded, the CSL sample uploaded as CSV (streamed) and as JSON, the
 * new and gone hits of the re-screening, /v1/screen over the shipped and loaded lists, and the
 * problems (a file that is not a CSL file, a wrong type, an upload over the limit, a bad query).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Serving, startServer } from "../../src/api/server.js";
import { loadTruce } from "../../src/truce.js";

const SAMPLE_CSV = readFileSync(join("test", "fixtures", "csl", "consolidated.csv"), "utf8");
const SAMPLE_JSON = readFileSync(join("test", "fixtures", "csl", "consolidated.json"), "utf8");
/** Small enough that the JSON sample without DJI passes and a padded upload does not. */
const MAX_BYTES = 64 * 1024;

let serving: Serving;
beforeAll(async () => {
  serving = await startServer({
    port: 0,
    truce: loadTruce(),
    dataDir: mkdtempSync(join(tmpdir(), "truce-api-screening-")),
    app: { maxBatchBytes: MAX_BYTES },
  });
}, 120_000);
afterAll(async () => {
  await serving?.close();
});

async function call(method: string, path: string, body?: string, type?: string) {
  const r = await fetch(`${serving.url}${path}`, {
    method,
    headers: type ? { "content-type": type } : {},
    ...(body === undefined ? {} : { body }),
  });
  const text = await r.text();
  return { status: r.status, headers: r.headers, json: text ? JSON.parse(text) : undefined };
}

describe("lists and parties over HTTP", () => {
  it("keeps parties, loads the CSV sample, reports the new hit, then the hit gone with the JSON sample", async () => {
    const ymtc = await call(
      "POST",
      "/v1/parties",
      JSON.stringify({ name: "YMTC", country: "cn" }),
      "application/json",
    );
    expect(ymtc.status).toBe(201);
    // Already a hit of the shipped 1260H list (90 FR 1105, Jan 7 2025), not yet of the Entity List.
    expect(ymtc.json).toMatchObject({ id: 1, name: "YMTC", country: "CN" });
    expect(ymtc.json.hits.map((h: { entryId: string }) => h.entryId)).toEqual([
      "1260h-2025-yangtze-memory-technologies",
    ]);
    const dji = await call(
      "POST",
      "/v1/parties",
      JSON.stringify({ name: "DJI", note: "drones" }),
      "application/json",
    );
    // DJI: the short name of Shenzhen DJI Innovation Technology Co., Ltd. on the shipped 1260H list of Jan 7 2025.
    expect(dji.json).toMatchObject({ id: 2, name: "DJI", note: "drones" });
    expect(dji.json.hits.map((h: { entryId: string }) => h.entryId)).toEqual([
      "1260h-2025-shenzhen-dji-innovation-technology",
    ]);

    const loaded = await call("POST", "/v1/lists?name=consolidated.csv", SAMPLE_CSV, "text/csv");
    expect(loaded.status).toBe(201);
    expect(loaded.headers.get("cache-control")).toBe("no-store");
    expect(loaded.json.list).toMatchObject({
      id: 1,
      format: "csv",
      fileName: "consolidated.csv",
      entries: 12,
    });
    expect(loaded.json.refused).toHaveLength(3);
    expect(loaded.json.added).toHaveLength(12);
    const news = loaded.json.parties.map((p: { party: { name: string }; newHits: { entryId: string }[] }) => [
      p.party.name,
      p.newHits.map((h) => h.entryId),
    ]);
    expect(news).toEqual([
      ["YMTC", ["csl:sample-el-10"]],
      ["DJI", ["csl:sample-el-09"]],
    ]);
    const hit = loaded.json.parties[0].newHits[0];
    expect(hit).toMatchObject({
      list: "us-entity-list",
      name: "Yangtze Memory Technologies Co., Ltd.",
      entryId: "csl:sample-el-10",
      listedOn: "2022-12-16",
      instrument: { citation: "87 FR 77505", fr: "87 FR 77505", grade: "S" },
    });

    const sample = JSON.parse(SAMPLE_JSON);
    sample.results = sample.results.filter((r: { id?: string }) => r.id !== "sample-el-09");
    const second = await call("POST", "/v1/lists", JSON.stringify(sample), "application/json");
    expect(second.status).toBe(201);
    expect(second.json).toMatchObject({
      list: { id: 2, format: "json", fileName: "consolidated.json", fileDate: "2026-11-20T09:14:52-05:00" },
      removed: [{ entryId: "csl:sample-el-09" }],
    });
    expect(second.json.parties[1]).toMatchObject({
      newHits: [],
      goneHits: [{ entryId: "csl:sample-el-09" }],
    });

    const lists = await call("GET", "/v1/lists");
    expect(lists.json.loaded).toMatchObject([{ id: 2, source: "csl", entries: 11, rejected: 3 }]);
    expect(lists.json.shipped.length).toBeGreaterThan(0);

    const rescreen = await call("POST", "/v1/parties/rescreen");
    expect(rescreen.status).toBe(200);
    expect(
      rescreen.json.parties.every(
        (p: { newHits: unknown[]; goneHits: unknown[] }) => !p.newHits.length && !p.goneHits.length,
      ),
    ).toBe(true);

    const parties = await call("GET", "/v1/parties");
    expect(
      parties.json.parties.map((p: { name: string; hits: unknown[] }) => [p.name, p.hits.length]),
    ).toEqual([
      ["YMTC", 2],
      ["DJI", 1],
    ]);
    expect((await call("DELETE", "/v1/parties/2")).status).toBe(204);
    const missing = await call("DELETE", "/v1/parties/2");
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ detail: "id: no party 2", field: "id" });
  });

  it("screens a name against the loaded list, as of an instant", async () => {
    // As of 2023-06-01: before the 1260H list names YMTC (the shipped file from Jan 7 2025; DoD's list
    // from Jan 31 2024), the loaded Entity List's entry is the hit.
    const r = await call("GET", "/v1/screen?name=Yangtze%20Memory%20Technologies&country=CN&at=2023-06-01");
    expect(r.status).toBe(200);
    expect(r.json.hits[0]).toMatchObject({
      list: "us-entity-list",
      entryId: "csl:sample-el-10",
      listedOn: "2022-12-16",
    });
    expect(r.json.hits[0].reasons.length).toBeGreaterThan(0);
    // Before BIS added YMTC (effective 2022-12-16) it is no hit.
    const before = await call("GET", "/v1/screen?name=Yangtze%20Memory%20Technologies&at=2022-12-15");
    expect(before.json.hits.filter((h: { entryId: string }) => h.entryId === "csl:sample-el-10")).toEqual([]);
    // control-check screens its party against the loaded lists too, and so is not cached.
    const check = await call(
      "GET",
      "/v1/control-check?item=laptop&from=US&to=CN&party=Yangtze%20Memory%20Technologies&at=2023-06-01",
    );
    expect(check.status).toBe(200);
    expect(check.headers.get("cache-control")).toBe("no-store");
    expect(check.json.licenceRequired).toBe(true);
    expect(check.json.screening.hits[0]).toMatchObject({ entryId: "csl:sample-el-10" });
    const bad = await call("GET", "/v1/screen?name=YMTC&threshold=2");
    expect(bad.status).toBe(400);
    expect(bad.json.field).toBe("threshold");
  });

  it("refuses what is not a CSL file, another type, an upload over the limit and a party of no country", async () => {
    const notCsl = await call("POST", "/v1/lists", "code,origin\n8541.43.00.10,CN\n", "text/csv");
    expect(notCsl.status).toBe(400);
    expect(notCsl.json.detail).toContain("no column _id, source, name, start_date");
    const xml = await call("POST", "/v1/lists", "<list/>", "application/xml");
    expect(xml.status).toBe(415);
    const big = await call("POST", "/v1/lists", SAMPLE_CSV + " ".repeat(MAX_BYTES), "text/csv");
    expect(big.status).toBe(413);
    expect(big.json.detail).toBe(`a list file is at most ${MAX_BYTES} bytes`);
    const zz = await call(
      "POST",
      "/v1/parties",
      JSON.stringify({ name: "Foo Trading", country: "ZZ" }),
      "application/json",
    );
    expect(zz.status).toBe(400);
    expect(zz.json).toMatchObject({
      field: "country",
      detail: 'country: "ZZ" is not an ISO 3166-1 alpha-2 country code',
    });
  });
});
