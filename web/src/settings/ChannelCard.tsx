import type { Schemas } from "../api/client";
import { useDeleteChannel, useTestChannel } from "../api/queries";
import { IfCan } from "../app/caller-role";
import { Pill } from "../ui/status";
import { ChannelDeliveries } from "./ChannelDeliveries";
import { CHANNEL_TYPE_LABEL, channelTarget } from "./channel-targets";

/** One channel: where it sends, a test send with its result, its recent alerts, and delete. */
export function ChannelCard({ channel }: { channel: Schemas["Channel"] }) {
  const test = useTestChannel();
  const remove = useDeleteChannel();
  const headingId = `channel-${channel.id}`;
  const confirmDelete = () => {
    if (window.confirm(`Delete the channel “${channel.name}”? Alerts will no longer be sent there.`)) {
      remove.mutate(channel.id);
    }
  };
  return (
    <li className="card" aria-labelledby={headingId}>
      <div className="card-header">
        <div>
          <h3 id={headingId}>{channel.name}</h3>
          <div className="row small">
            <span>{CHANNEL_TYPE_LABEL[channel.type]}</span>
            {channel.enabled ? (
              <Pill tone="ok" icon="✓">
                Enabled
              </Pill>
            ) : (
              <Pill tone="idle" icon="‖">
                Paused
              </Pill>
            )}
          </div>
          <p className="mono small" style={{ overflowWrap: "anywhere", margin: "0.25rem 0 0" }}>
            {channelTarget(channel.config)}
          </p>
        </div>
        <div className="row">
          <IfCan operation="POST /api/v1/channels/{id}/test">
            <button type="button" onClick={() => test.mutate(channel.id)} disabled={test.isPending}>
              {test.isPending ? "Sending…" : "Send test"}
            </button>
          </IfCan>
          <IfCan operation="DELETE /api/v1/channels/{id}">
            <button type="button" className="danger" onClick={confirmDelete} disabled={remove.isPending}>
              {remove.isPending ? "Deleting…" : "Delete"}
            </button>
          </IfCan>
        </div>
      </div>
      <div aria-live="polite">
        {test.isSuccess ? (
          test.data.delivered ? (
            <p>
              <Pill tone="ok" icon="✓">
                Test delivered
              </Pill>
            </p>
          ) : (
            <p className="notice bad">
              <strong>Test not delivered:</strong> {test.data.error ?? "no reason given"}
            </p>
          )
        ) : test.isError ? (
          <p className="notice bad">
            <strong>Test not sent:</strong> {test.error.message}
          </p>
        ) : null}
        {remove.isError ? (
          <p className="notice bad">
            <strong>Not deleted:</strong> {remove.error.message}
          </p>
        ) : null}
      </div>
      <h4 style={{ margin: "0.75rem 0 0.25rem" }}>Recent alerts</h4>
      <ChannelDeliveries channelId={channel.id} channelName={channel.name} />
    </li>
  );
}
