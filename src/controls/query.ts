/**
 * A control query as a user writes it (CLI options, API parameters, library calls), checked and
 * turned into the engine's query: each bad field gets its own error naming it.
 */
import { parseScaled } from "../units/money.js";
import { CN_ZONE, parseInstant, TimeError, US_ZONE } from "../units/time.js";
import type { Content, ControlQuery, PartyHit } from "./check.js";
import { elementSymbol } from "./elements.js";

export class ControlQueryError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export interface ControlQueryInput {
  item: string;
  from: string;
  to: string;
  origin?: string;
  /** "Dy:0.3" or "Dy:0.3%": the element's content in percent of the item's value. */
  contains?: readonly string[];
  at: string;
  partyHits?: readonly PartyHit[];
  ownedByListed?: boolean;
}

const REGIONS = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });
/** Codes ISO 3166 leaves to users (AA, QM–QZ, XA–XZ but Kosovo's XK, ZZ): no country. */
const USER_ASSIGNED = /^(AA|Q[M-Z]|X[A-JL-Z]|ZZ)$/;

/** An ISO 3166 alpha-2 code of a country or territory ("cn" is CN); throws naming the field. */
export function countryCode(text: string, field: string): string {
  const code = text.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code) || USER_ASSIGNED.test(code) || REGIONS.of(code) === code)
    throw new ControlQueryError(field, `"${text}" is not an ISO 3166 alpha-2 country code (e.g. CN, US, DE)`);
  return code;
}

/** "Dy:0.3%" → { element: "Dy", ppm: 3000 }; the percent must be above 0 and at most 100. */
export function parseContent(text: string): Content {
  const m = /^\s*([A-Za-z]{1,2})\s*:\s*([^%\s]+)\s*%?\s*$/.exec(text);
  if (!m) throw new ControlQueryError("contains", `"${text}" is not ELEMENT:PERCENT (e.g. Dy:0.3%)`);
  const element = elementSymbol(m[1] as string);
  if (element === undefined)
    throw new ControlQueryError(
      "contains",
      `"${m[1]}" is not a chemical element symbol (e.g. Dy, Tb, Ga, Ge, Sb)`,
    );
  const ppm = parseScaled(m[2] as string, 4);
  if (ppm === null)
    throw new ControlQueryError(
      "contains",
      `"${m[2]}" is not a percentage with at most 4 decimals (e.g. 0.3)`,
    );
  if (ppm <= 0 || ppm > 1_000_000)
    throw new ControlQueryError(
      "contains",
      `${element} at ${m[2]}% is out of range: a content above 0% and at most 100% of the item's value`,
    );
  return { element, ppm };
}

/** The zone a local instant is read in: the exporting country's when it is the US or China. */
function zoneFor(from: string): string | undefined {
  return from === "US" ? US_ZONE : from === "CN" ? CN_ZONE : undefined;
}

export function parseControlQuery(input: ControlQueryInput): ControlQuery {
  const item = input.item.trim();
  if (item === "")
    throw new ControlQueryError("item", "give the item: words, a control number or an HS code");
  const from = countryCode(input.from, "from");
  const to = countryCode(input.to, "to");
  const origin = input.origin === undefined ? undefined : countryCode(input.origin, "origin");
  const contains = (input.contains ?? []).map(parseContent);
  const repeated = contains.find((c, k) => contains.findIndex((d) => d.element === c.element) !== k);
  if (repeated) throw new ControlQueryError("contains", `${repeated.element} is given twice`);
  const total = contains.reduce((sum, c) => sum + c.ppm, 0);
  if (total > 1_000_000)
    throw new ControlQueryError("contains", "the contents add up to more than 100% of the item's value");
  const zone = zoneFor(from);
  const at = input.at.trim();
  if (zone === undefined && !/(Z|[+-]\d{2}:?\d{2}|\])$/.test(at))
    throw new ControlQueryError(
      "at",
      `"${input.at}" has no zone: shipping from ${from}, give the offset (e.g. 2025-12-15T09:00+09:00) or Z`,
    );
  let instant: number;
  try {
    instant = parseInstant(at, zone ?? "UTC");
  } catch (e) {
    if (e instanceof TimeError) throw new ControlQueryError("at", e.message);
    throw e;
  }
  return {
    item,
    from,
    to,
    ...(origin ? { origin } : {}),
    contains,
    at: instant,
    ...(input.partyHits ? { partyHits: input.partyHits } : {}),
    ...(input.ownedByListed ? { ownedByListed: true } : {}),
  };
}
