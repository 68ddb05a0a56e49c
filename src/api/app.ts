/**
 * The HTTP API (Hono with @hono/zod-openapi): every route is declared with the zod schemas of the
 * library (the entry contract validates `/v1/duty`'s query and body; the result contract describes
 * its answer), so `/openapi.json` is generated from the same definitions the CLI and the library
 * use. `createApp(truce)` builds the app without a socket (tests call `app.request`); `server.ts`
 * listens. The routes live in `routes/`, one module a subject; nothing here holds a rule: it
 * validates, calls the core and sends its JSON.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { eventJson } from "../analytics/timeline.js";
import { InputError } from "../entry/errors.js";
import { loadEvents } from "../law/events.js";
import { openStore, type Store } from "../store/db.js";
import { storeDir } from "../store/dir.js";
import type { Truce } from "../truce.js";
import { API_VERSION, type ApiContext, DATA_MAX_AGE_SECONDS, dataTag, JSON_TYPE, printed } from "./http.js";
import { ApiProblem, entryProblem, PROBLEM_TYPES, parameterProblem } from "./problem.js";
import { referencePage } from "./reference.js";
import { addAnalyticsRoutes } from "./routes/averages.js";
import { addBatchRoutes } from "./routes/batch.js";
import { addControlRoutes } from "./routes/controls.js";
import { addDutyRoutes } from "./routes/duty.js";
import { addIngestRoutes, INGEST_PATHS } from "./routes/ingest.js";
import { addLawRoutes } from "./routes/law.js";
import { addScreeningRoutes } from "./routes/screening.js";
import { addSearchRoutes } from "./routes/search.js";
import { addStoreRoutes } from "./routes/store.js";
import { addTimelineRoutes } from "./routes/timeline.js";
import { addWebRoutes } from "./routes/web.js";

export interface AppOptions {
  /** Largest request body accepted, in bytes (default 64 KiB). */
  maxBodyBytes?: number;
  /** Largest batch upload accepted, in bytes (default 64 MiB, about a million rows). */
  maxBatchBytes?: number;
  /** Most rows of a batch upload (default 1,000,000). */
  maxBatchRows?: number;
  /** The store (default: opened on first use in `storeDir()`, TRUCE_DATA_DIR or the user's data directory). */
  store?: Store;
}

export function createApp(truce: Truce, options: AppOptions = {}) {
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const maxBatchBytes = options.maxBatchBytes ?? 64 * 1024 * 1024;
  const maxBatchRows = options.maxBatchRows ?? 1_000_000;
  const events = loadEvents(truce.law);
  const tag = dataTag(truce, events.map(eventJson));

  const app = new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) throw parameterProblem(result.error);
    },
  });

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
  // a batch upload has its own, larger limit, counted as it is read. Only the methods with a body
  // pass through it: a GET matches its route alone, which Hono then runs without a middleware chain
  // (and @hono/node-server answers without building a full Request).
  const smallBodies = bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw new ApiProblem("payload-too-large", `the body is larger than ${maxBodyBytes} bytes`);
    },
  });
  // Uploads with limits of their own: batches, portfolios and list files.
  const ownLimits = new Set(["/v1/batch", "/v1/portfolios", "/v1/lists", ...INGEST_PATHS]);
  app.on(["POST", "PUT", "PATCH", "DELETE"], "*", (c, next) =>
    ownLimits.has(c.req.path) ? next() : smallBodies(c, next),
  );

  /**
   * An answer that depends only on the data (and the URL): ETag and Cache-Control, 304 when
   * unchanged. A Response with plain headers, which @hono/node-server writes without a Headers object.
   */
  const cacheControl = `public, max-age=${DATA_MAX_AGE_SECONDS}`;
  const fromData = (c: Context, body: string, type = JSON_TYPE): Response => {
    const headers = { "content-type": type, etag: tag, "cache-control": cacheControl };
    const match = c.req.header("if-none-match");
    if (match?.split(/\s*,\s*/).includes(tag)) return new Response(null, { status: 304, headers });
    return new Response(body, { status: 200, headers });
  };

  // ---------------------------------------------------------------- service

  app.get("/healthz", (c) =>
    c.json({
      status: "ok",
      law: { instruments: truce.law.instruments.size, measures: truce.law.measures.length },
    }),
  );

  let store: Promise<Store> | undefined = options.store && Promise.resolve(options.store);
  const ctx: ApiContext = {
    truce,
    events,
    maxBatchBytes,
    maxBatchRows,
    store: () => {
      store ??= openStore(storeDir());
      return store;
    },
    fromData,
  };
  for (const addRoutes of [
    addDutyRoutes,
    addLawRoutes,
    addTimelineRoutes,
    addAnalyticsRoutes,
    addBatchRoutes,
    addSearchRoutes,
    addStoreRoutes,
    addControlRoutes,
    addScreeningRoutes,
    addIngestRoutes,
    addWebRoutes,
  ])
    addRoutes(app, ctx);

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
