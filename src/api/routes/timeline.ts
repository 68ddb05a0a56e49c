/** Deadlines (JSON and iCalendar) and the negotiation timeline. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deadlineJson, deadlinesToIcs, eventJson } from "../../analytics/timeline.js";
import { controlsByEvent, withControlDeadlines } from "../../controls/timeline.js";
import { deadlines } from "../../law/changes.js";
import { EVENT_KINDS, filterEvents, parseKinds } from "../../law/events.js";
import { controlsOf } from "../../truce-controls.js";
import {
  type ApiApp,
  type ApiContext,
  bothParam,
  boundParam,
  calendarDate,
  instantText,
  JSON_TYPE,
  jsonResponse,
  printed,
  problemResponse,
} from "../http.js";
import { ApiProblem } from "../problem.js";

export function addTimelineRoutes(app: ApiApp, ctx: ApiContext): void {
  const { truce, events, fromData } = ctx;
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
    const window = { from, ...(to ? { to } : {}) };
    const importer = q.importer ?? "both";
    return withControlDeadlines(
      deadlines(truce.law, events, window, importer),
      controlsOf(truce),
      window,
      importer,
    );
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
      const controls = controlsByEvent(controlsOf(truce));
      return fromData(
        c,
        printed(list.map((e) => ({ ...eventJson(e), controls: controls.get(e.id) ?? [] }))),
      ) as never;
    },
  );
}
