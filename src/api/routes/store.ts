/**
 * What users keep, over HTTP: portfolios (CSV uploads priced by the batch pipeline), saved
 * scenarios (named wherever a shipped scenario id is), watchlists and what changed for them. Every
 * answer here depends on the store, so none is cached. The clock is read here (`now`), never in the
 * store's pure parts.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { UPCOMING_DAYS, watchChanges } from "../../analytics/watch.js";
import { loadScenarios, parseScenario, ScenarioError, type ScenarioSpec } from "../../law/scenario.js";
import type { Store } from "../../store/db.js";
import {
  deletePortfolio,
  getPortfolio,
  lineJson,
  listPortfolios,
  PORTFOLIO_COLUMNS,
  type Portfolio,
  portfolioDuties,
  readPortfolioCsv,
  savePortfolio,
} from "../../store/portfolios.js";
import {
  listSavedScenarios,
  type SavedScenario,
  ScenarioExistsError,
  saveScenario,
  scenarioFromText,
  scenarioSpec,
} from "../../store/scenarios.js";
import {
  checkWatchItem,
  createWatchlist,
  getWatchlist,
  listWatchlists,
  markSeen,
  watchedLines,
} from "../../store/watchlists.js";
import { US_ZONE } from "../../units/time.js";
import {
  type ApiApp,
  type ApiContext,
  calendarDate,
  idParam,
  instantParam,
  instantText,
  jsonResponse,
  notFound,
  problemResponse,
  storeJson,
} from "../http.js";
import { ApiProblem } from "../problem.js";

/** Largest portfolio upload accepted, in bytes (about 200,000 lines). */
export const MAX_PORTFOLIO_BYTES = 8 * 1024 * 1024;

/**
 * A scenario named by a request: a shipped or saved id, or a scenario object as in data/scenarios.
 * Refused as a problem naming `field`. A shipped id is answered without opening the store.
 */
export async function scenarioOf(
  ctx: ApiContext,
  ref: string | Record<string, unknown>,
  field: string,
): Promise<ScenarioSpec> {
  try {
    if (typeof ref !== "string") return parseScenario(ref, field);
    return loadScenarios().get(ref) ?? (await scenarioSpec(await ctx.store(), ref));
  } catch (e) {
    if (e instanceof ScenarioError) throw new ApiProblem("invalid-parameter", e.message, field);
    throw e;
  }
}

/** Whether a scenario id is shipped (an answer under it depends only on the data). */
export function isShippedScenario(id: string): boolean {
  return loadScenarios().has(id);
}

/** A saved portfolio named by `weights=portfolio:ID`, or a problem naming `weights`. */
export async function weightsPortfolio(ctx: ApiContext, ref: string): Promise<Portfolio> {
  const m = /^portfolio:([1-9]\d{0,15})$/.exec(ref);
  if (!m) throw new ApiProblem("invalid-parameter", 'expected "portfolio:ID" (a saved portfolio)', "weights");
  const p = await getPortfolio(await ctx.store(), Number(m[1]));
  if (!p) throw new ApiProblem("not-found", `no portfolio ${m[1]}`, "weights");
  return p;
}

function scenarioJson(s: ScenarioSpec, saved?: SavedScenario) {
  return {
    id: s.id,
    title: s.title,
    description: s.description,
    sources: s.sources,
    edits: s.edits,
    saved: saved !== undefined,
    ...(saved ? { created: saved.created } : {}),
  };
}

const lineError = z.object({ line: z.number().int(), field: z.string(), detail: z.string() });
const portfolioSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  created: z.string().describe("ISO 8601 UTC"),
  lines: z.number().int(),
});
const watchItemInput = z
  .object({
    code: z.string().describe("HTS code (for importer CN an HS6, HS8 or 10-digit code)"),
    origin: z.string().describe("ISO 3166-1 alpha-2"),
    importer: z.enum(["US", "CN"]).optional().describe("default US"),
    value: z
      .union([z.string(), z.number()])
      .optional()
      .describe("customs value in dollars; without it the duty is shown on $100.00"),
    since: instantText
      .optional()
      .describe("count the item as last seen at this date or instant (default: now)"),
  })
  .strict();

