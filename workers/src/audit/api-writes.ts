/**
 * What each write operation of the API does, for the audit log: "METHOD /api/v1/path" with
 * OpenAPI path templates, exactly as the OpenAPI document names the operation. A test
 * (workers/test/audit/api-writes-coverage.test.ts) fails for any write the document has and
 * this table lacks, so a new route cannot slip past the log.
 */
export interface AuditedWrite {
  /** `<object type>.<verb>`, as the log and its filters show it. */
  action: string;
  objectType: string;
  /**
   * Where the object's id comes from: a path parameter, or the `id` of the JSON the route
   * answers with (a created object).
   */
  objectId: { param: string } | "response";
  /** A parent path parameter named in the summary ("on monitor mon_…"), for writes to a monitor's parts. */
  monitorParam?: string;
  /** The entry belongs to the object's organisation rather than the caller's current one (a new organisation). */
  inObjectOrganisation?: true;
  /**
   * Fields whose values the summary shows ("role: viewer"), for writes whose point is the value
   * and where it is no secret (who was invited as what). Every other field is named only.
   */
  shownValues?: readonly string[];
}

/** A write the middleware does not log itself, and why. */
export interface UnauditedWrite {
  notAudited: string;
}

export type ApiWrite = AuditedWrite | UnauditedWrite;

const param = (name: string) => ({ param: name });

export const API_WRITES: Record<string, ApiWrite> = {
  "POST /api/v1/organisations": {
    action: "organisation.create",
    objectType: "organisation",
    objectId: "response",
    inObjectOrganisation: true,
  },
  "DELETE /api/v1/organisations/current": {
    notAudited: "the organisation's audit log is deleted with it; the Worker logs organisation-deleted instead",
  },
  "PATCH /api/v1/members/{id}": {
    action: "member.update",
    objectType: "member",
    objectId: param("id"),
    shownValues: ["role"],
  },
  "DELETE /api/v1/members/{id}": { action: "member.remove", objectType: "member", objectId: param("id") },
  "POST /api/v1/organisations/current/leave": {
    action: "member.leave",
    objectType: "member",
    objectId: "response",
  },
  "POST /api/v1/invitations": {
    action: "invitation.create",
    objectType: "invitation",
    objectId: "response",
    shownValues: ["email", "role"],
  },
  "DELETE /api/v1/invitations/{id}": { action: "invitation.revoke", objectType: "invitation", objectId: param("id") },
  "POST /api/v1/invitations/{id}/accept": {
    notAudited:
      "recorded by the route itself in the organisation joined (the caller's current organisation is the one they come from)",
  },
  "POST /api/v1/organisations/{id}/activate": {
    notAudited: "switches which organisation the caller's own session shows; changes nothing in any organisation",
  },
  "POST /api/v1/tokens": { action: "token.create", objectType: "token", objectId: "response" },
  "DELETE /api/v1/tokens/{id}": { action: "token.revoke", objectType: "token", objectId: param("id") },
  "POST /api/v1/agents": { action: "agent.create", objectType: "agent", objectId: "response" },
  "DELETE /api/v1/agents/{id}": { action: "agent.revoke", objectType: "agent", objectId: param("id") },
  "POST /api/v1/agent/reports": {
    notAudited:
      "an agent's reports are its work, not changes; its connects and version changes are logged by authenticate-agent",
  },
  "POST /api/v1/monitors": { action: "monitor.create", objectType: "monitor", objectId: "response" },
  "PATCH /api/v1/monitors/{id}": { action: "monitor.update", objectType: "monitor", objectId: param("id") },
  "DELETE /api/v1/monitors/{id}": { action: "monitor.delete", objectType: "monitor", objectId: param("id") },
  "POST /api/v1/monitors/{id}/run": { action: "monitor.run", objectType: "monitor", objectId: param("id") },
  "PUT /api/v1/monitors/{id}/credentials": {
    action: "credentials.update",
    objectType: "credentials",
    objectId: param("id"),
    monitorParam: "id",
  },
  "DELETE /api/v1/monitors/{id}/credentials": {
    action: "credentials.delete",
    objectType: "credentials",
    objectId: param("id"),
    monitorParam: "id",
  },
  "POST /api/v1/monitors/{id}/maintenance": {
    action: "maintenance.create",
    objectType: "maintenance",
    objectId: "response",
    monitorParam: "id",
  },
  "DELETE /api/v1/monitors/{id}/maintenance/{windowId}": {
    action: "maintenance.delete",
    objectType: "maintenance",
    objectId: param("windowId"),
    monitorParam: "id",
  },
  "POST /api/v1/monitors/{id}/mutes": {
    action: "mute.create",
    objectType: "mute",
    objectId: "response",
    monitorParam: "id",
  },
  "POST /api/v1/monitors/{id}/mutes/{muteId}/end": {
    action: "mute.end",
    objectType: "mute",
    objectId: param("muteId"),
    monitorParam: "id",
  },
  "POST /api/v1/channels": { action: "channel.create", objectType: "channel", objectId: "response" },
  "PATCH /api/v1/channels/{id}": { action: "channel.update", objectType: "channel", objectId: param("id") },
  "DELETE /api/v1/channels/{id}": { action: "channel.delete", objectType: "channel", objectId: param("id") },
  "POST /api/v1/channels/{id}/test": {
    notAudited:
      "sends one test message and keeps nothing: no stored object changes (the security suite asserts it stores nothing)",
  },
  "POST /api/v1/status-pages": { action: "status_page.create", objectType: "status_page", objectId: "response" },
  "PATCH /api/v1/status-pages/{id}": {
    action: "status_page.update",
    objectType: "status_page",
    objectId: param("id"),
  },
  "DELETE /api/v1/status-pages/{id}": {
    action: "status_page.delete",
    objectType: "status_page",
    objectId: param("id"),
  },
  "POST /api/v1/incidents/{id}/acknowledge": {
    action: "incident.acknowledge",
    objectType: "incident",
    objectId: param("id"),
  },
  "POST /api/v1/incidents/{id}/updates": { action: "incident.note", objectType: "incident", objectId: param("id") },
  "POST /api/v1/incidents/{id}/resolve": { action: "incident.resolve", objectType: "incident", objectId: param("id") },
};

export const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;

interface CompiledWrite {
  method: string;
  pattern: RegExp;
  params: string[];
  write: ApiWrite;
}

const COMPILED: CompiledWrite[] = Object.entries(API_WRITES).map(([operation, write]) => {
  const [method = "", template = ""] = operation.split(" ");
  const params: string[] = [];
  const source = template
    .split("/")
    .map((segment) => {
      const name = /^\{(\w+)\}$/.exec(segment)?.[1];
      if (!name) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      params.push(name);
      return "([^/]+)";
    })
    .join("/");
  return { method, pattern: new RegExp(`^${source}/?$`), params, write };
});

/** The table's entry for a request, with the path's parameters; null for a path the table does not know. */
export function apiWriteOf(method: string, path: string): { write: ApiWrite; params: Record<string, string> } | null {
  for (const compiled of COMPILED) {
    if (compiled.method !== method) continue;
    const match = compiled.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    compiled.params.forEach((name, i) => {
      params[name] = safeDecode(match[i + 1] ?? "");
    });
    return { write: compiled.write, params };
  }
  return null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
