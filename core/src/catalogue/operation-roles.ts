import { type Role, roleAtLeast } from "./roles";

/**
 * The least role that may call each operation of the API (`METHOD /api/v1/path-template`, as
 * the OpenAPI document spells it). The API refuses an operation missing from this table, and a
 * test holds it to exactly the document's operations, so a new route cannot ship without a role.
 * Reads are for viewers except the inventories of credentials (tokens, agents).
 */
export const OPERATION_ROLES = {
  "GET /api/v1/organisations": "viewer",
  // Creating one's own organisation and switching to another concern no role in this one.
  "POST /api/v1/organisations": "viewer",
  "GET /api/v1/organisations/current": "viewer",
  "POST /api/v1/organisations/{id}/activate": "viewer",
  // Everything in the organisation goes with it: its owners' call alone.
  "DELETE /api/v1/organisations/current": "owner",

  "GET /api/v1/members": "viewer",
  "PATCH /api/v1/members/{id}": "admin",
  "DELETE /api/v1/members/{id}": "admin",
  // Anyone may leave; the last owner may not (members/role-rules.ts).
  "POST /api/v1/organisations/current/leave": "viewer",
  "GET /api/v1/invitations": "admin",
  "POST /api/v1/invitations": "admin",
  "DELETE /api/v1/invitations/{id}": "admin",
  // The invitee acts from their own organisation, in any role; the invitation names who may.
  "GET /api/v1/invitations/{id}/invitee-view": "viewer",
  "POST /api/v1/invitations/{id}/accept": "viewer",

  "GET /api/v1/audit": "viewer",
  "GET /api/v1/audit/export": "viewer",

  "GET /api/v1/tokens": "admin",
  "POST /api/v1/tokens": "admin",
  "DELETE /api/v1/tokens/{id}": "admin",

  "GET /api/v1/agents": "admin",
  "POST /api/v1/agents": "admin",
  "DELETE /api/v1/agents/{id}": "admin",

  "GET /api/v1/monitors": "viewer",
  "POST /api/v1/monitors": "editor",
  "GET /api/v1/monitors/{id}": "viewer",
  "PATCH /api/v1/monitors/{id}": "editor",
  "DELETE /api/v1/monitors/{id}": "editor",
  "POST /api/v1/monitors/{id}/run": "editor",
  "GET /api/v1/monitors/{id}/report": "viewer",
  "GET /api/v1/monitors/{id}/availability": "viewer",
  "GET /api/v1/monitors/{id}/history/spans": "viewer",
  "GET /api/v1/monitors/{id}/history/rollups": "viewer",
  "GET /api/v1/monitors/{id}/history/dns": "viewer",
  "GET /api/v1/monitors/{id}/history/findings": "viewer",

  // A SIP account's password is a secret of the customer's PBX: admins set it, like channels.
  "GET /api/v1/monitors/{id}/credentials": "viewer",
  "PUT /api/v1/monitors/{id}/credentials": "admin",
  "DELETE /api/v1/monitors/{id}/credentials": "admin",

  "GET /api/v1/monitors/{id}/maintenance": "viewer",
  "POST /api/v1/monitors/{id}/maintenance": "editor",
  "DELETE /api/v1/monitors/{id}/maintenance/{windowId}": "editor",

  "GET /api/v1/monitors/{id}/mutes": "viewer",
  "POST /api/v1/monitors/{id}/mutes": "editor",
  "POST /api/v1/monitors/{id}/mutes/{muteId}/end": "editor",

  "GET /api/v1/overview": "viewer",
  "GET /api/v1/overview/availability": "viewer",

  "GET /api/v1/channels": "viewer",
  "POST /api/v1/channels": "admin",
  "GET /api/v1/channels/{id}": "viewer",
  "PATCH /api/v1/channels/{id}": "admin",
  "DELETE /api/v1/channels/{id}": "admin",
  "POST /api/v1/channels/{id}/test": "admin",
  "GET /api/v1/channels/{id}/deliveries": "viewer",

  "GET /api/v1/status-pages": "viewer",
  "POST /api/v1/status-pages": "editor",
  "GET /api/v1/status-pages/{id}": "viewer",
  "PATCH /api/v1/status-pages/{id}": "editor",
  "DELETE /api/v1/status-pages/{id}": "editor",

  "GET /api/v1/incidents": "viewer",
  "GET /api/v1/incidents/{id}": "viewer",
  "POST /api/v1/incidents/{id}/acknowledge": "editor",
  "POST /api/v1/incidents/{id}/updates": "editor",
  "POST /api/v1/incidents/{id}/resolve": "editor",
} as const satisfies Record<string, Role>;

/** An operation of the API that members and API tokens call. */
export type Operation = keyof typeof OPERATION_ROLES;

/**
 * The agent protocol: called with an agent's own token (swa_…), never by members or API
 * tokens, so roles do not apply. Listed so that every operation of the document is accounted for.
 */
export const AGENT_OPERATIONS = ["GET /api/v1/agent/jobs", "POST /api/v1/agent/reports"] as const;

export function isOperation(value: string): value is Operation {
  return Object.hasOwn(OPERATION_ROLES, value);
}

/** The role an operation needs, or null for one that is not in the table (refused). */
export function neededRole(operation: string): Role | null {
  return isOperation(operation) ? OPERATION_ROLES[operation] : null;
}

/**
 * Whether `role` may call `operation`; false for an operation not in the table.
 * @example can("viewer", "POST /api/v1/monitors") // false
 */
export function can(role: Role, operation: string): boolean {
  const needed = neededRole(operation);
  return needed !== null && roleAtLeast(role, needed);
}

/** The lower of two roles: what an API token acts with, given its own role and its creator's. */
export function lowerRole(a: Role, b: Role): Role {
  return roleAtLeast(a, b) ? b : a;
}
