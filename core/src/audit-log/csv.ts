/** One audit log entry as the CSV export writes it. */
export interface AuditCsvRow {
  at: string;
  actorKind: string;
  actorId: string | null;
  actor: string;
  action: string;
  objectType: string;
  objectId: string | null;
  summary: string;
}

export const AUDIT_CSV_HEADER = "at,actor_kind,actor_id,actor,action,object_type,object_id,summary";

/**
 * A CSV field (RFC 4180 quoting). Labels and summaries come from users, so a value a spreadsheet
 * would run as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe (OWASP CSV injection).
 */
export function csvField(value: string | null): string {
  const text = value ?? "";
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The export: a header line, then one line per entry, CRLF line ends. */
export function auditLogCsv(rows: readonly AuditCsvRow[]): string {
  const lines = rows.map((r) =>
    [r.at, r.actorKind, r.actorId, r.actor, r.action, r.objectType, r.objectId, r.summary].map(csvField).join(","),
  );
  return `${[AUDIT_CSV_HEADER, ...lines].join("\r\n")}\r\n`;
}
