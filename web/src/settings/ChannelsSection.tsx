import { useChannels } from "../api/queries";
import { IfCan } from "../app/caller-role";
import { Empty, ErrorState, Loading } from "../ui/states";
import { AddChannelForm } from "./AddChannelForm";
import { ChannelCard } from "./ChannelCard";

/** Settings → Alerts: where alerts go, whether they arrive, and adding more places. */
export function ChannelsSection() {
  const channels = useChannels();
  return (
    <>
      <h1>Alert channels</h1>
      <p className="muted">
        When a monitor starts failing, recovers, flaps or its certificate nears expiry, sipwatch notifies every enabled
        channel.
      </p>
      <section aria-labelledby="channel-list">
        <h2 id="channel-list">Channels</h2>
        {channels.isPending ? (
          <Loading what="channels" />
        ) : channels.isError ? (
          <ErrorState error={channels.error} retry={() => channels.refetch()} />
        ) : channels.data.channels.length === 0 ? (
          <Empty title="No channels yet">
            <p>Alerts are recorded but go nowhere until you add Slack, email or a webhook below.</p>
          </Empty>
        ) : (
          <ul style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {channels.data.channels.map((channel) => (
              <ChannelCard key={channel.id} channel={channel} />
            ))}
          </ul>
        )}
      </section>
      <IfCan operation="POST /api/v1/channels">
        <AddChannelForm />
      </IfCan>
    </>
  );
}
