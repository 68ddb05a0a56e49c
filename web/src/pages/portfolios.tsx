/**
 * Portfolios: a CSV of entries (the batch columns: code, origin, date, value, and any of the
 * optional ones) uploaded with progress and priced row by row through `POST /v1/batch`; the
 * answer, one row per input row with its total and error, is offered as a CSV download.
 */
import { useEffect, useState } from "preact/hooks";
import type { ApiError } from "../api.js";
import { ErrorNote } from "../components.js";
import { type Progress, upload } from "../upload.js";

interface Priced {
  name: string;
  rows: string;
  errors: string;
  value: string;
  duty: string;
  url: string;
}

function ProgressBar({ progress }: { progress: Progress }) {
  const label = { sending: "Sending", computing: "Computing the duties", receiving: "Receiving" }[
    progress.phase
  ];
  return (
    <p aria-live="polite">
      <label>
        {label}…{" "}
        <progress id="upload-progress" max={1} value={progress.fraction ?? undefined}>
          {progress.fraction === null ? "" : `${Math.round(progress.fraction * 100)}%`}
        </progress>
      </label>
    </p>
  );
}

export function PortfoliosPage() {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [priced, setPriced] = useState<Priced | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  // The download's object URL lives as long as its result is shown.
  useEffect(() => () => priced && URL.revokeObjectURL(priced.url), [priced]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    setError(null);
    setPriced(null);
    setProgress({ phase: "sending", fraction: 0 });
    try {
      const answer = await upload("POST", "/v1/batch", file, { "content-type": "text/csv" }, setProgress);
      const header = (n: string) => answer.headers(n) ?? "";
      setPriced({
        name: `${file.name.replace(/\.csv$/i, "")}-duties.csv`,
        rows: header("truce-rows"),
        errors: header("truce-errors"),
        value: header("truce-value"),
        duty: header("truce-duty"),
        url: URL.createObjectURL(answer.body),
      });
    } catch (err) {
      setError(err as Error);
    } finally {
      setProgress(null);
    }
  };

  return (
    <section aria-labelledby="portfolios-title">
      <h1 id="portfolios-title">Portfolios</h1>
      <form class="entry" onSubmit={submit}>
        <p>
          A CSV with a header row: <code>code,origin,date,value</code>, and any of the optional entry columns
          (<code>at</code>, <code>importer</code>, <code>steel_value</code>, <code>claims</code> …; see{" "}
          <a href="/docs">the API reference</a>). Every row gets its duty or the error naming its field.
        </p>
        <label>
          Portfolio file (CSV)
          <input
            type="file"
            name="portfolio"
            accept=".csv,text/csv"
            required
            onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)}
          />
        </label>
        <button type="submit" disabled={!file || progress !== null}>
          Upload and price
        </button>
      </form>
      {progress && <ProgressBar progress={progress} />}
      {error && <ErrorNote error={error} />}
      {priced && (
        <div class="answer" id="portfolio-result">
          <p>
            <strong data-testid="portfolio-rows">{priced.rows}</strong> rows,{" "}
            <strong data-testid="portfolio-errors">{priced.errors}</strong> with errors; value ${priced.value}
            , duty <strong data-testid="portfolio-duty">${priced.duty}</strong>.
          </p>
          <p>
            <a href={priced.url} download={priced.name}>
              Download the duties (CSV)
            </a>
          </p>
        </div>
      )}
    </section>
  );
}
