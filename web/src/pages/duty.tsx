/**
 * The duty calculator: an entry's fields (the API's query parameters, which are the batch
 * columns) in a form; submitting puts them in the URL, and the URL is what is priced, so a link
 * reproduces the answer. The layers come with their citations linked to their sources, and the
 * measures considered but not applied with the reason.
 */
import { useEffect, useState } from "preact/hooks";
import { query, today, useJson } from "../api.js";
import { CodeSearch } from "../code-search.js";
import { Show, SourceLink } from "../components.js";
import { money } from "../format.js";
import { href } from "../route.js";
import type { Duty } from "../types.js";

/** The entry fields the form edits, in the order of the batch columns. */
const FIELDS = [
  "code",
  "origin",
  "date",
  "at",
  "value",
  "importer",
  "quantity",
  "unit",
  "steel_value",
  "aluminum_value",
  "copper_value",
  "loaded_on",
  "mode",
  "excluded",
  "claims",
] as const;
type Field = (typeof FIELDS)[number];
type Fields = Record<Field, string>;

/** The metal-content fields (Section 232 derivatives), each an amount in dollars. */
const METAL_FIELDS: readonly [Field, string][] = [
  ["steel_value", "Steel content (USD)"],
  ["aluminum_value", "Aluminum content (USD)"],
  ["copper_value", "Copper content (USD)"],
];

function fieldsOf(q: URLSearchParams): Fields {
  const out = Object.fromEntries(FIELDS.map((f) => [f, q.getAll(f).join(" ")])) as Fields;
  if (!q.has("code")) {
    out.origin = "CN";
    out.date = today();
  }
  return out;
}

/** The query of an entry; a date is left out when an instant is given. */
function entryQuery(f: Fields): Record<string, string | undefined> {
  return Object.fromEntries(
    FIELDS.map((k) => [k, k === "date" && f.at.trim() ? undefined : f[k].trim() || undefined]),
  );
}

function complete(q: URLSearchParams): boolean {
  return ["code", "origin", "value"].every((k) => q.get(k)) && Boolean(q.get("date") || q.get("at"));
}

export function DutyPage({ query: q }: { query: URLSearchParams }) {
  const [f, setF] = useState<Fields>(() => fieldsOf(q));
  const key = q.toString();
  useEffect(() => setF(fieldsOf(new URLSearchParams(key))), [key]);
  const set = (k: Field) => (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).value });
  const asked = complete(q) ? `/v1/duty?${query(entryQuery(fieldsOf(q)))}` : null;
  const answer = useJson<Duty>(asked);
  const submit = (e: Event) => {
    e.preventDefault();
    location.hash = href("duty", entryQuery(f));
  };
  const more = [
    "quantity",
    "steel_value",
    "aluminum_value",
    "copper_value",
    "loaded_on",
    "mode",
    "excluded",
    "claims",
    "at",
  ].some((k) => q.get(k));
  return (
    <section aria-labelledby="duty-title">
      <h1 id="duty-title">Duty calculator</h1>
      <form class="entry" onSubmit={submit}>
        <div class="row">
          <label for="code">HTS code or words</label>
          <CodeSearch
            value={f.code}
            importer={f.importer || "US"}
            onChange={(code) => setF({ ...f, code })}
          />
        </div>
        <div class="grid">
          <label>
            Importer
            <select name="importer" value={f.importer || "US"} onChange={set("importer")}>
              <option value="US">United States</option>
              <option value="CN">China</option>
            </select>
          </label>
          <label>
            Origin (ISO code)
            <input name="origin" required value={f.origin} onInput={set("origin")} maxLength={2} size={3} />
          </label>
          <label>
            Date of entry
            <input name="date" type="date" value={f.date} onInput={set("date")} />
          </label>
          <label>
            Customs value (USD)
            <input name="value" required inputMode="decimal" value={f.value} onInput={set("value")} />
          </label>
        </div>
        <details open={more}>
          <summary>Instant, metal content, claims, transit, quantity</summary>
          <div class="grid">
            <label>
              Instant (instead of the date)
              <input name="at" placeholder="2025-11-10T13:01" value={f.at} onInput={set("at")} />
            </label>
            {METAL_FIELDS.map(([field, label]) => (
              <label key={field}>
                {label}
                <input name={field} inputMode="decimal" value={f[field]} onInput={set(field)} />
              </label>
            ))}
            <label>
              Claims (Chapter 99 headings)
              <input name="claims" placeholder="9903.88.69" value={f.claims} onInput={set("claims")} />
            </label>
            <label>
              Loaded on
              <input
                name="loaded_on"
                placeholder="2025-04-03"
                value={f.loaded_on}
                onInput={set("loaded_on")}
              />
            </label>
            <label>
              Mode of transport
              <select name="mode" value={f.mode} onChange={set("mode")}>
                <option value="">not given</option>
                {["vessel", "air", "truck", "rail", "postal"].map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Quantity
              <input name="quantity" inputMode="decimal" value={f.quantity} onInput={set("quantity")} />
            </label>
            <label>
              Unit
              <input name="unit" placeholder="kg" value={f.unit} onInput={set("unit")} />
            </label>
            <label>
              Importer's exclusion (China)
              <select name="excluded" value={f.excluded} onChange={set("excluded")}>
                <option value="">not given</option>
                <option value="yes">yes</option>
                <option value="no">no</option>
              </select>
            </label>
          </div>
        </details>
        <button type="submit">Compute the duty</button>
      </form>
      {asked && (
        <Show loaded={answer} what="the duty">
          {(duty) => <Answer duty={duty} apiPath={asked} />}
        </Show>
      )}
      {answer.state === "failed" && "suggestions" in answer.error && answer.error.suggestions.length > 0 && (
        <p>
          Did you mean:{" "}
          {answer.error.suggestions.map((code) => (
            <a key={code} class="suggestion" href={href("duty", { ...entryQuery(fieldsOf(q)), code })}>
              {code}
            </a>
          ))}
        </p>
      )}
    </section>
  );
}

