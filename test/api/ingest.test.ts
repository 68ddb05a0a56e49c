/**
 * News over HTTP: `POST /v1/ingest` (and `/ingest`) answers the contract for text, HTML and JSON
 * bodies with the instant of `published`, refuses what it cannot read with a problem naming the
 * field, takes articles up to 2 MiB (over the 64 KiB of other bodies), and queues an article once;
 * the review routes decide items seeded from a fixed result (test/news/review-fixture.ts).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/api/app.js";
import { MAX_ARTICLE_BYTES } from "../../src/api/routes/ingest.js";
import { openStore, type Store } from "../../src/store/db.js";
import { queueArticle } from "../../src/store/news-review.js";
import { loadTruce } from "../../src/truce.js";
import { EVENT_SPAN, wireResult } from "../news/review-fixture.js";

let store: Store;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await openStore(mkdtempSync(join(tmpdir(), "truce-api-ingest-")));
  app = createApp(loadTruce(), { store });
});
afterAll(async () => {
  await store.close();
});

/** Written for this test: no date anywhere, so the instant is the one `published` gives. */
const UNDATED =
  "BEIJING (Wire) - Chinese inbound tariffs on US goods stay at about 10%, the commerce ministry said, as talks went on.";

async function post(path: string, body: string, type: string) {
  const r = await app.request(path, { method: "POST", headers: { "content-type": type }, body });
  return {
    status: r.status,
    json: (await r.json()) as Record<string, unknown> & { detail?: string; field?: string },
  };
}

describe("POST /v1/ingest", () => {
  it("reads text, HTML and JSON bodies into the contract, with the cleaned text", async () => {
    const text = await post("/v1/ingest?published=2025-10-25T22:30%2B08:00", UNDATED, "text/plain");
    expect(text.status).toBe(200);
    expect([text.json.published, text.json.publishedZone, text.json.publishedFrom]).toEqual([
      "2025-10-25T22:30:00+08:00",
      "+08:00",
      "option",
    ]);
    expect(typeof text.json.text).toBe("string");
    for (const i of text.json.items as { text: string; start: number; end: number }[])
      expect((text.json.text as string).slice(i.start, i.end)).toBe(i.text);

    const html = await post(
      "/ingest?published=2025-10-25T22:30[Asia/Shanghai]",
      `<html><body><p>${UNDATED}</p></body></html>`,
      "text/html",
    );
    expect([html.status, html.json.published, html.json.publishedZone]).toEqual([
      200,
      "2025-10-25T22:30:00+08:00",
      "Asia/Shanghai",
    ]);

    const json = await post(
      "/v1/ingest",
      JSON.stringify({ text: UNDATED, published: "2025-10-25 22:30", zone: "Asia/Shanghai" }),
      "application/json",
    );
    expect([json.status, json.json.published]).toEqual([200, "2025-10-25T22:30:00+08:00"]);
  });

  it("refuses what it cannot read, naming the field", async () => {
    const none = await post("/v1/ingest", UNDATED, "text/plain");
    expect([none.status, none.json.field]).toEqual([400, "published"]);
    expect(none.json.detail).toContain("give `published`");
    const local = await post("/v1/ingest?published=2025-10-25T22:30", UNDATED, "text/plain");
    expect([local.status, local.json.detail]).toEqual([
      400,
      'published: "2025-10-25T22:30" is a local time: give its zone with `zone` (e.g. 2025-10-25T22:30+05:30, 2025-10-25T22:30:01[Asia/Kolkata], or 2025-10-25T22:30 with `zone` Asia/Kolkata)',
    ]);
    const both = await post(
      "/v1/ingest",
      JSON.stringify({ text: "a", html: "<p>a</p>" }),
      "application/json",
    );
    expect([both.status, both.json.detail]).toEqual([
      400,
      "text: give the article as `text` or as `html` (one of them)",
    ]);
    const csv = await post("/v1/ingest", "a,b", "text/csv");
    expect(csv.status).toBe(415);
    const empty = await post("/v1/ingest?published=2025-10-25T22:30Z", " ", "text/plain");
    expect([empty.status, empty.json.detail]).toEqual([400, "body: the article is empty"]);
  });

  it("takes an article over the other bodies' 64 KiB, up to 2 MiB", async () => {
    const paragraph = `${UNDATED}\n\n`;
    const big = paragraph.repeat(Math.ceil(200_000 / paragraph.length));
    const ok = await post("/v1/ingest?published=2025-10-25T22:30Z", big, "text/plain");
    expect([ok.status, ok.json.published]).toEqual([200, "2025-10-25T22:30:00Z"]);
    const tooBig = await post(
      "/v1/ingest?published=2025-10-25T22:30Z",
      "x".repeat(MAX_ARTICLE_BYTES + 1),
      "text/plain",
    );
    expect(tooBig.status).toBe(413);
    // Other routes keep their limit.
    const duty = await post("/v1/duty", JSON.stringify({ code: "x".repeat(70_000) }), "application/json");
    expect(duty.status).toBe(413);
  });

  it("queues an article once (queue=true): 201, then 200 with nothing added", async () => {
    const path = "/v1/ingest?published=2025-10-25T22:30%2B08:00&queue=true&name=mofcom.txt";
    const first = await post(path, UNDATED, "text/plain");
    expect(first.status).toBe(201);
    expect(first.json.queued).toMatchObject({ created: true });
    const again = await post(path, UNDATED, "text/plain");
    expect([again.status, (again.json.queued as { created: boolean }).created]).toEqual([200, false]);
  });
});

