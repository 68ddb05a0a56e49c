/**
 * The HTTP API (Hono with @hono/zod-openapi): every route is declared with the zod schemas of the
 * library (the entry contract validates `/v1/duty`'s query and body; the result contract describes
 * its answer), so `/openapi.json` is generated from the same definitions the CLI and the library
 * use. `createApp(truce)` builds the app without a socket (tests call `app.request`); `server.ts`
 * listens. Nothing here holds a rule: it validates, calls the core and sends its JSON.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { compareResults } from "../analytics/compare.js";
import { dataStatus } from "../analytics/data-check.js";
import { compareAverages, runAverage } from "../analytics/report.js";
import { changeJson, deadlineJson, deadlinesToIcs, eventJson } from "../analytics/timeline.js";
import { WEIGHTS_YEARS } from "../analytics/weights.js";
import type { BatchFormat } from "../batch/jobs.js";
import { runBatch } from "../batch/pipeline.js";
import { fingerprint } from "../batch/workers.js";
import { dutyOverLines } from "../engine/lines.js";
import { InputError } from "../entry/errors.js";
import { parseEntry } from "../entry/parse.js";
import { DutyResultSchema } from "../entry/result-schema.js";
import { EntryInputSchema, entryFieldsOf } from "../entry/schema.js";
import { type Bound, deadlines, lawChanges } from "../law/changes.js";
import { EVENT_KINDS, filterEvents, loadEvents, parseKinds } from "../law/events.js";
import { linesWithMeasures, measuresInForce } from "../law/query.js";
import { parseScenario, ScenarioError, scenarioById } from "../law/scenario.js";
import { CodeError, formatCode } from "../nomenclature/codes.js";
import { type Truce, truceFor } from "../truce.js";
import { formatCents } from "../units/money.js";
import { CN_ZONE, formatInZone, isCalendarDate, parseInstant, TimeError, US_ZONE } from "../units/time.js";
import {
  ApiProblem,
  entryProblem,
  entryValidationProblem,
  PROBLEM_TYPES,
  ProblemSchema,
  parameterProblem,
} from "./problem.js";
import { referencePage } from "./reference.js";

/** The version of the API's paths (`/v1/…`) and of its document. */
export const API_VERSION = "1.0.0";
/** How long a client may reuse an answer that depends only on the data without asking again. */
export const DATA_MAX_AGE_SECONDS = 300;

const JSON_TYPE = "application/json; charset=utf-8";

/** JSON as `truce … --json` prints it: two-space indent and a final newline. */
function printed(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The tag of the data an answer depends on: the law and schedules the engine reads, the events, the code. */
function dataTag(t: Truce, events: unknown): string {
  let h = 0x811c9dc5;
  for (const text of [
    fingerprint(t),
    JSON.stringify(events),
    API_VERSION,
    process.env.npm_package_version ?? "",
  ]) {
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return `W/"truce-${(h >>> 0).toString(16)}"`;
}

// ---------------------------------------------------------------- parameter schemas

const calendarDate = z
  .string()
  .refine(isCalendarDate, "expected a calendar date YYYY-MM-DD")
  .openapi({ example: "2025-11-10" });
const instantText = z
  .string()
  .describe("a date YYYY-MM-DD (00:01 in the importer's zone) or an ISO 8601 instant")
  .openapi({ example: "2025-11-10T00:01" });
const importerParam = z.enum(["US", "CN"]).optional().describe("importing country (default US)");
const bothParam = z.enum(["US", "CN", "both"]).optional().describe("whose measures (default both)");
const flag = z.enum(["true", "false"]).optional();

// The library's contracts, named in the document's components (their ids live in zod's registry).
const Entry = EntryInputSchema.meta({ id: "Entry" });
const DutyResult = DutyResultSchema.meta({ id: "DutyResult" });

const entryResponses = {
  200: {
    description: "the duty, layer by layer, exactly as `truce duty … --json` prints it",
    content: { "application/json": { schema: DutyResult } },
  },
  400: {
    description: "a bad entry: the field at fault, what is wrong, codes it may have meant",
    content: { "application/problem+json": { schema: ProblemSchema } },
  },
} as const;

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});
const jsonResponse = (description: string, schema: z.ZodType = z.unknown()) => ({
  description,
  content: { "application/json": { schema } },
});

