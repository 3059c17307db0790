import type { ReactNode } from "react";

export type Tone = "ok" | "warn" | "bad" | "idle";

/** A coloured pill that also says its state in words and with a symbol, so colour is never the only cue. */
export function Pill({
  tone,
  icon,
  children,
  title,
}: {
  tone: Tone;
  icon?: string;
  children: ReactNode;
  title?: string;
}) {
  return (
    <span className={`pill tone-${tone}`} title={title}>
      {icon ? <span aria-hidden="true">{icon}</span> : null}
      {children}
    </span>
  );
}

export type Health = "healthy" | "degraded" | "down" | "pending" | "paused";

export const HEALTH_LOOK: Record<Health, { tone: Tone; icon: string; label: string }> = {
  healthy: { tone: "ok", icon: "✓", label: "Healthy" },
  degraded: { tone: "warn", icon: "!", label: "Degraded" },
  down: { tone: "bad", icon: "✕", label: "Down" },
  pending: { tone: "idle", icon: "…", label: "Pending" },
  paused: { tone: "idle", icon: "‖", label: "Paused" },
};

export function HealthPill({ health }: { health: Health }) {
  const look = HEALTH_LOOK[health];
  return (
    <Pill tone={look.tone} icon={look.icon}>
      {look.label}
    </Pill>
  );
}

export type Severity = "critical" | "warning" | "info";

export const SEVERITY_LOOK: Record<Severity, { tone: Tone; icon: string; label: string }> = {
  critical: { tone: "bad", icon: "✕", label: "Critical" },
  warning: { tone: "warn", icon: "!", label: "Warning" },
  info: { tone: "idle", icon: "i", label: "Info" },
};

export function SeverityPill({ severity }: { severity: Severity }) {
  const look = SEVERITY_LOOK[severity];
  return (
    <Pill tone={look.tone} icon={look.icon}>
      {look.label}
    </Pill>
  );
}
