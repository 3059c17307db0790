import { AUDIT_ACTOR_KINDS, AUDIT_OBJECT_TYPES, AUDIT_RETENTION_DAYS } from "@sipwatch/core";
import { useEffect, useState } from "react";
import { Link } from "wouter";
import { type AuditFilter, useAuditLog } from "../api/queries";
import { CursorButtons, useCursorPages } from "../ui/cursor-pages";
import { Empty, ErrorState, Loading } from "../ui/states";
import { when } from "../ui/time";

const ACTOR_WORDS: Record<(typeof AUDIT_ACTOR_KINDS)[number], string> = {
  member: "Member",
  token: "API token",
  agent: "Agent",
  system: "sipwatch",
};

/** Where an entry's object lives in the dashboard, when it has a page of its own. */
function objectHref(type: string, id: string | null): string | null {
  if (!id) return null;
  if (type === "monitor" || type === "credentials") return `/monitors/${id}`;
  if (type === "incident") return `/incidents/${id}`;
  return null;
}

/** A date input's day as the start of that day (UTC), or of the day after for "until". */
const dayBound = (day: string, next: boolean) =>
  day ? new Date(Date.parse(`${day}T00:00:00Z`) + (next ? 86_400_000 : 0)).toISOString() : undefined;

/** The filter without its empty fields, as the API and the CSV link take it. */
function filterOf(form: { actorKind: string; objectType: string; action: string; since: string; until: string }) {
  const filter: AuditFilter = {};
  if (form.actorKind) filter.actorKind = form.actorKind as AuditFilter["actorKind"];
  if (form.objectType) filter.objectType = form.objectType;
  if (form.action.trim()) filter.action = form.action.trim();
  const since = dayBound(form.since, false);
  const until = dayBound(form.until, true);
  if (since) filter.since = since;
  if (until) filter.until = until;
  return filter;
}

/** /audit: who changed what, newest first, with filters and a CSV download of the same view. */
export default function AuditLog() {
  const [form, setForm] = useState({ actorKind: "", objectType: "", action: "", since: "", until: "" });
  const pages = useCursorPages();
  const filter = filterOf(form);
  const log = useAuditLog(filter, pages.cursor);
  const exportHref = `/api/v1/audit/export?${new URLSearchParams(filter as Record<string, string>).toString()}`;
  useEffect(() => {
    document.title = "Audit log · sipwatch";
  }, []);
  const change = (field: keyof typeof form) => (event: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [field]: event.target.value }));
    pages.first();
  };

  return (
    <section className="card" aria-labelledby="audit-h">
      <div className="card-header">
        <h1 id="audit-h">Audit log</h1>
        <a className="button" href={exportHref} download>
          Download CSV
        </a>
      </div>
      <p className="muted">
        Every change made to this organisation, by members, API tokens and agents. Entries are kept{" "}
        {AUDIT_RETENTION_DAYS} days and cannot be edited or deleted.
      </p>
      <form className="row" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        <label>
          Who{" "}
          <select value={form.actorKind} onChange={change("actorKind")}>
            <option value="">Anyone</option>
            {AUDIT_ACTOR_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {ACTOR_WORDS[kind]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Object{" "}
          <select value={form.objectType} onChange={change("objectType")}>
            <option value="">Any</option>
            {Object.entries(AUDIT_OBJECT_TYPES).map(([type, words]) => (
              <option key={type} value={type}>
                {words}
              </option>
            ))}
          </select>
        </label>
        <label>
          Action <input value={form.action} onChange={change("action")} placeholder="monitor.update" size={16} />
        </label>
        <label>
          From <input type="date" value={form.since} onChange={change("since")} />
        </label>
        <label>
          To <input type="date" value={form.until} onChange={change("until")} />
        </label>
      </form>
      {log.isPending ? (
        <Loading what="the audit log" />
      ) : log.isError ? (
        <ErrorState error={log.error} retry={() => log.refetch()} />
      ) : log.data.entries.length === 0 ? (
        <Empty title={Object.keys(filter).length > 0 ? "No entries match these filters" : "Nothing changed yet"}>
          <p className="muted">Creating, changing or deleting a monitor, channel, token or agent adds an entry here.</p>
        </Empty>
      ) : (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Object</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {log.data.entries.map((entry) => {
                const href = objectHref(entry.objectType, entry.objectId);
                const type =
                  AUDIT_OBJECT_TYPES[entry.objectType as keyof typeof AUDIT_OBJECT_TYPES] ?? entry.objectType;
                return (
                  <tr key={entry.id}>
                    <td>
                      <time dateTime={entry.at}>{when(Date.parse(entry.at))}</time>
                    </td>
                    <td>
                      {entry.actor.label} <span className="muted">({ACTOR_WORDS[entry.actor.kind]})</span>
                    </td>
                    <td>
                      <code className="audit-action">{entry.action}</code>
                    </td>
                    <td>
                      {type} {href ? <Link href={href}>{entry.objectId}</Link> : <code>{entry.objectId ?? ""}</code>}
                    </td>
                    <td>{entry.summary}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <CursorButtons pages={pages} nextCursor={log.data.nextCursor} />
        </>
      )}
    </section>
  );
}
