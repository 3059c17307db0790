import { useState } from "react";
import { Link } from "wouter";
import { type IncidentFilter, type IncidentStatus, useIncidents } from "../api/queries";
import { lasted, STATUS_LOOK } from "../incidents/incident-words";
import { CursorButtons, useCursorPages } from "../ui/cursor-pages";
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
  const pages = useCursorPages();
  const filter: IncidentFilter = {
    ...(status === "all" ? {} : { status }),
    ...(pages.cursor ? { cursor: pages.cursor } : {}),
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
                  pages.first();
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
          <CursorButtons pages={pages} nextCursor={incidents.data.nextCursor} />
        </>
      )}
    </section>
  );
}
