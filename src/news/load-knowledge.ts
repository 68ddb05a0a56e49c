/**
 * Loading what `buildNewsKnowledge` needs from a data directory: the law, the timeline, every
 * deadline, the export controls and the gazetteer. Once per process (the CLI's batch mode and the
 * API share one), never per article.
 */
import { loadControls } from "../controls/load.js";
import { deadlines } from "../law/changes.js";
import { loadEvents } from "../law/events.js";
import type { Law } from "../law/model.js";
import { loadGazetteer } from "./gazetteer.js";
import { buildNewsKnowledge, type NewsKnowledge } from "./knowledge.js";

/** Wide enough for every dated step of the data (the law starts in 2018; deadlines run to 2027). */
const ALL_DATES = { from: { date: "2017-01-01" }, to: { date: "2035-12-31" } };

export function loadNewsKnowledge(law: Law, dataDir: string): NewsKnowledge {
  const events = loadEvents(law, dataDir);
  return buildNewsKnowledge({
    gazetteer: loadGazetteer(dataDir),
    law,
    events,
    deadlines: deadlines(law, events, ALL_DATES),
    controls: loadControls(dataDir, law.horizon),
  });
}
