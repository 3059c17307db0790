import { type FormEvent, useState } from "react";
import { Link } from "wouter";
import { ApiError } from "../api/client";
import { useAcknowledgeIncident, useIncident, usePostIncidentUpdate, useResolveIncident } from "../api/queries";
import { IfCan } from "../app/caller-role";
import { eventSentence, lasted, STATUS_LOOK } from "../incidents/incident-words";
import { vantageLabel } from "../monitor/report-types";
import { ErrorState, Loading } from "../ui/states";
import { Pill } from "../ui/status";
import { when } from "../ui/time";

/** The API's bound on an update; the form says so before the server has to. */
const UPDATE_MAX = 2000;

/** One incident: what broke, its timeline, and the on-call person's buttons. */
export default function IncidentDetail({ id }: { id: string }) {
  const incident = useIncident(id);
  const acknowledge = useAcknowledgeIncident(id);
  const resolve = useResolveIncident(id);
  if (incident.isPending) return <Loading what="the incident" />;
  if (incident.isError) return <ErrorState error={incident.error} retry={() => incident.refetch()} />;
  const data = incident.data;
  const look = STATUS_LOOK[data.status];
  const actionError = acknowledge.error ?? resolve.error;

  return (
    <>
      <section className="card" aria-labelledby="incident-h">
        <div className="card-header">
          <div>
            <p className="small">
              <Link href="/incidents">Incidents</Link> /{" "}
              <Link href={`/monitors/${data.monitorId}`}>{data.monitorName}</Link>
            </p>
            <h1 id="incident-h" className="row">
              {data.title}{" "}
              <Pill tone={look.tone} icon={look.icon}>
                {look.label}
              </Pill>
            </h1>
            <p className="muted">
              Opened {when(Date.parse(data.openedAt))}, {data.status === "resolved" ? "lasted" : "open for"}{" "}
              {lasted(data.openedAt, data.resolvedAt)}.
            </p>
          </div>
          <IfCan operation="POST /api/v1/incidents/{id}/resolve">
            <div className="row">
              {data.status === "open" ? (
                <button
                  type="button"
                  className="primary"
                  onClick={() => acknowledge.mutate(undefined)}
                  disabled={acknowledge.isPending}
                >
                  {acknowledge.isPending ? "Acknowledging…" : "Acknowledge"}
                </button>
              ) : null}
              {data.status !== "resolved" ? (
                <button
                  type="button"
                  onClick={() => {
                    if (window.confirm("Resolve this incident now? On-call services close their alert too.")) {
                      resolve.mutate(undefined);
                    }
                  }}
                  disabled={resolve.isPending}
                >
                  {resolve.isPending ? "Resolving…" : "Resolve"}
                </button>
              ) : null}
            </div>
          </IfCan>
        </div>
        {actionError ? <ErrorState error={actionError} /> : null}
        {data.findings.length > 0 ? (
          <>
            <h2>What broke</h2>
            <ul>
              {data.findings.map((f) => (
                <li key={`${f.id}/${f.subject}`}>
                  <strong>{f.title}</strong>{" "}
                  <span className="muted">(seen from {f.vantageIds.map(vantageLabel).join(", ")})</span>
                  <br />
                  Fix: {f.fix}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <section className="card" aria-labelledby="timeline-h">
        <h2 id="timeline-h">Timeline</h2>
        <ol className="timeline">
          {data.events.map((event) => (
            <li key={event.id}>
              <time dateTime={event.at}>{when(Date.parse(event.at))}</time> — {eventSentence(event)}
              {event.kind === "update" ? (
                <>
                  {" "}
                  <Pill tone={event.public ? "warn" : "idle"}>{event.public ? "Public" : "Internal"}</Pill>
                  <p className="update-body">{event.body}</p>
                </>
              ) : null}
            </li>
          ))}
        </ol>
        <IfCan operation="POST /api/v1/incidents/{id}/updates">
          <UpdateForm id={id} />
        </IfCan>
      </section>
    </>
  );
}

/** A note for colleagues, or (ticked) for customers on the public status page. */
function UpdateForm({ id }: { id: string }) {
  const post = usePostIncidentUpdate(id);
  const [body, setBody] = useState("");
  const [isPublic, setPublic] = useState(false);
  const fieldError = post.error instanceof ApiError ? post.error.forField("body") : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    post.mutate({ body, public: isPublic }, { onSuccess: () => setBody("") });
  };
  return (
    <form onSubmit={submit} aria-labelledby="update-h">
      <h3 id="update-h">Post an update</h3>
      <label htmlFor="update-body">Update</label>
      <textarea
        id="update-body"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        maxLength={UPDATE_MAX}
        rows={4}
        required
        aria-invalid={fieldError ? true : undefined}
        aria-describedby="update-help"
      />
      <p id="update-help" className="small muted">
        {body.length} / {UPDATE_MAX} characters. Public updates appear on the status page as plain text.
      </p>
      {fieldError ? (
        <p className="field-error" role="alert">
          {fieldError}
        </p>
      ) : post.isError ? (
        <ErrorState error={post.error} />
      ) : null}
      <label className="public-toggle">
        <input type="checkbox" checked={isPublic} onChange={(e) => setPublic(e.target.checked)} /> Public (shown on the
        status page)
      </label>
      <button type="submit" className="primary" disabled={post.isPending || body.trim() === ""}>
        {post.isPending ? "Posting…" : "Post update"}
      </button>
    </form>
  );
}
