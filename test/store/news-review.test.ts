/**
 * The review queue of news articles (migration 3) on a real SQLite file: an article is kept once per
 * SHA-256 with its events and the rates no event cites; an accepted event becomes a grade-W timeline
 * event with the article's span as evidence; an event accepted as law becomes a draft law file under
 * drafts/ that the law's schema accepts; decisions are taken once; a failed accept leaves nothing.
 * The items are a fixed IngestResult (test/news/review-fixture.ts): the extraction is not the point.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { instrumentFile } from "../../src/law/schema.js";
import { ReviewError } from "../../src/news/review.js";
import { openStore, type Store } from "../../src/store/db.js";
import { migrate } from "../../src/store/migrate.js";
import {
  acceptReview,
  editReview,
  listReview,
  queueArticle,
  rejectReview,
  reviewedTimelineEvents,
  reviewItem,
} from "../../src/store/news-review.js";
import { EVENT_SPAN, WIRE_TEXT, wireResult } from "../news/review-fixture.js";

const open: Store[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function opened(dir = mkdtempSync(join(tmpdir(), "truce-news-review-"))): Promise<Store> {
  const s = await openStore(dir);
  open.push(s);
  return s;
}

const NOW = Date.parse("2025-10-26T09:00:00Z");
const SHA = "a".repeat(64);

describe("the review queue", () => {
  it("migrates a fresh store to version 3", async () => {
    const s = await opened();
    expect(await migrate(s.db)).toEqual([1, 2, 3]);
  });

  it("keeps an article once, with its event and the rate no event cites, pending", async () => {
    const s = await opened();
    const first = await queueArticle(s, { sourceName: "wire.txt", sha256: SHA, result: wireResult() }, NOW);
    expect(first).toEqual({ articleId: 1, created: true, items: [1, 2] });
    const again = await queueArticle(s, { sourceName: "copy.txt", sha256: SHA, result: wireResult() }, NOW);
    expect(again).toEqual({ articleId: 1, created: false, items: [1, 2] });
    const list = await listReview(s);
    expect(list.map((i) => [i.id, i.kind, i.eventKind, i.status, i.text])).toEqual([
      [1, "event", "tariff-announced", "pending", EVENT_SPAN.text],
      [2, "rate", undefined, "pending", "25%"],
    ]);
    expect(list[0]?.contradictions).toEqual(["the data has no 55% for ieepa-reciprocal-cn"]);
    const rows = await s.db
      .selectFrom("news_articles")
      .select(["source_name", "published", "text"])
      .execute();
    expect(rows).toEqual([
      { source_name: "wire.txt", published: "2025-10-25T18:30:00-04:00", text: WIRE_TEXT },
    ]);
  });

  it("accepts an event into the timeline as grade W with its span as evidence, once", async () => {
    const s = await opened();
    await queueArticle(s, { sourceName: "wire.txt", sha256: SHA, result: wireResult() }, NOW);
    const accepted = await acceptReview(s, 1, NOW, { note: "matches the wire" });
    expect(accepted.status).toBe("accepted");
    expect(accepted.event).toEqual({
      id: "news-1",
      kind: "announcement",
      title: "tariff announced (reported by US to lift China tariffs)",
      side: "US",
      date: "2025-11-01",
      zone: "America/New_York",
      evidence: EVENT_SPAN,
      sourceUrl: `urn:sha256:${SHA}`,
      grade: "W",
    });
    await expect(acceptReview(s, 1, NOW)).rejects.toThrow("item 1 was accepted already");
    const timeline = await reviewedTimelineEvents(s);
    expect(timeline).toHaveLength(1);
    const e = timeline[0]?.event;
    // Midnight of Nov 1 2025 in New York (EDT, UTC-4).
    expect(new Date(e?.instant ?? 0).toISOString()).toBe("2025-11-01T04:00:00.000Z");
    expect(e).toMatchObject({
      confirmed: false,
      measures: ["ieepa-reciprocal-cn"],
      sources: [{ grade: "W" }],
    });
    expect(e?.note).toContain("reviewed from news, grade W");
    expect(await listReview(s)).toHaveLength(1);
  });

  it("refuses a rate as a timeline event, takes an edit, rejects with a note", async () => {
    const s = await opened();
    await queueArticle(s, { sourceName: "wire.txt", sha256: SHA, result: wireResult() }, NOW);
    await expect(acceptReview(s, 2, NOW)).rejects.toThrow(ReviewError);
    await expect(editReview(s, 2, ["colour=red"], NOW)).rejects.toThrow(
      'a rate item has no editable field "colour": expected one of value, importer, origin, appliesTo, date, title',
    );
    await expect(editReview(s, 2, ["value=lots"], NOW)).rejects.toThrow(
      '--set value: expected a percent, e.g. 55 or 27.5, got "lots"',
    );
    const edited = await editReview(s, 2, ["value=25.5"], NOW);
    expect(edited.status).toBe("edited");
    expect(edited.edited).toMatchObject({ value: 25.5, text: "25%" });
    expect(edited.item).toMatchObject({ value: 25 });
    const rejected = await rejectReview(s, 2, NOW, "a third country's rate");
    expect([rejected.status, rejected.note]).toEqual(["rejected", "a third country's rate"]);
    await expect(editReview(s, 2, ["value=30"], NOW)).rejects.toThrow("item 2 was rejected already");
    expect(await reviewItem(s, 99)).toBeUndefined();
  });

  it("accepts an event as a draft law file under drafts/, grade W, valid for the law's schema", async () => {
    const dir = mkdtempSync(join(tmpdir(), "truce-news-review-"));
    const s = await opened(dir);
    await queueArticle(
      s,
      { sourceName: "wire.txt", sha256: SHA, url: "https://news.example.org/a/1", result: wireResult() },
      NOW,
    );
    const accepted = await acceptReview(s, 1, NOW, { asLaw: true });
    expect(accepted.draft?.file).toBe(join("drafts", "news-draft-1.yaml"));
    expect(accepted.draft?.missing[0]).toContain("the primary source");
    const text = readFileSync(join(dir, "drafts", "news-draft-1.yaml"), "utf8");
    expect(text.startsWith("# Draft from the news")).toBe(true);
    const spec = instrumentFile.parse(parse(text));
    expect(spec.issuer).toBe("US");
    expect(spec.instrument).toMatchObject({
      kind: "other",
      grade: "W",
      url: "https://news.example.org/a/1",
      announced: "2025-10-25",
    });
    expect(spec.instrument.citation).toContain(EVENT_SPAN.text);
    expect(spec.values).toEqual([
      { measure: "ieepa-reciprocal-cn", from: "2025-11-01", rate: "55%", status: "proposed" },
    ]);
    expect(await reviewedTimelineEvents(s)).toEqual([]);
  });

  it("leaves no draft and the item open when an accept as law fails", async () => {
    const dir = mkdtempSync(join(tmpdir(), "truce-news-review-"));
    const s = await opened(dir);
    const result = wireResult();
    const event = result.items.find((i) => i.kind === "event");
    if (event?.kind === "event") delete event.side;
    await queueArticle(s, { sourceName: "wire.txt", sha256: SHA, result }, NOW);
    await expect(acceptReview(s, 1, NOW, { asLaw: true })).rejects.toThrow("--set importer=US or CN");
    expect(existsSync(join(dir, "drafts")) ? readdirSync(join(dir, "drafts")) : []).toEqual([]);
    expect((await reviewItem(s, 1))?.status).toBe("pending");
    await editReview(s, 1, ["importer=CN", "rate=10"], NOW);
    const accepted = await acceptReview(s, 1, NOW, { asLaw: true });
    const spec = instrumentFile.parse(parse(readFileSync(join(dir, accepted.draft?.file ?? ""), "utf8")));
    expect([spec.issuer, spec.values?.[0]?.rate]).toEqual(["CN", "10%"]);
  });
});
