/** China's duty on a US good of $10,000 at a Beijing instant, for the China tests. */
import type { DutyResult, Entry } from "../../src/engine/contract.js";
import type { Truce } from "../../src/truce.js";
import { CN_ZONE, parseInstant } from "../../src/units/time.js";

export function cnDuty(t: Truce, code: string, at: string, extra: Partial<Entry> = {}): DutyResult {
  return t.engine.duty(
    { code, origin: "US", importer: "CN", valueCents: 1_000_000, ...extra },
    parseInstant(at, CN_ZONE),
  );
}

/** The special layers as "heading rate". */
export const headings = (r: DutyResult): string[] =>
  r.layers.slice(1).map((l) => `${l.heading} ${l.rateText}`);
