/**
 * The dashboard end to end: the real server (startServer on port 0, its store in a temporary
 * directory) and Debian's headless Chromium driven by playwright-core. The duty table is held to
 * the library's answer on the same entry; the wall draws both directions and a scenario over them;
 * a portfolio is uploaded and its duties downloaded. Screenshots go to test-artifacts/web/.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Serving, startServer } from "../../src/api/server.js";
import { loadTruce, type Truce } from "../../src/truce.js";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = join("test-artifacts", "web");
/** The wall computes the averages of every line of the weights: seconds on a cold, busy machine. */
const WALL_MS = 180_000;

let truce: Truce;
let serving: Serving;
let browser: Browser;
let dataDir: string;
let storeBefore: string | undefined;
/** Requests the pages made to any other origin than the server's (there must be none). */
const elsewhere: string[] = [];

async function open(path: string, viewport = { width: 1200, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on("request", (r) => {
    if (!r.url().startsWith(serving.url) && !r.url().startsWith("blob:") && !r.url().startsWith("data:"))
      elsewhere.push(r.url());
  });
  await page.goto(`${serving.url}${path}`);
  return page;
}

/** Today in this machine's zone, as the page (in a browser on the same machine) computes it. */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** An amount as the dashboard shows it: $9,400.00. */
const dollars = (a: string | null) =>
  a === null ? "not computed" : `$${Number(a).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;
const cents = (amount: string) => Math.round(Number(amount) * 100);
const dollarsOf = (c: number) => (c / 100).toFixed(2);

/** Clicks the download link inside `where` and returns the lines of the file the browser saved. */
async function downloaded(page: Page, where: ReturnType<Page["locator"]>, name: string): Promise<string[]> {
  const format = name.endsWith(".jsonl") ? "JSON lines" : "CSV";
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    where.getByRole("link", { name: `Download the duties (${format})` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(name);
  const saved = join(ARTIFACTS, name);
  await download.saveAs(saved);
  return (await readFile(saved, "utf8")).trim().split("\n");
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it when absent)`);
  await mkdir(ARTIFACTS, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), "truce-web-"));
  storeBefore = process.env.TRUCE_DATA_DIR;
  process.env.TRUCE_DATA_DIR = dataDir;
  truce = loadTruce();
  serving = await startServer({ port: 0, truce });
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

