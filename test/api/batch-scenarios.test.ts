/**
 * POST /v1/batch answers what `truce duty --input` writes (CSV and JSON lines, per-row errors), and
 * POST /v1/scenarios/compare what `truce scenario compare … --json` prints.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/api/app.js";
import { loadTruce } from "../../src/truce.js";
import { truce as cli } from "../run-cli.js";

/** Tests that run the CLI (it loads the law on each run) get more than the default minute. */
const CLI_RUNS_MS = 180_000;

let app: ReturnType<typeof createApp>;
beforeAll(() => {
  app = createApp(loadTruce(), { maxBatchBytes: 4096 });
});

const CSV = [
  "code,origin,date,value,ref",
  "8541.43.00.10,CN,2025-11-01,10000,solar",
  "8541.43.00.10,XX,2025-11-01,10000,bad origin",
  '"6102.20.00.10",CN,2025-04-11,"1,234.56",coat',
  "",
].join("\n");
const JSONL = [
  JSON.stringify({ code: "1201.90.19", importer: "CN", origin: "US", at: "2025-11-10T13:01", value: 10000 }),
  JSON.stringify({ code: "8541.43.00.10", orign: "CN", date: "2025-11-01", value: 1 }),
  "",
].join("\n");

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "truce-api-test-")), name);
  writeFileSync(path, text);
  return path;
}

const upload = (body: string, type: string, query = "") =>
  app.request(`/v1/batch${query}`, { method: "POST", headers: { "content-type": type }, body });

describe("POST /v1/batch", () => {
  it(
    "writes what truce duty --input writes, CSV in and out, a bad row with its error",
    async () => {
      const printed = cli("duty", "--input", file("entries.csv", CSV));
      const r = await upload(CSV, "text/csv");
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toMatch(/^text\/csv/);
      const text = await r.text();
      expect(text).toBe(printed.stdout);
      expect(text.split("\n")[2]).toMatch(/origin/);
      // The totals come after the rows, as trailers (over a real socket: batch-stream.test.ts).
      expect(r.headers.get("trailer")).toMatch(/truce-rows/);
    },
    CLI_RUNS_MS,
  );

  it(
    "takes JSON lines and gives JSON lines (and JSON lines for CSV on ?output=jsonl)",
    async () => {
      const printed = cli("duty", "--input", file("entries.jsonl", JSONL));
      const r = await upload(JSONL, "application/x-ndjson");
      expect(await r.text()).toBe(printed.stdout);
      const rows = printed.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(rows[1].error.field).toBe("orign");
      const asJson = await upload(CSV, "text/csv", "?output=jsonl");
      expect(await asJson.text()).toBe(cli("duty", "--input", file("entries.csv", CSV), "--json").stdout);
    },
    CLI_RUNS_MS,
  );

  it("refuses what is not a batch: another type, a missing column, too large", async () => {
    const plain = await upload(CSV, "text/plain");
    expect(plain.status).toBe(415);
    expect((await plain.json()).field).toBe("content-type");
    const missing = await upload("code,origin,date\n8541.43.00.10,CN,2025-11-01\n", "text/csv");
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ type: "/docs#invalid-entry" });
    const big = await upload(`${CSV}${"8541.43.00.10,CN,2025-11-01,1,x\n".repeat(200)}`, "text/csv");
    expect(big.status).toBe(413);
  });
});

describe("POST /v1/scenarios/compare", () => {
  it(
    "compares one entry as truce scenario compare --json prints it",
    async () => {
      const printed = cli(
        "scenario",
        "compare",
        "baseline",
        "truce-lapses-2025-11-10",
        "1201.90.19",
        "--importer",
        "CN",
        "--origin",
        "US",
        "--at",
        "2025-11-10T13:01",
        "--value",
        "10000",
        "--json",
      );
      expect(printed.status, printed.stderr).toBe(0);
      const r = await app.request("/v1/scenarios/compare", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          a: "baseline",
          b: "truce-lapses-2025-11-10",
          entry: { code: "1201.90.19", importer: "CN", origin: "US", at: "2025-11-10T13:01", value: "10000" },
        }),
      });
      expect(r.status).toBe(200);
      expect(await r.text()).toBe(printed.stdout);
    },
    CLI_RUNS_MS,
  );

  it("names the field of a bad scenario or entry", async () => {
    const ask = async (body: unknown) => {
      const r = await app.request("/v1/scenarios/compare", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(r.status).toBe(400);
      return r.json();
    };
    const entry = { code: "8541.43.00.10", origin: "CN", date: "2025-11-01", value: "1" };
    expect((await ask({ a: "baseline", b: "nope", entry })).field).toBe("b");
    expect((await ask({ a: { id: "x" }, b: "baseline", entry })).field).toBe("a");
    expect((await ask({ a: "baseline", b: "baseline", entry: { ...entry, origin: "XX" } })).field).toBe(
      "origin",
    );
    expect((await ask({ a: "baseline", b: "baseline", entry: { ...entry, orign: "CN" } })).field).toBe(
      "orign",
    );
    expect((await ask({ a: "baseline", b: "baseline" })).field).toBe("entry");
  });
});
