import type { AlertAction, VantageAudit } from "@sipwatch/core";
import type { ChannelRow, Enqueued } from "@sipwatch/db";
import type { AuditResult } from "../probing/audit-job";

/** One stored audit, region's or agent's, as the alert policy reads it. */
export const vantageAuditOf = (r: AuditResult): VantageAudit => ({
  vantageId: r.vantageId,
  status: r.summary.status,
  certDaysLeft: r.summary.certDaysLeft,
  findings: r.findings,
});

/** One outbox row per action and enabled channel of the monitor's organisation. */
export function outboxRowsFor(
  monitor: { id: string; organisationId: string },
  actions: readonly AlertAction[],
  channels: readonly Pick<ChannelRow, "id">[],
): Enqueued[] {
  return actions.flatMap((action) =>
    channels.map((channel) => ({
      organisationId: monitor.organisationId,
      monitorId: monitor.id,
      channelId: channel.id,
      action,
    })),
  );
}