describe("the dashboard in Chromium", () => {
  it("loads at / from the server alone in under a second", async () => {
    // Each load in a fresh context (an empty cache), as a first visit; the browser's own clock, from
    // the request of the page to its load event (the page's scripts and styles in, the shell drawn).
    const loads: number[] = [];
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${serving.url}/`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      loads.push(
        await page.evaluate(
          () => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd,
        ),
      );
      expect(await page.getByRole("navigation", { name: "Pages" }).getByRole("link").count()).toBe(8);
      await context.close();
    }
    const median = [...loads].sort((a, b) => a - b)[1] as number;
    process.stdout.write(
      `dashboard first load on loopback (load event, ms): ${loads.map((l) => l.toFixed(0)).join(", ")}\n`,
    );
    expect(median).toBeLessThan(1000);
  });

  it("computes a duty with the layers, citations and reasons of the library's answer; the URL reproduces it", async () => {
    const entry = { code: "8541.43.00.10", origin: "CN", date: "2025-11-01", value: "10000" };
    const expected = truce.duty(entry);
    expect(expected.total).toEqual({ rate: 94, amount: "9400.00" });

    const page = await open("/#/duty");
    // Search as you type by words ("solar" finds "photovoltaic"), then the keyboard alone: down to
    // the line wanted, Enter to take it.
    const code = page.getByLabel("HTS code or words");
    await code.fill("solar modules");
    const options = page.getByRole("option");
    await options.first().waitFor();
    const found = await options.allTextContents();
    const wanted = found.findIndex((text) => text.startsWith(`${entry.code} `));
    expect(wanted).toBeGreaterThanOrEqual(0);
    for (let i = 0; i <= wanted; i++) await code.press("ArrowDown");
    await code.press("Enter");
    expect(await code.inputValue()).toBe(entry.code);
    await page.getByLabel("Origin (ISO code)").fill(entry.origin);
    await page.getByLabel("Date of entry").fill(entry.date);
    await page.getByLabel("Customs value (USD)").fill(entry.value);
    await page.getByRole("button", { name: "Compute the duty" }).click();
    await page.locator("#layers tbody tr").first().waitFor();

    const read = (p: Page) =>
      p.locator("#layers tbody tr").evaluateAll((rows) =>
        rows.map((r) => {
          const cells = [...r.querySelectorAll("td")];
          const source = cells[5]?.querySelector("a");
          return {
            heading: cells[0]?.textContent,
            rateText: cells[2]?.textContent,
            amount: cells[4]?.textContent,
            citation: cells[5]?.textContent,
            url: source?.getAttribute("href") ?? null,
          };
        }),
      );
    const want = expected.layers.map((l) => ({
      heading: l.heading,
      rateText: l.rateText,
      amount: dollars(l.amount),
      citation: l.citation,
      url: /^https?:/.test(l.url) ? l.url : null,
    }));
    expect(await read(page)).toEqual(want);
    expect(await page.getByTestId("total-rate").textContent()).toBe("94%");
    expect(await page.getByTestId("total-amount").textContent()).toBe("$9,400.00");
    const reasons = await page.locator("#not-applied tbody tr td:nth-child(3)").allTextContents();
    expect(reasons).toEqual(expected.notApplied.map((n) => n.reason));
    await shot(page, "duty");

    // The URL holds the query: opened afresh, it shows the same answer.
    const url = page.url();
    expect(new URL(url).hash).toBe("#/duty?code=8541.43.00.10&origin=CN&date=2025-11-01&value=10000");
    const again = await open(new URL(url).pathname + new URL(url).hash);
    await again.locator("#layers tbody tr").first().waitFor();
    expect(await read(again)).toEqual(want);
    await again.close();
    await page.close();
  });

  it("names the field of a refused entry and offers the codes it may have meant", async () => {
    const page = await open("/#/duty?code=8541.43.00.99&origin=CN&date=2025-11-01&value=10000");
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toMatch(/^code: /);
    expect(await page.locator("a.suggestion").count()).toBeGreaterThan(0);
    await page.close();
  });

  it(
    "draws both directions since 2018 with the timeline's events, a scenario over them, and the stack by authority",
    async () => {
      const page = await open("/#/wall");
      const averages = page.locator('figure.chart g[aria-description="averages"] path');
      await averages.nth(1).waitFor({ timeout: WALL_MS });
      expect(await averages.count()).toBe(2);
      const rules = await page.locator('figure.chart g[aria-description="timeline events"] line').count();
      const timeline = (await (
        await fetch(`${serving.url}/v1/timeline?from=2018-01-01&to=${localToday()}`)
      ).json()) as unknown[];
      expect(rules).toBe(timeline.length);

      // The scenario of the threatened extra 100% from 2025-11-01, drawn dashed over the law as it is.
      await page.getByLabel("Scenario overlay").selectOption("threat-100");
      const overlay = page.locator('figure.chart g[aria-description="scenario averages"] path');
      await overlay.nth(1).waitFor({ timeout: WALL_MS });
      expect(await overlay.count()).toBe(2);
      expect(page.url()).toContain("scenario=threat-100");
      expect(await page.getByTestId("scenario-note").textContent()).toContain("100%");
      await shot(page, "wall-scenario");

      // Off again: the dashed lines go.
      await page.getByLabel("Scenario overlay").selectOption("");
      await expect.poll(() => overlay.count()).toBe(0);

      await page.getByLabel("Stacked by authority").check();
      const areas = page.locator('figure.chart g[aria-description="by authority"] path');
      await areas.first().waitFor();
      expect(await areas.count()).toBeGreaterThan(3);
      expect(page.url()).toContain("view=authority");
      await shot(page, "wall-by-authority");
      await page.close();
    },
    WALL_MS * 2,
  );

  it("prices a file of entries once with progress and offers the duties as JSON lines ending with the totals", async () => {
    const csv = [
      "code,origin,date,value",
      "8541.43.00.10,CN,2025-11-01,10000",
      "6102.20.00.10,CN,2025-11-15,2500.50",
      "8541.43.00.99,CN,2025-11-01,100",
    ].join("\n");
    const page = await open("/#/portfolios");
    await page.getByLabel("Entries file (CSV)").setInputFiles({
      name: "lines.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv),
    });
    await page.getByRole("button", { name: "Upload and price" }).click();
    await page.locator("#batch-result").waitFor();
    expect(await page.getByTestId("batch-result-rows").textContent()).toBe("3");
    expect(await page.getByTestId("batch-result-errors").textContent()).toBe("1");
    const first = truce.duty({ code: "8541.43.00.10", origin: "CN", date: "2025-11-01", value: "10000" });
    const second = truce.duty({ code: "6102.20.00.10", origin: "CN", date: "2025-11-15", value: "2500.50" });
    expect(await page.getByTestId("batch-result-duty").textContent()).toBe(
      `$${dollarsOf(cents(first.total.amount) + cents(second.total.amount))}`,
    );

    // JSON lines as the CLI writes them: a line a row, then the totals.
    const rows = (await downloaded(page, page.locator("#batch-result"), "lines-duties.jsonl")).map((l) =>
      JSON.parse(l),
    );
    expect(rows).toHaveLength(4);
    expect(rows[0].result.total).toEqual(first.total);
    expect([rows[2].line, rows[2].error.field]).toEqual([4, "code"]);
    expect(rows[3].totals).toMatchObject({ rows: 3, errors: 1 });
    await shot(page, "batch");
    await page.close();
  });

  it("keeps an uploaded portfolio, names the rows it refused, and downloads its duties on a date", async () => {
    const csv = [
      "code,origin,value",
      "8541.43.00.10,CN,10000",
      "6102.20.00.10,CN,2500.50",
      "8541.43.00.99,CN,100",
    ];
    const page = await open("/#/portfolios");
    await page.getByLabel("Name").fill("solar and sweaters");
    await page.getByLabel("Portfolio file (CSV)").setInputFiles({
      name: "kept.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv.join("\n")),
    });
    await page.getByRole("button", { name: "Upload and keep" }).click();
    await page.locator("#portfolio-saved").waitFor();
    expect(await page.getByTestId("portfolio-lines").textContent()).toBe("2");
    expect(await page.getByTestId("portfolio-refused").textContent()).toBe("1");
    expect(await page.locator("#portfolio-saved td").nth(1).textContent()).toBe("code");

    const kept = page.locator("#portfolios li", { hasText: "solar and sweaters" });
    await kept.getByLabel("Duties on").fill("2025-11-01");
    await kept.getByRole("button", { name: "Price the lines" }).click();
    const result = kept.locator(".answer");
    await result.waitFor();
    const first = truce.duty({ code: "8541.43.00.10", origin: "CN", date: "2025-11-01", value: "10000" });
    const second = truce.duty({ code: "6102.20.00.10", origin: "CN", date: "2025-11-01", value: "2500.50" });
    expect(await result.locator("strong").nth(0).textContent()).toBe("2");
    expect(await result.locator("strong").nth(2).textContent()).toBe(
      `$${dollarsOf(cents(first.total.amount) + cents(second.total.amount))}`,
    );
    const rows = await downloaded(page, result, "solar-and-sweaters-2025-11-01.csv");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain(`,${first.total.rate},${first.total.amount},`);
    await shot(page, "portfolio-kept");
    await page.close();
  });

  it("adds a watchlist and shows what changed for its line since it was seen, before and after", async () => {
    const page = await open("/#/watchlists");
    await page.getByLabel("Name").fill("solar modules");
    await page.getByLabel("Seen as of (empty: now)").fill("2025-11-01");
    await page
      .getByLabel("Lines: code, origin and optionally a value, one a line")
      .fill("8541.43.00.10 CN 10000");
    await page.getByRole("button", { name: "Add the watchlist" }).click();
    const changes = page.locator("#watch-changes table.watch-changes tbody tr");
    await changes.first().waitFor();
    // The IEEPA fentanyl duty on China cut from 20% to 10% at 12:01 a.m. EST Nov 10 2025.
    const cut = changes.filter({ hasText: "2025-11-10 00:01" }).first();
    const before = truce.duty({
      code: "8541.43.00.10",
      origin: "CN",
      at: "2025-11-10T00:00",
      value: "10000",
    });
    const after = truce.duty({ code: "8541.43.00.10", origin: "CN", at: "2025-11-10T00:01", value: "10000" });
    expect([before.total.amount, after.total.amount]).toEqual(["9400.00", "8400.00"]);
    expect(await cut.locator("td").nth(2).textContent()).toBe(
      `${before.total.rate}% · ${dollars(before.total.amount)}`,
    );
    expect(await cut.locator("td").nth(3).textContent()).toBe(
      `${after.total.rate}% · ${dollars(after.total.amount)}`,
    );
    await shot(page, "watchlist");

    await page.getByRole("button", { name: "Mark all seen" }).click();
    await page.getByText("No change since last seen.").waitFor();
    await page.close();
  });

  it("lists the coming deadlines with the calendar feed, and the changes of the law", async () => {
    const page = await open("/#/next?from=2025-11-01&to=2025-11-30");
    await page.locator("#changes li").first().waitFor();
    const feed = page.getByRole("link", { name: "Calendar feed (.ics)" });
    expect(await feed.getAttribute("href")).toBe("/v1/deadlines.ics");
    const changes = (await (
      await fetch(`${serving.url}/v1/changes?from=2025-11-01&to=2025-11-30`)
    ).json()) as unknown[];
    expect(await page.locator("#changes li").count()).toBe(changes.length);
    await shot(page, "next");
    await page.close();
  });

  it("is readable at phone width: no page wider than the screen", async () => {
    const page = await open("/#/duty?code=8541.43.00.10&origin=CN&date=2025-11-01&value=10000", {
      width: 360,
      height: 740,
    });
    await page.locator("#layers tbody tr").first().waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await shot(page, "duty-phone");
    await page.close();
  });

  it("shows text from the URL as text, never as markup", async () => {
    const page = await open(`/#/measure/${encodeURIComponent('<img src=x onerror="document.title=1">')}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("<img src=x");
    expect(await page.locator("main img").count()).toBe(0);
    await page.close();
  });

  it("asked nothing of any other origin", () => {
    expect(elsewhere).toEqual([]);
  });
});
