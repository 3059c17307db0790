import { z } from "@hono/zod-openapi";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The stable codes clients branch on; `type` is derived from them. */
export type ProblemCode =
  | "validation_failed"
  | "bad_request"
  | "unauthenticated"
  | "forbidden"
  | "role_too_low"
  | "not_found"
  | "conflict"
  | "limit_reached"
  | "too_large"
  | "rate_limited"
  | "internal"
  | "unavailable";

export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem detail, plus sipwatch's `code` (and `errors` for validation). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  errors?: FieldError[];
}

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: "urn:sipwatch:problem:not_found" }),
    title: z.string().openapi({ example: "Not found" }),
    status: z.number().int().openapi({ example: 404 }),
    detail: z.string().openapi({ example: "No monitor mon_abc" }),
    code: z.enum([
      "validation_failed",
      "bad_request",
      "unauthenticated",
      "forbidden",
      "role_too_low",
      "not_found",
      "conflict",
      "limit_reached",
      "too_large",
      "rate_limited",
      "internal",
      "unavailable",
    ]),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

const TITLES: Record<ProblemCode, { status: ContentfulStatusCode; title: string }> = {
  validation_failed: { status: 400, title: "Invalid request" },
  /** Refused before validation, with Hono's status (415 for a body that is not JSON, say). */
  bad_request: { status: 400, title: "Request not accepted" },
  unauthenticated: { status: 401, title: "Not signed in" },
  forbidden: { status: 403, title: "Not allowed" },
  /** The caller's role is below the one the operation needs (middleware/require-role.ts). */
  role_too_low: { status: 403, title: "Role too low" },
  not_found: { status: 404, title: "Not found" },
  conflict: { status: 409, title: "Conflict" },
  limit_reached: { status: 409, title: "Limit reached" },
  too_large: { status: 413, title: "Request too large" },
  /** Sent with Retry-After (error-handlers.ts). */
  rate_limited: { status: 429, title: "Too many requests" },
  internal: { status: 500, title: "Internal error" },
  /** A part of the service is down for a while (a history shard); sent with Retry-After. */
  unavailable: { status: 503, title: "Temporarily unavailable" },
};

/**
 * Thrown by routes and middleware to answer with a problem; `app.onError` renders it. Only
 * for answers to the caller (404, 401...): bugs stay plain errors and become a 500.
 */
export class ProblemError extends Error {
  readonly problem: Problem;
  /** Rate limits: how long the caller should wait, sent as Retry-After. */
  retryAfterSeconds?: number;
  constructor(code: ProblemCode, detail: string, errors?: FieldError[]) {
    super(detail);
    const { status, title } = TITLES[code];
    this.problem = { type: `urn:sipwatch:problem:${code}`, title, status, detail, code, ...(errors ? { errors } : {}) };
  }
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}

/** A 400 naming the offending fields: what a client shows next to the form inputs. */
export function validationProblem(errors: FieldError[]): ProblemError {
  const named = errors.map((e) => e.field).join(", ");
  return new ProblemError("validation_failed", `Invalid ${named}`, errors);
}

/** Zod issues as field errors: `thresholds.slowMs`, `regions.2`, or the issue's own message at the root. */
export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join(".") : "(body)",
    message: issue.message,
  }));
}

type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429;
const RESPONSE_DESCRIPTIONS: Record<ProblemStatus, string> = {
  400: "The request is invalid; `errors` names the fields",
  401: "No valid session or bearer token",
  403: "The caller may not do this",
  404: "No such resource in the caller's organisation",
  409: "Conflicts with existing data or a limit",
  413: "The body is larger than this route takes",
  429: "Too many requests from this address or with this credential; Retry-After says when to try again",
};
type ProblemResponse = {
  description: string;
  content: { "application/problem+json": { schema: typeof ProblemSchema } };
};

/** OpenAPI response entries for the problems a route can answer with (every route may also 401). */
export function problemResponses<S extends ProblemStatus>(...statuses: S[]): { [K in S]: ProblemResponse } {
  const entries = statuses.map((status) => [
    status,
    { description: RESPONSE_DESCRIPTIONS[status], content: { "application/problem+json": { schema: ProblemSchema } } },
  ]);
  return Object.fromEntries(entries) as { [K in S]: ProblemResponse };
}
