/**
 * A fixed IngestResult for the review queue's tests (the extraction is not their point): a short wire
 * story written for these tests, with an event, the rate and date it rests on, a rate of a third
 * country no event cites, and a person. Offsets are computed from the text, so they cannot drift.
 */
import type { IngestResult } from "../../src/news/contract.js";

export const WIRE_TEXT =
  "WASHINGTON (Wire) - US inbound tariffs on Chinese goods will rise to about 55% starting November 1, Treasury Secretary Scott Bessent said on Saturday. Separately, Canada kept its 25% levy on Chinese steel.";

function span(text: string, from = 0) {
  const start = WIRE_TEXT.indexOf(text, from);
  if (start < 0) throw new Error(`"${text}" is not in the fixture`);
  return { text, start, end: start + text.length };
}

export const EVENT_SPAN = span(
  "US inbound tariffs on Chinese goods will rise to about 55% starting November 1",
);

export function wireResult(published = "2025-10-25T18:30:00-04:00"): IngestResult {
  const rate = span("about 55%");
  const date = span("starting November 1");
  return {
    published,
    publishedZone: "America/New_York",
    publishedFrom: "option",
    title: "US to lift China tariffs",
    removed: [],
    items: [
      {
        kind: "rate",
        ...rate,
        confidence: 0.9,
        value: 55,
        qualifier: "about",
        importer: "US",
        origin: "CN",
        appliesTo: "Chinese goods",
      },
      { kind: "date", ...date, confidence: 0.9, date: "2025-11-01", resolvedBy: "relative to publication" },
      {
        kind: "event",
        ...EVENT_SPAN,
        confidence: 0.8,
        eventKind: "tariff-announced",
        date: "2025-11-01",
        side: "US",
        evidence: [
          { start: rate.start, end: rate.end },
          { start: date.start, end: date.end },
        ],
        links: [{ id: "ieepa-reciprocal-cn", target: "measure", reason: "US tariff on Chinese goods" }],
        isNew: false,
        contradictions: ["the data has no 55% for ieepa-reciprocal-cn"],
      },
      {
        kind: "person",
        ...span("Scott Bessent"),
        confidence: 0.95,
        name: "Scott Bessent",
        office: "Secretary of the Treasury",
        side: "US",
        inGazetteer: true,
      },
      {
        kind: "rate",
        ...span("25%"),
        confidence: 0.7,
        value: 25,
        importer: "CA",
        origin: "CN",
        appliesTo: "Chinese steel",
      },
    ],
    text: WIRE_TEXT,
  };
}
