import { useState } from "react";
import type { Schemas } from "../api/client";
import { useDeliveries } from "../api/queries";
import { ErrorState, Loading } from "../ui/states";
import { Pill, type Tone } from "../ui/status";
import { ago, when } from "../ui/time";

type Delivery = Schemas["DeliveryList"]["deliveries"][number];

const STATUS_LOOK: Record<Delivery["status"], { tone: Tone; icon: string; label: string }> = {
  delivered: { tone: "ok", icon: "✓", label: "Delivered" },
  pending: { tone: "warn", icon: "…", label: "Retrying" },
  failed: { tone: "bad", icon: "✕", label: "Failed" },
  skipped: { tone: "idle", icon: "–", label: "Not needed" },
};

// Five rows answer "is this channel working?"; the API keeps the latest 50 for a closer look.
const FIRST_ROWS = 5;

/** The channel's latest alerts from the outbox, newest first (tests are sent directly and are not listed). */
export function ChannelDeliveries({ channelId, channelName }: { channelId: string; channelName: string }) {
  const deliveries = useDeliveries(channelId);
  const [all, setAll] = useState(false);
  if (deliveries.isPending) return <Loading what="recent alerts" />;
  if (deliveries.isError) return <ErrorState error={deliveries.error} retry={() => deliveries.refetch()} />;
  const rows = deliveries.data.deliveries;
  if (rows.length === 0) return <p className="muted small">No alerts have been sent to this channel yet.</p>;
  const shown = all ? rows : rows.slice(0, FIRST_ROWS);
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">Recent alerts sent to {channelName}</caption>
        <thead>
          <tr>
            <th scope="col">Alert</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Queued</th>
            <th scope="col">Delivered / next try</th>
            <th scope="col">Last error</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((d) => (
            <DeliveryRow key={d.id} delivery={d} />
          ))}
        </tbody>
      </table>
      {rows.length > FIRST_ROWS ? (
        <button type="button" onClick={() => setAll(!all)} aria-expanded={all}>
          {all ? "Show fewer" : `Show all ${rows.length}`}
        </button>
      ) : null}
    </div>
  );
}

const At = ({ iso }: { iso: string }) => (
  <time dateTime={iso} title={when(Date.parse(iso))}>
    {ago(Date.parse(iso))}
  </time>
);

function DeliveryRow({ delivery: d }: { delivery: Delivery }) {
  const look = STATUS_LOOK[d.status];
  return (
    <tr>
      <td>{d.kind}</td>
      <td>
        <Pill tone={look.tone} icon={look.icon}>
          {look.label}
        </Pill>
      </td>
      <td>{d.attempts}</td>
      <td>
        <At iso={d.createdAt} />
      </td>
      <td>
        {d.deliveredAt ? (
          <At iso={d.deliveredAt} />
        ) : d.nextAttemptAt ? (
          <time dateTime={d.nextAttemptAt}>{when(Date.parse(d.nextAttemptAt))}</time>
        ) : (
          "—"
        )}
      </td>
      <td style={{ overflowWrap: "anywhere" }}>{d.lastError ?? "—"}</td>
    </tr>
  );
}
