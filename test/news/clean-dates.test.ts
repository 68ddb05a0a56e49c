/**
 * Page cleaning and dates (issue 13) on articles written for these tests (test/news/articles, no
 * copied article) in the styles of a wire, a financial daily, a government press release, a Chinese
 * outlet's English edition and a live blog, and adversarial ones: a year end, "next Monday" minutes
 * before midnight, a publication zone far from both capitals, chrome lines naming other news.
 * Their facts follow the project's chronology (Kuala Lumpur Oct 25–26 2025, Busan Oct 30, the
 * threatened extra 100% from Nov 1, the Nov 10 2025 changes at 12:01 a.m. EST and 13:01 Beijing
 * time, the 2026 tranche of the four-year review, ...).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cleanArticle } from "../../src/news/clean.js";
import type { DateItem, RemovedKind } from "../../src/news/contract.js";
import { REMOVED_KINDS } from "../../src/news/contract.js";
import { extractDates } from "../../src/news/dates.js";
import { IngestError, ingestArticle } from "../../src/news/ingest.js";
import { EMPTY_KNOWLEDGE } from "../../src/news/knowledge.js";
import type { Published } from "../../src/news/published.js";
import { isoInstantInZone, parseInstant } from "../../src/units/time.js";

function article(name: string): string {
  return readFileSync(new URL(`./articles/${name}`, import.meta.url), "utf8");
}

function published(iso: string, zone: string): Published {
  return { ms: parseInstant(iso, zone), zone, from: "option" };
}

type ExpectedRemoved = [RemovedKind, number, number, string];
/** [text, start, date, {until, instant, precision} when present]. */
type ExpectedDate = [string, number, string, Partial<Pick<DateItem, "until" | "instant" | "precision">>?];

function expectRemoved(raw: string, name: string, expected: ExpectedRemoved[]) {
  const { removed } = cleanArticle(raw, name.endsWith(".html") ? "html" : "text");
  expect(removed.map((r) => [r.kind, r.start, r.end])).toEqual(expected.map(([k, s, e]) => [k, s, e]));
  for (const [, start, end, contains] of expected) expect(raw.slice(start, end)).toContain(contains);
  for (const r of removed) expect(REMOVED_KINDS).toContain(r.kind);
}

function expectDates(text: string, pub: Published, expected: ExpectedDate[]) {
  const dates = extractDates(text, pub);
  for (const d of dates) expect(text.slice(d.start, d.end)).toBe(d.text);
  expect(
    dates.map((d) => {
      const extra: Partial<DateItem> = {};
      if (d.until !== undefined) extra.until = d.until;
      if (d.instant !== undefined) extra.instant = d.instant;
      if (d.precision !== undefined) extra.precision = d.precision;
      return Object.keys(extra).length === 0 ? [d.text, d.start, d.date] : [d.text, d.start, d.date, extra];
    }),
  ).toEqual(expected);
  return dates;
}

function publishedIso(name: string) {
  const p = cleanArticle(article(name), name.endsWith(".html") ? "html" : "text").published;
  return p === undefined ? undefined : { iso: isoInstantInZone(p.ms, p.zone), zone: p.zone, from: p.from };
}

