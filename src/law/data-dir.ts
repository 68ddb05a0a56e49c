/** Where the shipped data is: the data/ directory of the package (the one holding law/). */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's data/ directory, found from this module's location (works from src/ and dist/src/). */
export function defaultDataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "data", "law"))) return join(dir, "data");
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the data/ directory with law/ in it");
    dir = parent;
  }
}
