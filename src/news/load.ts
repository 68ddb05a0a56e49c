/**
 * The knowledge the extractors match against, built once per loaded Truce (from the data directory
 * it was loaded from, the default one, as the doors load it). The one place the doors and the
 * benchmark get it from.
 */
import { defaultDataDir } from "../law/load.js";
import type { Truce } from "../truce.js";
import type { NewsKnowledge } from "./knowledge.js";
import { loadNewsKnowledge } from "./load-knowledge.js";

const built = new WeakMap<Truce, NewsKnowledge>();

export function newsKnowledge(truce: Truce): NewsKnowledge {
  let knowledge = built.get(truce);
  if (knowledge === undefined) {
    knowledge = loadNewsKnowledge(truce.law, defaultDataDir());
    built.set(truce, knowledge);
  }
  return knowledge;
}
