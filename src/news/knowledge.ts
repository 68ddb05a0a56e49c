/**
 * What Truce already knows, in the form the news extractors match against: the gazetteer of people,
 * and the measures, instruments, deadlines and timeline events with their dates and rates.
 * SCAFFOLD (issue 13): empty.
 */
export interface NewsKnowledge {
  readonly gazetteer: readonly never[];
}

export const EMPTY_KNOWLEDGE: NewsKnowledge = { gazetteer: [] };
