/** The data and the law: status and horizon, measures in force, HTS lines, changes in a window. */
import { createRoute, z } from "@hono/zod-openapi";
import { dataStatus } from "../../analytics/data-check.js";
import { changeJson } from "../../analytics/timeline.js";
import { lawChanges } from "../../law/changes.js";
import { linesWithMeasures, measuresInForce } from "../../law/query.js";
import { CodeError, formatCode } from "../../nomenclature/codes.js";
import { CN_ZONE, formatInZone, US_ZONE } from "../../units/time.js";
import {
  type ApiApp,
  type ApiContext,
  bothParam,
  calendarDate,
  flag,
  importerParam,
  instantParam,
  instantText,
  jsonResponse,
  printed,
  problemResponse,
} from "../http.js";
import { ApiProblem } from "../problem.js";

export function addLawRoutes(app: ApiApp, ctx: ApiContext): void {
  const { truce, fromData } = ctx;
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
}
