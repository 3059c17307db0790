import { z } from "@hono/zod-openapi";
import type { Context } from "hono";

/*
 * LOCAL to the pipeline branch: the api branch builds the shared problem helper (and the auth
 * middleware); unify on merge. RFC 9457 problem details, plus sipwatch's machine-readable code.
 */

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
  })
  .openapi("Problem");

export const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

/** A problem+json response: `return problem(c, 404, "not_found", "Monitor not found", "...")`. */
export function problem<S extends 400 | 404 | 409 | 422 | 502>(
  c: Context,
  status: S,
  code: string,
  title: string,
  detail: string,
) {
  // c.json keeps a content type the caller set; RFC 9457 wants application/problem+json.
  return c.json(
    { type: `https://sipwatch.dev/problems/${code}`, title, status: status as number, detail, code },
    status,
    {
      "content-type": "application/problem+json",
    },
  );
}

/** The one answer for a monitor that does not exist and for one of another organisation: no existence leak. */
export const monitorNotFound = (c: Context, id: string) =>
  problem(c, 404 as const, "not_found", "Monitor not found", `No monitor ${id} in this organisation.`);
