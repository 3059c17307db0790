import { useMutes } from "../api/queries";
import { ErrorState, Loading } from "../ui/states";
import { Pill } from "../ui/status";
import { when } from "../ui/time";
import { actorName, type Mute, muteState } from "./mutes";

const STATE_LOOK = {
  "in-force": { tone: "warn", icon: "–", label: "In force" },
  expired: { tone: "idle", icon: "✓", label: "Expired" },
  ended: { tone: "idle", icon: "✓", label: "Ended" },
} as const;

function MuteEntry({ mute }: { mute: Mute }) {
  const look = STATE_LOOK[muteState(mute)];
  const at = (iso: string) => when(Date.parse(iso));
  return (
    <li style={{ marginBottom: "0.6rem" }}>
      <div className="row">
        <Pill tone={look.tone} icon={look.icon}>
          {look.label}
        </Pill>
        <code>{mute.findingId}</code>
        <span>{mute.subject ?? "every subject"}</span>
      </div>
      <div className="small">
        Muted by {actorName(mute.createdBy, mute.createdByName)} on {at(mute.createdAt)}
        {mute.expiresAt ? `, until ${at(mute.expiresAt)}` : ", until someone ends it"}: {mute.reason}
        {mute.endedAt ? ` · ended by ${actorName(mute.endedBy, mute.endedByName)} on ${at(mute.endedAt)}` : ""}
      </div>
    </li>
  );
}

/** Every mute of the monitor, the ended and expired ones too: who silenced what, why, and for how long. */
export function FindingMutes({ monitorId }: { monitorId: string }) {
  const mutes = useMutes(monitorId);
  if (mutes.isPending) return <Loading what="mutes" />;
  if (mutes.isError) return <ErrorState error={mutes.error} retry={() => mutes.refetch()} />;
  if (mutes.data.mutes.length === 0) {
    return <p className="muted">Nothing muted: every finding counts. Mute one from its card above.</p>;
  }
  return (
    <ul style={{ listStyle: "none", padding: 0 }} aria-label="Mutes">
      {mutes.data.mutes.map((m) => (
        <MuteEntry key={m.id} mute={m} />
      ))}
    </ul>
  );
}
