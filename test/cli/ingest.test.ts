/**
 * `truce ingest` and `truce review` as users run them. The end-to-end ingest tests assert the
 * contract's shape and the publication instant (--published gives it), which hold whatever the
 * extractors find; the review tests seed the queue with a fixed result (test/news/review-fixture.ts)
 * and drive it through the commands, up to the timeline that shows the accepted event.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EVENT_KINDS_IN_NEWS, REMOVED_KINDS } from "../../src/news/contract.js";
import { openStore } from "../../src/store/db.js";
import { STORE_FILE } from "../../src/store/dir.js";
import { queueArticle } from "../../src/store/news-review.js";
import { EVENT_SPAN, wireResult } from "../news/review-fixture.js";
import { truce } from "../run-cli.js";

const CLI_RUNS_MS = 180_000;

function dir(): string {
  return mkdtempSync(join(tmpdir(), "truce-cli-ingest-"));
}

/** Written for this test: no dateline, no date anywhere (so no page can give a publication instant). */
const UNDATED =
  "WASHINGTON (Wire) - US inbound tariffs on Chinese goods will rise to about 55%, a senior official said, while Beijing weighed a reply.\n";

const ITEM_KINDS = ["date", "rate", "person", "place", "organisation", "event"];

/** What the contract promises of every answer, whatever the extractors find. */
function expectContract(r: Record<string, unknown>, text?: string): void {
  expect(Array.isArray(r.removed) && Array.isArray(r.items)).toBe(true);
  for (const s of r.removed as { start: number; end: number; kind: string }[]) {
    expect(s.start).toBeLessThanOrEqual(s.end);
    expect(REMOVED_KINDS).toContain(s.kind);
  }
  for (const i of r.items as {
    kind: string;
    text: string;
    start: number;
    end: number;
    confidence: number;
    eventKind?: string;
  }[]) {
    expect(ITEM_KINDS).toContain(i.kind);
    expect(i.confidence).toBeGreaterThanOrEqual(0);
    expect(i.confidence).toBeLessThanOrEqual(1);
    if (text !== undefined) expect(text.slice(i.start, i.end)).toBe(i.text);
    if (i.kind === "event") expect(EVENT_KINDS_IN_NEWS).toContain(i.eventKind);
  }
}

describe("truce ingest FILE", () => {
  it(
    "prints the contract with the instant of --published and its offset kept, the text only with --text",
    () => {
      const d = dir();
      const file = join(d, "wire.txt");
      writeFileSync(file, UNDATED);
      const plain = truce("ingest", file, "--published", "2025-10-25T22:30+05:30", "--json");
      expect(plain.status).toBe(0);
      const r = JSON.parse(plain.stdout);
      expect([r.published, r.publishedZone, r.publishedFrom]).toEqual([
        "2025-10-25T22:30:00+05:30",
        "+05:30",
        "option",
      ]);
      expect(r).not.toHaveProperty("text");
      expectContract(r);

      const withText = JSON.parse(
        truce("ingest", file, "--published", "2025-10-25 22:30", "--zone", "Asia/Kolkata", "--json", "--text")
          .stdout,
      );
      expect([withText.published, withText.publishedZone]).toEqual([
        "2025-10-25T22:30:00+05:30",
        "Asia/Kolkata",
      ]);
      expect(typeof withText.text).toBe("string");
      expect(withText.text).toContain("55%");
      expectContract(withText, withText.text);

      // An instant in UTC; a zone in brackets (New York, EDT on Oct 25 2025).
      expect(
        JSON.parse(truce("ingest", file, "--published", "2025-10-25T17:00Z", "--json").stdout).published,
      ).toBe("2025-10-25T17:00:00Z");
      expect(
        JSON.parse(
          truce("ingest", file, "--published", "2025-10-25T18:30[America/New_York]", "--json").stdout,
        ).published,
      ).toBe("2025-10-25T18:30:00-04:00");

      const report = truce("ingest", file, "--published", "2025-10-25T22:30+05:30");
      expect(report.stdout).toContain("Published 2025-10-25T22:30:00+05:30 (+05:30, from option)");
      expect(report.stdout).toContain("Events (");
    },
    CLI_RUNS_MS,
  );

  it(
    "refuses an article without a publication instant and a bad --published, naming what to give",
    () => {
      const d = dir();
      const file = join(d, "wire.txt");
      writeFileSync(file, UNDATED);
      const none = truce("ingest", file, "--json");
      expect(none.status).toBe(2);
      expect(JSON.parse(none.stdout).error.message).toContain("the article states no publication instant");
      const local = truce("ingest", file, "--published", "2025-10-25 22:30");
      expect([local.status, local.stderr]).toEqual([
        2,
        'truce: --published "2025-10-25 22:30" is a local time: give its zone with --zone (e.g. 2025-10-25T22:30+05:30, 2025-10-25T22:30:01[Asia/Kolkata], or 2025-10-25T22:30 with --zone Asia/Kolkata)\n',
      ]);
      expect(
        truce("ingest", file, "--published", "2025-10-25T22:30", "--zone", "Mars/Olympus").stderr,
      ).toContain('--zone "Mars/Olympus" is not a time zone');
      expect(
        truce("ingest", file, "--published", "2025-10-25T22:30+05:30", "--zone", "Asia/Kolkata").stderr,
      ).toContain("--published gives its offset +05:30: --zone is not used with it");
      expect(truce("ingest", file, "--published", "2025-02-30T10:00+08:00").stderr).toContain(
        '--published "2025-02-30T10:00+08:00" is not a valid instant',
      );
      expect(truce("ingest", file, "--published", "yesterday").stderr).toContain(
        '--published "yesterday" is not an instant with its offset or zone',
      );
      expect(truce("ingest", join(d, "missing.txt")).stderr).toContain("missing.txt: ENOENT");
    },
    CLI_RUNS_MS,
  );

  it(
    "keeps an article in the review queue once (--queue)",
    () => {
      const d = dir();
      const file = join(d, "wire.txt");
      writeFileSync(file, UNDATED);
      const args = ["ingest", file, "--published", "2025-10-25T22:30+05:30", "--queue", "--data-dir", d];
      const first = JSON.parse(truce(...args, "--json").stdout);
      expect(first.queued).toMatchObject({ articleId: 1, created: true });
      const again = truce(...args);
      expect(again.stdout).toContain("Already queued as article 1 (same SHA-256): nothing added");
    },
    CLI_RUNS_MS,
  );
});

