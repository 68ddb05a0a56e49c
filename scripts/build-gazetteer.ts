/**
 * Build the news gazetteer (data/news/gazetteer.yaml) from the participants of the timeline
 * (data/events/*.yaml) and the hand-kept names, places and organisations of
 * data/news/gazetteer-sources.yaml. Deterministic; test/news/gazetteer.test.ts fails when the
 * shipped file is not what this derives.
 *
 *   npx tsx scripts/build-gazetteer.ts
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { defaultDataDir } from "../src/law/load.js";
import {
  deriveGazetteer,
  GAZETTEER_FILE,
  gazetteerHeader,
  readGazetteerInputs,
} from "../src/news/gazetteer.js";

const dataDir = defaultDataDir();
const { sightings, sources } = readGazetteerInputs(dataDir);
const gazetteer = deriveGazetteer(sightings, sources);
writeFileSync(join(dataDir, GAZETTEER_FILE), gazetteerHeader + stringify(gazetteer, { lineWidth: 0 }));
console.log(
  `${GAZETTEER_FILE}: ${gazetteer.people.length} people, ${gazetteer.places.length} places, ${gazetteer.organisations.length} organisations`,
);
