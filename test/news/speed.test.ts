/**
 * Speed of the extractors of rates, entities and events (CPU time, so that other work on the machine
 * does not count): the knowledge is built once per process; then a 2,000-word article must leave most
 * of the 100 ms budget of the whole pipeline (issue 13) to cleaning and dates.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadControls } from "../../src/controls/load.js";
import { deadlines } from "../../src/law/changes.js";
import { loadEvents, type TimelineEvent } from "../../src/law/events.js";
import { defaultDataDir } from "../../src/law/load.js";
import type { Law } from "../../src/law/model.js";
import { loadLaw } from "../../src/law/read-law.js";
import { loadGazetteer } from "../../src/news/gazetteer.js";
import { buildNewsKnowledge, type KnowledgeInputs, type NewsKnowledge } from "../../src/news/knowledge.js";
import { longArticle } from "./article.js";
import { extractAll, published } from "./helpers.js";

/** CPU milliseconds (user + system) that `run` takes, the least of `times` runs. */
function cpuMs(run: () => void, times: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < times; i++) {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

let inputs: KnowledgeInputs;
let knowledge: NewsKnowledge;
beforeAll(() => {
  const dataDir = defaultDataDir();
  const law: Law = loadLaw();
  const events: TimelineEvent[] = loadEvents(law, dataDir);
  inputs = {
    gazetteer: loadGazetteer(dataDir),
    law,
    events,
    deadlines: deadlines(law, events, { from: { date: "2017-01-01" }, to: { date: "2035-12-31" } }),
    controls: loadControls(dataDir, law.horizon),
  };
  knowledge = buildNewsKnowledge(inputs);
});

describe("speed of rates, entities and events", () => {
  it("builds the knowledge in well under a second, once per process", () => {
    expect(cpuMs(() => buildNewsKnowledge(inputs), 3)).toBeLessThan(100);
  });

  it("reads a 2,000-word article in under 40 ms of CPU once warm", () => {
    const text = longArticle(2_000);
    expect(text.split(/\s+/).length).toBeGreaterThanOrEqual(2_000);
    const at = published("2025-10-25T20:00:00+08:00", "Asia/Shanghai");
    extractAll(text, [], knowledge, at);
    expect(cpuMs(() => extractAll(text, [], knowledge, at), 3)).toBeLessThan(40);
  });
});
