import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";

/**
 * The dashboard's API client, typed from the OpenAPI document the Worker publishes (a copy in
 * openapi.json, kept current by a test in workers/; `npm run api:types` turns it into
 * schema.d.ts). The session cookie rides along: the dashboard is served from the same origin.
 */
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  credentials: "same-origin",
  // Looked up per call, not captured once, so tests can stub fetch after this module loads.
  fetch: (request) => globalThis.fetch(request),
});

export type Schemas = components["schemas"];
export type FieldError = { field: string; message: string };

/** An RFC 9457 problem from the API, with sipwatch's stable `code` and per-field errors. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: FieldError[];
  constructor(status: number, problem: Partial<Schemas["Problem"]> | undefined, fallback: string) {
    super(problem?.detail ?? fallback);
    this.status = status;
    this.code = problem?.code ?? "internal";
    this.fieldErrors = problem?.errors ?? [];
  }
  /** The message for one form field ("target", "thresholds.slowMs"), if the API named it. */
  forField(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field)?.message;
  }
}

/** Turns openapi-fetch's `{ data, error, response }` into the data, or throws an ApiError. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  let result: Awaited<typeof call>;
  try {
    result = await call;
  } catch (error) {
    throw new ApiError(0, undefined, `sipwatch is unreachable (${(error as Error).message})`);
  }
  const { data, error, response } = result;
  if (!response.ok || data === undefined) {
    const problem = typeof error === "object" && error ? (error as Partial<Schemas["Problem"]>) : undefined;
    throw new ApiError(response.status, problem, `${response.status} ${response.statusText}`);
  }
  return data as NonNullable<T>;
}

/** Signed-out sessions surface as 401s anywhere; the app listens and shows the sign-in page. */
export const onUnauthenticated = new EventTarget();
const watchSession: Middleware = {
  onResponse({ response }) {
    if (response.status === 401) onUnauthenticated.dispatchEvent(new Event("signed-out"));
  },
};
api.use(watchSession);
