/** Note 19 of subchapter III (Section 232 derivative aluminium), run on an excerpt of the HTS 2026 rev 6 notes text. */
import { describe, expect, it } from "vitest";
import { aluminumDerivatives, dateAluminumDerivatives } from "../../scripts/notes/note-19.js";
import { excerpt } from "./excerpt.js";

describe("note 19(k): derivative aluminium of heading 9903.85.08", () => {
  const t = excerpt("note-19-k.txt");
  const rows = () => aluminumDerivatives(t, 0, t.lines.length, "9903.85.08", "19(k)");

  it("reads the codes of the prose list, 8 and 10 digits, heading 9903.85.08 itself left out", () => {
    const r = rows();
    expect(r.slice(0, 6).map((x) => x.code)).toEqual([
      "04029968",
      "04029970",
      "04029990",
      "2106909998",
      "22030000",
      "2710193050",
    ]);
    expect(r[3]).toEqual({
      code: "2106909998",
      digits: "10",
      heading: "9903.85.08",
      source: "ch99 subch. III note 19(k)",
    });
    expect(r.some((x) => x.code?.startsWith("99"))).toBe(false);
  });

  it("dates beer from 2025-04-04 and a code the Yale list dates 2025-08-18 from then", () => {
    const r = rows();
    // Rows of s232_derivative_products.csv (Budget Lab at Yale, tariff-rate-tracker): the aluminium ones.
    const yale = [
      { code: "04029968", date: "2025-08-18" },
      { code: "21069099", date: "2025-08-18" },
    ];
    const withCans = [...r, { code: "76129010", digits: "8", heading: "9903.85.08", source: "test" }];
    dateAluminumDerivatives(withCans, yale);
    const by = (c: string) => withCans.find((x) => x.code === c);
    expect([by("22030000")?.from, by("22030000")?.from_source]).toEqual(["2025-04-04", "CSMS 64639013"]);
    expect([by("04029968")?.from, by("04029968")?.from_source]).toEqual([
      "2025-08-18",
      "CSMS 65936615; date from the Yale list",
    ]);
    expect([by("2106909998")?.from, by("04029970")?.from, by("04029970")?.from_source]).toEqual([
      "2025-08-18",
      "2025-03-12",
      "CSMS 64384496 (not in the Yale list)",
    ]);
  });

  it("fails when an addition of 2025-04-04 is missing", () => {
    expect(() => dateAluminumDerivatives(rows(), [])).toThrow(
      "extract-notes: note 19: 76129010 (added 2025-04-04) is not in (j)/(k)",
    );
  });
});
