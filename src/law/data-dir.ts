/** Where the shipped data is: the data/ directory of the package (the one holding law/). */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let found: string | undefined;

/**
 * The repository's data/ directory, found from this module's location (works from src/ and
 * dist/src/); found once (every shipped YAML file read asks for it).
 */
export function defaultDataDir(): string {
  if (found !== undefined) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "data", "law"))) {
      found = join(dir, "data");
      return found;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the data/ directory with law/ in it");
    dir = parent;
  }
}
