/** Reading the YAML data files (law, events, scenarios): listing them and validating each against its schema. */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { z } from "zod";

/** The YAML parser, loaded on first use: listing files (the source cache's key) needs none. */
let yaml: typeof import("yaml") | undefined;
function parseYaml(text: string): unknown {
  yaml ??= createRequire(import.meta.url)("yaml") as typeof import("yaml");
  return yaml.parse(text);
}

export const isYamlFile = (name: string): boolean => /\.ya?ml$/.test(name);

/** Every file under a directory (its subdirectories included) whose name passes `accept`, sorted. */
export function filesUnder(dir: string, accept: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(p, accept));
    else if (accept(entry.name)) out.push(p);
  }
  return out.sort();
}

/** Every .yaml/.yml file under a directory, sorted. */
export function yamlFiles(dir: string): string[] {
  return filesUnder(dir, isYamlFile);
}

/**
 * Reads and validates one file; on failure adds "file: field.path: message" lines to `problems`
 * and returns undefined.
 */
export function readYamlFile<S extends z.ZodType>(
  path: string,
  file: string,
  schema: S,
  problems: string[],
): z.infer<S> | undefined {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, "utf8"));
  } catch (e) {
    problems.push(`${file}: not valid YAML: ${(e as Error).message}`);
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${file}: ${issue.path.join(".") || "(file)"}: ${issue.message}`);
    }
    return undefined;
  }
  return parsed.data;
}
