/** Structured citations: held to the citation text, linked, and a primary URL for grade P. */
import { describe, expect, it } from "vitest";
import {
  citationLinks,
  citationProblems,
  citedIn,
  isPrimaryUrl,
  primaryUrlOf,
} from "../../src/law/citations.js";
import type { Instrument } from "../../src/law/model.js";
import { loadLaw } from "../../src/law/read-law.js";

const law = loadLaw();
const eo14257 = law.instruments.get("eo-14257-reciprocal") as Instrument;

describe("structured citations", () => {
  it("reads FR pages (with a second page of the same volume), FR documents and CSMS numbers from a text", () => {
    expect(
      citedIn(
        "Procl 10895 and 10896 (Feb 10 2025), 90 FR 9807 / 9817 (Feb 18 2025), FR Doc 2025-02832; CBP CSMS 64348288 / 64384496",
      ),
    ).toEqual({ fr: ["90 FR 9807", "90 FR 9817"], frDoc: ["2025-02832"], csms: ["64348288", "64384496"] });
  });

  it("EO 14257 is cited as 90 FR 15041, FR Doc 2025-06063, CSMS 64649265 and 64680374, linked on federalregister.gov", () => {
    expect(eo14257.cites).toEqual({
      fr: ["90 FR 15041"],
      frDoc: ["2025-06063"],
      csms: ["64649265", "64680374"],
    });
    expect(citationLinks(eo14257.cites)).toEqual([
      "https://www.federalregister.gov/d/2025-06063",
      "https://www.federalregister.gov/citation/90-FR-15041",
    ]);
    // Its url is a copy of the FR text (executiveactions.org): the primary URL is the FR document's.
    expect(primaryUrlOf(eo14257)).toBe("https://www.federalregister.gov/d/2025-06063");
  });

  it("primary hosts: the FR, GPO, CBP (and its CSMS messages), the White House, USTR, Chinese government hosts", () => {
    for (const url of [
      "https://www.govinfo.gov/content/pkg/FR-2025-02-07/html/2025-02408.htm",
      "https://content.govdelivery.com/accounts/USDHSCBP/bulletins/3fa83c4",
      "http://gss.mof.gov.cn/zhengwuxinxi/zhengcefabu/201804/t20180401_2857769.html",
      "https://hts.usitc.gov/",
    ])
      expect(isPrimaryUrl(url), url).toBe(true);
    for (const url of [
      "https://www.executiveactions.org/390",
      "https://thefederalregister.org/83-FR/40823",
      "https://content.govdelivery.com/accounts/OTHER/bulletins/1",
      "https://notgov.cn.example.com/",
    ])
      expect(isPrimaryUrl(url), url).toBe(false);
  });

  it("rejects fields and text that disagree, another instrument's FR text, and grade P without a primary URL", () => {
    const bad = {
      ...eo14257,
      citation: "EO 14257 (Apr 2 2025), 90 FR 15041, FR Doc 2025-06063; CBP CSMS 64649265",
      cites: { fr: ["90 FR 15041", "90 FR 15042"], frDoc: ["2025-06063"], csms: ["64649265", "64680374"] },
    };
    expect(citationProblems(bad)).toEqual([
      "us/eo-14257-reciprocal.yaml: instrument.cites.fr: 90 FR 15042 is not in the citation text",
      "us/eo-14257-reciprocal.yaml: instrument.cites.csms: 64680374 is not in the citation text",
    ]);
    expect(
      citationProblems({
        ...eo14257,
        url: "https://www.govinfo.gov/content/pkg/FR-2025-06-09/html/2025-10524.htm",
      }),
    ).toEqual([
      "us/eo-14257-reciprocal.yaml: instrument.url: is FR Doc 2025-10524, which cites.frDoc does not name (another instrument's text?)",
    ]);
    const noDoc = { ...eo14257, citation: "EO 14257 (Apr 2 2025)", cites: undefined };
    expect(citationProblems(noDoc)).toEqual([
      expect.stringMatching(
        /^us\/eo-14257-reciprocal\.yaml: instrument\.url: a grade P instrument needs a primary URL .* not https:\/\/www\.executiveactions\.org\/390/,
      ),
    ]);
    expect(citationProblems({ ...noDoc, citation: "EO 14257 (Apr 2 2025), 90 FR 15041" })).toContain(
      "us/eo-14257-reciprocal.yaml: instrument.citation: names 90 FR 15041, which cites.fr lacks",
    );
    expect(citationProblems({ ...eo14257, grade: "S" })).toEqual([
      "us/eo-14257-reciprocal.yaml: instrument.unconfirmed: a grade S instrument states what a primary source would confirm (fact, confirmBy)",
    ]);
    expect(citationProblems({ ...noDoc, citation: "Executive order of Apr 2 2025" })).toContain(
      "us/eo-14257-reciprocal.yaml: instrument.number: 14257 is not in the citation text",
    );
  });
});
