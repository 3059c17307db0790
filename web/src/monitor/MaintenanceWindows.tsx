import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client";
import { useAddMaintenance, useDeleteMaintenance, useMaintenance } from "../api/queries";
import { IfCan } from "../app/caller-role";
import { ErrorState, Loading } from "../ui/states";
import { Pill } from "../ui/status";
import { when } from "../ui/time";
import { isoToLocalInput, localInputToIso, windowState } from "./maintenance";

const STATE_LOOK = {
  active: { tone: "warn", icon: "‖", label: "Alerts held now" },
  upcoming: { tone: "idle", icon: "…", label: "Upcoming" },
  over: { tone: "idle", icon: "✓", label: "Over" },
} as const;

/**
 * Planned work: while a window is on, audits go on but alerts wait; if the service is still
 * broken when it ends, the alert goes out then (the policy in core/alerting).
 */
export function MaintenanceWindows({ monitorId }: { monitorId: string }) {
  const windows = useMaintenance(monitorId);
  const add = useAddMaintenance(monitorId);
  const remove = useDeleteMaintenance(monitorId);
  const inAnHour = isoToLocalInput(new Date(Date.now() + 3_600_000).toISOString());
  const [draft, setDraft] = useState({ startsAt: inAnHour, endsAt: "", reason: "", announce: false });
  const [localError, setLocalError] = useState<string | null>(null);
  const serverError = (field: string) => (add.error instanceof ApiError ? add.error.forField(field) : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const startsAt = localInputToIso(draft.startsAt);
    const endsAt = localInputToIso(draft.endsAt);
    if (!startsAt || !endsAt) return setLocalError("Give both a start and an end.");
    if (!draft.reason.trim()) return setLocalError("Say why, so the team knows what the silence is for.");
    setLocalError(null);
    add.mutate(
      { startsAt, endsAt, reason: draft.reason.trim(), announce: draft.announce },
      { onSuccess: () => setDraft({ startsAt: inAnHour, endsAt: "", reason: "", announce: false }) },
    );
  };

  return (
    <>
      {windows.isPending ? <Loading what="maintenance windows" /> : null}
      {windows.isError ? <ErrorState error={windows.error} retry={() => windows.refetch()} /> : null}
      {windows.isSuccess && windows.data.windows.length === 0 ? (
        <p className="muted">No maintenance planned: every incident alerts.</p>
      ) : null}
      {windows.isSuccess && windows.data.windows.length > 0 ? (
        <ul style={{ listStyle: "none", padding: 0 }} aria-label="Maintenance windows">
          {windows.data.windows.map((w) => {
            const look = STATE_LOOK[windowState(w)];
            return (
              <li key={w.id} className="row" style={{ marginBottom: "0.4rem" }}>
                <Pill tone={look.tone} icon={look.icon}>
                  {look.label}
                </Pill>
                <span>
                  {when(Date.parse(w.startsAt))} → {when(Date.parse(w.endsAt))}: {w.reason}
                  {w.announce ? <span className="muted small"> (announced on status pages)</span> : null}
                </span>
                <IfCan operation="DELETE /api/v1/monitors/{id}/maintenance/{windowId}">
                  <button
                    type="button"
                    className="danger"
                    disabled={remove.isPending}
                    onClick={() => {
                      if (window.confirm(`Delete the window “${w.reason}”? Held alerts are released.`))
                        remove.mutate(w.id);
                    }}
                  >
                    Delete
                  </button>
                </IfCan>
              </li>
            );
          })}
        </ul>
      ) : null}
      <IfCan operation="POST /api/v1/monitors/{id}/maintenance">
        <form onSubmit={submit} noValidate className="toolbar">
          {(["startsAt", "endsAt"] as const).map((field) => (
            <div key={field} className="field">
              <label htmlFor={`mw-${field}`}>{field === "startsAt" ? "Starts" : "Ends"}</label>
              <input
                id={`mw-${field}`}
                type="datetime-local"
                value={draft[field]}
                onChange={(e) => setDraft({ ...draft, [field]: e.target.value })}
              />
              {serverError(field) ? <div className="field-error">{serverError(field)}</div> : null}
            </div>
          ))}
          <div className="field" style={{ flex: 1, minWidth: "12rem" }}>
            <label htmlFor="mw-reason">Reason</label>
            <input
              id="mw-reason"
              value={draft.reason}
              placeholder="PBX firmware upgrade"
              onChange={(e) => setDraft({ ...draft, reason: e.target.value })}
              style={{ width: "100%" }}
            />
          </div>
          <label className="row">
            <input
              type="checkbox"
              checked={draft.announce}
              onChange={(e) => setDraft({ ...draft, announce: e.target.checked })}
            />
            Announce on status pages (the reason becomes public)
          </label>
          <button type="submit" disabled={add.isPending}>
            {add.isPending ? "Planning…" : "Plan maintenance"}
          </button>
        </form>
      </IfCan>
      {localError ? (
        <p className="field-error" role="alert">
          {localError}
        </p>
      ) : null}
      {add.isError && !serverError("startsAt") && !serverError("endsAt") ? <ErrorState error={add.error} /> : null}
    </>
  );
}
