import type { MiddlewareHandler } from "hono";
import { apiWriteOf, WRITE_METHODS } from "../../audit/api-writes";
import { actorOfCaller, recordAudit } from "../../audit/record";
import type { AppEnv } from "../context";

const FIELDS_LISTED = 20;
const SHOWN_VALUE_CHARS = 120;

/**
 * Logs every successful write under /api/v1 (audit/api-writes.ts says which action on which
 * object): after the route answered 2xx, in the same request. A refused or failed write (4xx,
 * 5xx) changed nothing and is not logged. The summary names the fields the request sent, never
 * their values, so a password or a webhook secret never reaches the log.
 */
export const auditWrites: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (!(WRITE_METHODS as readonly string[]).includes(c.req.method)) return;
  if (c.res.status < 200 || c.res.status >= 300) return;
  const found = apiWriteOf(c.req.method, c.req.path);
  if (!found || "notAudited" in found.write) return;
  const { write, params } = found;
  const caller = c.var.caller;
  const { db } = c.var.services;
  try {
    const created = write.objectId === "response" ? await createdId(c.res) : null;
    const objectId = write.objectId === "response" ? created : (params[write.objectId.param] ?? null);
    const organisationId = write.inObjectOrganisation && objectId ? objectId : caller.organisationId;
    const parts = [
      write.monitorParam ? `on monitor ${params[write.monitorParam]}` : null,
      fieldsSummary(await sentBody(c.req.raw.headers.get("content-type"), () => c.req.json()), write.shownValues ?? []),
    ].filter((part): part is string => Boolean(part));
    await recordAudit(db, organisationId, await actorOfCaller(db, caller), {
      action: write.action,
      objectType: write.objectType,
      objectId,
      summary: parts.join("; "),
    });
  } catch (error) {
    // The write is done and answered; a log entry that could not be stored must not turn it
    // into an error the client would retry. It is reported for the operator instead.
    console.error(JSON.stringify({ event: "audit-write-failed", path: c.req.path, error: String(error) }));
  }
};

async function createdId(response: Response): Promise<string | null> {
  if (!response.headers.get("content-type")?.includes("json")) return null;
  const body = (await response.clone().json()) as { id?: unknown };
  return typeof body?.id === "string" ? body.id : null;
}

/** The JSON object the request sent (bodies are small and already parsed), or an empty one. */
async function sentBody(contentType: string | null, json: () => Promise<unknown>): Promise<Record<string, unknown>> {
  if (!contentType?.includes("json")) return {};
  try {
    const body = await json();
    return body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** "email: a@b.example; role: viewer" for the shown values, then "fields: …" naming the others. */
function fieldsSummary(body: Record<string, unknown>, shown: readonly string[]): string | null {
  const withValue = shown.filter((field) => typeof body[field] === "string");
  // Values come from the caller: one line each, bounded.
  const values = withValue.map(
    (field) =>
      `${field}: ${String(body[field])
        .replace(/\p{Cc}+/gu, " ")
        .slice(0, SHOWN_VALUE_CHARS)}`,
  );
  const named = Object.keys(body)
    .filter((field) => !withValue.includes(field))
    .sort();
  if (named.length > 0) {
    values.push(`fields: ${named.slice(0, FIELDS_LISTED).join(", ")}${named.length > FIELDS_LISTED ? ", …" : ""}`);
  }
  return values.length > 0 ? values.join("; ") : null;
}
