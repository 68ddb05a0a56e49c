/** The duty on one entry: GET with query parameters (a link reproduces the answer) and POST. */
import { createRoute } from "@hono/zod-openapi";
import { EntryInputSchema } from "../../entry/schema.js";
import {
  type ApiApp,
  type ApiContext,
  Entry,
  entryResponses,
  JSON_TYPE,
  printed,
  problemResponse,
} from "../http.js";

export function addDutyRoutes(app: ApiApp, ctx: ApiContext): void {
  const { truce, fromData, entryHook } = ctx;
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
}