describe("truce ingest DIR", () => {
  it(
    "reads every article of a folder, one JSON line each, a bad file never stopping the batch",
    () => {
      const d = dir();
      writeFileSync(join(d, "a-wire.txt"), UNDATED);
      writeFileSync(join(d, "b-page.html"), `<html><body><p>${UNDATED}</p></body></html>`);
      writeFileSync(join(d, "c-empty.txt"), "  \n");
      writeFileSync(join(d, "notes.md"), "not an article");
      const run = truce("ingest", d, "--published", "2025-10-25T22:30+05:30");
      expect(run.status).toBe(1);
      const lines = run.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(lines.map((l) => l.file)).toEqual(["a-wire.txt", "b-page.html", "c-empty.txt"]);
      expect(lines.slice(0, 2).map((l) => l.published)).toEqual([
        "2025-10-25T22:30:00+05:30",
        "2025-10-25T22:30:00+05:30",
      ]);
      for (const l of lines.slice(0, 2)) expectContract(l);
      expect(lines[2].error).toEqual({ kind: "empty", message: "the file is empty" });
      expect(run.stderr).toMatch(
        /^truce: 3 articles, 2 read \(\d+ items\), 1 failed \(empty: 1\), [\d.]+ s\n$/,
      );

      const undated = truce("ingest", d);
      const first = JSON.parse(undated.stdout.split("\n")[0] ?? "");
      expect(first.error.kind).toBe("no-publication-instant");
      expect(truce("ingest", mkdtempSync(join(tmpdir(), "truce-cli-ingest-empty-"))).stderr).toContain(
        "no .html, .htm or .txt file in the folder",
      );
    },
    CLI_RUNS_MS,
  );
});

