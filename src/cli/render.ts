/** Renders a duty result (its JSON contract, src/entry/result.ts) as a readable table. */
import type { DutyJson } from "../entry/result.js";

/** `text` cut to `width` characters, with an ellipsis when cut. */
export function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
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
  out.push(...layerCaveats(j));
  if (j.warnings.length > 0) out.push("", "Warnings:", ...j.warnings.map((w) => `  - ${w}`));
  return out.join("\n");
}

/**
 * Why a layer is marked provisional (each unconfirmed fact and what would confirm it) and what the
 * model of its measure leaves out: the JSON's `unconfirmed` and `limits`, so a reader of the table
 * is not left with a bare "[provisional]".
 */
function layerCaveats(j: DutyJson): string[] {
  const unconfirmed: string[] = [];
  const limits: string[] = [];
  for (const l of j.layers) {
    for (const f of l.unconfirmed ?? [])
      unconfirmed.push(`  - ${l.heading}: ${f.fact} (to confirm: ${f.confirmBy})`);
    if (!l.unconfirmed?.length && l.provisional) unconfirmed.push(`  - ${l.heading}: ${l.provisional}`);
    for (const limit of l.limits ?? []) limits.push(`  - ${l.heading}: ${limit}`);
  }
  return [
    ...(unconfirmed.length > 0 ? ["", "Provisional, not confirmed:", ...unconfirmed] : []),
    ...(limits.length > 0 ? ["", "What the model leaves out:", ...limits] : []),
  ];
}
