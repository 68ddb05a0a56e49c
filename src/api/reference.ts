/**
 * The browsable reference page (`/docs`): the operations of the OpenAPI document with their
 * parameters and answers, and the problem types errors point at. Plain HTML and CSS rendered on the
 * server from `/openapi.json`, so it works offline (no script, no CDN); every text is escaped.
 */

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: unknown;
}

interface Operation {
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, unknown> };
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
}

interface Document {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation> | undefined>;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** `code` spans for backquoted words of a description (after escaping). */
const prose = (text: string | undefined): string =>
  escapeHtml(text ?? "").replace(/`([^`]+)`/g, "<code>$1</code>");

function typeOf(schema: unknown): string {
  const s = schema as { type?: string; enum?: unknown[]; anyOf?: unknown[] } | undefined;
  if (!s) return "";
  if (s.enum) return s.enum.map(String).join(" | ");
  if (s.anyOf) return [...new Set(s.anyOf.map(typeOf))].join(" | ");
  return s.type ?? "";
}

function operation(method: string, path: string, op: Operation): string {
  const id = `${method}-${path}`.replace(/[^a-z0-9]+/gi, "-");
  const params = (op.parameters ?? [])
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${escapeHtml(typeOf(p.schema))}</td><td>${p.required ? "required" : ""}</td><td>${prose(p.description)}</td></tr>`,
    )
    .join("");
  const body = op.requestBody?.content
    ? `<p>Body: ${Object.keys(op.requestBody.content)
        .map((t) => `<code>${escapeHtml(t)}</code>`)
        .join(", ")}</p>`
    : "";
  const responses = Object.entries(op.responses ?? {})
    .map(
      ([status, r]) =>
        `<li><b>${escapeHtml(status)}</b> ${prose(r.description)} ${Object.keys(r.content ?? {})
          .map((t) => `<code>${escapeHtml(t)}</code>`)
          .join(", ")}</li>`,
    )
    .join("");
  return `<section id="${id}"><h3><span class="m">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code></h3>
<p>${prose(op.summary)}</p>${op.description ? `<p>${prose(op.description)}</p>` : ""}
${params ? `<table><thead><tr><th>name</th><th>in</th><th>type</th><th></th><th>what</th></tr></thead><tbody>${params}</tbody></table>` : ""}
${body}<ul>${responses}</ul></section>`;
}

export function referencePage(
  document: unknown,
  problems: Record<string, { status: number; title: string; explains: string }>,
): string {
  const doc = document as Document;
  const ops = Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods ?? {}).map(([method, op]) => ({ method, path, op })),
  );
  const index = ops
    .map(
      ({ method, path, op }) =>
        `<li><a href="#${`${method}-${path}`.replace(/[^a-z0-9]+/gi, "-")}"><span class="m">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code></a> ${prose(op.summary)}</li>`,
    )
    .join("");
  const problemList = Object.entries(problems)
    .map(
      ([type, p]) =>
        `<dt id="${escapeHtml(type)}"><code>/docs#${escapeHtml(type)}</code> ${p.status} ${escapeHtml(p.title)}</dt><dd>${prose(p.explains)}</dd>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} ${escapeHtml(doc.info.version)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#222}
code{font:13px ui-monospace,monospace;background:#f3f3f3;padding:0 .2em}
table{border-collapse:collapse;width:100%;font-size:14px}td,th{border-bottom:1px solid #ddd;padding:.25em .4em;text-align:left;vertical-align:top}
.m{display:inline-block;min-width:3.5em;font-weight:bold;color:#05a}section{border-top:1px solid #ccc;margin-top:1.5rem}
</style></head><body>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${prose(doc.info.description)}</p>
<p>The machine-readable document: <a href="/openapi.json"><code>/openapi.json</code></a> (OpenAPI 3.1).</p>
<h2>Operations</h2><ul>${index}</ul>
${ops.map(({ method, path, op }) => operation(method, path, op)).join("\n")}
<h2 id="problems">Problem types</h2>
<p>Every error is <code>application/problem+json</code> (RFC 9457): <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code>, and for a bad request <code>field</code> and <code>suggestions</code>.</p>
<dl>${problemList}</dl>
</body></html>
`;
}
