/**
 * The shapes of the API's answers, taken from the library's own definitions (type imports only:
 * nothing of the server is bundled), so the dashboard follows the contracts when they change.
 */
import type { AveragePoint } from "../../src/analytics/average.js";
import type { changeJson, deadlineJson, eventJson } from "../../src/analytics/timeline.js";
import type { DutyJson } from "../../src/entry/result.js";
import type { EventKind } from "../../src/law/events.js";
import type { ScenarioSpec } from "../../src/law/scenario.js";

export type { EventKind };
export type Duty = DutyJson;
export type Layer = DutyJson["layers"][number];
export type NotApplied = DutyJson["notApplied"][number];
export type Change = ReturnType<typeof changeJson>;
export type Deadline = ReturnType<typeof deadlineJson>;
export type TimelineEvent = ReturnType<typeof eventJson>;
export type Scenario = Pick<ScenarioSpec, "id" | "title" | "description" | "sources">;

export interface Averages {
  points: AveragePoint[];
  metadata: {
    importer: "US" | "CN";
    origin: string;
    weights: string;
    weightsValue: number;
    unmappedValue: number;
    method: string[];
  };
}

/** A search hit of `GET /v1/search`. */
export interface SearchHit {
  code: string;
  description: string;
  path?: string[];
  score?: number;
  matched?: string[];
}

/** `POST /v1/portfolios` (the store). */
export interface PortfolioSaved {
  id: number;
  name: string;
  created: string;
  lines: number;
  errors: { line: number; field: string; detail: string }[];
}

/** `GET /v1/portfolios`. */
export interface PortfolioList {
  portfolios: { id: number; name: string; created: string; lines: number }[];
}

/** The duty on a watched item at one side of a step: its layers and total, or why it cannot be priced. */
export type WatchSide =
  | { instant: string; layers: Layer[]; total: Duty["total"]; notApplied: NotApplied[] }
  | { instant: string; error: { field: string; message: string } };

/** `GET /v1/watchlists/{id}/changes` (the store). */
export interface WatchAnswer {
  id: number;
  name: string;
  now: string;
  since: string;
  upcomingUntil: string;
  items: {
    code: string;
    origin: string;
    importer: "US" | "CN";
    value: string;
    valueGiven: boolean;
    since: string;
    changes: {
      at: string;
      when: string;
      measure: string;
      measures: string[];
      kind: string;
      what: string;
      heading: string;
      authority: string;
      citation: string;
      url: string;
      provisional?: string;
      before: WatchSide;
      after: WatchSide;
    }[];
    upcoming: {
      at: string;
      when: string;
      kind: string;
      summary: string;
      measures: string[];
      citation: string;
      url: string;
      confirmed: boolean;
      before?: WatchSide;
      after?: WatchSide;
    }[];
  }[];
}

/** `GET /v1/watchlists`. */
export interface WatchlistList {
  watchlists: { id: number; name: string; created: string; items: number }[];
}

/** A source instrument as `GET /v1/measures/{id}/history` names it. */
export interface InstrumentRef {
  id: string;
  title: string;
  citation: string;
  url: string;
  grade: "P" | "S" | "W";
}

/** `GET /v1/measures/{id}/history` (the search branch): a measure's dated values across instruments. */
export interface MeasureHistory {
  id: string;
  importer: "US" | "CN";
  authority: string;
  title: string;
  heading: string;
  zone: string;
  origins: string[];
  action: string | null;
  createdBy: InstrumentRef;
  replacedBy: string[];
  history: {
    from: string;
    fromInstant: string;
    to: string | null;
    toInstant: string | null;
    status: string;
    change: string;
    what: string;
    rate: string | null;
    heading: string;
    base: string;
    instrument: InstrumentRef;
    provisional?: string;
    limits?: string[];
    note?: string;
  }[];
  exemptions: {
    heading: string | null;
    claim: string | null;
    reason: string;
    from: string | null;
    until: string | null;
    instrument: InstrumentRef;
  }[];
  inTransit: {
    heading: string | null;
    reason: string | null;
    loadedBefore: string;
    enteredBefore: string;
    modes: string[] | null;
    rate: string | null;
    instrument: InstrumentRef;
  }[];
}
