/**
 * Loading what `buildNewsKnowledge` needs from a data directory: the law, the timeline, every
 * deadline, the export controls and the gazetteer. Once per process (the CLI's batch mode and the
 * API share one), never per article.
 */
import { loadControls } from "../controls/load.js";
import { deadlines } from "../law/changes.js";
import { loadEvents } from "../law/events.js";
import type { Law } from "../law/model.js";
import { extractEntities } from "./entities.js";
import { loadGazetteer } from "./gazetteer.js";
import { buildNewsKnowledge, type NewsKnowledge } from "./knowledge.js";
import { extractRates } from "./rates.js";

/** Wide enough for every dated step of the data (the law starts in 2018; deadlines run to 2027). */
const ALL_DATES = { from: { date: "2017-01-01" }, to: { date: "2035-12-31" } };

/**
 * The knowledge, with the extractors prepared: the country and gazetteer patterns compiled and
 * compromise's lexicon built (≈ 120–200 ms of CPU once), so that no article pays for them.
 */
export function loadNewsKnowledge(law: Law, dataDir: string): NewsKnowledge {
  const events = loadEvents(law, dataDir);
  const knowledge = buildNewsKnowledge({
    gazetteer: loadGazetteer(dataDir),
    law,
    events,
    deadlines: deadlines(law, events, ALL_DATES),
    controls: loadControls(dataDir, law.horizon),
  });
  extractRates("US inbound tariffs on Chinese goods rose to 55%.");
  extractEntities("Treasury Secretary Scott Bessent met Jane Example.", knowledge);
  return knowledge;
}
