/**
 * The knowledge the extractors match against, built once per loaded Truce. The one place the doors
 * and the benchmark get it from, so that the builder of knowledge.ts is called from here alone.
 */
import type { Truce } from "../truce.js";
import { EMPTY_KNOWLEDGE, type NewsKnowledge } from "./knowledge.js";

const built = new WeakMap<Truce, NewsKnowledge>();

export function newsKnowledge(truce: Truce): NewsKnowledge {
  let knowledge = built.get(truce);
  if (knowledge === undefined) {
    // The builder of knowledge.ts goes here (the gazetteer, measures, deadlines and events of `truce`).
    knowledge = EMPTY_KNOWLEDGE;
    built.set(truce, knowledge);
  }
  return knowledge;
}
