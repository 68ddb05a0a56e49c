/**
 * Batch upload: CSV or JSON lines in, one output row per input row out, both streamed: rows are
 * read from the request as they arrive and their output rows sent as each block of them is computed
 * (the batch pipeline's `batchStream`), so that neither the upload nor the answer is held whole.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type BatchFormat, type RowTotals, totalsSummary } from "../../batch/jobs.js";
import { batchStream, TooManyRows } from "../../batch/pipeline.js";
import { formatCents } from "../../units/money.js";
import { type ApiApp, type ApiContext, flag, problemResponse } from "../http.js";
import { ApiProblem } from "../problem.js";

/** The totals of a batch, sent as HTTP trailers once its last row is out. */
export const BATCH_TRAILERS = ["truce-rows", "truce-errors", "truce-incomplete", "truce-value", "truce-duty"];

function trailersOf(t: RowTotals): Record<string, string> {
  return {
    "truce-rows": String(t.rows),
    "truce-errors": String(t.errors),
    "truce-incomplete": String(t.incomplete),
    "truce-value": formatCents(t.valueCents),
    "truce-duty": formatCents(t.dutyCents),
  };
}

/** Output held for a client that reads the answer more slowly than it sends the upload. */
const OUTPUT_HIGH_WATER_BYTES = 16 << 20;

/**
 * The request's bytes as they arrive: the Node request itself under @hono/node-server (no web
 * stream between), else the Request's body (in-process requests).
 */
export function bodyOf(c: Context): AsyncIterable<Uint8Array> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming ?? ((c.req.raw.body ?? new ReadableStream()) as unknown as AsyncIterable<Uint8Array>);
}

/** The bytes of `body`, refused with 413 once they pass `max`. */
async function* limited(body: AsyncIterable<Uint8Array>, max: number): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    if (bytes > max) throw new ApiProblem("payload-too-large", `a batch is at most ${max} bytes`);
    yield chunk;
  }
}

export function addBatchRoutes(app: ApiApp, ctx: ApiContext): void {
  const { truce, maxBatchBytes, maxBatchRows } = ctx;
  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/batch",
      summary: "The duty on every row of a CSV or JSON lines upload, with per-row errors, streamed both ways",
      description: `The body is a batch file as \`truce duty --input\` reads it: CSV (\`text/csv\`) with the entry fields as columns (code,origin,date,value required, the others optional, extra columns kept), or JSON lines (\`application/x-ndjson\` or \`application/jsonl\`, one entry object a line). The answer is what the CLI writes, byte for byte: CSV rows repeating each input row with total_rate,total_amount,layers,error, or JSON lines {line, input, result | error}; \`?output=jsonl\` gives JSON lines for a CSV upload. A bad row gets an error naming its line and field and the batch goes on. Streamed both ways: rows are read as they arrive and the output rows are sent as they are computed (the first ones before the upload has finished; a client should read the answer while it sends, as browsers, curl and Node's fetch do; up to ${OUTPUT_HIGH_WATER_BYTES} bytes of output are held for one that does not). So the totals come after the rows, as HTTP trailers (announced in the \`Trailer\` header): ${BATCH_TRAILERS.join(", ")} (rows, rows with an error, rows whose amount could not be computed, customs value and duty of the rows computed, in dollars); with JSON lines output, \`?totals=true\` also ends the answer with a line {"totals": …} (for clients, such as browsers, that cannot read trailers). At most ${maxBatchRows} rows (a 413 if the rows past the limit arrive with the first ones, else the answer is cut off before the block that passes it) and at most ${maxBatchBytes} bytes: a larger Content-Length is refused with 413 before anything is read; an upload without Content-Length that passes the limit gets 413 if it does so before its first rows are answered, else the answer is cut off there (the connection is reset, without trailers). A missing header or required column is a 400 before any row.`,
      request: {
        query: z
          .object({
            output: z.enum(["csv", "jsonl"]).optional().describe("output format (default: the input's)"),
            totals: flag.describe(
              'JSON lines output only: end with the line {"totals": …} that `truce duty --input … --json --output FILE` prints (for clients that cannot read trailers)',
            ),
          })
          .strict(),
        // The body (text/csv or application/x-ndjson) is read as it arrives by the handler, not
        // parsed by a validator: each row is checked by the entry contract in the batch pipeline.
      },
      responses: {
        200: {
          description: `one output row per input row, in input order; the totals in the trailers ${BATCH_TRAILERS.join(", ")}`,
          headers: z.object({ trailer: z.string().describe(BATCH_TRAILERS.join(", ")) }),
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
      const query = c.req.valid("query");
      const output = query.output ?? input;
      const totalsLine = query.totals === "true";
      if (totalsLine && output !== "jsonl")
        throw new ApiProblem(
          "invalid-parameter",
          "a totals line ends JSON lines output only (add output=jsonl); a CSV answer has its totals in the trailers",
          "totals",
        );
      if (Number(c.req.header("content-length") ?? 0) > maxBatchBytes)
        throw new ApiProblem("payload-too-large", `a batch is at most ${maxBatchBytes} bytes`);
      const rows = batchStream(truce, limited(bodyOf(c), maxBatchBytes), {
        input,
        output,
        name: "the upload",
        maxRows: maxBatchRows,
      });
      // The header and the first rows before the status: a bad header is still a 400.
      let first: Awaited<ReturnType<typeof rows.next>>;
      try {
        first = await rows.next();
      } catch (e) {
        if (e instanceof TooManyRows) throw new ApiProblem("payload-too-large", e.message);
        throw e;
      }
      const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
      const finish = (totals: RowTotals, controller: ReadableStreamDefaultController<Uint8Array>) => {
        outgoing?.addTrailers(trailersOf(totals));
        if (totalsLine)
          controller.enqueue(
            Buffer.from(`${JSON.stringify({ totals: totalsSummary(totals, { kind: "duty" }) })}\n`),
          );
        controller.close();
      };
      const body = new ReadableStream<Uint8Array>(
        {
          start(controller) {
            if (first.done) finish(first.value, controller);
            else controller.enqueue(first.value);
          },
          async pull(controller) {
            const next = await rows.next();
            if (next.done) finish(next.value, controller);
            else controller.enqueue(next.value);
          },
          async cancel() {
            await rows.return(undefined as never);
          },
        },
        new ByteLengthQueuingStrategy({ highWaterMark: OUTPUT_HIGH_WATER_BYTES }),
      );
      return new Response(body, {
        status: 200,
        headers: {
          "content-type":
            output === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
          trailer: BATCH_TRAILERS.join(", "),
        },
      }) as never;
    },
  );
}
