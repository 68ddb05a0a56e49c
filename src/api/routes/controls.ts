/**
 * Export controls: `GET /v1/control-check`, the answer `truce control-check --json` prints. Without a
 * party the answer depends only on the data (cached by clients); a party is screened against the
 * shipped lists and those loaded into the store, so that answer is not cached.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { ControlQueryError } from "../../controls/query.js";
import { ScenarioError } from "../../law/scenario.js";
import { ScreeningError } from "../../screening/screen.js";
import { controlCheck } from "../../truce-controls.js";
import {
  type ApiApp,
  type ApiContext,
  flag,
  jsonResponse,
  printed,
  problemResponse,
  storeJson,
} from "../http.js";
import { ApiProblem } from "../problem.js";
import { listsScreener } from "./screening.js";

const controlCheckQuery = z
  .object({
    item: z.string().describe("the item: words (NdFeB magnet), a control number (3A090) or an HS code"),
    from: z.string().describe("country shipped from (ISO 3166 alpha-2)"),
    to: z.string().describe("country shipped to (ISO 3166 alpha-2)"),
    origin: z.string().optional().describe("country where the item was made (default: from)"),
    contains: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .describe("an element's content in percent of value, e.g. Dy:0.3 (repeatable)"),
    party: z
      .string()
      .optional()
      .describe("the consignee or end user, screened against the restricted-party lists"),
    partyCountry: z.string().optional().describe("the party's country (screening)"),
    threshold: z.string().optional().describe("the screening score from which a name is a hit (0-1)"),
    ownedByListed: flag.describe("the party is 50% or more owned by Entity List parties"),
    at: z.string().describe("instant: a local time in the exporter's zone, or with an offset"),
    scenario: z.string().optional().describe("a scenario id of data/scenarios (default baseline)"),
  })
  .strict();

export function addControlRoutes(app: ApiApp, ctx: ApiContext): void {
  const { truce, fromData } = ctx;
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/control-check",
      summary:
        "Export controls on one shipment: licence required, under which controls, and what changes when a suspension ends",
      request: { query: controlCheckQuery },
      responses: {
        200: jsonResponse("as `truce control-check --json` prints it"),
        400: problemResponse("bad parameter"),
        404: problemResponse("no such scenario"),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const threshold = q.threshold === undefined ? undefined : Number(q.threshold);
      if (threshold !== undefined && !(threshold >= 0 && threshold <= 1))
        throw new ApiProblem(
          "invalid-parameter",
          `"${q.threshold}" is not a score between 0 and 1`,
          "threshold",
        );
      try {
        const answer = controlCheck(
          truce,
          {
            item: q.item,
            from: q.from,
            to: q.to,
            ...(q.origin ? { origin: q.origin } : {}),
            contains: q.contains === undefined ? [] : [q.contains].flat(),
            at: q.at,
            ...(q.ownedByListed === "true" ? { ownedByListed: true } : {}),
          },
          {
            ...(q.scenario ? { scenario: q.scenario } : {}),
            ...(q.party ? { screener: await listsScreener(await ctx.store()) } : {}),
            ...(q.party
              ? {
                  party: {
                    name: q.party,
                    ...(q.partyCountry ? { country: q.partyCountry } : {}),
                    ...(threshold === undefined ? {} : { threshold }),
                  },
                }
              : {}),
          },
        );
        return (q.party ? storeJson(c, answer) : fromData(c, printed(answer))) as never;
      } catch (e) {
        if (e instanceof ControlQueryError) throw new ApiProblem("invalid-parameter", e.message, e.field);
        if (e instanceof ScreeningError) throw new ApiProblem("invalid-parameter", e.message, "party");
        if (e instanceof ScenarioError) throw new ApiProblem("not-found", e.message, "scenario");
        throw e;
      }
    },
  );
}
