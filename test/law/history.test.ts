/**
 * A measure's dated history across instruments, as the law files hold it (data/law): each value's
 * interval in the issuer's zone, status, rate, heading and the instrument that set it.
 */
import { describe, expect, it } from "vitest";
import { findMeasure, measureHistory, UnknownMeasure } from "../../src/law/history.js";
import { loadTruce } from "../../src/truce.js";

const t = loadTruce();
const historyOf = (key: string, authority?: string) =>
  measureHistory(t.law, findMeasure(t.law, key, authority));

describe("a measure's history", () => {
  it("carries the unconfirmed facts of every value set by an instrument below primary grade", () => {
    let secondary = 0;
    for (const m of t.law.measures)
      for (const step of measureHistory(t.law, m).history)
        if (step.instrument.grade === "S") {
          secondary++;
          expect(step.unconfirmed?.length, `${m.id} from ${step.from}`).toBeGreaterThan(0);
        }
    expect(secondary).toBeGreaterThan(0);
  });

  it("Section 301 List 3: 10% from 2018-09-24 (83 FR 47974), 25% from 2019-05-10 (84 FR 20459)", () => {
    const h = historyOf("s301-list3");
    expect([h.importer, h.authority, h.heading, h.zone]).toEqual([
      "US",
      "section-301",
      "9903.88.03",
      "America/New_York",
    ]);
    expect(h.history.map((s) => [s.from, s.to, s.status, s.change, s.rate, s.instrument.citation])).toEqual([
      [
        "2018-09-24 00:01 EDT",
        "2019-05-10 00:01 EDT",
        "final",
        "starts",
        "10%",
        "USTR notice, 83 FR 47974 (Sept 21 2018), FR Doc 2018-20610",
      ],
      ["2019-05-10 00:01 EDT", null, "final", "rate", "25%", "USTR notice, 84 FR 20459 (May 9 2019)"],
    ]);
    expect(h.history[0]?.fromInstant).toBe("2018-09-24T04:01:00Z");
    expect(h.history.map((s) => [s.instrument.grade, s.instrument.url, s.unconfirmed])).toEqual([
      ["P", "https://www.federalregister.gov/d/2018-20610", undefined],
      ["P", "https://www.cbp.gov/trade/remedies/301-certain-products-china", undefined],
    ]);
    expect(h.replacedBy).toContain("s301-review-01");
    expect(h.inTransit.map((r) => [r.heading, r.loadedBefore, r.enteredBefore, r.rate])).toEqual([
      ["9903.88.09", "2019-05-10 00:01 EDT", "2019-06-15 00:01 EDT", "10%"],
    ]);
  });

  it("IEEPA fentanyl (China): 10% → 20% → 10% from 2025-11-10, ended 2026-02-24, each from its order", () => {
    const h = historyOf("ieepa-fentanyl-cn");
    expect(h.history.map((s) => [s.from, s.status, s.rate, s.heading, s.instrument.id])).toEqual([
      ["2025-02-04 00:01 EST", "final", "10%", "9903.01.20", "eo-14195-fentanyl-china"],
      ["2025-03-04 00:01 EST", "final", "20%", "9903.01.24", "eo-14228-fentanyl-china"],
      ["2025-11-10 00:01 EST", "final", "10%", "9903.01.24", "eo-2025-11-04-fentanyl-china"],
      ["2026-02-24 00:00 EST", "ended", null, "9903.01.24", "eo-2026-02-20-ending-ieepa"],
    ]);
    expect(h.history[1]?.instrument.citation).toMatch(/^EO 14228 \(Mar 3 2025\), 90 FR 11463/);
    expect(h.history[2]?.what).toBe("9903.01.24 20% → 10%");
    expect(h.history[2]?.instrument.url).toBe(
      "https://content.govdelivery.com/accounts/USDHSCBP/bulletins/3fa83c4",
    );
    // The November order's number is not confirmed: the value says so.
    expect(h.history[2]?.provisional).toMatch(/number/i);
  });

  it("China's counter-tariff: 84%, 125%, then 10% from Geneva, in Beijing time", () => {
    const h = historyOf("cn-counter-reciprocal");
    expect(h.zone).toBe("Asia/Shanghai");
    expect(h.history.slice(0, 3).map((s) => [s.from, s.rate, s.instrument.id])).toEqual([
      ["2025-04-10 12:01 CST (UTC+8)", "84%", "ctc-2025-5-counter-84"],
      ["2025-04-12 00:00 CST (UTC+8)", "125%", "ctc-2025-6-counter-125"],
      ["2025-05-14 12:01 CST (UTC+8)", "10%", "ctc-2025-05-13-geneva"],
    ]);
  });

  it("finds a measure by a heading it reports, narrowed by authority when several report it", () => {
    expect(findMeasure(t.law, "9903.88.03").id).toBe("s301-list3");
    expect(findMeasure(t.law, "99038803").id).toBe("s301-list3");
    expect(findMeasure(t.law, "9903.01.24").id).toBe("ieepa-fentanyl-cn");
  });

  it("refuses an unknown id with the ids it may have meant", () => {
    const unknown = (key: string, authority?: string) => {
      try {
        findMeasure(t.law, key, authority);
      } catch (e) {
        if (e instanceof UnknownMeasure) return [e.field, e.message, e.suggestions];
      }
      return undefined;
    };
    expect(unknown("s301-list")).toEqual([
      "id",
      "no measure s301-list",
      ["s301-list1", "s301-list2", "s301-list3", "s301-list4a", "s301-list4b"],
    ]);
    expect(unknown("fentanyl")?.[2]).toEqual(["ieepa-fentanyl-cn"]);
    expect(unknown("9903.88.03", "section-232-steal")?.[0]).toBe("authority");
  });
});
