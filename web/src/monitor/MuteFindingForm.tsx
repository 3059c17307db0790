import { type FormEvent, useId, useState } from "react";
import { ApiError } from "../api/client";
import { useMuteFinding } from "../api/queries";
import { ErrorState } from "../ui/states";
import { EXPIRY_CHOICES, type ExpiryChoice, expiresAtFor } from "./mutes";
import type { Finding } from "./report-types";

/**
 * "We know, stop counting it": a reason the team will read, this subject or every subject of the
 * finding, and how long. Audits go on and the history keeps the finding; status and alerts skip it.
 */
export function MuteFindingForm({
  monitorId,
  finding,
  onDone,
}: {
  monitorId: string;
  finding: Pick<Finding, "findingId" | "subject" | "title">;
  onDone: () => void;
}) {
  const mute = useMuteFinding(monitorId);
  const id = useId();
  const [reason, setReason] = useState("");
  const [everySubject, setEverySubject] = useState(false);
  const [expiry, setExpiry] = useState<ExpiryChoice>("7d");
  const [localError, setLocalError] = useState<string | null>(null);
  const serverError = (field: string) => (mute.error instanceof ApiError ? mute.error.forField(field) : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setLocalError("Say why, so the team knows what the silence is for.");
    setLocalError(null);
    mute.mutate(
      {
        findingId: finding.findingId as Parameters<typeof mute.mutate>[0]["findingId"],
        subject: everySubject ? null : finding.subject,
        reason: reason.trim(),
        expiresAt: expiresAtFor(expiry),
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="stack" aria-label={`Mute ${finding.title}`}>
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason</label>
        <input
          id={`${id}-reason`}
          value={reason}
          maxLength={500}
          placeholder="One SBC on purpose until the second site opens"
          onChange={(e) => setReason(e.target.value)}
          style={{ width: "100%" }}
        />
        {serverError("reason") ? <div className="field-error">{serverError("reason")}</div> : null}
      </div>
      <div className="toolbar">
        <div className="field">
          <label htmlFor={`${id}-expiry`}>For</label>
          <select id={`${id}-expiry`} value={expiry} onChange={(e) => setExpiry(e.target.value as ExpiryChoice)}>
            {EXPIRY_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <label className="row small">
          <input type="checkbox" checked={everySubject} onChange={(e) => setEverySubject(e.target.checked)} />
          Every subject of <code>{finding.findingId}</code>, not only {finding.subject}
        </label>
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={mute.isPending}>
          {mute.isPending ? "Muting…" : "Mute finding"}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      {localError ? (
        <p className="field-error" role="alert">
          {localError}
        </p>
      ) : null}
      {mute.isError && !serverError("reason") ? <ErrorState error={mute.error} /> : null}
    </form>
  );
}