describe("truce review", () => {
  it(
    "lists, edits, accepts into the timeline (grade W, the span as evidence), rejects and drafts law",
    async () => {
      const d = dir();
      const store = await openStore(d);
      await queueArticle(
        store,
        { sourceName: "wire.txt", sha256: "b".repeat(64), result: wireResult() },
        Date.parse("2025-10-26T00:00:00Z"),
      );
      await store.close();

      const list = JSON.parse(truce("review", "--data-dir", d, "--json").stdout);
      expect(list.items.map((i: { id: number; status: string }) => [i.id, i.status])).toEqual([
        [1, "pending"],
        [2, "pending"],
      ]);
      const text = truce("review", "list", "--data-dir", d).stdout;
      expect(text).toContain("tariff-announced 2025-11-01");
      expect(text).toContain("contradicts: the data has no 55% for ieepa-reciprocal-cn");

      const badEdit = truce("review", "edit", "1", "--set", "date=2025-11-31", "--data-dir", d);
      expect([badEdit.status, badEdit.stderr]).toEqual([
        2,
        'truce: --set date: expected YYYY-MM-DD, got "2025-11-31"\n',
      ]);
      const edited = JSON.parse(
        truce(
          "review",
          "edit",
          "1",
          "--set",
          "time=00:01",
          "--set",
          "title=US tariffs on China to 55%",
          "--data-dir",
          d,
          "--json",
        ).stdout,
      );
      expect(edited).toMatchObject({
        status: "edited",
        edited: { time: "00:01", title: "US tariffs on China to 55%" },
      });

      const accepted = truce("review", "accept", "1", "--data-dir", d);
      expect(accepted.status).toBe(0);
      expect(accepted.stdout).toContain(
        "Timeline event news-1: announcement 2025-11-01 00:01 (America/New_York), side US",
      );
      expect(truce("review", "accept", "1", "--data-dir", d).stderr).toContain("item 1 was accepted already");

      const timeline = truce("timeline", "--from", "2025-11-01", "--to", "2025-11-01", "--data-dir", d);
      expect(timeline.stdout).toContain("2025-11-01 00:01         announcement US tariffs on China to 55%");
      expect(timeline.stdout).toContain(
        `reviewed from news, grade W (review item 1, wire.txt): "${EVENT_SPAN.text}"`,
      );
      const json = JSON.parse(
        truce("timeline", "--from", "2025-11-01", "--to", "2025-11-01", "--data-dir", d, "--json").stdout,
      );
      const news = json.find((e: { id: string }) => e.id === "news-1");
      expect(news).toMatchObject({
        instant: "2025-11-01T04:01:00Z",
        confirmed: false,
        sources: [{ url: `urn:sha256:${"b".repeat(64)}`, grade: "W" }],
        reviewed: { from: "news", grade: "W", item: 1, article: 1, evidence: EVENT_SPAN },
      });

      const asLaw = truce("review", "accept", "2", "--as-law", "--data-dir", d);
      expect([asLaw.status, asLaw.stderr]).toEqual([
        2,
        "truce: a draft law file needs its issuer, and the item does not say whether the US or China acts: set it first (truce review edit ID --set importer=US or CN)\n",
      ]);
      const rejected = truce(
        "review",
        "reject",
        "2",
        "--note",
        "Canada's rate, not a US or Chinese measure",
        "--data-dir",
        d,
      );
      expect(rejected.stdout).toContain("Item 2: rate, rejected");
      expect(JSON.parse(truce("review", "list", "--data-dir", d, "--json").stdout).items).toEqual([]);
      expect(truce("review", "show", "9", "--data-dir", d).stderr).toBe(
        "truce: no review item 9 (truce review list)\n",
      );
    },
    CLI_RUNS_MS,
  );

  it(
    "writes a draft law file under drafts/ of the store's directory and says what is missing",
    async () => {
      const d = dir();
      const store = await openStore(d);
      await queueArticle(
        store,
        { sourceName: "wire.txt", sha256: "c".repeat(64), result: wireResult() },
        Date.parse("2025-10-26T00:00:00Z"),
      );
      await store.close();
      const out = truce("review", "accept", "1", "--as-law", "--data-dir", d);
      expect(out.status).toBe(0);
      expect(out.stdout).toContain(
        "Draft law file drafts/news-draft-1.yaml in the store's directory (instrument news-draft-1, grade W, provisional)",
      );
      expect(out.stdout).toContain("a reviewer must still fill in:");
      expect(readFileSync(join(d, "drafts", "news-draft-1.yaml"), "utf8")).toContain("grade: W");
    },
    CLI_RUNS_MS,
  );

  it(
    "leaves the timeline as it was when the store holds no reviewed event, and creates no store",
    () => {
      const d = dir();
      const args = ["timeline", "--from", "2025-11-01", "--to", "2025-11-10"];
      const without = truce(...args, "--data-dir", d);
      expect(without.status).toBe(0);
      expect(without.stdout).not.toContain("reviewed from news");
      expect(existsSync(join(d, STORE_FILE))).toBe(false);
    },
    CLI_RUNS_MS,
  );
});
