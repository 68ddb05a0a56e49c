/**
 * Errors as RFC 9457 problem details (`application/problem+json`): `type`, `title`, `status`,
 * `detail`, and for a bad request the `field` at fault and the `suggestions` (codes it may have
 * meant). The `type` URIs are anchors of the reference page (`/docs`), which explains each.
 */
import { z } from "@hono/zod-openapi";
import type { ZodError } from "zod";
import type { InputError } from "../entry/errors.js";
import { entryInputError } from "../entry/schema.js";
import { formatCode } from "../nomenclature/codes.js";

export const PROBLEM_TYPES = {
  "invalid-entry": {
    status: 400,
    title: "Invalid entry",
    explains:
      "An entry field is missing, unknown, of the wrong type or has a value the law cannot price (a code the schedule does not have, an origin that is not ISO 3166-1, a value with three decimals …). `field` names it; `suggestions` lists codes it may have meant.",
  },
  "invalid-parameter": {
    status: 400,
    title: "Invalid parameter",
    explains:
      "A query parameter, path parameter or body field other than an entry's is missing or wrong; `field` names it.",
  },
  "not-found": {
    status: 404,
    title: "Not found",
    explains: "No such path, or no such code or scenario.",
  },
  "not-acceptable": {
    status: 406,
    title: "Not acceptable",
    explains: "The Accept header asks for a form this endpoint does not give.",
  },
  conflict: {
    status: 409,
    title: "Conflict",
    explains: "The id given is taken (a shipped scenario's, or one saved before without `replace`).",
  },
  "payload-too-large": {
    status: 413,
    title: "Payload too large",
    explains: "The request body is larger than the endpoint's limit (see the endpoint).",
  },
  "unsupported-media-type": {
    status: 415,
    title: "Unsupported media type",
    explains: "The body's Content-Type is not one the endpoint takes.",
  },
  internal: {
    status: 500,
    title: "Internal error",
    explains: "A fault of the service, not of the request; it is logged.",
  },
} as const;

export type ProblemType = keyof typeof PROBLEM_TYPES;

export const ProblemSchema = z
  .object({
    type: z.string().describe("URI reference of the problem type, an anchor of /docs"),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe("what is wrong, naming the field"),
    field: z.string().optional().describe("the parameter or entry field at fault"),
    suggestions: z.array(z.string()).optional().describe("codes it may have meant, dotted"),
  })
  .openapi("Problem");

export type Problem = z.infer<typeof ProblemSchema>;

/** A request the API refuses: a problem of a type, with the field at fault. */
export class ApiProblem extends Error {
  constructor(
    readonly problemType: ProblemType,
    readonly detail: string,
    readonly field?: string,
    readonly suggestions: string[] = [],
  ) {
    super(field ? `${field}: ${detail}` : detail);
  }

  get status(): number {
    return PROBLEM_TYPES[this.problemType].status;
  }

  toJson(): Problem {
    const t = PROBLEM_TYPES[this.problemType];
    return {
      type: `/docs#${this.problemType}`,
      title: t.title,
      status: t.status,
      detail: this.message,
      ...(this.field === undefined ? {} : { field: this.field, suggestions: this.suggestions }),
    };
  }
}

/** A bad entry as a problem: the InputError's field and detail, its suggestions dotted. */
export function entryProblem(e: InputError): ApiProblem {
  return new ApiProblem("invalid-entry", e.detail, e.field, e.suggestions.map(formatCode));
}

/** A parameter the zod schema of a route refused, naming the first field at fault. */
export function parameterProblem(error: ZodError): ApiProblem {
  const issue = error.issues.find((i) => i.code === "unrecognized_keys") ?? error.issues[0];
  if (issue?.code === "unrecognized_keys")
    return new ApiProblem("invalid-parameter", "is not a parameter of this endpoint", issue.keys[0]);
  const field = issue?.path.map(String).join(".") || "request";
  return new ApiProblem("invalid-parameter", issue?.message ?? "is invalid", field);
}

/** The problem of a request an entry route's schema refused: through the entry contract's own wording. */
export function entryValidationProblem(error: ZodError, input: unknown): ApiProblem {
  return entryProblem(entryInputError(error, input));
}