describe("financial daily (saved HTML with meta tags, JSON-LD and chrome)", () => {
  const name = "financial-daily-busan.html";
  const raw = article(name);
  const cleaned = cleanArticle(raw, "html");

  it("removes the chrome by structure and by rule, with offsets in the page as given", () => {
    expectRemoved(raw, name, [
      ["markup", 33, 762, "<title>"],
      ["navigation", 770, 939, '<a href="/markets">Markets</a>'],
      ["advertisement", 940, 980, "Advertisement"],
      ["breadcrumb", 1007, 1079, "<li>Economy</li>"],
      ["byline", 1155, 1232, "By Dana Whitfield"],
      ["share", 1243, 1423, "Share on Facebook"],
      ["related", 1901, 1969, "Read more: US raises tariffs to 100%"],
      ["related", 2451, 2752, "China widens rare-earth controls"],
      ["newsletter", 2772, 2932, "in your inbox"],
      ["footer", 2933, 3091, "All rights reserved"],
    ]);
  });

  it("keeps paragraphs, decodes entities, and keeps nothing of the chrome (the related 100% headlines)", () => {
    expect(cleaned.text.split("\n\n")).toHaveLength(5);
    expect(cleaned.text).toContain("Beijing’s commerce ministry");
    expect(cleaned.text).toContain("“properly implement”");
    expect(cleaned.text).toContain("BUSAN, South Korea — President");
    for (const chrome of [
      "US raises tariffs",
      "cranes",
      "Share on",
      "Advertisement",
      "©",
      "Sign up",
      "Dana Whitfield",
    ])
      expect(cleaned.text).not.toContain(chrome);
  });

  it("takes the title from og:title and the published meta, in the zone the visible line names", () => {
    expect(cleaned.title).toBe("Trump and Xi agree to cut fentanyl tariff and pause rare-earth curbs");
    // Published, not modified (11:02); the byline's "ET" names the zone of the meta's -04:00.
    expect(publishedIso(name)).toEqual({
      iso: "2025-10-30T08:15:00-04:00",
      zone: "America/New_York",
      from: "meta",
    });
  });

  it("resolves the dates against Thursday Oct 30 2025 in New York", () => {
    expectDates(cleaned.text, cleaned.published as Published, [
      ["on Thursday", 116, "2025-10-30"],
      ["Oct. 9", 471, "2025-10-09"],
      ["on Thursday evening", 544, "2025-10-30"],
      // The Kuala Lumpur talks of Oct 25–26.
      ["last weekend", 669, "2025-10-25", { until: "2025-10-26" }],
      ["April", 793, "2025-04-01", { precision: "month" }],
      ["Oct. 10", 825, "2025-10-10"],
      ["November 1", 861, "2025-11-01"],
      ["on Wednesday", 943, "2025-10-29"],
    ]);
  });
});

describe("Chinese outlet's English edition", () => {
  const name = "chinese-outlet-ctc.html";
  const raw = article(name);
  const cleaned = cleanArticle(raw, "html");

  it("removes the menu, breadcrumb, byline, ALSO READ, Latest News list, follow line, self-description and copyright", () => {
    expectRemoved(raw, name, [
      ["markup", 33, 378, "<title>"],
      ["navigation", 386, 524, "top-menu"],
      ["breadcrumb", 544, 575, "Home &gt; Business &gt; Economy"],
      ["byline", 669, 759, "Last Updated: November 5, 2025 20:45:10 CST"],
      ["related", 1162, 1227, "ALSO READ: US raises tariffs to 100%"],
      ["latest-news", 1473, 1637, "Yuan firms against dollar"],
      ["share", 1645, 1674, "Follow us on Weibo"],
      ["site-description", 1682, 1770, "China's leading English-language news portal"],
      ["copyright", 1778, 1840, "All rights reserved"],
    ]);
    expect(cleaned.text.split("\n\n")).toEqual([
      "China to lift extra tariffs on US farm goods, keep 10% rate",
      expect.stringMatching(/^BEIJING, Nov\. 5 -- The Customs Tariff Commission/),
      expect.stringMatching(/^The commission also said/),
      expect.stringMatching(/^The adjustments implement .* since March 10\.$/),
    ]);
  });

  it("reads CST as Beijing time on a Chinese outlet (its .cn address), and the offset-less meta in it", () => {
    expect(publishedIso(name)).toEqual({
      iso: "2025-11-05T20:45:10+08:00",
      zone: "Asia/Shanghai",
      from: "meta",
    });
  });

  it("dates the CTC's 13:01 of November 10 in Beijing time", () => {
    expectDates(cleaned.text, cleaned.published as Published, [
      ["Nov. 5", 70, "2025-11-05"],
      ["on Wednesday", 136, "2025-11-05"],
      ["from 13:01 on November 10", 254, "2025-11-10", { instant: "2025-11-10T13:01:00+08:00" }],
      ["October 30", 506, "2025-10-30"],
      ["last month", 561, "2025-10-01", { until: "2025-10-31", precision: "month" }],
      // Past ("had been in place since"), though March 2026 is nearer to November 2025.
      ["March 10", 641, "2025-03-10"],
    ]);
  });
});

