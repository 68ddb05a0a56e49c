/**
 * POST /v1/batch over a real socket (a started server): the answer streams both ways. Every row
 * comes back in order with its error, byte for byte what `truce duty --input` writes on the same
 * file, with the totals in HTTP trailers; JSON lines likewise; an upload over the limit is refused
 * with 413; and the first output rows of a 50,000-row upload arrive while it is still being sent.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/api/app.js";
import { type Serving, startServer } from "../../src/api/server.js";
import { loadTruce } from "../../src/truce.js";
import { truce as cli } from "../run-cli.js";

/** Tests that run the CLI (it loads the law on each run) get more than the default minute. */
const CLI_RUNS_MS = 180_000;
const LIMIT_BYTES = 4 << 20;

let serving: Serving;
beforeAll(async () => {
  serving = await startServer({
    port: 0,
    truce: loadTruce(),
    dataDir: mkdtempSync(join(tmpdir(), "truce-api-stream-store-")),
    app: { maxBatchBytes: LIMIT_BYTES },
  });
});
afterAll(() => serving.close());

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "truce-api-stream-")), name);
  writeFileSync(path, text);
  return path;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  trailers: Record<string, string | undefined>;
  /** Whether the first bytes of the answer came before the upload was finished. */
  answeredWhileSending: boolean;
  /** Whether the answer was cut off (the connection closed before its end). */
  cutOff: boolean;
}

/**
 * Uploads `parts` one after the other, each written once the one before has been taken by the
 * socket; with `waitForAnswer`, the parts after the first are held until the answer's first bytes
 * have arrived (or a minute has passed: then `answeredWhileSending` is false).
 */
function upload(
  parts: string[],
  type: string,
  options: { chunked?: boolean; waitForAnswer?: boolean; query?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let sent = false;
    let answeredWhileSending = false;
    let firstBytes: () => void = () => {};
    const answered = new Promise<void>((r) => (firstBytes = r));
    const length = parts.reduce((n, p) => n + Buffer.byteLength(p), 0);
    const { hostname, port } = new URL(serving.url);
    const req = request(
      {
        hostname,
        port,
        path: `/v1/batch${options.query ?? ""}`,
        method: "POST",
        headers: {
          "content-type": type,
          ...(options.chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(length) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (d: Buffer) => {
          if (chunks.length === 0) {
            answeredWhileSending = !sent;
            firstBytes();
          }
          chunks.push(d);
        });
        const done = (cutOff: boolean) =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            trailers: res.trailers,
            answeredWhileSending,
            cutOff,
          });
        res.on("end", () => done(false));
        res.on("error", () => done(true));
      },
    );
    // Once the server has answered (413) or cut the answer off, the rest of the upload may fail.
    req.on("error", (e) => (sent ? undefined : reject(e)));
    void (async () => {
      for (const [k, part] of parts.entries()) {
        // A server that waited for the whole upload would not answer: give up waiting after a minute.
        if (k === 1 && options.waitForAnswer)
          await Promise.race([answered, new Promise((r) => setTimeout(r, 60_000))]);
        if (!req.write(part)) await new Promise((r) => req.once("drain", r));
      }
      sent = true;
      req.end();
    })();
  });
}

/** "9400.00" → 940000 (amounts are written with two decimals). */
const centsOf = (amount: string) => Number(amount.replace(".", ""));

const CSV = [
  "code,origin,date,value,ref",
  "8541.43.00.10,CN,2025-11-01,10000,solar",
  "8541.43.00.10,XX,2025-11-01,10000,bad origin",
  '"6102.20.00.10",CN,2025-04-11,"1,234.56",coat',
  "9999.99.99,CN,2025-04-11,1,unknown code",
  "8541.43.00.10,CN,2025-11-01,10,00,short and long",
  "8541.43.00.10,CN,2025-13-01,5,bad date",
  "",
].join("\n");

