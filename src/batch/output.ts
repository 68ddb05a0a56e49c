/** A block's output written as UTF-8 straight into a buffer. */
import { formatCents } from "../units/money.js";
import { csvCell, SPECIAL } from "./csv.js";

export const COMMA = 0x2c;
export const NEWLINE = 0x0a;
/** `String(rate)` of total rates seen, by the rate in millionths of a percent (a small integer). */
const totalRateTexts = new Map<number, { rate: number; text: string }>();

/** `String(rate)`, memoised (a batch has few distinct total rates, which have at most 6 decimals). */
function totalRateText(rate: number): string {
  const key = Math.round(rate * 1e6);
  const seen = totalRateTexts.get(key);
  if (seen !== undefined && seen.rate === rate) return seen.text;
  const text = String(rate);
  if (totalRateTexts.size >= 4096) totalRateTexts.clear();
  totalRateTexts.set(key, { rate, text });
  return text;
}

/**
 * A block's output, written as UTF-8 straight into a buffer: ASCII text byte by byte, amounts digit
 * by digit, so that a row builds no strings of its own.
 */
export class Output {
  length = 0;
  private readonly encoder = new TextEncoder();
  private readonly digits = new Uint8Array(24);

  constructor(public out: Uint8Array) {}

  private room(bytes: number): Uint8Array {
    if (this.out.length - this.length < bytes) {
      const wider = new Uint8Array(Math.max(2 * this.out.length, this.length + bytes));
      wider.set(this.out.subarray(0, this.length));
      this.out = wider;
    }
    return this.out;
  }

  /** Bytes already encoded (another output's). */
  bytes(b: Uint8Array): void {
    this.room(b.length).set(b, this.length);
    this.length += b.length;
  }

  byte(b: number): void {
    this.room(1)[this.length++] = b;
  }

  text(s: string): void {
    this.cellText(s);
  }

  /** Writes `s`; true if it holds a character that needs quoting in a CSV cell (`"`, `,`, CR, LF). */
  private cellText(s: string): boolean {
    const n = s.length;
    const out = this.room(3 * n);
    let at = this.length;
    let special = false;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.length += this.encoder.encodeInto(s, out.subarray(this.length)).written;
        return SPECIAL.test(s);
      }
      if (c === 0x22 || c === 0x2c || c === 0x0a || c === 0x0d) special = true;
      out[at++] = c;
    }
    this.length = at;
    return special;
  }

  /** An amount in cents as `formatCents` writes it ("-12.05"). */
  cents(cents: number): void {
    if (!Number.isSafeInteger(cents)) {
      this.text(formatCents(cents));
      return;
    }
    const out = this.room(24);
    if (cents < 0) out[this.length++] = 0x2d;
    let rest = Math.abs(cents);
    const d = this.digits;
    let n = 0;
    do {
      d[n++] = 0x30 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0 || n < 3);
    let at = this.length;
    while (n > 2) out[at++] = d[--n] as number;
    out[at++] = 0x2e;
    out[at++] = d[1] as number;
    out[at++] = d[0] as number;
    this.length = at;
  }

  /** `,total_rate,total_amount,` (the commas around the first two output cells). */
  totals(rate: number, cents: number): void {
    this.byte(COMMA);
    this.text(totalRateText(rate));
    this.byte(COMMA);
    this.cents(cents);
    this.byte(COMMA);
  }

  /**
   * `heading:rate=` of layer `k` (`;` before all but the first); true if a CSV-special character was
   * written (see `quoteFrom`).
   */
  layer(k: number, heading: string, rate: string): boolean {
    if (k > 0) this.byte(0x3b);
    const special = this.cellText(heading);
    this.byte(0x3a);
    const specialRate = this.cellText(rate);
    this.byte(0x3d);
    return special || specialRate;
  }

  /** Rewrites what was written from `start` as one quoted CSV cell. */
  quoteFrom(start: number): void {
    const text = Buffer.from(this.out.buffer, this.out.byteOffset + start, this.length - start).toString(
      "utf8",
    );
    this.length = start;
    this.text(csvCell(text));
  }
}
