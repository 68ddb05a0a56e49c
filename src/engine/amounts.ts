/** Amounts: a base rate applied to an entry, units as people write them, the total rate. */
import type { Rate } from "../nomenclature/rates.js";
import { adValoremCents, PPM_PER_PERCENT, specificCents } from "../units/money.js";
import type { Entry, Layer } from "./contract.js";

/** Total duty in percent of the customs value, to 6 decimals. */
export function totalRateOf(rationalPpmCents: number, specificCents: number, valueCents: number): number {
  return valueCents > 0
    ? Math.round(((rationalPpmCents / PPM_PER_PERCENT + specificCents * 100) / valueCents) * 1e6) / 1e6
    : 0;
}

/** Adds a base rate to the layer; false when its amount cannot be computed. */
export function applyRate(r: Rate, layer: Layer, entry: Entry): boolean {
  switch (r.kind) {
    case "free":
      return true;
    case "adValorem":
    case "additional":
      layer.rate += r.ppm / PPM_PER_PERCENT;
      layer.amountCents = (layer.amountCents ?? 0) + adValoremCents(entry.valueCents, r.ppm);
      return true;
    case "specific":
      layer.base = "quantity";
      if (entry.quantityMilli === undefined || !unitMatches(r.per, entry.unit)) return false;
      layer.amountCents = (layer.amountCents ?? 0) + specificCents(r.microDollars, entry.quantityMilli);
      return true;
    case "compound": {
      // Every part, so that the layer's rate is its whole ad valorem part even when a quantity is missing.
      let computable = true;
      for (const p of r.parts) computable = applyRate(p, layer, entry) && computable;
      return computable;
    }
    case "unparsed":
      return false;
  }
}

/** Units as people write them: case, a final point, a plural s and British spellings aside ("Liters" = "liter"). */
function normalUnit(u: string): string {
  const lower = u.trim().toLowerCase().replace(/\.$/, "").replace(/litre/g, "liter");
  return lower.length > 3 && lower.endsWith("s") ? lower.slice(0, -1) : lower;
}

/** Whether a quantity's unit is the rate's (see `normalUnit`). */
export function unitMatches(per: string, unit: string | undefined): boolean {
  if (unit === undefined) return false;
  const wanted = normalUnit(per);
  const given = normalUnit(unit);
  return wanted === given || (wanted === "each" && given === "no");
}
