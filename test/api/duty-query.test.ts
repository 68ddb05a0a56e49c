/**
 * GET /v1/duty checks its query once, through the entry contract inside `truce.duty`, instead of
 * also running the route's zod validator before it. This holds the two equal: for good and bad
 * queries of every kind (missing, unknown, misspelt and repeated fields, bad values, every optional
 * field), the status and the bytes of the answer are those of the validator's path (zod on the query
 * as Hono gives it, its issues through `entryValidationProblem`, then `truce.duty`).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/api/app.js";
import { printed } from "../../src/api/http.js";
import { entryProblem, entryValidationProblem } from "../../src/api/problem.js";
import { InputError } from "../../src/entry/errors.js";
import { EntryInputSchema } from "../../src/entry/schema.js";
import { loadTruce, type Truce } from "../../src/truce.js";

let t: Truce;
let app: ReturnType<typeof createApp>;
beforeAll(() => {
  t = loadTruce();
  app = createApp(t);
});

type Query = [string, string][];

/** What the route answered when its zod validator ran first (the hook's problem, else the duty). */
function validatorAnswer(query: Query): { status: number; body: string } {
  const grouped = new Map<string, string[]>();
  for (const [k, v] of query) grouped.set(k, [...(grouped.get(k) ?? []), v]);
  const value = Object.fromEntries([...grouped].map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
  const r = EntryInputSchema.safeParse(value);
  if (!r.success) return { status: 400, body: printed(entryValidationProblem(r.error, value).toJson()) };
  try {
    return { status: 200, body: printed(t.duty(r.data)) };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { status: 400, body: printed(entryProblem(e).toJson()) };
  }
}

const SOLAR: Query = [
  ["code", "8541.43.00.10"],
  ["origin", "CN"],
  ["date", "2025-11-01"],
  ["value", "10000"],
];

/** Queries made from the solar module of TC10 (94%) by one change each, and some of several. */
function queries(): Query[] {
  const without = (q: Query, key: string) => q.filter(([k]) => k !== key);
  const set = (q: Query, key: string, value: string) => [...without(q, key), [key, value]] as Query;
  const out: Query[] = [SOLAR, [...SOLAR].reverse()];
  for (const [key] of SOLAR) {
    out.push(without(SOLAR, key));
    out.push([...SOLAR, [key, "again"]]); // repeated: an array where a string is expected
  }
  for (const [key, value] of [
    ["code", "8541430010"],
    ["code", "8541.43"],
    ["code", "9999.99.99"],
    ["code", ""],
    ["origin", "XX"],
    ["origin", "cn"],
    ["date", "2025-13-01"],
    ["date", "2025-11-01T00:01"],
    ["value", "10,00"],
    ["value", "1,234.56"],
    ["value", "-1"],
    ["value", "1.234"],
  ] as const)
    out.push(set(SOLAR, key, value));
  out.push([...without(SOLAR, "date"), ["at", "2025-11-10T05:01Z"]]);
  out.push([...SOLAR, ["at", "2025-11-10T05:01Z"]]);
  out.push([...without(SOLAR, "origin"), ["orign", "CN"]]);
  out.push([...SOLAR, ["extra", "1"]]);
  out.push([...SOLAR, ["__proto__", "x"]]);
  out.push([["orign", "CN"]]);
  out.push([]);
  out.push([...SOLAR, ["claims", "9903.88.69"], ["claims", "9903.01.32"]]);
  out.push([...SOLAR, ["claims", "9903.88.69 9903.01.32"]]);
  out.push([...SOLAR, ["importer", "XX"]]);
  out.push([
    ["code", "1201.90.19"],
    ["importer", "CN"],
    ["origin", "US"],
    ["at", "2025-11-10T13:01"],
    ["value", "10000"],
    ["excluded", "yes"],
  ]);
  out.push([
    ["code", "7610.10.00"],
    ["origin", "CN"],
    ["date", "2025-09-01"],
    ["value", "1000"],
    ["aluminum_value", "600"],
    ["steel_value", "2000"],
  ]);
  out.push([
    ["code", "6102.20.00.10"],
    ["origin", "CN"],
    ["date", "2025-04-11"],
    ["value", "10000"],
    ["loaded_on", "2025-04-03"],
    ["mode", "vessel"],
    ["mode", "air"],
  ]);
  out.push([...SOLAR, ["quantity", "5"]]);
  out.push([...SOLAR, ["quantity", "5"], ["unit", "kg"]]);
  return out;
}

describe("GET /v1/duty without a route validator", () => {
  it("answers every query with the status and bytes of the validator's path", async () => {
    const statuses = new Set<number>();
    for (const q of queries()) {
      const expected = validatorAnswer(q);
      const r = await app.request(`/v1/duty?${new URLSearchParams(q)}`);
      expect({ query: q, status: r.status, body: await r.text() }).toEqual({ query: q, ...expected });
      statuses.add(r.status);
    }
    expect([...statuses].sort()).toEqual([200, 400]);
    // TC10: 94% = $9,400.00.
    const solar = await (await app.request(`/v1/duty?${new URLSearchParams(SOLAR)}`)).json();
    expect(solar.total).toEqual({ rate: 94, amount: "9400.00" });
  });
});
