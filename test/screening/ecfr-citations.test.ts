import { describe, expect, it } from "vitest";
import { frVolumeYear, rowCitations } from "../../scripts/us-lists/ecfr-citations.js";

// Citation texts as the compilation of the eCFR Entity List (nsfreg, July 2026) gives them.
describe("the Federal Register citations of an Entity List row", () => {
  it("reads the listing rule and each revising rule, with the year of the FR volume", () => {
    // Shanghai Biren Intelligent Technology: no comma before the first date, revised in 2024.
    expect(rowCitations("88 FR 71992 10/19/2023.\n89 FR 25505, 4/11/24")).toEqual([
      { page: "88 FR 71992", volume: 88, published: "2023-10-19" },
      { page: "89 FR 25505", volume: 89, published: "2024-04-11" },
    ]);
    // Shenzhen Guowei Sensing Technology: a four-digit year (a 2024 rule, not one of 2020).
    expect(rowCitations("89 FR 96837, 12/5/2024.\n90 FR 561, 1/6/25")).toEqual([
      { page: "89 FR 96837", volume: 89, published: "2024-12-05" },
      { page: "90 FR 561", volume: 90, published: "2025-01-06" },
    ]);
    expect(frVolumeYear(89)).toBe(2024);
    expect(frVolumeYear(62)).toBe(1997);
  });

  it("reads citations sharing a line, with words between page and date, or with no date", () => {
    // Corad Technology Limited; a Russian row ("preview citation details"); New H3C Semiconductor.
    expect(rowCitations("84 FR 40241, 8/14/19, 85 FR 83769, 12/23/20").map((c) => c.published)).toEqual([
      "2019-08-14",
      "2020-12-23",
    ]);
    expect(rowCitations("81 FR 61601 preview citation details, 9/7/16")).toEqual([
      { page: "81 FR 61601", volume: 81, published: "2016-09-07" },
    ]);
    expect(rowCitations("86 FR 67319")).toEqual([{ page: "86 FR 67319", volume: 86 }]);
    // A two-digit year of the 1990s: 62 FR is of 1997.
    expect(rowCitations("62 FR 35334, 6/30/97 66 FR 24267, 5/14/01")[0]?.published).toBe("1997-06-30");
  });

  it("reports a date that contradicts the FR volume instead of using it", () => {
    // Techlink Communications (Pakistan): volume 83 is of 2018, the eCFR dates it 11/13/19.
    expect(rowCitations("83 FR 44824, 9/4/18.\n83 FR 61541, 11/13/19")[1]).toEqual({
      page: "83 FR 61541",
      volume: 83,
      contradictoryDate: "11/13/19",
    });
    expect(rowCitations("no citation")).toEqual([]);
  });
});
