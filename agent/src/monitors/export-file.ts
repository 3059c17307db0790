import type { ChannelEntry, MonitorEntry, MonitorsFile, ServerChannel, ServerState } from "@sipwatch/core/contract";

/** SIPWATCH_SLACK_OPS_ALERTS for a channel named "Ops alerts": where apply reads its secret. */
export const secretVariable = (kind: string, channelName: string) =>
  `SIPWATCH_${kind}_${channelName
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_|_$/g, "")}`;

function channelEntry(c: ServerChannel): ChannelEntry {
  const common = { name: c.name, enabled: c.enabled };
  switch (c.config.type) {
    case "slack":
      // The hook is a secret the API never returns: the file names a variable to hold it.
      return { ...common, type: "slack", webhookUrl: `\${${secretVariable("SLACK", c.name)}}` };
    case "email":
      return { ...common, type: "email", to: c.config.to };
    case "webhook":
      return { ...common, type: "webhook", url: c.config.url };
    case "teams":
    case "discord":
      // Their URLs carry the token that lets anyone post: secrets like Slack's.
      return {
        ...common,
        type: c.config.type,
        webhookUrl: `\${${secretVariable(c.config.type.toUpperCase(), c.name)}}`,
      };
    case "pagerduty":
      return {
        ...common,
        type: "pagerduty",
        routingKey: `\${${secretVariable("PAGERDUTY", c.name)}}`,
        url: c.config.url,
      };
    case "opsgenie":
      return { ...common, type: "opsgenie", apiKey: `\${${secretVariable("OPSGENIE", c.name)}}`, url: c.config.url };
  }
}

/** The server's monitors, their windows that have not ended, and its channels, as a monitors file. */
export function exportMonitorsFile(state: ServerState, now: number): MonitorsFile {
  const monitors: MonitorEntry[] = [...state.monitors]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((m) => {
      const windows = (state.windows[m.id] ?? []).filter((w) => Date.parse(w.endsAt) > now);
      return {
        name: m.name,
        target: m.target,
        expectedTransports: m.expectedTransports as MonitorEntry["expectedTransports"],
        regions: m.regions as MonitorEntry["regions"],
        intervalMinutes: m.intervalMinutes as MonitorEntry["intervalMinutes"],
        enabled: m.enabled,
        isPublic: m.isPublic,
        slug: m.slug,
        thresholds: m.thresholds,
        alertPolicy: m.alertPolicy,
        ...(windows.length > 0
          ? {
              maintenance: windows.map(({ startsAt, endsAt, reason, announce }) => ({
                startsAt,
                endsAt,
                reason,
                ...(announce ? { announce: true } : {}),
              })),
            }
          : {}),
      };
    });
  const channels = [...state.channels].sort((a, b) => a.name.localeCompare(b.name)).map(channelEntry);
  return { version: 1, channels, monitors };
}
