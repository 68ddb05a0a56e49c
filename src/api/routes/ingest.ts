/**
 * News over HTTP: `POST /v1/ingest` (also answered at `POST /ingest`, the name issue 13 gives it)
 * reads an article into the `truce ingest --json --text` contract and, with `queue=true`, keeps it in
 * the review queue; `/v1/review` lists the queue and `/v1/review/{id}/accept|reject|edit` decide.
 * Articles are larger than the API's other bodies: this route takes up to MAX_ARTICLE_BYTES.
 */
import { createHash } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { IngestError, ingestArticle } from "../../news/ingest.js";
import { type ArticleFormat, PublishedError, parsePublished } from "../../news/input.js";
import { newsKnowledge } from "../../news/load.js";
import { ReviewDecidedError, ReviewError } from "../../news/review.js";
import {
  acceptReview,
  editReview,
  listReview,
  queueArticle,
  REVIEW_STATUSES,
  type ReviewDetail,
  ReviewNotFound,
  rejectReview,
  reviewItem,
} from "../../store/news-review.js";
import {
  type ApiApp,
  type ApiContext,
  flag,
  idParam,
  jsonResponse,
  problemResponse,
  storeJson,
} from "../http.js";
import { ApiProblem } from "../problem.js";

/** Largest article accepted, in bytes: a saved news page with its markup (the API's other bodies: 64 KiB). */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

/** The paths the article route answers at, with their own body limit (app.ts leaves them out of the small one). */
export const INGEST_PATHS = ["/v1/ingest", "/ingest"] as const;

const articleJson = z
  .object({
    text: z.string().optional().describe("the article as plain text"),
    html: z.string().optional().describe("the article as a saved HTML page"),
    published: z.string().optional().describe("as the query's `published`"),
    zone: z.string().optional().describe("as the query's `zone`"),
    url: z.url().optional().describe("where the article was published (kept as its source in the queue)"),
  })
  .strict();

const ingestQuery = z.object({
  published: z
    .string()
    .optional()
    .describe(
      "publication instant, overriding the page's: an ISO instant with its offset (2025-10-25T22:30+05:30) or zone (2025-10-25T22:30[Asia/Kolkata]), or a local time with `zone`",
    )
    .openapi({ example: "2025-10-25T22:30+05:30" }),
  zone: z.string().optional().describe("the IANA zone (or offset) of a local `published`"),
  queue: flag.describe("keep the article and its candidate items in the review queue"),
  name: z.string().max(200).optional().describe("the article's name in the queue (default: api)"),
  url: z.url().optional().describe("where the article was published"),
});

function mediaType(c: Context): string {
  return (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** The article of a request: its raw text and format, and the JSON body's own fields. */
async function articleOf(
  c: Context,
): Promise<{ raw: string; format: ArticleFormat; json: z.infer<typeof articleJson> }> {
  const type = mediaType(c);
  if (type === "text/html") return { raw: await c.req.text(), format: "html", json: {} };
  if (type === "text/plain") return { raw: await c.req.text(), format: "text", json: {} };
  if (type !== "application/json")
    throw new ApiProblem(
      "unsupported-media-type",
      `an article is text/html, text/plain or application/json {text|html, published}, not "${type}"`,
      "content-type",
    );
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiProblem("invalid-parameter", "the body is not JSON", "body");
  }
  const parsed = articleJson.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiProblem(
      "invalid-parameter",
      issue?.message ?? "invalid body",
      issue?.path.join(".") || "body",
    );
  }
  const json = parsed.data;
  if ((json.text === undefined) === (json.html === undefined))
    throw new ApiProblem(
      "invalid-parameter",
      "give the article as `text` or as `html` (one of them)",
      "text",
    );
  return json.html !== undefined
    ? { raw: json.html, format: "html", json }
    : { raw: json.text ?? "", format: "text", json };
}

/** A review action's refusals as problems: 404 no such item, 409 decided already, 400 anything else the reviewer must fix. */
async function decided(fn: () => Promise<ReviewDetail>): Promise<ReviewDetail> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ReviewNotFound) throw new ApiProblem("not-found", e.message, "id");
    if (e instanceof ReviewDecidedError) throw new ApiProblem("conflict", e.message, "id");
    if (e instanceof ReviewError) {
      // An edit's refused field is named as the body's (`set.date`), not as the CLI's option.
      const setting = /^--set (\w+): (.*)$/s.exec(e.message);
      if (setting) throw new ApiProblem("invalid-parameter", setting[2] as string, `set.${setting[1]}`);
      throw new ApiProblem("invalid-parameter", e.message, "body");
    }
    throw e;
  }
}

