/**
 * Screening over HTTP: a name screened against the shipped lists and those loaded into the store
 * (`/v1/screen`, the JSON of `truce screen --json`), the lists (`/v1/lists`; a Consolidated
 * Screening List uploaded as `consolidated.json` or streamed as `consolidated.csv`), and the
 * parties kept with their hits, re-screened on demand and after every upload. Every answer depends
 * on the store, so none is cached by clients; the screener is rebuilt only when a list is loaded.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { defaultDataDir } from "../../law/load.js";
import { type CslFile, CslFileError, readCslCsv, readCslJson } from "../../screening/csl.js";
import type { ListEntry } from "../../screening/list-entry.js";
import { loadShippedLists } from "../../screening/lists.js";
import { type Screener, ScreeningError } from "../../screening/screen.js";
import type { Store } from "../../store/db.js";
import {
  addParty,
  listParties,
  loadedLists,
  type PartyRescreen,
  partyScreen,
  removeParty,
  rescreenParties,
  saveListFile,
  screenerWithLoaded,
} from "../../store/screening.js";
import { US_ZONE } from "../../units/time.js";
import {
  type ApiApp,
  type ApiContext,
  idParam,
  instantParam,
  instantText,
  jsonResponse,
  notFound,
  problemResponse,
  storeJson,
} from "../http.js";
import { ApiProblem } from "../problem.js";
import { bodyOf } from "./batch.js";

/** The bytes of an upload, refused with 413 once they pass `max`. */
async function* limitedUpload(body: AsyncIterable<Uint8Array>, max: number): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    if (bytes > max) throw new ApiProblem("payload-too-large", `a list file is at most ${max} bytes`);
    yield chunk;
  }
}

async function bytesOf(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function rescreenJson(answers: readonly PartyRescreen[]) {
  return answers.map((a) => ({ party: a.party, newHits: a.newHits, goneHits: a.goneHits }));
}

/** The matcher's refusal of a query (a bad country, a name without letters) as a 400 naming `field`. */
function screeningProblem<T>(field: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ScreeningError) throw new ApiProblem("invalid-parameter", e.message, field);
    throw e;
  }
}

const partyInput = z
  .object({
    name: z.string().trim().min(1).max(500).describe("the party's name"),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "expected an ISO 3166-1 alpha-2 code")
      .optional()
      .describe("ISO 3166-1 alpha-2"),
    address: z.string().max(1000).optional(),
    note: z.string().max(2000).optional(),
  })
  .strict();

let shipped: ListEntry[] | undefined;
function shippedEntries(): ListEntry[] {
  shipped ??= loadShippedLists(defaultDataDir()).entries;
  return shipped;
}

/** Per store: the screener of the shipped and loaded lists, rebuilt when the loads change. */
const screeners = new WeakMap<Store, { key: string; screener: Promise<Screener> }>();

/** The screener of the shipped lists and those loaded into the store (also used by control-check). */
export async function listsScreener(store: Store): Promise<Screener> {
  const key = (await loadedLists(store)).map((l) => l.id).join(",");
  let cached = screeners.get(store);
  if (cached?.key !== key) {
    cached = { key, screener: screenerWithLoaded(store, shippedEntries()) };
    screeners.set(store, cached);
  }
  return cached.screener;
}

