/**
 * Parsing of HTS rate-of-duty text into exact integer units.
 * Ad valorem rates are ppm of the base (1% = 10,000 ppm); specific rates are micro-dollars per unit
 * (1.9¢/kg = 19,000 µ$/kg). Decimals are parsed as strings with integer arithmetic, never as floats.
 * Anything not fully understood is `unparsed` (never zero).
 */

export type Rate =
  | { kind: "free" }
  | { kind: "adValorem"; ppm: number }
  | { kind: "specific"; microDollars: number; per: string }
  | { kind: "compound"; parts: Rate[] }
  | { kind: "additional"; ppm: number }
  | { kind: "unparsed"; text: string };

/** 1% in ppm. */
export const PPM_PER_PERCENT = 10_000;
/** 1¢ in micro-dollars. */
export const MICRO_DOLLARS_PER_CENT = 10_000;
/** $1 in micro-dollars. */
export const MICRO_DOLLARS_PER_DOLLAR = 1_000_000;

/**
 * Units accepted after "/" in a specific rate (spelling as printed, after whitespace normalisation
 * and removal of HTML tags) mapped to the canonical `per`. A unit followed by a qualifier
 * ("kg on drained weight", "m2 of recording surface") is deliberately absent: such rates are unparsed.
 */
const UNITS: ReadonlyMap<string, string> = new Map([
  ["kg", "kg"],
  ["g", "g"],
  ["t", "t"],
  ["liter", "liter"],
  ["pf. liter", "pf. liter"],
  ["pf.liter", "pf. liter"],
  ["clean kg", "clean kg"],
  ["doz.", "doz."],
  ["pr.", "pr."],
  ["gross", "gross"],
  ["bbl", "bbl"],
  ["m", "m"],
  ["lin. m", "lin. m"],
  ["m2", "m2"],
  ["m²", "m2"],
  ["m3", "m3"],
  ["m³", "m3"],
  ["head", "head"],
  ["jewel", "jewel"],
  ["article", "article"],
  ["pack", "pack"],
  ["1000", "1000"],
  ["1,000", "1000"],
  ["thousand", "1000"],
  ["1000 pins", "1000 pins"],
  ["1,000 pins", "1000 pins"],
  ["line/gross", "line/gross"],
]);

const FREE: Rate = Object.freeze({ kind: "free" });

/** Whitespace (incl. no-break space) collapsed, HTML tags removed, trimmed. */
export function cleanRateText(text: string): string {
  return text
    .replace(/<[^>]*>/g, "")
    .replace(/[\s\u00a0]+/g, " ")
    .trim();
}

/**
 * Parse a decimal string ("2.5", "0.4", "1,000", "4.3817") scaled by 10^scale into an integer,
 * exactly. Returns undefined if the value is not a plain decimal, has more fractional digits than
 * the scale allows (after dropping trailing zeros), or exceeds the safe-integer range.
 */
export function parseScaledDecimal(text: string, scale: number): number | undefined {
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(text);
  if (m === null) return undefined;
  const intPart = (m[1] ?? "").replace(/,/g, "");
  const frac = (m[2] ?? "").replace(/0+$/, "");
  if (frac.length > scale) return undefined;
  const digits = (intPart + frac.padEnd(scale, "0")).replace(/^0+(?=\d)/, "");
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) return undefined;
  return value;
}

const NUM = String.raw`(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|\.\d+)`;
const PERCENT_RE = new RegExp(`^${NUM} ?%$`);
const CENTS_RE = new RegExp(`^${NUM} ?¢ ?(?:(each)|/ ?(.+))$`);
const DOLLARS_RE = new RegExp(`^\\$ ?${NUM} ?(?:(each)|/ ?(.+))$`);
const ADDITIONAL_RE = new RegExp(
  `^the duty provided (?:for )?in ?the applicable subheading(?: ?(?:\\+|plus) ?(?:a duty of )?${NUM} ?%)?\\.?$`,
  "i",
);

function decimal(num: string, scale: number): number | undefined {
  return parseScaledDecimal(num.startsWith(".") ? `0${num}` : num, scale);
}

