/**
 * A code field with search as you type: words or digits go to `GET /v1/search` (ranked codes with
 * their descriptions and parents). A listbox under the field, driven by the arrow keys, Enter and
 * Escape (the ARIA combobox pattern).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { getJson, query } from "./api.js";
import type { SearchHit } from "./types.js";

const LIMIT = 10;
const DELAY_MS = 120;

async function searchCodes(text: string, importer: string, signal: AbortSignal): Promise<SearchHit[]> {
  const nomenclature = importer === "CN" ? "hs" : "hts";
  const answer = await getJson<{ results: SearchHit[] }>(
    `/v1/search?${query({ q: text, nomenclature, limit: String(LIMIT) })}`,
    signal,
  );
  return answer.results;
}

export function CodeSearch({
  value,
  importer,
  onChange,
}: {
  value: string;
  importer: string;
  onChange: (code: string) => void;
}) {
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [typed, setTyped] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if (!typed || value.trim().length < 2) {
      setHits([]);
      return;
    }
    const abort = new AbortController();
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      searchCodes(value.trim(), importer, abort.signal).then(
        (found) => {
          setHits(found);
          setActive(-1);
          setOpen(found.length > 0);
        },
        () => setHits([]),
      );
    }, DELAY_MS);
    return () => {
      clearTimeout(timer.current);
      abort.abort();
    };
  }, [value, importer, typed]);

  const choose = (hit: SearchHit) => {
    onChange(hit.code);
    setTyped(false);
    setOpen(false);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!open || hits.length === 0) return;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setActive((active + 1) % hits.length);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((active - 1 + hits.length) % hits.length);
    } else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      const hit = hits[active];
      if (hit) choose(hit);
    } else if (e.key === "Escape") {
      setOpen(false);
    }
  };
  return (
    <div class="combobox">
      <input
        id="code"
        name="code"
        required
        autoComplete="off"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls="code-hits"
        aria-activedescendant={open && active >= 0 ? `code-hit-${active}` : undefined}
        placeholder="8541.43.00.10 or words: solar modules"
        value={value}
        onInput={(e) => {
          setTyped(true);
          onChange((e.target as HTMLInputElement).value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      {open && (
        <div id="code-hits" role="listbox" aria-label="Codes found">
          {hits.map((hit, i) => (
            <div
              key={hit.code}
              id={`code-hit-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(hit);
              }}
            >
              <span class="code">{hit.code}</span> {hit.description}
              {hit.path.length > 0 && <span class="path">{hit.path.join(" › ")}</span>}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
