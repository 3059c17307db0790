/**
 * How long the audit log keeps an entry: 400 days, so a yearly review (and the month or so it
 * takes to schedule one) still sees the whole previous year. The scheduled maintenance deletes
 * older entries in bounded batches (workers/src/scheduled/maintenance.ts).
 */
export const AUDIT_RETENTION_DAYS = 400;
export const AUDIT_RETENTION_MS = AUDIT_RETENTION_DAYS * 24 * 60 * 60 * 1000;

/**
 * An agent that has been silent this long and then authenticates again is logged as connecting
 * again: agents poll every minute, so a gap of an hour is a restart, a move or an outage, worth a
 * line in the log; every poll and report is not.
 */
export const AGENT_RECONNECT_AFTER_MS = 60 * 60 * 1000;

/** Entries per page of GET /api/v1/audit, and the most one CSV export holds. */
export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;
export const AUDIT_EXPORT_MAX_ROWS = 10_000;

/** The kinds of actor an entry names (the same list as db's audit_event.actor_kind). */
export const AUDIT_ACTOR_KINDS = ["member", "token", "agent", "system"] as const;
export type AuditActorKindName = (typeof AUDIT_ACTOR_KINDS)[number];

/** What the log's entries can be about, with the words the dashboard's filter shows. */
export const AUDIT_OBJECT_TYPES = {
  monitor: "Monitor",
  credentials: "Test account",
  maintenance: "Maintenance window",
  mute: "Finding mute",
  incident: "Incident",
  channel: "Alert channel",
  status_page: "Status page",
  token: "API token",
  agent: "Agent",
  organisation: "Organisation",
  member: "Member",
  invitation: "Invitation",
} as const;
export type AuditObjectType = keyof typeof AUDIT_OBJECT_TYPES;
