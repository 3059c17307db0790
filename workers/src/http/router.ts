import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "./context";
import { fieldErrorsFromZod, validationProblem } from "./problem";

/**
 * An API router whose request validation fails as a 400 problem naming the fields. Validation
 * hooks belong to each OpenAPIHono instance, so every router under /api/v1 is made here.
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationProblem(fieldErrorsFromZod(result.error));
    },
  });
}

/** An OpenAPI response with a JSON body. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** A body a route requires, as JSON. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } };
}

/** `{id}` in a path. */
export const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" } }),
});

/** A PATCH body must change something: an empty one is a 400 rather than a silent no-op. */
export function changesSomething<T extends z.ZodType<Record<string, unknown>>>(schema: T): T {
  return schema.refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: "names nothing to change",
  }) as unknown as T;
}
