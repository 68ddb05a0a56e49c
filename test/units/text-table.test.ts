/**
 * Tables looked up by outside text (textTable) find nothing for the names every object inherits;
 * the tables built with it answer so where a plain object literal answered with Object's own members:
 * a reviewer's field "constructor" was accepted, a page's class "constructor" removed as chrome.
 */
import { describe, expect, it } from "vitest";
import { cleanArticle } from "../../src/news/clean.js";
import { editedItem } from "../../src/news/review.js";
import { pinyinSyllables } from "../../src/screening/transliterate.js";
import { textTable } from "../../src/units/text-table.js";

const INHERITED = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"];

describe("textTable", () => {
  it("answers its own keys and nothing for inherited names", () => {
    const t = textTable({ peking: "beijing" });
    expect(t.peking).toBe("beijing");
    for (const name of INHERITED) expect(t[name], name).toBeUndefined();
    expect(Object.isFrozen(t)).toBe(true);
  });

  it("a reviewer cannot set a field named after an inherited member", () => {
    const item = { kind: "rate", value: 10, span: [0, 1] } as unknown as Parameters<typeof editedItem>[0];
    for (const name of INHERITED)
      expect(() => editedItem(item, [`${name}=abc`]), name).toThrow(/no editable field/);
  });

  it("a page's class or tag named after an inherited member is not taken for chrome", () => {
    for (const name of INHERITED) {
      const html = `<html><body><article><p>Tariffs rose.</p><div class="${name}">Beijing raised tariffs to 34% on April 4.</div></article></body></html>`;
      const cleaned = cleanArticle(html, "html");
      expect(cleaned.removed, name).toEqual([]);
    }
  });

  it("a word named after an inherited member is read as a word", () => {
    for (const name of INHERITED)
      expect(pinyinSyllables(name.toLowerCase()).join("")).toBe(name.toLowerCase());
  });
});
