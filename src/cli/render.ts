/** Renders duty results as the JSON contract and as a readable table. */
import type { DutyResult } from "../engine/duty.js";
import { formatCode } from "../nomenclature/codes.js";
import { formatCents } from "../units/money.js";
import { CN_ZONE, formatInZone, isoInstant, US_ZONE } from "../units/time.js";

export interface DutyJson {
  importer: string;
  code: string;
  origin: string;
  instant: string;
  entered: string;
  /** The same instant in the other country's zone. */
  enteredAlso: string;
  date: string;
  value: string;
  total: { rate: number; amount: string };
  layers: {
    heading: string;
    authority: string;
    measure: string;
    label: string;
    rate: number;
    rateText: string;
    base: string;
    baseAmount: string;
    amount: string | null;
    citation: string;
    url: string;
    provisional?: string;
  }[];
  notApplied: { heading: string; authority: string; measure: string; reason: string; citation?: string }[];
  complete: boolean;
  /** The instant is after the last date the importer's law is confirmed to (`truce status`). */
  beyondHorizon: boolean;
  warnings: string[];
}

export function toJson(r: DutyResult, valueCents: number, extraWarnings: readonly string[] = []): DutyJson {
  const zone = r.importer === "US" ? US_ZONE : CN_ZONE;
  return {
    importer: r.importer,
    code: formatCode(r.code),
    origin: r.origin,
    instant: isoInstant(r.instant),
    entered: formatInZone(r.instant, zone),
    enteredAlso: formatInZone(r.instant, zone === US_ZONE ? CN_ZONE : US_ZONE),
    date: r.date,
    value: formatCents(valueCents),
    total: { rate: r.totalRate, amount: formatCents(r.totalCents) },
    layers: r.layers.map((l) => ({
      heading: l.heading,
      authority: l.authority,
      measure: l.measure,
      label: l.label,
      rate: l.rate,
      rateText: l.rateText,
      base: l.base,
      baseAmount: formatCents(l.baseCents),
      amount: l.amountCents === null ? null : formatCents(l.amountCents),
      citation: l.citation,
      url: l.url,
      ...(l.provisional ? { provisional: l.provisional } : {}),
    })),
    notApplied: r.notApplied.map((n) => ({ ...n })),
    complete: r.complete,
    beyondHorizon: r.beyondHorizon,
    warnings: [...extraWarnings, ...r.warnings],
  };
}

/** Plain-text columns, two spaces apart. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, c.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** A decimal amount as dollars with thousands separators: "-1234.50" → "-$1,234.50". */
export function money(amount: string): string {
  const sign = amount.startsWith("-") ? "-" : "";
  return `${sign}$${amount.replace(/^-/, "").replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;
}

export function toText(j: DutyJson, description?: string): string {
  const out: string[] = [];
  out.push(
    `${j.importer} duty on ${j.code}${description ? ` (${description})` : ""}, origin ${j.origin}, entered ${j.entered} (${j.enteredAlso}), customs value ${money(j.value)}`,
    "",
  );
  const rows = [["Heading", "Authority", "Rate", "Base", "Amount", "Citation"]];
  for (const l of j.layers) {
    rows.push([
      l.heading === "none" ? "(not known)" : l.heading,
      l.authority,
      l.rateText,
      `${l.base} ${money(l.baseAmount)}`,
      l.amount === null ? "n/a" : money(l.amount),
      `${l.citation}${l.provisional ? " [provisional]" : ""}`,
    ]);
  }
  rows.push([
    "Total",
    "",
    `${j.total.rate}%`,
    "",
    money(j.total.amount),
    j.complete ? "" : "(incomplete: see warnings)",
  ]);
  out.push(table(rows));
  if (j.notApplied.length > 0) {
    out.push("", "Considered, not applied:");
    out.push(
      table(
        j.notApplied.map((n) => [
          `  ${n.heading === "none" ? "(no heading)" : n.heading}`,
          n.authority,
          n.reason,
        ]),
      ),
    );
  }
  if (j.warnings.length > 0) out.push("", "Warnings:", ...j.warnings.map((w) => `  - ${w}`));
  return out.join("\n");
}
