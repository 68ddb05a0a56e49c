/** Exact money arithmetic: integer cents, rates in ppm (1% = 10,000 ppm). */

export const PPM_PER_PERCENT = 10_000;
const MILLION = 1_000_000;

/** Rounds a/b to the nearest integer, halves away from zero (b > 0). */
function divRound(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a % b;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= b) return a < 0n ? q - 1n : q + 1n;
  return q;
}

function toSafeNumber(x: bigint, what: string): number {
  if (x > BigInt(Number.MAX_SAFE_INTEGER) || x < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${what} is too large to represent exactly`);
  }
  return Number(x);
}

/** Amount in cents of an ad valorem rate (ppm) on a base in cents, rounded half away from zero. */
export function adValoremCents(baseCents: number, ppm: number): number {
  const product = baseCents * ppm;
  if (Number.isSafeInteger(product)) {
    const q = Math.trunc(product / MILLION);
    const r = product - q * MILLION;
    if (Math.abs(r) * 2 >= MILLION) return q + Math.sign(product);
    return q;
  }
  return toSafeNumber(divRound(BigInt(baseCents) * BigInt(ppm), BigInt(MILLION)), "duty amount");
}

/** Amount in cents of the average of `n` ad valorem rates whose ppm sum to `ppmSum`, rounded once. */
export function averageAdValoremCents(baseCents: number, ppmSum: number, n: number): number {
  return toSafeNumber(
    divRound(BigInt(baseCents) * BigInt(ppmSum), BigInt(MILLION) * BigInt(n)),
    "duty amount",
  );
}

/** Amount in cents of a specific rate (micro-dollars per unit) on a quantity given in milli-units. */
export function specificCents(microDollarsPerUnit: number, quantityMilli: number): number {
  // µ$ × milli-units = 1e-9 $ = 1e-7 cents
  return toSafeNumber(
    divRound(BigInt(microDollarsPerUnit) * BigInt(quantityMilli), 10_000_000n),
    "duty amount",
  );
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses a decimal string into an integer scaled by 10^scale, exactly; null if malformed or too precise. */
export function parseScaled(text: string, scale: number): number | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const frac = m[3] ?? "";
  if (frac.length > scale && /[1-9]/.test(frac.slice(scale))) return null;
  const digits = `${m[2]}${frac.slice(0, scale).padEnd(scale, "0")}`;
  const n = Number(digits);
  if (!Number.isSafeInteger(n)) return null;
  return m[1] ? -n : n;
}

/** Commas only as thousands separators: "1,234.56", "12,345,678" (never a decimal comma: "10,00"). */
const THOUSANDS = /^-?\$?\d{1,3}(,\d{3})+(\.\d*)?$/;

/**
 * Parses a money string ("10000", "10000.5", "$1,234.56") into cents; null if malformed. The decimal
 * separator is the point; a comma separates thousands only, so "10,00" is refused, not read as 1000.
 */
export function parseCents(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed.includes(",") && !THOUSANDS.test(trimmed)) return null;
  return parseScaled(trimmed.replace(/,/g, "").replace(/^\$/, ""), 2);
}

/** Formats cents as a plain decimal string with two decimals: 123456 -> "1234.56". */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = Math.trunc(abs / 100);
  const frac = abs % 100;
  return `${sign}${whole}.${frac.toString().padStart(2, "0")}`;
}

/** Formats a ppm rate as a percent number (exact for ppm values, which have at most 4 decimals). */
export function ppmToPercent(ppm: number): number {
  return ppm / PPM_PER_PERCENT;
}

/** Formats a ppm rate as text: 75000 -> "7.5%". */
export function formatPpm(ppm: number): string {
  return `${ppmToPercent(ppm)}%`;
}