function Answer({ duty, apiPath }: { duty: Duty; apiPath: string }) {
  return (
    <div class="answer" aria-live="polite">
      <p class="total">
        <strong data-testid="total-rate">{duty.total.rate}%</strong> ·{" "}
        <strong data-testid="total-amount">{money(duty.total.amount)}</strong> on {money(duty.value)} of{" "}
        {duty.code} from {duty.origin}, entered {duty.entered} ({duty.enteredAlso})
        {!duty.complete && " — incomplete: an amount could not be computed (see the warnings)"}
      </p>
      {duty.beyondHorizon && (
        <p class="warning">After the last date the law data is confirmed to: the answer may change.</p>
      )}
      <div class="scroll">
        <table id="layers">
          <caption>Layers applied</caption>
          <thead>
            <tr>
              <th scope="col">Heading</th>
              <th scope="col">Measure</th>
              <th scope="col">Rate</th>
              <th scope="col">Base</th>
              <th scope="col">Amount</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {duty.layers.map((l) => (
              <tr key={`${l.measure}-${l.heading}`} class={l.provisional ? "provisional" : undefined}>
                <td class="code">{l.heading}</td>
                <td>
                  <a href={href(`measure/${encodeURIComponent(l.measure)}`)}>{l.label}</a>
                  <span class="authority">{l.authority}</span>
                  {l.provisional && <span class="flag">provisional: {l.provisional}</span>}
                </td>
                <td>{l.rateText}</td>
                <td>
                  {l.base} {money(l.baseAmount)}
                </td>
                <td class="num">{money(l.amount)}</td>
                <td>
                  <SourceLink url={l.url}>{l.citation}</SourceLink>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {duty.notApplied.length > 0 && (
        <div class="scroll">
          <table id="not-applied">
            <caption>Considered and not applied</caption>
            <thead>
              <tr>
                <th scope="col">Heading</th>
                <th scope="col">Measure</th>
                <th scope="col">Why not</th>
              </tr>
            </thead>
            <tbody>
              {duty.notApplied.map((n) => (
                <tr key={`${n.measure}-${n.heading}`}>
                  <td class="code">{n.heading}</td>
                  <td>
                    <a href={href(`measure/${encodeURIComponent(n.measure)}`)}>{n.measure}</a>
                    <span class="authority">{n.authority}</span>
                  </td>
                  <td>{n.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {duty.warnings.length > 0 && (
        <ul class="warnings" aria-label="Warnings">
          {duty.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <p>
        <a href={apiPath}>This answer as JSON</a> (what <code>truce duty … --json</code> prints)
      </p>
    </div>
  );
}
