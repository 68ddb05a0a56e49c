/**
 * What every route module shares: the context a route is given (the loaded library, the events,
 * how a data-only answer is cached), how answers are printed, the parameter schemas and the
 * response shapes of the document.
 */
import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { fingerprint } from "../batch/workers.js";
import { DutyResultSchema } from "../entry/result-schema.js";
import { EntryInputSchema } from "../entry/schema.js";
import type { Bound } from "../law/changes.js";
import type { loadEvents } from "../law/events.js";
import type { Store } from "../store/db.js";
import type { Truce } from "../truce.js";
import { isCalendarDate, parseInstant, TimeError, US_ZONE } from "../units/time.js";
import { ApiProblem, ProblemSchema } from "./problem.js";

export const API_VERSION = "1.0.0";
/** How long a client may reuse an answer that depends only on the data without asking again. */
export const DATA_MAX_AGE_SECONDS = 300;

export const JSON_TYPE = "application/json; charset=utf-8";

/** JSON as `truce … --json` prints it: two-space indent and a final newline. */
export function printed(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** An answer that depends on the store (what users keep): JSON, never cached. */
export function storeJson(c: Context, value: unknown, status: 200 | 201 = 200): Response {
  return c.body(printed(value), status, { "content-type": JSON_TYPE, "cache-control": "no-store" });
}

/** The `{id}` of a kept thing (portfolio, watchlist, party ...) in a path. */
export const idParam = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, "expected a positive whole number")
    .openapi({ example: "1" }),
});

/** The problem of an id that names nothing kept. */
export function notFound(what: string, id: string | number): never {
  throw new ApiProblem("not-found", `no ${what} ${id}`, "id");
}

/** The tag of the data an answer depends on: the law and schedules the engine reads, the events, the code. */
export function dataTag(t: Truce, events: unknown): string {
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

export const calendarDate = z
  .string()
  .refine(isCalendarDate, "expected a calendar date YYYY-MM-DD")
  .openapi({ example: "2025-11-10" });
export const instantText = z
  .string()
  .describe("a date YYYY-MM-DD (00:01 in the importer's zone) or an ISO 8601 instant")
  .openapi({ example: "2025-11-10T00:01" });
export const importerParam = z.enum(["US", "CN"]).optional().describe("importing country (default US)");
export const bothParam = z.enum(["US", "CN", "both"]).optional().describe("whose measures (default both)");
export const flag = z.enum(["true", "false"]).optional();

// The library's contracts, named in the document's components (their ids live in zod's registry).
export const Entry = EntryInputSchema.meta({ id: "Entry" });
export const DutyResult = DutyResultSchema.meta({ id: "DutyResult" });

export const entryResponses = {
  200: {
    description: "the duty, layer by layer, exactly as `truce duty … --json` prints it",
    content: { "application/json": { schema: DutyResult } },
  },
  400: {
    description: "a bad entry: the field at fault, what is wrong, codes it may have meant",
    content: { "application/problem+json": { schema: ProblemSchema } },
  },
} as const;

export const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});
export const jsonResponse = (description: string, schema: z.ZodType = z.unknown()) => ({
  description,
  content: { "application/json": { schema } },
});

/** Parses an instant parameter in a zone, or refuses naming the parameter. */
export function instantParam(text: string, zone: string, field: string): number {
  try {
    return parseInstant(text, zone);
  } catch (e) {
    if (e instanceof TimeError) throw new ApiProblem("invalid-parameter", e.message, field);
    throw e;
  }
}

/** A window bound: a date (compared in each item's own zone) or an exact instant (New York time if local). */
export function boundParam(text: string, field: string): Bound {
  return isCalendarDate(text) ? { date: text } : { instant: instantParam(text, US_ZONE, field) };
}

export type ApiApp = OpenAPIHono;

/** What a route module is given: the library, the events and the answers' helpers. */
export interface ApiContext {
  truce: Truce;
  events: ReturnType<typeof loadEvents>;
  /** Largest batch upload accepted, in bytes. */
  maxBatchBytes: number;
  /** Most rows of a batch upload. */
  maxBatchRows: number;
  /** The store of what users keep (portfolios, saved scenarios, watchlists), opened on first use. */
  store(): Promise<Store>;
  /** An answer that depends only on the data (and the URL): ETag and Cache-Control, 304 when unchanged. */
  fromData(c: Context, body: string, type?: string): Response;
}
