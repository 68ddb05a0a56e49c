/** The duty on one entry: GET with query parameters (a link reproduces the answer) and POST. */
import { createRoute } from "@hono/zod-openapi";
import { type EntryInput, EntryInputSchema } from "../../entry/schema.js";
import {
  type ApiApp,
  type ApiContext,
  Entry,
  entryResponses,
  JSON_TYPE,
  printed,
  problemResponse,
} from "../http.js";
import { ApiProblem } from "../problem.js";

/**
 * The query's parameters as an entry, as Hono's query validator makes them: a parameter given once
 * is a string, one repeated an array (own properties, whatever their names).
 */
export function queryEntry(queries: Record<string, string[]>): EntryInput {
  return Object.fromEntries(
    Object.entries(queries).map(([k, v]) => (v.length === 1 ? [k, v[0]] : [k, v])),
  ) as EntryInput;
}

export function addDutyRoutes(app: ApiApp, ctx: ApiContext): void {
  const { truce, fromData } = ctx;
  // The query is checked once, by the entry contract inside `truce.duty` (a bad entry throws the
  // InputError the route's validator would have made of the same zod issues: see the differential
  // test), so the route is in the document with its schema but runs without a validator: a GET
  // matches this handler alone and is answered synchronously.
  app.openAPIRegistry.registerPath(
    createRoute({
      method: "get",
      path: "/v1/duty",
      summary: "The duty on one entry (a link reproduces the answer)",
      description:
        "Query parameters are the entry's fields, under the names of a batch file's columns (`claims` may be repeated). The answer is exactly what `truce duty … --json` prints.",
      request: { query: EntryInputSchema },
      responses: entryResponses,
    }),
  );
  app.get("/v1/duty", (c) => fromData(c, printed(truce.duty(queryEntry(c.req.queries())))));

  // POST the same way: the body is parsed here and checked by the entry contract alone.
  app.openAPIRegistry.registerPath(
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
  );
  app.post("/v1/duty", async (c) => {
    if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(c.req.header("content-type") ?? ""))
      throw new ApiProblem(
        "invalid-parameter",
        "expected a JSON body (content-type: application/json)",
        "body",
      );
    let body: unknown;
    try {
      body = await c.req.json();
    } catch (e) {
      throw new ApiProblem(
        "invalid-parameter",
        `malformed JSON in the body: ${(e as Error).message}`,
        "body",
      );
    }
    return c.body(printed(truce.duty(body as EntryInput)), 200, { "content-type": JSON_TYPE });
  });
}
