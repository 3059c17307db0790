import type { PublicStatus, PublicTransportState } from "./public-status";
import type { Badge, BadgeColor } from "./render-badge";

/** Which badge a URL asks for: `?show=status|transport|cert|availability&transport=tls`. */
export type BadgeVariant =
  | { show: "status" }
  | { show: "transport"; transport: string }
  | { show: "cert" }
  | { show: "availability" };

const STATE_COLOR: Record<PublicStatus["state"], BadgeColor> = {
  ok: "brightgreen",
  degraded: "yellow",
  down: "red",
  unknown: "lightgrey",
};
const TRANSPORT_COLOR: Record<PublicTransportState, BadgeColor> = { up: "brightgreen", partial: "yellow", down: "red" };

/** The badge for a variant of a public status: `badgeOf(status, { show: "cert" })` -> "certificate | 45 days". */
export function badgeOf(status: PublicStatus, variant: BadgeVariant): Badge {
  switch (variant.show) {
    case "status":
      return { label: "sip", message: status.state, color: STATE_COLOR[status.state] };
    case "transport": {
      const state = status.transports[variant.transport];
      const label = `sip ${variant.transport}`;
      return state
        ? { label, message: state, color: TRANSPORT_COLOR[state] }
        : { label, message: "not probed", color: "lightgrey" };
    }
    case "cert":
      return certificateBadge(status.certDaysLeft);
    case "availability":
      return availabilityBadge(status.availability);
  }
}

function certificateBadge(days: number | null): Badge {
  const label = "certificate";
  if (days === null) return { label, message: "unknown", color: "lightgrey" };
  if (days < 0) return { label, message: "expired", color: "red" };
  const message = days === 1 ? "1 day" : `${days} days`;
  // The alert policy reminds at 30, 14, 7 and 1 days: the badge changes colour at the same steps.
  const color: BadgeColor = days <= 7 ? "red" : days <= 14 ? "orange" : days <= 30 ? "yellow" : "brightgreen";
  return { label, message, color };
}

function availabilityBadge(ratio: number | null): Badge {
  const label = "availability 30d";
  if (ratio === null) return { label, message: "no data", color: "lightgrey" };
  const percent = ratio * 100;
  // Two decimals near the top, where 99.9 and 99.99 differ; rounded down, so 99.999 never shows 100.
  const decimals = percent >= 99 ? 2 : 1;
  const shown = Math.floor(percent * 10 ** decimals) / 10 ** decimals;
  const message = `${percent === 100 ? "100" : shown.toFixed(decimals)}%`;
  const color: BadgeColor =
    percent >= 99.9
      ? "brightgreen"
      : percent >= 99
        ? "green"
        : percent >= 95
          ? "yellow"
          : percent >= 90
            ? "orange"
            : "red";
  return { label, message, color };
}
