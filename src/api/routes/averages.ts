/** Trade-weighted averages and scenario comparison. */
import { createRoute, z } from "@hono/zod-openapi";
import { compareResults } from "../../analytics/compare.js";
import { compareAverages, runAverage } from "../../analytics/report.js";
import { WEIGHTS_YEARS } from "../../analytics/weights.js";
import { dutyOverLines } from "../../engine/lines.js";
import { parseEntry } from "../../entry/parse.js";
import { EntryInputSchema, entryFieldsOf } from "../../entry/schema.js";
import { ScenarioError } from "../../law/scenario.js";
import { portfolioWeights } from "../../store/portfolios.js";
import { truceFor } from "../../truce.js";
import {
  type ApiApp,
  type ApiContext,
  calendarDate,
  Entry,
  flag,
  importerParam,
  JSON_TYPE,
  jsonResponse,
  printed,
  problemResponse,
} from "../http.js";
import { ApiProblem, entryValidationProblem, parameterProblem } from "../problem.js";
import { isShippedScenario, scenarioOf, weightsPortfolio } from "./store.js";

/** How many averages answers that depend only on the data are kept in memory. */
const KEPT_AVERAGES = 32;

export function addAnalyticsRoutes(app: ApiApp, ctx: ApiContext): void {
  const { truce, fromData } = ctx;
  // A series takes seconds to compute and depends only on the data and the query: the answers of
  // the last few queries are kept, so the dashboard's wall (four series) is computed once.
  const dataOnlyAnswers = new Map<string, string>();
  const keepAnswer = (key: string, body: string) => {
    if (dataOnlyAnswers.size >= KEPT_AVERAGES) {
      const oldest = dataOnlyAnswers.keys().next().value;
      if (oldest !== undefined) dataOnlyAnswers.delete(oldest);
    }
    dataOnlyAnswers.set(key, body);
  };
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
            weights: z
              .string()
              .optional()
              .describe(
                "portfolio:ID: a saved portfolio's customs values as the weights (its lines of the importer), instead of the shipped weights",
              ),
            scenario: z.string().optional().describe("under a scenario of data/scenarios, or a saved one"),
          })
          .strict(),
      },
      responses: {
        200: jsonResponse("{points: [{date, average, coverage, byAuthority?}], metadata}"),
        400: problemResponse("bad parameter"),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const key = JSON.stringify(q);
      const kept = dataOnlyAnswers.get(key);
      if (kept !== undefined) return fromData(c, kept) as never;
      const importer = q.importer ?? "US";
      if (q.to < q.from) throw new ApiProblem("invalid-parameter", "is before from", "to");
      const year = q.year ?? "2024";
      if (!WEIGHTS_YEARS[importer].includes(year))
        throw new ApiProblem(
          "invalid-parameter",
          `the shipped weights of importer ${importer} are of ${WEIGHTS_YEARS[importer].join(", ")}`,
          "year",
        );
      const t = q.scenario ? truceFor(truce, await scenarioOf(ctx, q.scenario, "scenario")) : truce;
      const weights = q.weights === undefined ? undefined : await weightsPortfolio(ctx, q.weights);
      const out = runAverage(t, {
        importer,
        origin: (q.origin ?? (importer === "US" ? "CN" : "US")).toUpperCase(),
        from: q.from,
        to: q.to,
        daily: q.daily === "true",
        byAuthority: q.by === "authority",
        year,
        ...(weights ? { weights: portfolioWeights(weights, importer) } : {}),
      });
      // The weights file's place on this machine is no business of a client.
      const { weightsFile: _place, ...metadata } = out.metadata;
      const body = printed({ points: out.points, metadata });
      // Under a saved portfolio or scenario the answer depends on the store, not only on the data.
      if (weights || (q.scenario && !isShippedScenario(q.scenario)))
        return c.body(body, 200, { "content-type": JSON_TYPE, "cache-control": "no-store" }) as never;
      keepAnswer(key, body);
      return fromData(c, body) as never;
    },
  );

  // ---------------------------------------------------------------- scenarios

  const scenarioRef = z
    .union([z.string(), z.record(z.string(), z.unknown())])
    .describe(
      'a scenario id of data/scenarios ("baseline": the law as it is) or of a saved scenario (POST /v1/scenarios), or a scenario object as in those files',
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
    async (c) => {
      const body = c.req.valid("json");
      const scenario = async (ref: string | Record<string, unknown>, field: "a" | "b") => {
        const spec = await scenarioOf(ctx, ref, field);
        try {
          return { spec, truce: truceFor(truce, spec) };
        } catch (e) {
          if (e instanceof ScenarioError) throw new ApiProblem("invalid-parameter", e.message, field);
          throw e;
        }
      };
      const a = await scenario(body.a, "a");
      const b = await scenario(body.b, "b");
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
}
