/**
 * What the doors read before an article: `--published` (an instant with its offset or zone, or a
 * local time with --zone; clock changes refused) and the article's format (by extension, else by
 * its first characters).
 */
import { describe, expect, it } from "vitest";
import { articleFormat, PublishedError, parsePublished } from "../../src/news/input.js";

describe("parsePublished", () => {
  it("keeps the offset or zone an instant is given in", () => {
    expect(parsePublished("2025-10-25T22:30:01+05:30")).toEqual({
      ms: Date.parse("2025-10-25T17:00:01Z"),
      zone: "+05:30",
      from: "option",
    });
    expect(parsePublished("2025-10-25T22:30Z").zone).toBe("UTC");
    expect(parsePublished("2025-10-25T22:30[Asia/Kolkata]")).toEqual({
      ms: Date.parse("2025-10-25T17:00:00Z"),
      zone: "Asia/Kolkata",
      from: "option",
    });
    // Nov 1 2025 is still EDT in New York (UTC-4); Nov 3 is EST (UTC-5).
    expect(parsePublished("2025-11-01 23:45", "America/New_York").ms).toBe(
      Date.parse("2025-11-02T03:45:00Z"),
    );
    expect(parsePublished("2025-11-03T23:45", "America/New_York").ms).toBe(
      Date.parse("2025-11-04T04:45:00Z"),
    );
  });

  it("refuses a local time without a zone, a time the clocks skip or repeat, and what is not an instant", () => {
    expect(() => parsePublished("2025-10-25 22:30")).toThrow("is a local time: give its zone with --zone");
    expect(() => parsePublished("2025-03-09 02:30", "America/New_York")).toThrow(PublishedError);
    expect(() => parsePublished("2025-11-02 01:30", "America/New_York")).toThrow(PublishedError);
    expect(() => parsePublished("2025-10-25", "Asia/Kolkata")).toThrow(
      "is not an instant with its offset or zone",
    );
    expect(() => parsePublished("2025-10-25T22:30", "Asia/Calcutta-ish")).toThrow(
      '--zone "Asia/Calcutta-ish" is not a time zone',
    );
    expect(() => parsePublished("2025-10-25T22:30[Asia/Kolkata]", "Asia/Kolkata")).toThrow(
      "--published names its zone [Asia/Kolkata]: --zone is not used with it",
    );
  });
});

describe("articleFormat", () => {
  it("goes by the extension, else by the first characters", () => {
    expect(articleFormat("plain words", "page.HTML")).toBe("html");
    expect(articleFormat("<html><body>x</body></html>", "notes.txt")).toBe("text");
    expect(articleFormat("  <!DOCTYPE html><html>")).toBe("html");
    expect(articleFormat("<p>A paragraph</p>")).toBe("html");
    expect(articleFormat("WASHINGTON - <b> is not how this starts")).toBe("text");
  });
});
