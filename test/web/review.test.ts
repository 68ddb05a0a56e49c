/**
 * The news review page in Chromium (playwright-core driving /usr/bin/chromium) against the real
 * server: an article pasted is read by the server and shown as text, markup and all; a result with
 * items (a fixed one, test/news/review-fixture.ts, served in place of the server's answer so the
 * extraction is not the point) is highlighted span by span, with the removed chrome and the candidate
 * events' links and flags; items seeded in the queue are accepted, edited and rejected from the page.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Serving, startServer } from "../../src/api/server.js";
import type { IngestResult } from "../../src/news/contract.js";
import { openStore } from "../../src/store/db.js";
import { queueArticle } from "../../src/store/news-review.js";
import { loadTruce } from "../../src/truce.js";
import { EVENT_SPAN, WIRE_TEXT, wireResult } from "../news/review-fixture.js";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = join("test-artifacts", "web");

let serving: Serving;
let browser: Browser;
let dataDir: string;
let storeBefore: string | undefined;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it when absent)`);
  await mkdir(ARTIFACTS, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), "truce-web-review-"));
  storeBefore = process.env.TRUCE_DATA_DIR;
  process.env.TRUCE_DATA_DIR = dataDir;
  serving = await startServer({ port: 0, truce: loadTruce() });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-dev-shm-usage"],
  });
});

afterAll(async () => {
  await browser?.close();
  await serving?.close();
  if (storeBefore === undefined) delete process.env.TRUCE_DATA_DIR;
  else process.env.TRUCE_DATA_DIR = storeBefore;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function open(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(`${serving.url}/#/review`);
  await page.getByRole("heading", { level: 1, name: "News review" }).waitFor();
  return page;
}

const HOSTILE = 'Markup <b>bold</b> <img src=x onerror="document.title=1"> stays text. ';

describe("the news review page", () => {
  it("sends a pasted article to the server and shows its cleaned text as text, never as markup", async () => {
    const page = await open();
    await page
      .getByLabel("The article: paste its text or a saved page's HTML")
      .fill(`${HOSTILE}${WIRE_TEXT}`);
    await page.getByLabel("Published (empty: as the page states it)").fill("2025-10-25T22:30+05:30");
    await page.getByRole("button", { name: "Read the article" }).click();
    await page.getByText("Published 2025-10-25T22:30:00+05:30").waitFor();
    expect(await page.locator("#article-text").textContent()).toContain(
      '<img src=x onerror="document.title=1">',
    );
    expect(await page.locator("main img, #article-text b").count()).toBe(0);
    await page.getByText(/Queued as article 1 with \d+ items to review\./).waitFor();
    // Without a publication instant the server's refusal is shown, naming the field.
    await page.getByLabel("Published (empty: as the page states it)").fill("");
    await page
      .getByLabel("The article: paste its text or a saved page's HTML")
      .fill("No date in this text at all.");
    await page.getByRole("button", { name: "Read the article" }).click();
    await page
      .getByRole("alert")
      .getByText(/published: .*no publication instant/)
      .waitFor();
    await page.close();
  });

  it("highlights every item's span, lists the removed chrome and the events with links and flags", async () => {
    const page = await open();
    const text = `${HOSTILE}${WIRE_TEXT}`;
    const shift = HOSTILE.length;
    const base = wireResult();
    const result: IngestResult = {
      ...base,
      text,
      removed: [{ start: 0, end: 24, kind: "breadcrumb", text: "Home > World > <Trade>" }],
      items: base.items.map((i) =>
        i.kind === "event"
          ? {
              ...i,
              start: i.start + shift,
              end: i.end + shift,
              evidence: i.evidence.map((s) => ({ start: s.start + shift, end: s.end + shift })),
              isNew: true,
            }
          : { ...i, start: i.start + shift, end: i.end + shift },
      ),
    };
    await page.route("**/v1/ingest**", (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(result) }),
    );
    await page.getByLabel("The article: paste its text or a saved page's HTML").fill(text);
    await page.getByRole("button", { name: "Read the article" }).click();
    await page.locator("#article-text mark").first().waitFor();
    const marked = await page
      .locator("#article-text mark")
      .evaluateAll((ms) => ms.map((m) => [m.className, m.textContent]));
    // The event's span, cut where its rate and date start and end; the person inside the event's sentence.
    expect(marked).toEqual([
      ["k-event", "US inbound tariffs on Chinese goods will rise to "],
      ["k-event k-rate", "about 55%"],
      ["k-event", " "],
      ["k-event k-date", "starting November 1"],
      ["k-person", "Scott Bessent"],
      ["k-rate", "25%"],
    ]);
    expect(await page.locator("#article-text").textContent()).toBe(text);
    expect(await page.locator("#removed li").textContent()).toBe("breadcrumb [0–24] Home > World > <Trade>");
    const event = page.locator("#events li").first();
    expect(await event.textContent()).toContain(`“${EVENT_SPAN.text}”`);
    await event.getByRole("link", { name: "ieepa-reciprocal-cn" }).waitFor();
    expect(await event.locator(".flag").textContent()).toBe("new");
    expect(await event.locator(".warning").textContent()).toBe(
      "Contradicts the data: the data has no 55% for ieepa-reciprocal-cn",
    );
    await page.screenshot({ path: join(ARTIFACTS, "review-reading.png"), fullPage: true });
    await page.close();
  });

  it("accepts, edits and rejects queued items from the page", async () => {
    const store = await openStore(dataDir);
    const queued = await queueArticle(
      store,
      { sourceName: "wire.txt", sha256: "e".repeat(64), result: wireResult() },
      Date.now(),
    );
    await store.close();
    const [event, rate] = queued.items as [number, number];
    const page = await open();
    const eventItem = page.locator(`li[data-item="${event}"]`);
    const rateItem = page.locator(`li[data-item="${rate}"]`);
    await eventItem.waitFor();
    expect(await eventItem.textContent()).toContain(
      "Contradicts the data: the data has no 55% for ieepa-reciprocal-cn",
    );

    await eventItem.getByLabel(`Fields to set on item ${event}`).fill("side=EU");
    await eventItem.getByRole("button", { name: "Edit" }).click();
    await eventItem.getByRole("alert").getByText('set.side: expected US|CN|both, got "EU"').waitFor();
    await eventItem.getByLabel(`Fields to set on item ${event}`).fill("time=00:01");
    await eventItem.getByRole("button", { name: "Edit" }).click();
    await page.locator("#decided").getByText(`Item ${event} edited.`).waitFor();

    await page
      .locator(`li[data-item="${event}"]`)
      .getByRole("button", { name: "Accept", exact: true })
      .click();
    await page
      .locator("#decided")
      .getByText(`Timeline event news-${event}: announcement 2025-11-01 00:01 (America/New_York), side US`)
      .waitFor();
    expect(await page.locator("#decided").textContent()).toContain("Reviewed from news, grade W");
    await page.locator(`li[data-item="${event}"]`).waitFor({ state: "detached" });

    await rateItem.getByLabel(`Note on item ${rate}`).fill("Canada's rate");
    await rateItem.getByRole("button", { name: "Reject" }).click();
    await page.locator("#decided").getByText(`Item ${rate} rejected (Canada's rate).`).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "review-queue.png"), fullPage: true });
    await page.close();
  });
});