describe("POST /v1/batch over HTTP, streamed", () => {
  it(
    "answers every CSV row in order with its error, byte for byte what truce duty --input writes, totals in the trailers",
    async () => {
      const printed = cli("duty", "--input", file("entries.csv", CSV));
      const r = await upload([CSV], "text/csv");
      expect(r.status).toBe(200);
      expect(r.headers["content-type"]).toMatch(/^text\/csv/);
      expect(r.headers.trailer).toBe("truce-rows, truce-errors, truce-incomplete, truce-value, truce-duty");
      expect(r.body).toBe(printed.stdout);
      const lines = r.body.trimEnd().split("\n");
      expect(lines).toHaveLength(7);
      // TC10: the solar module of Nov 1 2025 at 94% = $9,400.00.
      expect(lines[1]).toMatch(/^8541\.43\.00\.10,CN,2025-11-01,10000,solar,94,9400\.00,/);
      expect(lines[2]).toMatch(/line 3: origin: ""XX""/);
      expect(lines[4]).toMatch(/line 5: code:/);
      expect(lines[5]).toMatch(/line 6: expected 5 columns, found 6/);
      expect(lines[6]).toMatch(/line 7: date:/);
      // The CLI's summary line on stderr has the same totals.
      expect(printed.stderr).toMatch(
        /6 rows, 2 computed, 4 errors, 0 incomplete; duty \$11,479\.00 .* on \$11,234\.56/,
      );
      expect(r.trailers).toMatchObject({
        "truce-rows": "6",
        "truce-errors": "4",
        "truce-incomplete": "0",
        "truce-value": "11234.56",
        "truce-duty": "11479.00",
      });
    },
    CLI_RUNS_MS,
  );

  it(
    "takes JSON lines and answers JSON lines as the CLI writes them",
    async () => {
      const jsonl = [
        JSON.stringify({
          code: "1201.90.19",
          importer: "CN",
          origin: "US",
          at: "2025-11-10T13:01",
          value: 10000,
        }),
        JSON.stringify({ code: "8541.43.00.10", orign: "CN", date: "2025-11-01", value: 1 }),
        "{not json",
        JSON.stringify({ code: "8541.43.00.10", origin: "CN", date: "2025-11-01", value: 10000 }),
        "",
      ].join("\n");
      const printed = cli("duty", "--input", file("entries.jsonl", jsonl));
      const r = await upload([jsonl], "application/x-ndjson", { chunked: true });
      expect(r.status).toBe(200);
      expect(r.body).toBe(printed.stdout);
      const rows = r.body
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(rows.map((x) => x.line)).toEqual([1, 2, 3, 4]);
      expect(rows[1].error.field).toBe("orign");
      expect(rows[3].result.total).toEqual({ rate: 94, amount: "9400.00" });
      expect(r.trailers["truce-rows"]).toBe("4");
      expect(r.trailers["truce-errors"]).toBe("2");
      // For a client that cannot read trailers: the totals line the CLI prints with --json --output.
      const input = file("entries.jsonl", jsonl);
      const cliTotals = JSON.parse(
        cli("duty", "--input", input, "--json", "--output", `${input}.out.jsonl`).stdout,
      );
      const withTotals = await upload([jsonl], "application/x-ndjson", { query: "?totals=true" });
      const lines = withTotals.body.trimEnd().split("\n");
      expect(lines.slice(0, -1).join("\n")).toBe(r.body.trimEnd());
      expect(JSON.parse(lines.at(-1) ?? "")).toEqual({ totals: cliTotals.totals });
      // The duty total is the sum of the computed rows' totals (TC10's $9,400.00 among them).
      const cents = rows.filter((x) => x.result).reduce((sum, x) => sum + centsOf(x.result.total.amount), 0);
      expect(cliTotals.totals).toMatchObject({ rows: 4, computed: 2, errors: 2 });
      expect(centsOf(cliTotals.totals.duty.amount)).toBe(cents);
      const refused = await upload([CSV], "text/csv", { query: "?totals=true" });
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.body).field).toBe("totals");
    },
    CLI_RUNS_MS,
  );

  it("refuses a batch of more rows than its row limit with 413 naming the limit, and prices one at the limit", async () => {
    const app = createApp(loadTruce(), { maxBatchRows: 3 });
    const batch = (rows: number) =>
      app.request("/v1/batch", {
        method: "POST",
        headers: { "content-type": "text/csv" },
        body: `code,origin,date,value\n${"8541.43.00.10,CN,2025-11-01,100\n".repeat(rows)}`,
      });
    const over = await batch(4);
    expect(over.status).toBe(413);
    expect(await over.json()).toMatchObject({ status: 413, detail: "a batch is at most 3 rows" });
    const at = await batch(3);
    expect(at.status).toBe(200);
    const lines = (await at.text()).trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[3]).toContain(",94,94.00,");
  });

  it("refuses an upload over the limit: 413 by its Content-Length, else the answer is cut off where it passes", async () => {
    const row = "8541.43.00.10,CN,2025-11-01,1,x\n";
    const big = `code,origin,date,value,ref\n${row.repeat(Math.ceil(LIMIT_BYTES / row.length) + 1)}`;
    const declared = await upload([big], "text/csv");
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ type: "/docs#payload-too-large", status: 413 });
    // Without a length the first rows are answered before the limit is reached, then the answer stops.
    const counted = await upload([big], "text/csv", { chunked: true });
    expect(counted.status).toBe(200);
    expect(counted.cutOff).toBe(true);
    expect(counted.trailers["truce-rows"]).toBeUndefined();
    const answered = counted.body.split("\n").length - 2;
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThan(big.split("\n").length - 2);
  });

  it(
    "sends the first output rows of a 50,000-row upload before the upload has finished, and then all of them",
    async () => {
      const header = "code,origin,date,value\n";
      const codes = ["8541.43.00.10", "6102.20.00.10", "7610.10.00", "8703.80.00"];
      const rows: string[] = [];
      for (let i = 0; i < 50_000; i++)
        rows.push(`${codes[i % codes.length]},CN,2025-11-01,${1 + i}.${String(i % 100).padStart(2, "0")}\n`);
      const text = header + rows.join("");
      // The first 2,000 rows, then the rest only once the answer has begun.
      const first = header + rows.slice(0, 2000).join("");
      const rest = rows.slice(2000).join("");
      const r = await upload([first, rest], "text/csv", { waitForAnswer: true });
      expect(r.answeredWhileSending).toBe(true);
      expect(r.status).toBe(200);
      const input = file("many.csv", text);
      const written = join(dirname(input), "many-out.csv");
      cli("duty", "--input", input, "--output", written);
      expect(r.body).toBe(readFileSync(written, "utf8"));
      expect(r.trailers["truce-rows"]).toBe("50000");
      expect(r.trailers["truce-errors"]).toBe("0");
    },
    CLI_RUNS_MS,
  );
});