const note = z.string().max(2000).optional().describe("the reviewer's note");

export function addIngestRoutes(app: ApiApp, ctx: ApiContext): void {
  const limit = bodyLimit({
    maxSize: MAX_ARTICLE_BYTES,
    onError: () => {
      throw new ApiProblem("payload-too-large", `an article is at most ${MAX_ARTICLE_BYTES} bytes`);
    },
  });
  for (const path of INGEST_PATHS) app.use(path, limit);

  const ingest = async (c: Context) => {
    const q = ingestQuery.safeParse(c.req.query());
    if (!q.success) {
      const issue = q.error.issues[0];
      throw new ApiProblem(
        "invalid-parameter",
        issue?.message ?? "invalid query",
        issue?.path.join(".") || "query",
      );
    }
    const { raw, format, json } = await articleOf(c);
    if (raw.trim() === "") throw new ApiProblem("invalid-parameter", "the article is empty", "body");
    const publishedText = q.data.published ?? json.published;
    const zone = q.data.zone ?? json.zone;
    let published: ReturnType<typeof parsePublished> | undefined;
    try {
      if (publishedText !== undefined) published = parsePublished(publishedText, zone);
      else if (zone !== undefined)
        throw new PublishedError("`zone` is the zone of a local `published`: give `published` too");
    } catch (e) {
      if (e instanceof PublishedError)
        throw new ApiProblem(
          "invalid-parameter",
          e.message.replace(/^--published /, "").replace(/--(published|zone)/g, "`$1`"),
          "published",
        );
      throw e;
    }
    let result: ReturnType<typeof ingestArticle>;
    try {
      result = ingestArticle({ raw, format, ...(published ? { published } : {}) }, newsKnowledge(ctx.truce));
    } catch (e) {
      if (e instanceof IngestError)
        throw new ApiProblem(
          "invalid-parameter",
          e.message.replace("give --published", "give `published`"),
          "published",
        );
      throw e;
    }
    if (q.data.queue !== "true") return storeJson(c, result);
    const url = q.data.url ?? json.url;
    const queued = await queueArticle(
      await ctx.store(),
      {
        sourceName: q.data.name ?? "api",
        sha256: createHash("sha256").update(raw).digest("hex"),
        ...(url ? { url } : {}),
        result,
      },
      Date.now(),
    );
    return storeJson(c, { ...result, queued }, queued.created ? 201 : 200);
  };

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/ingest",
      summary: "Read a news article into candidate events, dates, rates, people, places and organisations",
      description: `The body is the article: \`text/html\` (a saved page), \`text/plain\`, or \`application/json\` \`{text | html, published?, zone?, url?}\`; at most ${MAX_ARTICLE_BYTES} bytes (2 MiB; the API's other bodies take 64 KiB). The answer is the contract of \`truce ingest --json --text\`: \`published\` (ISO instant with offset), \`publishedZone\`, \`publishedFrom\`, \`title\`, \`removed: [{start, end, kind, text}]\`, \`items: [{kind, text, start, end, confidence, …}]\` and the cleaned \`text\` the offsets point into. With \`queue=true\` the article is kept in the review queue once per SHA-256 of the body's article (201 the first time, 200 after) and the answer adds \`queued: {articleId, created, items}\`. Also answered at \`POST /ingest\`.`,
      request: { query: ingestQuery },
      responses: {
        200: jsonResponse("the contract JSON (with the cleaned text)"),
        201: jsonResponse("the contract JSON, and the article newly queued"),
        400: problemResponse(
          "no publication instant (give `published`), a bad `published` or `zone`, an empty article",
        ),
        413: problemResponse("the article is over 2 MiB"),
        415: problemResponse("not text/html, text/plain or application/json"),
      },
    }),
    ingest as never,
  );
  // The issue's name for it: the same handler, outside the versioned document.
  app.post("/ingest", ingest);

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/review",
      summary: "The review queue of news items (the open ones by default)",
      request: {
        query: z
          .object({
            status: z
              .enum([...REVIEW_STATUSES, "open", "all"])
              .optional()
              .describe("which items: open (pending or edited, the default), one status, or all"),
          })
          .strict(),
      },
      responses: {
        200: jsonResponse(
          "{items: [{id, articleId, sourceName, kind, eventKind, date, status, text, isNew, contradictions}]}",
        ),
      },
    }),
    async (c) =>
      storeJson(c, {
        items: await listReview(await ctx.store(), c.req.valid("query").status ?? "open"),
      }) as never,
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/review/{id}",
      summary: "One review item: its article, its span, as read and as edited, and what accepting it made",
      request: { params: idParam },
      responses: { 200: jsonResponse("the item"), 404: problemResponse("no such item") },
    }),
    async (c) => {
      const id = Number(c.req.valid("param").id);
      const d = await decided(
        async () => (await reviewItem(await ctx.store(), id)) ?? Promise.reject(new ReviewNotFound(id)),
      );
      return storeJson(c, d) as never;
    },
  );

  const decision = (action: string, summary: string, body: z.ZodObject, description: string) =>
    createRoute({
      method: "post",
      path: `/v1/review/{id}/${action}`,
      summary,
      description,
      request: {
        params: idParam,
        body: { content: { "application/json": { schema: body } }, required: false },
      },
      responses: {
        200: jsonResponse("the item as decided"),
        400: problemResponse("the item cannot become what is asked (the detail says what to set)"),
        404: problemResponse("no such item"),
        409: problemResponse("the item was accepted or rejected already"),
      },
    });

  const acceptBody = z
    .object({
      asLaw: z
        .boolean()
        .optional()
        .describe(
          "write a draft law file (grade W, under drafts/ in the store's directory) instead of a timeline event",
        ),
      note,
    })
    .strict();
  app.openapi(
    decision(
      "accept",
      "Accept an item: a timeline event (reviewed from news, grade W), or a draft law file",
      acceptBody,
      "An event with a date becomes a timeline event kept in the store (`truce timeline` shows it as reviewed from news, grade W), with the article's span as evidence. With `asLaw: true` the item becomes a draft law file in the data/law format (grade W, provisional, the article as its source) written under drafts/ in the store's directory, never into the shipped law; the answer's `draft.missing` says what a reviewer must still fill in.",
    ),
    async (c) => {
      const id = Number(c.req.valid("param").id);
      const b = (await c.req.json().catch(() => ({}))) as unknown;
      const o = acceptBody.safeParse(b ?? {});
      if (!o.success)
        throw new ApiProblem("invalid-parameter", o.error.issues[0]?.message ?? "invalid body", "body");
      const store = await ctx.store();
      return storeJson(
        c,
        await decided(() =>
          acceptReview(store, id, Date.now(), {
            asLaw: o.data.asLaw === true,
            ...(o.data.note ? { note: o.data.note } : {}),
          }),
        ),
      ) as never;
    },
  );

  const rejectBody = z.object({ note }).strict();
  app.openapi(
    decision(
      "reject",
      "Reject an item (kept as rejected, with the note)",
      rejectBody,
      "The item stays in the store, rejected.",
    ),
    async (c) => {
      const id = Number(c.req.valid("param").id);
      const o = rejectBody.safeParse((await c.req.json().catch(() => ({}))) ?? {});
      if (!o.success)
        throw new ApiProblem("invalid-parameter", o.error.issues[0]?.message ?? "invalid body", "body");
      const store = await ctx.store();
      return storeJson(c, await decided(() => rejectReview(store, id, Date.now(), o.data.note))) as never;
    },
  );

  const editBody = z
    .object({
      set: z
        .record(z.string(), z.union([z.string(), z.number()]))
        .describe('fields to set, e.g. {date: "2025-11-10", side: "CN"}; the span is never edited'),
      note,
    })
    .strict();
  app.openapi(
    decision(
      "edit",
      "Edit an item's fields before accepting it",
      editBody,
      "The item stays open, as edited; accepting it then uses the edited fields.",
    ),
    async (c) => {
      const id = Number(c.req.valid("param").id);
      const o = editBody.safeParse((await c.req.json().catch(() => ({}))) ?? {});
      if (!o.success)
        throw new ApiProblem("invalid-parameter", o.error.issues[0]?.message ?? "invalid body", "set");
      const settings = Object.entries(o.data.set).map(([k, v]) => `${k}=${v}`);
      const store = await ctx.store();
      return storeJson(
        c,
        await decided(() => editReview(store, id, settings, Date.now(), o.data.note)),
      ) as never;
    },
  );
}