describe("publication zone far from both capitals (Auckland)", () => {
  const name = "far-zone-auckland.html";
  const cleaned = cleanArticle(article(name), "html");

  it("keeps +13:00 from the meta as NZDT, the zone its visible line names", () => {
    expect(publishedIso(name)).toEqual({
      iso: "2025-10-31T09:15:00+13:00",
      zone: "Pacific/Auckland",
      from: "meta",
    });
    expect(cleaned.title).toBe("What the US-China truce means for New Zealand exporters");
  });

  it("resolves 'yesterday' and weekdays in Auckland, not in UTC (where it is still Thursday)", () => {
    const pub = cleaned.published as Published;
    expectDates(cleaned.text, pub, [
      ["yesterday", 31, "2025-10-30"],
      ["on Thursday", 262, "2025-10-30"],
      ["from 12:01 am EST on November 10", 355, "2025-11-10", { instant: "2025-11-10T00:01:00-05:00" }],
      // The same instant, named in the reader's zone.
      ["6:01 pm NZDT that day", 398, "2025-11-10", { instant: "2025-11-10T18:01:00+13:00" }],
      ["on Friday morning", 442, "2025-10-31"],
      ["October 9", 524, "2025-10-09"],
    ]);
    const inUtc = extractDates(cleaned.text, { ...pub, zone: "UTC" });
    expect(inUtc.find((d) => d.text === "yesterday")?.date).toBe("2025-10-29");
  });
});

describe("live blog (plain text, a timestamp per entry)", () => {
  const name = "live-blog-busan.txt";
  const raw = article(name);
  const cleaned = cleanArticle(raw, "text");

  it("reads the publication instant from the 'Last Updated' line and removes the chrome lines", () => {
    expect(publishedIso(name)).toEqual({
      iso: "2025-10-30T03:40:00-04:00",
      zone: "America/New_York",
      from: "visible line (updated)",
    });
    expectRemoved(raw, name, [
      ["byline", 41, 84, "Last Updated"],
      ["share", 518, 567, "Facebook | X | LinkedIn"],
      ["latest-news", 569, 728, "China adds 14 firms"],
      ["copyright", 730, 784, "Harbor Line Media"],
    ]);
    expect(cleaned.text).not.toContain("cranes");
  });

  it("gives each entry's time as an instant on the publication day in ET", () => {
    expectDates(cleaned.text, cleaned.published as Published, [
      ["3:30 a.m. ET", 42, "2025-10-30", { instant: "2025-10-30T03:30:00-04:00" }],
      ["2:05 a.m. ET", 247, "2025-10-30", { instant: "2025-10-30T02:05:00-04:00" }],
      ["today", 360, "2025-10-30"],
      ["12:50 a.m. ET", 368, "2025-10-30", { instant: "2025-10-30T00:50:00-04:00" }],
      ["2019", 467, "2019-01-01", { until: "2019-12-31", precision: "year" }],
    ]);
  });
});

describe("wire copy (plain text, publication given)", () => {
  const name = "wire-kuala-lumpur.txt";
  const raw = article(name);
  const cleaned = cleanArticle(raw, "text");
  const pub = published("2025-10-26T14:20", "Asia/Kuala_Lumpur");

  it("removes only the credits; a dateline alone gives no publication instant", () => {
    expectRemoved(raw, name, [["credits", 1450, 1498, "(Reporting by"]]);
    expect(cleaned.published).toBeUndefined();
    expect(cleaned.text.split("\n\n")).toHaveLength(6);
  });

  it("resolves weekdays by tense, the quoted April statement to the past, and 'a day earlier' from the date before it", () => {
    expectDates(cleaned.text, pub, [
      ["Oct 26", 14, "2025-10-26"],
      ["on Sunday", 82, "2025-10-26"],
      ["November 1", 159, "2025-11-01"],
      ["on Saturday", 312, "2025-10-25"],
      ["on Sunday morning", 334, "2025-10-26"],
      // "who are due to meet in South Korea on Thursday": Busan, Oct 30.
      ["on Thursday", 623, "2025-10-30"],
      ["on Sunday", 676, "2025-10-26"],
      ["October 10", 754, "2025-10-10"],
      ["a day earlier", 819, "2025-10-09"],
      ["April", 837, "2025-04-01", { precision: "month" }],
      ["May 10-11", 1092, "2025-05-10", { until: "2025-05-11" }],
      ["Earlier this year", 1103, "2025-01-01", { until: "2025-10-26", precision: "year" }],
      ["at 12:01 a.m. EST on November 10", 1387, "2025-11-10", { instant: "2025-11-10T00:01:00-05:00" }],
    ]);
  });

  it("gives vague dates a low confidence", () => {
    const dates = extractDates(cleaned.text, pub);
    const vague = dates.find((d) => d.text === "Earlier this year") as DateItem;
    const exact = dates.find((d) => d.text.endsWith("November 10")) as DateItem;
    expect(vague.confidence).toBeLessThan(0.5);
    expect(exact.confidence).toBeGreaterThan(vague.confidence);
  });
});