export function addScreeningRoutes(app: ApiApp, ctx: ApiContext): void {
  const { maxBatchBytes } = ctx;
  const screener = listsScreener;

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/screen",
      summary: "Screen a name against every list: the shipped ones and those loaded into the store",
      description:
        "The answer is what `truce screen NAME --json` prints: {hits: [{list, name, score, entryId, listedOn, instrument, reasons, …}]}, best first. A party on a shipped list and on a loaded Consolidated Screening List gets a hit from each (its own entry and instrument): a loaded list replaces nothing.",
      request: {
        query: z
          .object({
            name: z.string().min(1).max(500).describe("the name screened"),
            country: z.string().optional().describe("ISO 3166-1 alpha-2 of the party"),
            address: z.string().max(1000).optional(),
            at: instantText
              .optional()
              .describe("screen as of this date or instant (default: now, as truce screen)"),
            threshold: z
              .string()
              .regex(/^(0(\.\d+)?|1(\.0+)?)$/, "expected a number from 0 to 1")
              .optional()
              .describe("hits score at least this (default 0.85)"),
          })
          .strict(),
      },
      responses: {
        200: jsonResponse("{hits}"),
        400: problemResponse("a bad name, country, instant or threshold"),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      // As `truce screen`: without `at`, as of now.
      const at = q.at === undefined ? Date.now() : instantParam(q.at, US_ZONE, "at");
      const s = await screener(await ctx.store());
      const result = screeningProblem("name", () =>
        s.screen(
          {
            name: q.name,
            ...(q.country === undefined ? {} : { country: q.country.toUpperCase() }),
            ...(q.address === undefined ? {} : { address: q.address }),
            at,
          },
          q.threshold === undefined ? {} : { threshold: Number(q.threshold) },
        ),
      );
      return storeJson(c, result) as never;
    },
  );

  // ---------------------------------------------------------------- lists

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/lists",
      summary: "The lists screened against: shipped (entries per list) and loaded (version, dates, counts)",
      request: { query: z.object({}).strict() },
      responses: { 200: jsonResponse("{shipped: [{list, entries}], loaded: [...]}") },
    }),
    async (c) => {
      const counts = new Map<string, number>();
      for (const e of shippedEntries()) counts.set(e.list, (counts.get(e.list) ?? 0) + 1);
      const shipped = [...counts].map(([list, entries]) => ({ list, entries }));
      return storeJson(c, { shipped, loaded: await loadedLists(await ctx.store()) }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/lists",
      summary: "Load a trade.gov Consolidated Screening List: consolidated.json or consolidated.csv",
      description: `The body is the file as trade.gov publishes it: \`application/json\` (consolidated.json) or \`text/csv\` (consolidated.csv, read as it arrives). It replaces the list loaded before; the answer names the load (version = the file's SHA-256, the file's own date, counts), the records refused (record number, id, field, detail), the entries added, removed and changed since the last version, and every kept party screened again with its new hits and those gone. At most ${maxBatchBytes} bytes, as a batch.`,
      request: {
        query: z
          .object({
            name: z.string().min(1).max(200).optional().describe("the file's name, kept with the load"),
          })
          .strict(),
      },
      responses: {
        201: jsonResponse("{list, previousVersion, sameVersion, added, removed, changed, refused, parties}"),
        400: problemResponse("not a Consolidated Screening List file"),
        413: problemResponse("the upload is over the limit"),
        415: problemResponse("not JSON or CSV"),
      },
    }),
    async (c) => {
      const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      if (type !== "application/json" && type !== "text/csv")
        throw new ApiProblem(
          "unsupported-media-type",
          `a list file is application/json (consolidated.json) or text/csv (consolidated.csv), not "${type}"`,
          "content-type",
        );
      if (Number(c.req.header("content-length") ?? 0) > maxBatchBytes)
        throw new ApiProblem("payload-too-large", `a list file is at most ${maxBatchBytes} bytes`);
      const body = limitedUpload(bodyOf(c), maxBatchBytes);
      let file: CslFile;
      try {
        file = type === "text/csv" ? await readCslCsv(body) : readCslJson(await bytesOf(body));
      } catch (e) {
        if (e instanceof CslFileError) throw new ApiProblem("invalid-parameter", e.message, "body");
        throw e;
      }
      const name =
        c.req.valid("query").name ?? (type === "text/csv" ? "consolidated.csv" : "consolidated.json");
      const store = await ctx.store();
      const now = Date.now();
      const changes = await saveListFile(store, file, name, now);
      const answers = await rescreenParties(store, partyScreen(await screener(store)), now);
      return storeJson(c, { ...changes, refused: file.errors, parties: rescreenJson(answers) }, 201) as never;
    },
  );

  // ---------------------------------------------------------------- parties

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/parties",
      summary: "The parties kept, with the hits of their last screening",
      request: { query: z.object({}).strict() },
      responses: { 200: jsonResponse("{parties}") },
    }),
    async (c) => storeJson(c, { parties: await listParties(await ctx.store()) }) as never,
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/parties",
      summary: "Keep a party and screen it now",
      request: { body: { required: true, content: { "application/json": { schema: partyInput } } } },
      responses: {
        201: jsonResponse(
          "the party with its hits: {id, name, country, address, note, created, screenedAt, hits}",
        ),
        400: problemResponse("a bad name or country"),
      },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const store = await ctx.store();
      const screen = partyScreen(await screener(store));
      const party = await addParty(
        store,
        {
          name: input.name,
          ...(input.country === undefined ? {} : { country: input.country.toUpperCase() }),
          ...(input.address === undefined ? {} : { address: input.address }),
          ...(input.note === undefined ? {} : { note: input.note }),
        },
        (p, at) => screeningProblem("name", () => screen(p, at)),
        Date.now(),
      );
      return storeJson(c, party, 201) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/v1/parties/{id}",
      summary: "Forget a party",
      request: { params: idParam },
      responses: { 204: { description: "removed" }, 404: problemResponse("no such party") },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      if (!(await removeParty(await ctx.store(), Number(id)))) notFound("party", id);
      return c.body(null, 204) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/parties/rescreen",
      summary: "Screen every kept party again: its new hits and those gone since its last screening",
      request: { query: z.object({}).strict() },
      responses: { 200: jsonResponse("{parties: [{party, newHits, goneHits}]}") },
    }),
    async (c) => {
      const store = await ctx.store();
      const answers = await rescreenParties(store, partyScreen(await screener(store)), Date.now());
      return storeJson(c, { parties: rescreenJson(answers) }) as never;
    },
  );
}
