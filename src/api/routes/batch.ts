/** Batch upload: CSV or JSON lines in, one output row per input row out. */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createRoute, z } from "@hono/zod-openapi";
import type { BatchFormat } from "../../batch/jobs.js";
import { runBatch } from "../../batch/pipeline.js";
import { formatCents } from "../../units/money.js";
import { type ApiApp, type ApiContext, problemResponse } from "../http.js";
import { ApiProblem } from "../problem.js";

export function addBatchRoutes(app: ApiApp, ctx: ApiContext): void {
  const { truce, maxBatchBytes } = ctx;
  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/batch",
      summary: "The duty on every row of a CSV or JSON lines upload, with per-row errors",
      description: `The body is a batch file as \`truce duty --input\` reads it: CSV (\`text/csv\`) with the entry fields as columns (code,origin,date,value required, the others optional, extra columns kept), or JSON lines (\`application/x-ndjson\` or \`application/jsonl\`, one entry object a line). The answer is what the CLI writes: CSV rows repeating each input row with total_rate,total_amount,layers,error, or JSON lines {line, input, result | error}; \`?output=jsonl\` gives JSON lines for a CSV upload. A bad row gets an error naming its line and field and the batch goes on. At most ${maxBatchBytes} bytes (413 beyond). The totals are in the headers truce-rows, truce-errors, truce-value and truce-duty.`,
      request: {
        query: z
          .object({
            output: z.enum(["csv", "jsonl"]).optional().describe("output format (default: the input's)"),
          })
          .strict(),
        // The body (text/csv or application/x-ndjson) is streamed to disk by the handler, not
        // parsed by a validator: each row is checked by the entry contract in the batch pipeline.
      },
      responses: {
        200: {
          description: "one output row per input row, in input order",
          content: { "text/csv": { schema: z.string() }, "application/x-ndjson": { schema: z.string() } },
        },
        400: problemResponse("no header, a required column missing, or JSON lines asked as CSV"),
        413: problemResponse("the upload is over the limit"),
        415: problemResponse("not CSV or JSON lines"),
      },
    }),
    async (c) => {
      const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      const input: BatchFormat | undefined =
        type === "text/csv"
          ? "csv"
          : ["application/x-ndjson", "application/jsonl"].includes(type)
            ? "jsonl"
            : undefined;
      if (input === undefined)
        throw new ApiProblem(
          "unsupported-media-type",
          `a batch is text/csv or application/x-ndjson, not "${type}"`,
          "content-type",
        );
      const output = c.req.valid("query").output ?? input;
      if (Number(c.req.header("content-length") ?? 0) > maxBatchBytes)
        throw new ApiProblem("payload-too-large", `a batch is at most ${maxBatchBytes} bytes`);
      const dir = await mkdtemp(join(tmpdir(), "truce-batch-"));
      const inPath = join(dir, "in");
      const outPath = join(dir, "out");
      const cleanUp = () => rm(dir, { recursive: true, force: true });
      try {
        let bytes = 0;
        const body = c.req.raw.body ?? new ReadableStream();
        const counted = Readable.fromWeb(body as never).map((chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > maxBatchBytes)
            throw new ApiProblem("payload-too-large", `a batch is at most ${maxBatchBytes} bytes`);
          return chunk;
        });
        await pipeline(counted, createWriteStream(inPath));
        const summary = await runBatch(truce, inPath, outPath, { input, output });
        const stream = createReadStream(outPath);
        stream.once("close", () => void cleanUp());
        return c.body(Readable.toWeb(stream) as ReadableStream, 200, {
          "content-type":
            output === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
          "truce-rows": String(summary.rows),
          "truce-errors": String(summary.errors),
          "truce-value": formatCents(summary.valueCents),
          "truce-duty": formatCents(summary.dutyCents),
        }) as never;
      } catch (e) {
        await cleanUp();
        throw e;
      }
    },
  );
}