describe("government press release (plain text)", () => {
  const name = "press-release-fact-sheet.txt";
  const raw = article(name);
  const cleaned = cleanArticle(raw, "text");

  it("removes the release furniture and reads the absolute dates", () => {
    expectRemoved(raw, name, [
      ["boilerplate", 46, 67, "FOR IMMEDIATE RELEASE"],
      ["boilerplate", 985, 988, "###"],
    ]);
    expectDates(cleaned.text, published("2025-11-01T12:00", "America/New_York"), [
      ["November 1, 2025", 46, "2025-11-01"],
      ["October 30, 2025", 199, "2025-10-30"],
      ["November 10, 2025", 452, "2025-11-10"],
      ["November 10, 2026", 532, "2026-11-10"],
      ["October 9, 2025", 687, "2025-10-09"],
      ["2025", 799, "2025-01-01", { until: "2025-12-31", precision: "year" }],
      ["2026", 851, "2026-01-01", { until: "2026-12-31", precision: "year" }],
      ["March 4, 2025", 947, "2025-03-04"],
    ]);
  });
});

describe("plain text from Los Angeles with chrome lines naming other news", () => {
  const name = "los-angeles-chrome.txt";
  const raw = article(name);
  const cleaned = cleanArticle(raw, "text");

  it("removes the chrome lines (one span for READ MORE + Related) and keeps a sentence that starts with 'Related'", () => {
    expectRemoved(raw, name, [
      ["breadcrumb", 0, 19, "Home » World » Asia"],
      ["byline", 20, 54, "9:05 PM PT"],
      ["related", 451, 566, "Related: China bans exports of gallium"],
      ["share", 725, 752, "Follow us on X"],
      ["disclaimer", 753, 853, "does not constitute investment advice"],
      ["site-description", 854, 924, "one of California's most trusted news websites"],
      ["copyright", 925, 951, "© 2025"],
    ]);
    expect(cleaned.text).toContain("Related talks between the two sides");
    for (const chrome of ["cranes", "gallium", "November 9", "Harbor City Courier"])
      expect(cleaned.text).not.toContain(chrome);
  });

  it("reads PT as Los Angeles; the headline's present 'starts Monday' is the coming Monday", () => {
    expect(publishedIso(name)).toEqual({
      iso: "2025-11-09T21:05:00-08:00",
      zone: "America/Los_Angeles",
      from: "visible line",
    });
    expectDates(cleaned.text, cleaned.published as Published, [
      ["Monday", 32, "2025-11-10"],
      ["on Sunday", 125, "2025-11-09"],
      // The maritime fee suspension of Nov 10 2025, in the zone the text names.
      [
        "Monday, 12:01 a.m. Eastern Standard Time",
        242,
        "2025-11-10",
        { instant: "2025-11-10T00:01:00-05:00" },
      ],
      ["later this month", 354, "2025-11-09", { until: "2025-11-30", precision: "month" }],
      ["October 14", 458, "2025-10-14"],
    ]);
  });
});

describe("adversarial dates", () => {
  it("crosses the year end: an article of Dec 30 2025 means January 2026 and December 2025", () => {
    const cleaned = cleanArticle(article("year-end.txt"), "text");
    expect(cleaned.removed).toEqual([]);
    expectDates(cleaned.text, published("2025-12-30T16:00", "America/New_York"), [
      ["Dec 30", 10, "2025-12-30"],
      // The 2026 tranche of the four-year review.
      ["January 1", 157, "2026-01-01"],
      // "a 25% rate from that day"
      ["that day", 346, "2026-01-01"],
      ["January 2", 506, "2026-01-02"],
      ["mid-January", 560, "2026-01-15", { precision: "month" }],
      // USTR's Phase One hearing.
      ["December 16", 628, "2025-12-16"],
      ["February", 727, "2026-02-01", { precision: "month" }],
      ["on Monday", 763, "2025-12-29"],
      ["December 31, 2026", 903, "2026-12-31"],
    ]);
  });

  it("reads 'next Monday' filed at 23:40 on Sunday in New York as the next day, which UTC would not", () => {
    const cleaned = cleanArticle(article("next-monday-midnight.txt"), "text");
    const pub = published("2025-11-09T23:40", "America/New_York");
    expectDates(cleaned.text, pub, [
      ["at 12:01 a.m. EST next Monday", 103, "2025-11-10", { instant: "2025-11-10T00:01:00-05:00" }],
      ["on Sunday", 193, "2025-11-09"],
      ["at 13:01 Beijing time on Monday", 276, "2025-11-10", { instant: "2025-11-10T13:01:00+08:00" }],
      ["October 14", 462, "2025-10-14"],
      ["Monday", 510, "2025-11-10"],
    ]);
    // At that instant it is already Monday in UTC: "next Monday" would be a week later.
    const inUtc = extractDates(cleaned.text, { ...pub, zone: "UTC" });
    expect(inUtc[0]?.date).toBe("2025-11-17");
  });
});

