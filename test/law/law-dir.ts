/** Temporary data directories holding one US instrument file (and optional list files), for tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The instrument part of a test instrument file; measures and values follow it. */
export const INSTRUMENT_HEADER = `id: test-instrument
issuer: US
instrument:
  kind: ustr-notice
  title: "A test notice"
  citation: "Test citation"
  url: https://ustr.gov/test-notice
  grade: P
`;

/** One US measure (on 8541) for the test instrument; its values follow it. */
export const TEST_MEASURE = `measures:
  - id: m1
    authority: section-301
    heading: "9903.88.01"
    label: "Test measure"
    origins: [CN]
    products: { prefixes: ["8541"] }
`;

const HORIZON = `US: { confirmedTo: "2026-10-10", basis: "a test horizon for the test instrument" }
CN: { confirmedTo: "2026-10-10", basis: "a test horizon for the test instrument" }
`;

/** A data directory with law/us/test.yaml, horizon.yaml and the given files in lists/us. */
export function lawDir(yaml: string, lists: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "truce-law-"));
  mkdirSync(join(dir, "law", "us"), { recursive: true });
  mkdirSync(join(dir, "lists", "us"), { recursive: true });
  writeFileSync(join(dir, "law", "us", "test.yaml"), yaml);
  writeFileSync(join(dir, "horizon.yaml"), HORIZON);
  for (const [name, text] of Object.entries(lists)) writeFileSync(join(dir, "lists", "us", name), text);
  return dir;
}
