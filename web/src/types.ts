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