function parsePart(part: string): Rate | undefined {
  let m = PERCENT_RE.exec(part);
  if (m !== null) {
    const ppm = decimal(m[1] ?? "", 4);
    return ppm === undefined ? undefined : { kind: "adValorem", ppm };
  }
  m = CENTS_RE.exec(part);
  let scale = 4; // cents -> micro-dollars
  if (m === null) {
    m = DOLLARS_RE.exec(part);
    scale = 6; // dollars -> micro-dollars
  }
  if (m === null) return undefined;
  const microDollars = decimal(m[1] ?? "", scale);
  if (microDollars === undefined) return undefined;
  if (m[2] !== undefined) return { kind: "specific", microDollars, per: "each" };
  const unitText = (m[3] ?? "").replace(/(\w)- (\w)/g, "$1$2").replace(/ ?\/ ?/g, "/");
  const per = UNITS.get(unitText);
  return per === undefined ? undefined : { kind: "specific", microDollars, per };
}

/** Parse rate text as found in the HTS general / other columns and Chapter 99 headings. */
export function parseRate(text: string): Rate {
  const t = cleanRateText(text);
  if (/^free$/i.test(t)) return FREE;
  const add = ADDITIONAL_RE.exec(t);
  if (add !== null) {
    if (add[1] === undefined) return { kind: "additional", ppm: 0 };
    const ppm = decimal(add[1], 4);
    return ppm === undefined ? { kind: "unparsed", text } : { kind: "additional", ppm };
  }
  if (t === "") return { kind: "unparsed", text };
  const pieces = t.split(/ ?\+ ?/);
  const parts: Rate[] = [];
  for (const piece of pieces) {
    const p = parsePart(piece);
    if (p === undefined) return { kind: "unparsed", text };
    parts.push(p);
  }
  if (parts.length === 1) return parts[0] as Rate;
  return { kind: "compound", parts };
}

/** Exact decimal text of an integer divided by 10^scale, trailing zeros dropped ("75000",4 -> "7.5"). */
function scaledText(value: number, scale: number, minFraction = 0): string {
  const neg = value < 0;
  const digits = String(Math.abs(value)).padStart(scale + 1, "0");
  const intPart = digits.slice(0, digits.length - scale);
  let frac = digits.slice(digits.length - scale).replace(/0+$/, "");
  if (frac.length > 0 && frac.length < minFraction) frac = frac.padEnd(minFraction, "0");
  return `${neg ? "-" : ""}${intPart}${frac === "" ? "" : `.${frac}`}`;
}

/** 75000 -> "7.5%", 1250000 -> "125%", 0 -> "0%". */
export function rateText(ppm: number): string {
  return `${scaledText(ppm, 4)}%`;
}

/** 19000 -> "1.9¢", 1350000 -> "$1.35", 4500000 -> "$4.50", 1000000 -> "$1". */
export function moneyRateText(microDollars: number): string {
  if (Math.abs(microDollars) < MICRO_DOLLARS_PER_DOLLAR) return `${scaledText(microDollars, 4)}¢`;
  return `$${scaledText(microDollars, 6, 2)}`;
}

/** Text form of a Rate, in the HTS style ("Free", "2.5%", "1.9¢/kg", "$1.35/head + 5%"). */
export function formatRate(rate: Rate): string {
  switch (rate.kind) {
    case "free":
      return "Free";
    case "adValorem":
      return rateText(rate.ppm);
    case "specific":
      return rate.per === "each"
        ? `${moneyRateText(rate.microDollars)} each`
        : `${moneyRateText(rate.microDollars)}/${rate.per}`;
    case "compound":
      return rate.parts.map(formatRate).join(" + ");
    case "additional":
      return rate.ppm === 0
        ? "The duty provided in the applicable subheading"
        : `The duty provided in the applicable subheading + ${rateText(rate.ppm)}`;
    case "unparsed":
      return rate.text;
  }
}

/** True when the rate was fully understood. */
export function isParsed(rate: Rate): boolean {
  return rate.kind !== "unparsed";
}