describe("weekdays, tense and stated times", () => {
  // Saturday Oct 25 2025, 22:30 in India.
  const pub = published("2025-10-25T22:30:01", "Asia/Kolkata");
  const dateOf = (sentence: string) => extractDates(sentence, pub).map((d) => [d.text, d.date, d.instant]);

  it("takes a past report to the latest such day, a future one to the next, 'last'/'next' strictly", () => {
    expect(dateOf("Bessent said on Saturday that talks went well.")).toEqual([
      ["on Saturday", "2025-10-25", undefined],
    ]);
    expect(dateOf("The two sides met on Monday.")).toEqual([["on Monday", "2025-10-20", undefined]]);
    expect(dateOf("The leaders will meet on Monday.")).toEqual([["on Monday", "2025-10-27", undefined]]);
    expect(dateOf("Duties apply starting Monday.")).toEqual([["Monday", "2025-10-27", undefined]]);
    expect(dateOf("Trump posted last Friday.")).toEqual([["last Friday", "2025-10-24", undefined]]);
    expect(dateOf("They meet again next Saturday.")).toEqual([["next Saturday", "2025-11-01", undefined]]);
    expect(dateOf("On Tuesday, Greer told reporters the talks were over.")).toEqual([
      ["On Tuesday", "2025-10-21", undefined],
    ]);
  });

  it("weighs a modal over a nearer participle, and lets a near future cue reach next year", () => {
    expect(dateOf("Tariffs will be imposed on Monday.")).toEqual([["on Monday", "2025-10-27", undefined]]);
    expect(dateOf("Tariffs took effect on Monday.")).toEqual([["on Monday", "2025-10-20", undefined]]);
    expect(dateOf("Tariffs take effect on Monday.")).toEqual([["on Monday", "2025-10-27", undefined]]);
    expect(extractDates("Orders will slow by late September.", pub).map((d) => [d.text, d.date])).toEqual([
      ["late September", "2026-09-30"],
    ]);
    expect(extractDates("Talks were held in mid-May.", pub).map((d) => [d.text, d.date])).toEqual([
      ["mid-May", "2025-05-15"],
    ]);
  });

  it("sets an instant only for a stated time, never from a part of day", () => {
    expect(dateOf("Talks ended late Friday.")).toEqual([["late Friday", "2025-10-24", undefined]]);
    expect(dateOf("The statement came on Saturday evening.")).toEqual([
      ["on Saturday evening", "2025-10-25", undefined],
    ]);
    expect(dateOf("The statement came on Saturday at 8:15 p.m.")).toEqual([
      ["on Saturday at 8:15 p.m.", "2025-10-25", "2025-10-25T20:15:00+05:30"],
    ]);
  });

  it("maps stated zones deliberately: EST in New York, CST by the publication zone, GMT+8 as a fixed offset", () => {
    expect(dateOf("It takes effect at 12:01 a.m. EST on November 10.")[0]?.[2]).toBe(
      "2025-11-10T00:01:00-05:00",
    );
    expect(dateOf("It takes effect at 9 a.m. CST on November 10.")[0]?.[2]).toBe("2025-11-10T09:00:00-06:00");
    const beijing = published("2025-11-05T20:45", "Asia/Shanghai");
    expect(extractDates("It takes effect at 9 a.m. CST on November 10.", beijing)[0]?.instant).toBe(
      "2025-11-10T09:00:00+08:00",
    );
    expect(dateOf("It takes effect at 13:01 GMT+8 on November 10.")[0]?.[2]).toBe(
      "2025-11-10T13:01:00+08:00",
    );
    // The §301 action of 2026: "effective 12:01 a.m. EDT 2026-07-24", the zone spelled out.
    expect(dateOf("Duties apply from 12:01 a.m. eastern daylight time on July 24, 2026.")).toEqual([
      ["from 12:01 a.m. eastern daylight time on July 24, 2026", "2026-07-24", "2026-07-24T00:01:00-04:00"],
    ]);
  });

  it("reads ranges across a year end, 'end of', 'since' and ignores durations", () => {
    expect(extractDates("The window runs from Nov 10 to Jan 10.", pub).map((d) => [d.date, d.until])).toEqual(
      [["2025-11-10", "2026-01-10"]],
    );
    expect(
      extractDates("Orders rose by the end of September.", pub).map((d) => [d.text, d.date, d.precision]),
    ).toEqual([["the end of September", "2025-09-30", "month"]]);
    expect(
      extractDates("Prices have risen since May.", pub).map((d) => [d.text, d.date, d.precision]),
    ).toEqual([["May", "2025-05-01", "month"]]);
    expect(extractDates("The pause lasts for a year, after two days of talks.", pub)).toEqual([]);
    expect(extractDates("Exports may rise, officials said.", pub)).toEqual([]);
  });
});

