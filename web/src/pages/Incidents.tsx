import { useState } from "react";
import { Link } from "wouter";
import { type IncidentFilter, type IncidentStatus, useIncidents } from "../api/queries";
import { lasted, STATUS_LOOK } from "../incidents/incident-words";
import { Empty, ErrorState, Loading } from "../ui/states";
import { Pill } from "../ui/status";
import { when } from "../ui/time";

const FILTERS: Array<{ value: IncidentStatus | "all"; label: string }> = [
  { value: "all", label: "All" },
  { value: "open", label: "Open" },
  { value: "acknowledged", label: "Acknowledged" },
  { value: "resolved", label: "Resolved" },
];

/** The organisation's incidents, newest first, with a status filter and older pages on request. */
export default function Incidents() {
  const [status, setStatus] = useState<IncidentStatus | "all">("all");
  const [cursors, setCursors] = useState<string[]>([]);
  const filter: IncidentFilter = {
    ...(status === "all" ? {} : { status }),
    ...(cursors.length > 0 ? { cursor: cursors[cursors.length - 1] } : {}),
  };
  const incidents = useIncidents(filter);

  return (
    <section className="card" aria-labelledby="incidents-h">
      <div className="card-header">
        <h1 id="incidents-h">Incidents</h1>
        <fieldset className="tabs">
          <legend className="visually-hidden">Show</legend>
          {FILTERS.map((f) => (
            <label key={f.value}>
              <input
                type="radio"
                name="incident-status"
                value={f.value}
                checked={status === f.value}
                onChange={() => {
                  setStatus(f.value);
                  setCursors([]);
                }}
              />
              {f.label}
            </label>
          ))}
        </fieldset>
      </div>
      {incidents.isPending ? (
        <Loading what="incidents" />
      ) : incidents.isError ? (
        <ErrorState error={incidents.error} retry={() => incidents.refetch()} />
      ) : incidents.data.incidents.length === 0 ? (
        <Empty title={status === "all" ? "No incidents yet" : `No ${status} incidents`}>
          <p className="muted">An incident opens when a monitor's alert policy fires.</p>
        </Empty>
      ) : (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Incident</th>
                <th scope="col">Monitor</th>
                <th scope="col">Opened</th>
                <th scope="col">Duration</th>
              </tr>
            </thead>
            <tbody>
              {incidents.data.incidents.map((incident) => {
                const look = STATUS_LOOK[incident.status];
                return (
                  <tr key={incident.id}>
                    <td>
                      <Pill tone={look.tone} icon={look.icon}>
                        {look.label}
                      </Pill>
                    </td>
                    <td>
                      <Link href={`/incidents/${incident.id}`}>{incident.title}</Link>
                    </td>
                    <td>
                      <Link href={`/monitors/${incident.monitorId}`}>{incident.monitorName}</Link>
                    </td>
                    <td>{when(Date.parse(incident.openedAt))}</td>
                    <td>{lasted(incident.openedAt, incident.resolvedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="row">
            {cursors.length > 0 ? (
              <button type="button" onClick={() => setCursors((c) => c.slice(0, -1))}>
                Newer
              </button>
            ) : null}
            {incidents.data.nextCursor ? (
              <button
                type="button"
                onClick={() => {
                  const next = incidents.data.nextCursor;
                  if (next) setCursors((c) => [...c, next]);
                }}
              >
                Older
              </button>
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}