describe("the review routes", () => {
  it("list, edit, accept into the timeline, refuse a second decision, reject", async () => {
    const queued = await queueArticle(
      store,
      { sourceName: "wire.txt", sha256: "d".repeat(64), result: wireResult() },
      Date.now(),
    );
    const [event, rate] = queued.items;
    const list = await (await app.request("/v1/review")).json();
    expect(list.items.map((i: { id: number }) => i.id)).toEqual(expect.arrayContaining([event, rate]));

    const bad = await post(
      `/v1/review/${event}/edit`,
      JSON.stringify({ set: { side: "EU" } }),
      "application/json",
    );
    expect([bad.status, bad.json.field, bad.json.detail]).toEqual([
      400,
      "set.side",
      'set.side: expected US|CN|both, got "EU"',
    ]);
    const edited = await post(
      `/v1/review/${event}/edit`,
      JSON.stringify({ set: { time: "00:01" } }),
      "application/json",
    );
    expect([edited.status, edited.json.status]).toEqual([200, "edited"]);

    const accepted = await post(
      `/v1/review/${event}/accept`,
      JSON.stringify({ note: "checked" }),
      "application/json",
    );
    expect(accepted.status).toBe(200);
    expect(accepted.json.event).toMatchObject({
      kind: "announcement",
      date: "2025-11-01",
      time: "00:01",
      grade: "W",
      evidence: EVENT_SPAN,
    });
    const twice = await post(`/v1/review/${event}/accept`, "{}", "application/json");
    expect(twice.status).toBe(409);

    const asLaw = await post(
      `/v1/review/${rate}/accept`,
      JSON.stringify({ asLaw: true }),
      "application/json",
    );
    expect([asLaw.status, asLaw.json.field]).toEqual([400, "body"]);
    const rejected = await post(
      `/v1/review/${rate}/reject`,
      JSON.stringify({ note: "a third country" }),
      "application/json",
    );
    expect([rejected.status, rejected.json.status, rejected.json.note]).toEqual([
      200,
      "rejected",
      "a third country",
    ]);
    const missing = await post("/v1/review/99999/reject", "{}", "application/json");
    expect(missing.status).toBe(404);
    const shown = await (await app.request(`/v1/review/${event}`)).json();
    expect(shown.span).toEqual(EVENT_SPAN);
  });
});
