import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { historyUnavailableIn } from "../history/history-unavailable";
import type { AppEnv } from "./context";
import { type Problem, ProblemError, problemResponse } from "./problem";

/**
 * Every thrown error becomes a problem response. Problems thrown on purpose keep their status;
 * Hono's own 4xx (a body that is not JSON, a wrong content type) keep theirs; anything else is
 * a bug: logged for `wrangler tail`, answered as a bare 500 with no message or stack.
 */
export const renderError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof ProblemError) {
    return problemResponse(error.problem, headersFor(error));
  }
  if (error instanceof HTTPException && error.status < 500) {
    const detail = error.message || "The request could not be read";
    const problem =
      error.status === 400
        ? new ProblemError("validation_failed", detail, [{ field: "(body)", message: detail }]).problem
        : clientProblem(error.status, detail);
    return problemResponse(problem);
  }
  const unavailable = historyUnavailableIn(error);
  if (unavailable) {
    // The shard's name and the driver's message are for the logs; the caller learns only what
    // is down and when to come back.
    console.error(`${c.req.method} ${new URL(c.req.url).pathname}: ${unavailable.message}`);
    const problem = new ProblemError("unavailable", "History is temporarily unavailable; try again in a minute");
    problem.retryAfterSeconds = HISTORY_RETRY_AFTER_SECONDS;
    return problemResponse(problem.problem, headersFor(problem));
  }
  console.error(`${c.req.method} ${new URL(c.req.url).pathname} failed:`, error);
  return problemResponse(new ProblemError("internal", "Something went wrong on our side; it has been logged").problem);
};

const HISTORY_RETRY_AFTER_SECONDS = 30;

function headersFor(error: ProblemError): Record<string, string> {
  if (error.problem.status === 401) return { "www-authenticate": 'Bearer realm="sipwatch"' };
  if (error.retryAfterSeconds !== undefined) return { "retry-after": String(error.retryAfterSeconds) };
  return {};
}

function clientProblem(status: number, detail: string): Problem {
  return { ...new ProblemError("bad_request", detail).problem, status };
}

export const renderNotFound: NotFoundHandler<AppEnv> = (c) =>
  problemResponse(new ProblemError("not_found", `No route for ${c.req.method} ${new URL(c.req.url).pathname}`).problem);
