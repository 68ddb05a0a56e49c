/**
 * A deterministic sampler on exact integers: xorshift32 (Marsaglia 2003), every step a 32-bit integer
 * operation, so a seed gives the same draws on every machine. Draws are unbiased (rejection sampling).
 */
export class Sampler {
  private state: number;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed % 2 ** 32 === 0) throw new RangeError(`bad seed ${seed}`);
    this.state = (seed % 2 ** 32) >>> 0;
  }

  /** The next 32-bit unsigned integer. */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.state = x;
    return x;
  }

  /** An integer in [0, n), n ≤ 2^32, without modulo bias. */
  below(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) throw new RangeError(`bad bound ${n}`);
    const limit = 2 ** 32 - (2 ** 32 % n);
    let x = this.next();
    while (x >= limit) x = this.next();
    return x % n;
  }

  /** An integer in [lo, hi]; spans wider than 2^32 are drawn in two parts. */
  int(lo: number, hi: number): number {
    const span = hi - lo + 1;
    if (span <= 2 ** 32) return lo + this.below(span);
    const high = Math.floor(span / 2 ** 32);
    for (;;) {
      const x = this.below(high + 1) * 2 ** 32 + this.next();
      if (x < span) return lo + x;
    }
  }

  /** True with probability num/den. */
  chance(num: number, den: number): boolean {
    return this.below(den) < num;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("nothing to pick from");
    return items[this.below(items.length)] as T;
  }
}
