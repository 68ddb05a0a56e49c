/**
 * Reading the YAML data files (law, events, controls, lists, scenarios): listing them and validating
 * each against its schema. Parsing YAML is most of the start-up of the commands that read large
 * files (the screening lists: ~0.45 s), so a shipped file's parse is kept in the cache, as JSON keyed
 * by a hash of its text and of the parser's version; validation always runs on what is read.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, sep } from "node:path";
import type { z } from "zod";
import { cacheDirOf, cacheOff, keptParse } from "../units/cache.js";
import { packageVersion } from "../units/readers.js";
import { defaultDataDir } from "./data-dir.js";

const require = createRequire(import.meta.url);

/** The YAML parser, loaded on first use: listing files (the source cache's key) needs none. */
let yaml: typeof import("yaml") | undefined;
function parseYaml(text: string): unknown {
  yaml ??= require("yaml") as typeof import("yaml");
  return yaml.parse(text);
}

/** The parse of a file's text: kept in the cache for a file of the shipped data/ (see `keptParse`). */
function parseYamlFile(path: string, text: string): unknown {
  const dataDir = defaultDataDir();
  const within = relative(dataDir, path);
  const shipped = !cacheOff() && !within.startsWith("..") && within !== path;
  const kind = `yaml-${within
    .split(sep)
    .join("-")
    .replace(/[^A-Za-z0-9-]/g, "_")}`;
  return keptParse(
    shipped ? cacheDirOf(join(dataDir, "..")) : undefined,
    kind,
    text,
    `yaml ${packageVersion("yaml")}`,
    () => parseYaml(text),
  );
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
    raw = parseYamlFile(path, readFileSync(path, "utf8"));
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
