/**
 * Search and measures' histories: the HTS and China's HS by code and by words (ranked, as you type),
 * and a measure's dated values across the instruments that set them.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { findMeasure, measureHistory, UnknownMeasure } from "../../law/history.js";
import {
  SEARCH_LIMIT_DEFAULT,
  SEARCH_LIMIT_MAX,
  Searcher,
  SearchInputError,
  searchJson,
} from "../../nomenclature/search.js";
import {
  type ApiApp,
  type ApiContext,
  calendarDate,
  jsonResponse,
  printed,
  problemResponse,
} from "../http.js";
import { ApiProblem } from "../problem.js";

const SearchResult = z
  .object({
    code: z.string().describe("dotted: 8541.43.00.10, 8541.43, 8541"),
    description: z.string(),
    path: z.array(z.string()).describe("the parents' descriptions, outermost first"),
    score: z.number().describe("higher is better; comparable within one answer"),
    matched: z.array(z.string()).describe("the index terms (or the code prefix) matched, one per query word"),
    level: z.union([z.literal(4), z.literal(6), z.literal(8), z.literal(10)]).describe("digits of the code"),
  })
  .openapi("SearchResult");

const SearchAnswer = z
  .object({
    query: z.string(),
    nomenclature: z.enum(["hts", "hs"]),
    date: z.string().describe("the date searched: the HTS revision in force on it"),
    revision: z.string().describe("the HTS revision searched, or what China's HS search covers"),
    results: z.array(SearchResult),
  })
  .openapi("SearchAnswer");

const InstrumentRef = z
  .object({
    id: z.string(),
    title: z.string(),
    citation: z.string(),
    url: z.string(),
    grade: z.enum(["P", "S", "W"]),
  })
  .openapi("InstrumentRef");
const Unconfirmed = z.array(z.object({ fact: z.string(), confirmBy: z.string() }));

const MeasureHistoryAnswer = z
  .object({
    id: z.string(),
    importer: z.enum(["US", "CN"]),
    authority: z.string(),
    title: z.string(),
    heading: z.string(),
    zone: z.string().describe("the issuer's zone, in which every wall time is written"),
    origins: z.array(z.string()),
    action: z.string().nullable(),
    createdBy: InstrumentRef,
    replacedBy: z.array(z.string()),
    history: z.array(
      z.object({
        from: z.string().describe('wall time in the issuer\'s zone, "2019-05-10 00:01 EDT"'),
        fromInstant: z.string().describe("the same instant in UTC (ISO 8601)"),
        to: z.string().nullable().describe("when the next value takes over (null: holds on)"),
        toInstant: z.string().nullable(),
        status: z
          .enum(["final", "suspended", "threatened", "proposed", "ended", "unmodelled"])
          .describe("final: in force"),
        change: z.string().describe("what the value changes after the one before (as /v1/changes)"),
        what: z.string(),
        rate: z.string().nullable(),
        heading: z.string(),
        base: z.string(),
        instrument: InstrumentRef,
        unconfirmed: Unconfirmed.optional(),
        provisional: z.string().optional(),
        limits: z.array(z.string()).optional(),
        note: z.string().optional(),
      }),
    ),
    exemptions: z.array(
      z.object({
        heading: z.string().nullable(),
        claim: z.string().nullable(),
        reason: z.string(),
        from: z.string().nullable(),
        until: z.string().nullable(),
        instrument: InstrumentRef,
        unconfirmed: Unconfirmed.optional(),
      }),
    ),
    inTransit: z.array(
      z.object({
        heading: z.string().nullable(),
        reason: z.string().nullable(),
        loadedBefore: z.string(),
        enteredBefore: z.string(),
        modes: z.array(z.string()).nullable(),
        rate: z.string().nullable(),
        instrument: InstrumentRef,
      }),
    ),
  })
  .openapi("MeasureHistory");

const limitParam = z
  .string()
  .regex(/^\d+$/, "expected a whole number")
  .transform(Number)
  .optional()
  .describe(`results at most (default ${SEARCH_LIMIT_DEFAULT}, at most ${SEARCH_LIMIT_MAX})`);

export function addSearchRoutes(app: ApiApp, ctx: ApiContext): void {
  const { truce, fromData } = ctx;
  const searcher = new Searcher(truce.hts, truce.cn);

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/search",
      summary: "HTS or China's HS lines by code or by the words of their descriptions, ranked (as you type)",
      description:
        "Digits (dots and spaces allowed) find a code and the lines under it; words find the lines whose own or parent descriptions hold every word (case, accents and English plurals folded; the last word also matches the words it begins).",
      request: {
        query: z
          .object({
            q: z
              .string()
              .trim()
              .min(1, "is empty")
              .max(200, "is longer than 200 characters")
              .openapi({ example: "solar cells" }),
            nomenclature: z.enum(["hts", "hs"]).optional().describe("hts (US, default) or hs (China)"),
            date: calendarDate
              .optional()
              .describe("HTS revision in force on this date (default: the latest)"),
            limit: limitParam,
          })
          .strict(),
      },
      responses: {
        200: jsonResponse("the ranked lines", SearchAnswer),
        400: problemResponse("bad parameter"),
      },
    }),
    (c) => {
      const q = c.req.valid("query");
      let answer: ReturnType<Searcher["search"]>;
      try {
        answer = searcher.search(q.q, {
          nomenclature: q.nomenclature ?? "hts",
          ...(q.date === undefined ? {} : { date: q.date }),
          ...(q.limit === undefined ? {} : { limit: q.limit }),
        });
      } catch (e) {
        if (e instanceof SearchInputError) throw new ApiProblem("invalid-parameter", e.message, e.field);
        throw e;
      }
      const body = searchJson(q.q, answer);
      return fromData(c, printed(body)) as never;
    },
  );

  const historyRoute = (path: string) =>
    createRoute({
      method: "get",
      path,
      summary: "A measure's dated values across the instruments that set them",
      request: {
        params: z.object({ id: z.string().openapi({ example: "s301-list3" }) }),
        query: z
          .object({
            authority: z.string().optional().describe("narrows a heading given as the id to one authority"),
          })
          .strict(),
      },
      responses: {
        200: jsonResponse("the measure and its dated values, in order", MeasureHistoryAnswer),
        400: problemResponse("bad parameter"),
        404: problemResponse("no such measure (with the ids it may have meant)"),
      },
    });
  for (const path of ["/v1/measures/{id}", "/v1/measures/{id}/history"]) {
    app.openapi(historyRoute(path), (c) => {
      const { id } = c.req.valid("param");
      const { authority } = c.req.valid("query");
      try {
        return fromData(
          c,
          printed(measureHistory(truce.law, findMeasure(truce.law, id, authority))),
        ) as never;
      } catch (e) {
        if (e instanceof UnknownMeasure) throw new ApiProblem("not-found", e.message, e.field, e.suggestions);
        throw e;
      }
    });
  }
}