describe("publication instant", () => {
  const page = (head: string, body = "<p>Text.</p>") =>
    `<html><head>${head}</head><body>${body}</body></html>`;
  const pub = (html: string) => {
    const p = cleanArticle(html, "html").published;
    return p === undefined ? undefined : [isoInstantInZone(p.ms, p.zone), p.zone, p.from];
  };

  it("keeps a meta offset as IST when the visible line names it", () => {
    expect(
      pub(
        page(
          '<meta property="article:published_time" content="2025-10-25T22:30:01+05:30">',
          "<p>Last Updated: October 25, 2025 22:30:01 IST</p><p>Text.</p>",
        ),
      ),
    ).toEqual(["2025-10-25T22:30:01+05:30", "Asia/Kolkata", "meta"]);
    expect(pub(page('<meta property="article:published_time" content="2025-10-25T17:00:01Z">'))).toEqual([
      "2025-10-25T17:00:01Z",
      "UTC",
      "meta",
    ]);
  });

  it("prefers JSON-LD datePublished to dateModified, and skips a broken JSON-LD block", () => {
    const ld = (json: string) => `<script type="application/ld+json">${json}</script>`;
    expect(
      pub(
        page(
          ld("{oops") +
            ld(
              '{"@graph":[{"dateModified":"2025-10-31T10:00:00+08:00","datePublished":"2025-10-30T18:00:00+08:00"}]}',
            ),
        ),
      ),
    ).toEqual(["2025-10-30T18:00:00+08:00", "+08:00", "json-ld"]);
  });

  it("reads CST as US Central on a page that is not Chinese, and a line in ET", () => {
    expect(pub(page("", "<p>Published: Oct 30, 2025, 7:15 AM CST</p>"))).toEqual([
      "2025-10-30T07:15:00-05:00",
      "America/Chicago",
      "visible line",
    ]);
    expect(pub(page("", "<p>Published: Oct 25, 2025, 10:30 PM ET</p>"))).toEqual([
      "2025-10-25T22:30:00-04:00",
      "America/New_York",
      "visible line",
    ]);
    expect(pub('<html lang="zh-CN"><body><p>Published: Oct 30, 2025, 7:15 AM CST</p></body></html>')).toEqual(
      ["2025-10-30T07:15:00+08:00", "Asia/Shanghai", "visible line"],
    );
  });

  it("without one, ingest asks for --published", () => {
    const raw = "WASHINGTON, Oct 25 (Meridian Wire) - Talks ended on Saturday.";
    expect(cleanArticle(raw, "text").published).toBeUndefined();
    expect(() => ingestArticle({ raw, format: "text" }, EMPTY_KNOWLEDGE)).toThrow(IngestError);
  });
});

describe("ingest composition", () => {
  it("gives the publication instant with its zone and date items whose spans are exact in the cleaned text", () => {
    const result = ingestArticle(
      { raw: article("chinese-outlet-ctc.html"), format: "html" },
      EMPTY_KNOWLEDGE,
    );
    expect([result.published, result.publishedZone, result.publishedFrom]).toEqual([
      "2025-11-05T20:45:10+08:00",
      "Asia/Shanghai",
      "meta",
    ]);
    expect(result.items.length).toBeGreaterThan(0);
    for (const item of result.items) expect(result.text.slice(item.start, item.end)).toBe(item.text);
    expect(result.items.some((i) => /cranes|Nov 9/.test(i.text))).toBe(false);
  });
});
