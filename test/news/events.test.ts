/**
 * Candidate events from sentences and short paragraphs written for these tests, linked to the ids of
 * data/law and data/events. Dates are given by hand as the date extractor would give them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { defaultDataDir } from "../../src/law/load.js";
import { loadLaw } from "../../src/law/read-law.js";
import type { DateItem, EventItem } from "../../src/news/contract.js";
import type { NewsKnowledge } from "../../src/news/knowledge.js";
import { loadNewsKnowledge } from "../../src/news/load-knowledge.js";
import { dateAt, extractAll, published } from "./helpers.js";

let knowledge: NewsKnowledge;
beforeAll(() => {
  knowledge = loadNewsKnowledge(loadLaw(), defaultDataDir());
});

function events(text: string, dates: [string, string][], at: string, zone = "America/New_York"): EventItem[] {
  const items = extractAll(
    text,
    dates.map(([phrase, date]): DateItem => dateAt(text, phrase, date)),
    knowledge,
    published(at, zone),
  );
  return items.filter((i): i is EventItem => i.kind === "event");
}

const reasons = (e: EventItem | undefined) => e?.links.map((l) => l.reason);

describe("extractEvents", () => {
  it("links a threat to the threatened measure and the timeline's threat by rate and dates", () => {
    const text = "Trump threatened on Friday an additional 100% tariff on Chinese goods from November 1.";
    const [e] = events(
      text,
      [
        ["Friday", "2025-10-10"],
        ["November 1", "2025-11-01"],
      ],
      "2025-10-11T09:00:00-04:00",
    );
    expect(e).toMatchObject({
      eventKind: "tariff-threatened",
      side: "US",
      date: "2025-11-01",
      isNew: false,
      contradictions: [],
    });
    expect(reasons(e)).toEqual([
      "same rate 100% and date 2025-11-01 and status threatened as measure threat-100-cn",
      "same date 2025-10-10 and rate 100% as threat us-threat-100-2025-10-10",
    ]);
    expect(e?.evidence.map((s) => text.slice(s.start, s.end))).toEqual([
      "Trump",
      "Friday",
      "100%",
      "November 1",
    ]);
  });

  it("flags a contradiction when the article dates a known measure otherwise", () => {
    const text = "Trump threatened an additional 100% tariff on Chinese goods from November 10.";
    const [e] = events(text, [["November 10", "2025-11-10"]], "2025-10-11T09:00:00-04:00");
    expect(e?.links.map((l) => l.id)).toEqual(["threat-100-cn"]);
    expect(e?.contradictions).toEqual([
      "the article dates 100% for threat-100-cn from 2025-11-10; the data has it from 2025-11-01",
    ]);
  });

  it("flags a contradiction when the article gives a known measure a rate the data never has", () => {
    const text = "The US will cut the fentanyl tariff on Chinese goods to 12% from November 10.";
    const [e] = events(text, [["November 10", "2025-11-10"]], "2025-11-01T18:00:00-04:00");
    expect(e).toMatchObject({ eventKind: "tariff-announced", side: "US", date: "2025-11-10" });
    expect(e?.links.map((l) => l.id)).toEqual([
      "ieepa-fentanyl-cn",
      "rate.ieepa-fentanyl-cn.20251110T0501Z@truce",
    ]);
    expect(e?.contradictions).toEqual([
      "the article gives ieepa-fentanyl-cn a rate of 12%; the data has 10% from 2025-02-04, 20% from 2025-03-04, 10% from 2025-11-10",
    ]);
  });

  it("links talks to the round by date, place and participants", () => {
    const text =
      "Treasury Secretary Scott Bessent met Vice Premier He Lifeng in Kuala Lumpur on Saturday for a fifth round of talks.";
    const [e] = events(text, [["Saturday", "2025-10-25"]], "2025-10-25T20:00:00+08:00", "Asia/Kuala_Lumpur");
    expect(e).toMatchObject({ eventKind: "talks", side: "both", date: "2025-10-25", isNew: false });
    expect(reasons(e)).toEqual([
      "same date 2025-10-25 and place Kuala Lumpur and participants Scott Bessent, He Lifeng as round kuala-lumpur-2025-10",
    ]);
  });

  it("links a summit, a court ruling and the end of the truce to the timeline and its deadlines", () => {
    const [summit] = events(
      "Trump and Xi met in Busan on Thursday.",
      [["Thursday", "2025-10-30"]],
      "2025-10-30T18:00:00+09:00",
      "Asia/Seoul",
    );
    expect(summit?.links.map((l) => l.id)).toEqual(["busan-summit-2025-10-30"]);
    const [court] = events(
      "The Supreme Court ruled on February 20 that the emergency powers law does not authorize tariffs.",
      [["February 20", "2026-02-20"]],
      "2026-02-21T10:00:00-05:00",
    );
    expect(court).toMatchObject({ eventKind: "court-ruling", side: "US" });
    expect(court?.links.map((l) => l.id)).toEqual(["scotus-ieepa-2026-02-20"]);
    const [truce] = events(
      "The truce on tariffs expires on November 10, 2026.",
      [["November 10, 2026", "2026-11-10"]],
      "2026-10-01T10:00:00-04:00",
    );
    expect(truce?.eventKind).toBe("truce-expiry");
    expect(truce?.links.map((l) => l.id)).toContain("cn-24-suspension-end-2026-11-10");
    expect(truce?.links.map((l) => l.id)).toContain("us-reciprocal-suspension-end-2026-11-10");
  });

  it("links a suspension of export controls to the controls and the deadline of its end", () => {
    const text = "China will suspend its export controls on rare earths until November 10, 2026.";
    const [e] = events(
      text,
      [["November 10, 2026", "2026-11-10"]],
      "2025-11-01T10:00:00+08:00",
      "Asia/Shanghai",
    );
    expect(e).toMatchObject({ eventKind: "export-control-suspended", side: "CN" });
    const ids = e?.links.map((l) => l.id);
    expect(ids).toContain("cn-2025-57-rare-earths");
    expect(ids).toContain("cn-export-controls-suspension-end-2026-11-10");
  });

  it("flags as new what nothing in the data matches", () => {
    const text = "Beijing announced it would add 15 US firms to its unreliable entity list.";
    const [e] = events(text, [], "2026-10-01T10:00:00+08:00", "Asia/Shanghai");
    expect(e).toMatchObject({ eventKind: "blacklist-expanded", side: "CN", isNew: true, links: [] });
  });

  it("marks a quoted older statement as reported, with less confidence", () => {
    const text =
      "“We will put a 100% tariff on China,” Trump had said in October 2025. The US extended the truce on Monday.";
    const [old, fresh] = events(
      text,
      [
        ["October 2025", "2025-10-01"],
        ["Monday", "2026-09-28"],
      ],
      "2026-09-29T10:00:00-04:00",
    );
    expect(old).toMatchObject({ eventKind: "tariff-announced", reported: true, confidence: 0.42 });
    expect(fresh).toMatchObject({ eventKind: "tariff-extended", date: "2026-09-28" });
    expect(fresh?.reported).toBeUndefined();
    expect(fresh?.confidence).toBeGreaterThan(old?.confidence ?? 1);
  });

  it("reads a paragraph sentence by sentence, each event with its own kinds and links", () => {
    const text =
      "KUALA LUMPUR — Negotiators ended two days of talks in Kuala Lumpur on Sunday. China agreed to buy US soybeans again. " +
      "Greer said the 24% tariff on American goods would stay suspended until November 10, 2026.";
    const found = events(
      text,
      [
        ["Sunday", "2025-10-26"],
        ["November 10, 2026", "2026-11-10"],
      ],
      "2025-10-26T21:00:00+08:00",
      "Asia/Kuala_Lumpur",
    );
    expect(found.map((e) => [e.eventKind, e.side, e.date])).toEqual([
      ["talks", "both", "2025-10-26"],
      ["purchase-commitment", "CN", undefined],
      ["tariff-suspended", "US", "2026-11-10"],
    ]);
    expect(found[0]?.links.map((l) => l.id)).toEqual(["kuala-lumpur-2025-10"]);
    for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it("reads a paragraph in the style of a Chinese outlet's English edition", () => {
    const text =
      "BEIJING, Sept. 28 -- Chinese Vice Premier He Lifeng held talks with US Treasury Secretary Scott Bessent in Madrid from Sunday to Monday. " +
      "The two sides agreed that the arrangements reached in Kuala Lumpur will be extended until January 10, 2027. " +
      "A spokesperson for China's Ministry of Commerce said the 24 percent additional tariff on US goods would remain suspended.";
    const found = events(
      text,
      [
        ["Sunday", "2026-09-20"],
        ["Monday", "2026-09-21"],
        ["January 10, 2027", "2027-01-10"],
      ],
      "2026-09-28T20:00:00+08:00",
      "Asia/Shanghai",
    );
    expect(found.map((e) => [e.eventKind, e.side, e.date])).toEqual([
      ["talks", "both", "2026-09-20"],
      ["tariff-extended", undefined, "2027-01-10"],
      ["tariff-suspended", "CN", undefined],
    ]);
    expect(found[0]?.links.map((l) => l.id)).toEqual(["round-8-2026-09"]);
    expect(found[1]?.links.map((l) => l.id)).toContain("cn-24-suspension-end-2027-01-10");
    expect(reasons(found[2])).toEqual([
      "same rate 24% and side CN as upcoming deadline cn-24-suspension-end-2026-11-10",
      "same rate 24% and side CN as upcoming deadline cn-24-suspension-end-2027-01-10",
    ]);
  });
});