/** Parses an instant parameter in a zone, or refuses naming the parameter. */
function instantParam(text: string, zone: string, field: string): number {
  try {
    return parseInstant(text, zone);
  } catch (e) {
    if (e instanceof TimeError) throw new ApiProblem("invalid-parameter", e.message, field);
    throw e;
  }
}

/** A window bound: a date (compared in each item's own zone) or an exact instant (New York time if local). */
function boundParam(text: string, field: string): Bound {
  return isCalendarDate(text) ? { date: text } : { instant: instantParam(text, US_ZONE, field) };
}

export interface AppOptions {
  /** Largest request body accepted, in bytes (default 64 KiB). */
  maxBodyBytes?: number;
  /** Largest batch upload accepted, in bytes (default 64 MiB, about a million rows). */
  maxBatchBytes?: number;
}

export function createApp(truce: Truce, options: AppOptions = {}) {
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const maxBatchBytes = options.maxBatchBytes ?? 64 * 1024 * 1024;
  const events = loadEvents(truce.law);
  const tag = dataTag(truce, events.map(eventJson));

  const app = new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) throw parameterProblem(result.error);
    },
  });
  /** The validation hook of the entry routes: the entry contract's own wording of what is wrong. */
  const entryHook = (result: { success: boolean; error?: unknown; data?: unknown }): undefined => {
    if (!result.success) throw entryValidationProblem(result.error as z.ZodError, result.data);
    return undefined;
  };

  app.onError((e, c) => {
    let problem: ApiProblem;
    if (e instanceof ApiProblem) problem = e;
    else if (e instanceof InputError) problem = entryProblem(e);
    else if (e instanceof HTTPException && e.status === 400)
      problem = new ApiProblem("invalid-parameter", e.message || "malformed request body", "body");
    else {
      process.stderr.write(`truce serve: ${c.req.method} ${c.req.path}: ${e.stack ?? e}\n`);
      problem = new ApiProblem("internal", "the service failed on this request");
    }
    return c.body(printed(problem.toJson()), problem.status as 400, {
      "content-type": "application/problem+json; charset=utf-8",
    });
  });
  app.notFound((c) => {
    const p = new ApiProblem("not-found", `no endpoint ${c.req.method} ${c.req.path} (see /docs)`);
    return c.body(printed(p.toJson()), 404, { "content-type": "application/problem+json; charset=utf-8" });
  });

  // Bodies are limited as they are read (by Content-Length when given, else by counting the bytes);
  // a batch upload has its own, larger limit, counted as it is written to disk.
  const smallBodies = bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw new ApiProblem("payload-too-large", `the body is larger than ${maxBodyBytes} bytes`);
    },
  });
  app.use("*", (c, next) => (c.req.path === "/v1/batch" ? next() : smallBodies(c, next)));

  /** An answer that depends only on the data (and the URL): ETag and Cache-Control, 304 when unchanged. */
  const fromData = (c: Context, body: string, type = JSON_TYPE): Response => {
    const headers = {
      "content-type": type,
      etag: tag,
      "cache-control": `public, max-age=${DATA_MAX_AGE_SECONDS}`,
    };
    if (
      c.req
        .header("if-none-match")
        ?.split(/\s*,\s*/)
        .includes(tag)
    )
      return c.body(null, 304, headers);
    return c.body(body, 200, headers);
  };

  // ---------------------------------------------------------------- service

  app.get("/healthz", (c) =>
    c.json({
      status: "ok",
      law: { instruments: truce.law.instruments.size, measures: truce.law.measures.length },
    }),
  );

  // ---------------------------------------------------------------- duty

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/duty",
      summary: "The duty on one entry (a link reproduces the answer)",
      description:
        "Query parameters are the entry's fields, under the names of a batch file's columns (`claims` may be repeated). The answer is exactly what `truce duty … --json` prints.",
      request: { query: EntryInputSchema },
      responses: entryResponses,
    }),
    (c) => fromData(c, printed(truce.duty(c.req.valid("query")))) as never,
    entryHook as never,
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/duty",
      summary: "The duty on one entry given as a JSON object",
      request: {
        body: {
          required: true,
          content: { "application/json": { schema: Entry } },
        },
      },
      responses: { ...entryResponses, 413: problemResponse("the body is over the limit") },
    }),
    (c) => c.body(printed(truce.duty(c.req.valid("json"))), 200, { "content-type": JSON_TYPE }) as never,
    entryHook as never,
  );

  // ---------------------------------------------------------------- the data and the law

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/status",
      summary: "How current the data is: each importer's horizon and the latest HTS edition held",
      request: { query: z.object({}).strict() },
      responses: { 200: jsonResponse("as `truce status --json` prints it") },
    }),
    (c) => fromData(c, printed(dataStatus(truce))) as never,
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/measures",
      summary: "The measures of an importer in force at an instant",
      request: {
        query: z
          .object({
            at: instantText,
            importer: importerParam,
            all: flag.describe("also suspended, threatened and ended measures"),
          })
          .strict(),
      },
      responses: {
        200: jsonResponse("as `truce measures --json` prints it"),
        400: problemResponse("bad parameter"),
      },
    }),
    (c) => {
      const q = c.req.valid("query");
      const importer = q.importer ?? "US";
      const zone = importer === "US" ? US_ZONE : CN_ZONE;
      const instant = instantParam(q.at, zone, "at");
      const measures = measuresInForce(truce.law, importer, instant, q.all === "true");
      return fromData(c, printed({ instant: formatInZone(instant, zone), measures })) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/hts/{code}",
      summary: "US HTS lines under a code, their MFN rates and the special duties pointing at them",
      request: {
        params: z.object({ code: z.string().openapi({ example: "8541.43" }) }),
        query: z
          .object({
            date: calendarDate.optional().describe("revision in force on this date (default: the latest)"),
          })
          .strict(),
      },
      responses: {
        200: jsonResponse("as `truce hts CODE --json` prints it"),
        400: problemResponse("bad date"),
        404: problemResponse("no such code (with suggestions)"),
      },
    }),
    (c) => {
      const { code } = c.req.valid("param");
      const { date } = c.req.valid("query");
      const on = date ?? truce.hts.revisions[truce.hts.revisions.length - 1]?.effectiveDate ?? "2026-01-01";
      try {
        return fromData(c, printed(linesWithMeasures(truce.law, truce.hts, code, on))) as never;
      } catch (e) {
        if (e instanceof CodeError)
          throw new ApiProblem("not-found", e.message, "code", e.suggestions.map(formatCode));
        throw e;
      }
    },
  );

  const windowQuery = z
    .object({
      from: calendarDate.describe("first day, in each measure's own zone"),
      to: calendarDate.describe("last day, inclusive"),
      importer: bothParam,
    })
    .strict();

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/changes",
      summary: "Measures that start, change rate, are suspended, resume or end in a window",
      request: { query: windowQuery },
      responses: {
        200: jsonResponse("as `truce changes --json` prints it"),
        400: problemResponse("bad parameter"),
      },
    }),
    (c) => {
      const q = c.req.valid("query");
      if (q.to < q.from) throw new ApiProblem("invalid-parameter", "is before from", "to");
      const list = lawChanges(
        truce.law,
        { from: { date: q.from }, to: { date: q.to } },
        q.importer ?? "both",
      );
      return fromData(c, printed(list.map(changeJson))) as never;
    },
  );

  const deadlinesQuery = z
    .object({
      from: instantText.optional().describe("from this date or instant (default: now)"),
      to: instantText.optional().describe("up to this date or instant, inclusive"),
      importer: bothParam,
    })
    .strict();

  /** The deadlines of a query; `now` is read only when `from` is not given. */
  function deadlinesOf(q: z.infer<typeof deadlinesQuery>, now: number) {
    const from = q.from ? boundParam(q.from, "from") : { instant: now };
    const to = q.to ? boundParam(q.to, "to") : undefined;
    return deadlines(truce.law, events, { from, ...(to ? { to } : {}) }, q.importer ?? "both");
  }

  /** Deadlines as an iCalendar feed: data-only (cacheable) when `from` is given, else as of now. */
  function icsAnswer(c: Context, q: z.infer<typeof deadlinesQuery>): Response {
    const now = Date.now();
    const ics = deadlinesToIcs(deadlinesOf(q, now), new Date(now));
    const type = "text/calendar; charset=utf-8";
    return q.from
      ? fromData(c, ics, type)
      : c.body(ics, 200, { "content-type": type, "cache-control": "no-cache" });
  }

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/deadlines",
      summary: "Coming dated steps: truce expiries, scheduled increases, exclusion expiries",
      description: "JSON, or an iCalendar feed with `Accept: text/calendar` (also at /v1/deadlines.ics).",
      request: { query: deadlinesQuery },
      responses: {
        200: {
          description: "as `truce deadlines --json` prints it, or the `--ics` feed",
          content: { "application/json": { schema: z.unknown() }, "text/calendar": { schema: z.string() } },
        },
        400: problemResponse("bad parameter"),
      },
    }),
    (c) => {
      const q = c.req.valid("query");
      const accept = c.req.header("accept") ?? "";
      if (accept.includes("text/calendar") && !accept.includes("application/json"))
        return icsAnswer(c, q) as never;
      const body = printed(deadlinesOf(q, Date.now()).map(deadlineJson));
      return (
        q.from
          ? fromData(c, body)
          : c.body(body, 200, { "content-type": JSON_TYPE, "cache-control": "no-cache" })
      ) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/deadlines.ics",
      summary: "The deadlines as an iCalendar feed (UTC instants, stable UIDs)",
      request: { query: deadlinesQuery },
      responses: {
        200: { description: "iCalendar", content: { "text/calendar": { schema: z.string() } } },
        400: problemResponse("bad parameter"),
      },
    }),
    (c) => icsAnswer(c, c.req.valid("query")) as never,
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/timeline",
      summary: "The negotiation timeline: rounds, summits, calls, announcements, threats, deadlines, rulings",
      request: {
        query: z
          .object({
            from: calendarDate.optional().describe("first day (local at the event)"),
            to: calendarDate.optional().describe("last day, inclusive"),
            kind: z
              .string()
              .optional()
              .describe(`comma-separated kinds: ${EVENT_KINDS.join(", ")}`),
            measure: z.string().optional().describe("only events linked to this measure id"),
          })
          .strict(),
      },
      responses: {
        200: jsonResponse("as `truce timeline --json` prints it"),
        400: problemResponse("bad parameter"),
      },
    }),
    (c) => {
      const q = c.req.valid("query");
      let kinds: ReturnType<typeof parseKinds> | undefined;
      if (q.kind !== undefined) {
        try {
          kinds = parseKinds(q.kind);
        } catch (e) {
          throw new ApiProblem("invalid-parameter", (e as Error).message, "kind");
        }
      }
      if (q.measure !== undefined && !truce.law.byId.has(q.measure))
        throw new ApiProblem("invalid-parameter", `unknown measure ${q.measure}`, "measure");
      const list = filterEvents(events, {
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        ...(kinds ? { kinds } : {}),
        ...(q.measure ? { measure: q.measure } : {}),
      });
      return fromData(c, printed(list.map(eventJson))) as never;
    },
  );

  const years = [...new Set([...WEIGHTS_YEARS.US, ...WEIGHTS_YEARS.CN])].sort() as [string, ...string[]];
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/averages",
      summary: "Trade-weighted average tariff on each date it changes, over the shipped weights",
      request: {
        query: z
          .object({
            importer: importerParam,
            origin: z
              .string()
              .optional()
              .describe("origin of the goods (default: CN for the US, US for China)"),
            from: calendarDate,
            to: calendarDate,
            daily: flag.describe("one value per day instead of one per change"),
            by: z.enum(["authority"]).optional().describe("decompose each value by legal authority"),
            year: z.enum(years).optional().describe("year of the shipped weights (default 2024)"),
            scenario: z.string().optional().describe("under a scenario of data/scenarios"),
          })
          .strict(),
      },
      responses: {
        200: jsonResponse("{points: [{date, average, coverage, byAuthority?}], metadata}"),
        400: problemResponse("bad parameter"),
      },
    }),
    (c) => {
      const q = c.req.valid("query");
      const importer = q.importer ?? "US";
      if (q.to < q.from) throw new ApiProblem("invalid-parameter", "is before from", "to");
      const year = q.year ?? "2024";
      if (!WEIGHTS_YEARS[importer].includes(year))
        throw new ApiProblem(
          "invalid-parameter",
          `the shipped weights of importer ${importer} are of ${WEIGHTS_YEARS[importer].join(", ")}`,
          "year",
        );
      let t = truce;
      try {
        if (q.scenario) t = truceFor(truce, q.scenario);
      } catch (e) {
        if (e instanceof ScenarioError) throw new ApiProblem("invalid-parameter", e.message, "scenario");
        throw e;
      }
      const out = runAverage(t, {
        importer,
        origin: (q.origin ?? (importer === "US" ? "CN" : "US")).toUpperCase(),
        from: q.from,
        to: q.to,
        daily: q.daily === "true",
        byAuthority: q.by === "authority",
        year,
      });
      // The weights file's place on this machine is no business of a client.
      const { weightsFile: _place, ...metadata } = out.metadata;
      return fromData(c, printed({ points: out.points, metadata })) as never;
    },
  );

  // ---------------------------------------------------------------- scenarios

  const scenarioRef = z
    .union([z.string(), z.record(z.string(), z.unknown())])
    .describe(
      'a scenario id of data/scenarios ("baseline": the law as it is), or a scenario object as in those files',
    );
  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/scenarios/compare",
      summary:
        "The duty on one entry, or both directions' trade-weighted averages on a date, under two scenarios",
      description:
        "With `entry`: what `truce scenario compare A B CODE … --json` prints (layer by layer, b less a). With `date` instead: the averages of both directions on that date, as `truce scenario compare A B --date … --json` prints them.",
      request: {
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z
                .object({
                  a: scenarioRef,
                  b: scenarioRef,
                  entry: Entry.optional(),
                  date: calendarDate.optional(),
                })
                .strict(),
            },
          },
        },
      },
      responses: {
        200: jsonResponse("the comparison"),
        400: problemResponse("a bad entry, scenario or date"),
        413: problemResponse("the body is over the limit"),
      },
    }),
    (c) => {
      const body = c.req.valid("json");
      const scenario = (ref: string | Record<string, unknown>, field: "a" | "b") => {
        try {
          const spec = typeof ref === "string" ? scenarioById(ref) : parseScenario(ref, field);
          return { spec, truce: truceFor(truce, spec) };
        } catch (e) {
          if (e instanceof ScenarioError) throw new ApiProblem("invalid-parameter", e.message, field);
          throw e;
        }
      };
      const a = scenario(body.a, "a");
      const b = scenario(body.b, "b");
      if (body.entry === undefined) {
        if (body.date === undefined)
          throw new ApiProblem("invalid-parameter", "give an entry, or a date for the averages", "entry");
        const averages = compareAverages(a.truce, b.truce, body.date);
        return c.body(printed({ a: a.spec.id, b: b.spec.id, ...averages }), 200, {
          "content-type": JSON_TYPE,
        }) as never;
      }
      const parsed = parseEntry(entryFieldsOf(body.entry), truce);
      const ra = dutyOverLines(a.truce.engine, parsed.entry, parsed.instant, parsed.lines);
      const rb = dutyOverLines(b.truce.engine, parsed.entry, parsed.instant, parsed.lines);
      const comparison = compareResults(
        ra,
        rb,
        parsed.entry.valueCents,
        { a: a.spec, b: b.spec },
        parsed.warnings,
      );
      return c.body(printed(comparison), 200, { "content-type": JSON_TYPE }) as never;
    },
    ((result: { success: boolean; error?: z.ZodError; data?: { entry?: unknown } }) => {
      if (result.success || !result.error) return undefined;
      // An entry's fields are reported as the entry contract words them, like /v1/duty's.
      if (result.error.issues.some((i) => i.path[0] === "entry") && result.data?.entry !== undefined) {
        const entry = EntryInputSchema.safeParse(result.data.entry);
        if (!entry.success) throw entryValidationProblem(entry.error, result.data.entry);
      }
      throw parameterProblem(result.error);
    }) as never,
  );

  // ---------------------------------------------------------------- batch

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

  // ---------------------------------------------------------------- the document and its page

  const document = () =>
    app.getOpenAPI31Document({
      openapi: "3.1.0",
      info: {
        title: "Truce API",
        version: API_VERSION,
        description:
          "Exact, source-cited duties on trade between the United States and China. Errors are RFC 9457 problem details (application/problem+json) naming the field at fault.",
      },
    });
  app.get("/openapi.json", (c) => fromData(c, printed(document())));
  app.get("/docs", (c) => c.html(referencePage(document(), PROBLEM_TYPES)));

  return app;
}

export type App = ReturnType<typeof createApp>;