export function addStoreRoutes(app: ApiApp, ctx: ApiContext): void {
  const { truce } = ctx;

  // ---------------------------------------------------------------- portfolios

  app.use(
    "/v1/portfolios",
    bodyLimit({
      maxSize: MAX_PORTFOLIO_BYTES,
      onError: () => {
        throw new ApiProblem("payload-too-large", `a portfolio is at most ${MAX_PORTFOLIO_BYTES} bytes`);
      },
    }),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/portfolios",
      summary: "Keep a portfolio: a CSV of lines (code,origin,value and the batch's other columns)",
      description: `The body (\`text/csv\`) has the columns of \`truce duty --input\` but no date: ${PORTFOLIO_COLUMNS.join(",")} required, importer, quantity, unit, steel_value, aluminum_value, copper_value, loaded_on, mode, excluded, claims optional; each row is checked as an entry on today's date by the entry contract. Bad rows are reported (line, field, detail) and not kept. At most ${MAX_PORTFOLIO_BYTES} bytes.`,
      request: {
        query: z.object({ name: z.string().min(1).max(200).describe("the portfolio's name") }).strict(),
      },
      responses: {
        201: jsonResponse(
          "the portfolio kept, and the rows refused",
          portfolioSummary.extend({ errors: z.array(lineError) }),
        ),
        400: problemResponse("no name, no header, a required column missing, or a date column"),
        413: problemResponse("the upload is over the limit"),
        415: problemResponse("not text/csv"),
      },
    }),
    async (c) => {
      const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      if (type !== "text/csv")
        throw new ApiProblem(
          "unsupported-media-type",
          `a portfolio is text/csv, not "${type}"`,
          "content-type",
        );
      const { name } = c.req.valid("query");
      const now = Date.now();
      const read = readPortfolioCsv(truce, await c.req.text(), now, "the portfolio");
      const saved = await savePortfolio(await ctx.store(), name, read.lines, now);
      return storeJson(c, { ...saved, errors: read.errors }, 201) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/portfolios",
      summary: "The portfolios kept",
      request: { query: z.object({}).strict() },
      responses: { 200: jsonResponse("{portfolios}", z.object({ portfolios: z.array(portfolioSummary) })) },
    }),
    async (c) => storeJson(c, { portfolios: await listPortfolios(await ctx.store()) }) as never,
  );

  const portfolioOrNotFound = async (id: string): Promise<Portfolio> =>
    (await getPortfolio(await ctx.store(), Number(id))) ?? notFound("portfolio", id);

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/portfolios/{id}",
      summary: "A portfolio and its lines",
      request: { params: idParam, query: z.object({}).strict() },
      responses: {
        200: jsonResponse("{id, name, created, lines: [{code, origin, value, …}]}"),
        404: problemResponse("no such portfolio"),
      },
    }),
    async (c) => {
      const p = await portfolioOrNotFound(c.req.valid("param").id);
      return storeJson(c, {
        id: p.id,
        name: p.name,
        created: p.created,
        lines: p.lines.map(lineJson),
      }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/portfolios/{id}/duties",
      summary: "The duty on every line of a portfolio on a date (the batch pipeline's rows and totals)",
      description:
        "JSON `{rows: [{line, input, result | error}], totals}`, or with `Accept: text/csv` the CSV `truce duty --input` writes (totals in the headers truce-rows, truce-errors, truce-value, truce-duty). Line n of the portfolio is line n + 1 of the batch (its header is line 1).",
      request: { params: idParam, query: z.object({ date: calendarDate }).strict() },
      responses: {
        200: {
          description: "the rows and totals",
          content: { "application/json": { schema: z.unknown() }, "text/csv": { schema: z.string() } },
        },
        400: problemResponse("bad date"),
        404: problemResponse("no such portfolio"),
      },
    }),
    async (c) => {
      const p = await portfolioOrNotFound(c.req.valid("param").id);
      const { date } = c.req.valid("query");
      const accept = c.req.header("accept") ?? "";
      const csv = accept.includes("text/csv") && !accept.includes("application/json");
      const out = await portfolioDuties(truce, p, date, csv ? "csv" : "jsonl");
      if (csv)
        return c.body(out.csv ?? "", 200, {
          "content-type": "text/csv; charset=utf-8",
          "cache-control": "no-store",
          "truce-rows": String(out.totals.rows),
          "truce-errors": String(out.totals.errors),
          "truce-value": out.totals.value,
          "truce-duty": "duty" in out.totals ? out.totals.duty.amount : "",
        }) as never;
      return storeJson(c, { id: p.id, name: p.name, date, rows: out.rows, totals: out.totals }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/v1/portfolios/{id}",
      summary: "Delete a portfolio and its lines",
      request: { params: idParam },
      responses: { 204: { description: "deleted" }, 404: problemResponse("no such portfolio") },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      if (!(await deletePortfolio(await ctx.store(), Number(id)))) notFound("portfolio", id);
      return c.body(null, 204) as never;
    },
  );

  // ---------------------------------------------------------------- scenarios

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/scenarios",
      summary: "Save a scenario: edits to the law as in data/scenarios (JSON or YAML)",
      description:
        "The body is a scenario as a file of data/scenarios holds it (id, title, description, sources, edits), as JSON (`application/json`) or YAML (`application/yaml`, `text/yaml`). It is validated by the same parser and applied to the law before it is kept; its id then names it wherever a shipped scenario id is taken (`/v1/scenarios/compare`, `/v1/averages?scenario=`). A shipped id cannot be taken; a saved one only with `?replace=true`.",
      request: { query: z.object({ replace: z.enum(["true", "false"]).optional() }).strict() },
      responses: {
        201: jsonResponse("the scenario saved: {id, title, description, sources, edits, saved, created}"),
        400: problemResponse("not a valid scenario (the field at fault)"),
        409: problemResponse("the id is taken"),
        415: problemResponse("not JSON or YAML"),
      },
    }),
    async (c) => {
      const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      if (!["application/json", "application/yaml", "application/x-yaml", "text/yaml"].includes(type))
        throw new ApiProblem(
          "unsupported-media-type",
          `a scenario is application/json or application/yaml, not "${type}"`,
          "content-type",
        );
      let spec: ScenarioSpec;
      try {
        spec = scenarioFromText(await c.req.text(), "body");
        const saved = await saveScenario(await ctx.store(), truce.law, spec, Date.now(), {
          replace: c.req.valid("query").replace === "true",
        });
        return storeJson(c, scenarioJson(saved.spec, saved), 201) as never;
      } catch (e) {
        if (e instanceof ScenarioError) {
          const first = e.problems[0] ?? "";
          const field = /^body: ([\w.]+):/.exec(first)?.[1] ?? "body";
          throw new ApiProblem("invalid-parameter", e.message, field);
        }
        if (e instanceof ScenarioExistsError) throw new ApiProblem("conflict", e.message, "id");
        throw e;
      }
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/scenarios",
      summary: "The scenarios: shipped (data/scenarios, baseline first) and saved",
      request: { query: z.object({}).strict() },
      responses: { 200: jsonResponse("{scenarios: [{id, title, description, sources, edits, saved}]}") },
    }),
    async (c) => {
      const shipped = [...loadScenarios().values()].map((s) => scenarioJson(s));
      const saved = (await listSavedScenarios(await ctx.store())).map((s) => scenarioJson(s.spec, s));
      return storeJson(c, { scenarios: [...shipped, ...saved] }) as never;
    },
  );

  // ---------------------------------------------------------------- watchlists

  const instantOf = (text: string | undefined, field: string, fallback: number): number =>
    text === undefined ? fallback : instantParam(text, US_ZONE, field);

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/watchlists",
      summary: "Keep a watchlist: codes and origins (and values) to follow",
      description:
        "Each item is checked as an entry on today's date (its code in the schedule, its origin a country, its value an amount); a bad one is refused naming `items.N.field`. Items count as seen now unless `since` says when.",
      request: {
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z
                .object({ name: z.string().min(1).max(200), items: z.array(watchItemInput).max(1000) })
                .strict(),
            },
          },
        },
      },
      responses: {
        201: jsonResponse("the watchlist: {id, name, created, items}"),
        400: problemResponse("a bad item (the field at fault)"),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const now = Date.now();
      const items = body.items.map((it, i) =>
        checkWatchItem(
          truce,
          {
            code: it.code,
            origin: it.origin,
            ...(it.importer ? { importer: it.importer } : {}),
            ...(it.value === undefined ? {} : { value: String(it.value) }),
            ...(it.since === undefined ? {} : { since: instantOf(it.since, `items.${i}.since`, now) }),
          },
          now,
          `items.${i}`,
        ),
      );
      const store = await ctx.store();
      const id = await createWatchlist(store, body.name, items, now);
      return storeJson(c, await getWatchlist(store, id), 201) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/watchlists",
      summary: "The watchlists kept",
      request: { query: z.object({}).strict() },
      responses: { 200: jsonResponse("{watchlists: [{id, name, created, items}]}") },
    }),
    async (c) => storeJson(c, { watchlists: await listWatchlists(await ctx.store()) }) as never,
  );

  const watchlistOrNotFound = async (id: string) =>
    (await getWatchlist(await ctx.store(), Number(id))) ?? notFound("watchlist", id);

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/watchlists/{id}",
      summary: "A watchlist and its items, each with when it was last seen",
      request: { params: idParam, query: z.object({}).strict() },
      responses: {
        200: jsonResponse("{id, name, created, items: [{code, origin, importer, value?, lastSeen}]}"),
        404: problemResponse("no such watchlist"),
      },
    }),
    async (c) => storeJson(c, await watchlistOrNotFound(c.req.valid("param").id)) as never,
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/watchlists/{id}/changes",
      summary: "What changed, or will change, for each item since it was last seen",
      description: `For each item, the steps of the law after it was last seen up to now that touch it (one of the step's measures is among its layers or the measures considered and not applied, a minute before or at the step), each with the duty on the item a minute before and at the step (\`before\`, \`after\`: layers and total), and the steps and deadlines of the next \`days\` (default ${UPCOMING_DAYS}). An item without a value is priced at $100.00.`,
      request: {
        params: idParam,
        query: z
          .object({
            since: instantText
              .optional()
              .describe("look back from here instead of when each item was last seen"),
            now: instantText
              .optional()
              .describe("as of this instant instead of the clock (reproducible answers)"),
            days: z
              .string()
              .regex(/^\d{1,4}$/, "expected a number of days (0-9999)")
              .optional()
              .describe(`days ahead for upcoming steps and deadlines (default ${UPCOMING_DAYS})`),
          })
          .strict(),
      },
      responses: {
        200: jsonResponse(
          "{since, now, upcomingUntil, items: [{code, origin, changes: [{at, measure, kind, before, after}], upcoming}]}",
        ),
        400: problemResponse("bad parameter"),
        404: problemResponse("no such watchlist"),
      },
    }),
    async (c) => {
      const list = await watchlistOrNotFound(c.req.valid("param").id);
      const q = c.req.valid("query");
      const now = instantOf(q.now, "now", Date.now());
      const answer = watchChanges(truce, ctx.events, watchedLines(list), {
        now,
        ...(q.since === undefined ? {} : { since: instantOf(q.since, "since", now) }),
        ...(q.days === undefined ? {} : { upcomingDays: Number(q.days) }),
      });
      return storeJson(c, { id: list.id, name: list.name, ...answer }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/watchlists/{id}/seen",
      summary: "Mark every item of a watchlist seen now",
      request: {
        params: idParam,
        query: z
          .object({ at: instantText.optional().describe("seen at this instant instead of now") })
          .strict(),
      },
      responses: {
        200: jsonResponse("the watchlist, its items seen"),
        404: problemResponse("no such watchlist"),
      },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const at = instantOf(c.req.valid("query").at, "at", Date.now());
      const store: Store = await ctx.store();
      if (!(await markSeen(store, Number(id), at))) notFound("watchlist", id);
      return storeJson(c, await getWatchlist(store, Number(id))) as never;
    },
  );
}
