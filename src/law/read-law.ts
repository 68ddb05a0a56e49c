/**
 * Loads the law from its sources: reads and validates the YAML instrument files of data/law and
 * data/horizon.yaml (yaml, zod), then builds the Law (load.ts), through the source cache.
 */
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { CN_ZONE, knownZoneYears, US_ZONE } from "../units/time.js";
import {
  defaultDataDir,
  HORIZON_FILE,
  type LoadOptions,
  lawOf,
  listReaders,
  loadCachedLaw,
  sourceCacheDir,
  sourceCacheKey,
} from "./load.js";
import type { Law } from "./model.js";
import { type HorizonSpec, horizonFile, type InstrumentFile, instrumentFile } from "./schema.js";
import { writeSources } from "./source-cache.js";
import { readYamlFile, yamlFiles } from "./yaml-files.js";

/** The UTC years whose zone offsets are kept with the law, so that an answer for them need not load Temporal. */
const ANSWER_YEARS = Array.from({ length: 41 }, (_, k) => 2000 + k);

/** Loads and validates every instrument file. Throws LawError listing every problem found. */
export function loadLaw(options: LoadOptions = {}): Law {
  const dataDir = options.dataDir ?? defaultDataDir();
  const key = sourceCacheKey(options);
  const cached = loadCachedLaw(options, key);
  if (cached !== undefined) return cached;
  const lists = listReaders(dataDir);
  const problems: string[] = [];
  const files = instrumentFiles(join(dataDir, "law"), options.filter, problems);
  const horizon = readHorizon(dataDir, problems);
  const law = lawOf({ files, horizon }, lists, problems);
  if (key !== undefined) {
    writeSources(sourceCacheDir(), key, {
      files,
      codes: { US: lists.US.codeListsRead(), CN: lists.CN.codeListsRead() },
      ...(horizon === undefined ? {} : { horizon }),
      zones: knownZoneYears({ [US_ZONE]: ANSWER_YEARS, [CN_ZONE]: ANSWER_YEARS }),
    });
  }
  return law;
}

/** data/horizon.yaml, validated (undefined when the file is absent or invalid: see `problems`). */
function readHorizon(dataDir: string, problems: string[]): HorizonSpec | undefined {
  const path = join(dataDir, HORIZON_FILE);
  if (!existsSync(path)) return undefined;
  return readYamlFile(path, HORIZON_FILE, horizonFile, problems);
}

/** Reads and validates the instrument files under `lawDir`, adding what is wrong to `problems`. */
function instrumentFiles(
  lawDir: string,
  filter: ((file: string) => boolean) | undefined,
  problems: string[],
): { file: string; spec: InstrumentFile }[] {
  const files: { file: string; spec: InstrumentFile }[] = [];
  for (const path of yamlFiles(lawDir)) {
    const file = relative(lawDir, path);
    if (filter && !filter(file)) continue;
    const parsed = readYamlFile(path, file, instrumentFile, problems);
    if (parsed !== undefined) files.push({ file, spec: parsed });
  }
  return files;
}
