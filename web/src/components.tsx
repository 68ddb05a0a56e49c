/** Small pieces every page uses: a source link, the state of a request, an error. */
import type { ComponentChildren } from "preact";
import type { ApiError, Loaded } from "./api.js";

/** A link to a source, only for an http(s) address; anything else is shown as text. */
export function SourceLink({ url, children }: { url: string | undefined; children?: ComponentChildren }) {
  const text = children ?? url;
  if (!url || !/^https?:\/\//i.test(url)) return <span>{text}</span>;
  return (
    <a href={url} rel="noopener noreferrer" target="_blank">
      {text}
    </a>
  );
}

export function ErrorNote({ error }: { error: ApiError | Error }) {
  const field = "field" in error && error.field ? `${error.field}: ` : "";
  return (
    <p class="error" role="alert">
      {field}
      {error.message}
    </p>
  );
}

/** Renders a request's answer, or says it is loading or why it failed. */
export function Show<T>({
  loaded,
  what,
  children,
}: {
  loaded: Loaded<T>;
  what: string;
  children: (value: T) => ComponentChildren;
}) {
  if (loaded.state === "loading")
    return (
      <p class="loading" aria-live="polite">
        Loading {what}…
      </p>
    );
  if (loaded.state === "failed") return <ErrorNote error={loaded.error} />;
  return <>{children(loaded.value)}</>;
}
