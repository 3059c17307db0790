import { ALERT_POLICY_SETTINGS } from "../catalogue/monitor-rules";
import type { FindingId } from "../findings/types";

/** How a monitor's alerts behave; built from the monitor's thresholds plus organisation defaults. */
export interface AlertPolicy {
  /** Consecutive failing rounds before an incident opens (monitor.thresholds.failuresToOpen). */
  failuresToOpen: number;
  /** Consecutive passing rounds before it resolves (monitor.thresholds.successesToResolve). */
  successesToResolve: number;
  /**
   * Vantages that must fail in one round for the round to fail ("2 of 3 regions"). Capped at the
   * number that reported, so a monitor audited from one region still alerts.
   */
  quorum: number;
  /** Repeat an open incident this often; 0 sends no reminders. */
  reminderIntervalMs: number;
  /** More than `maxChanges` opens and resolves within `windowMs` is flapping. */
  flap: { maxChanges: number; windowMs: number };
  /** Days left at which a certificate reminder goes out, once each: 30, 14, 7, 1. */
  certReminderDays: readonly number[];
  /** No notifications inside these [startMs, endMs) windows; the state is still tracked. */
  maintenance: readonly MaintenanceWindow[];
}

export interface MaintenanceWindow {
  startMs: number;
  endMs: number;
}

/** One critical finding of an incident, seen from one or more vantages. */
export interface AlertFinding {
  id: FindingId;
  subject: string;
  title: string;
  fix: string;
  vantageIds: string[];
}

/** One round of audits of a monitor: every vantage that produced a report. */
export interface AlertInput {
  monitorId: string;
  /** Vantages whose audit gave no report are left out: they say nothing about the service. */
  vantages: ReadonlyArray<{ vantageId: string; failing: boolean }>;
  findings: readonly AlertFinding[];
  /** Days until the first certificate expires, over every vantage; null when none was read. */
  certDaysLeft: number | null;
  /**
   * Someone acknowledged (or closed) the open incident: it is in hand, so no more reminders.
   * Opening, resolving and flap notices are unchanged. Absent means not acknowledged.
   */
  acknowledged?: boolean;
}

/** What is stored per monitor between rounds. Versioned: rows outlive code. */
export interface AlertState {
  v: 1;
  /** Whether the monitor is in an incident, whatever channels were told. */
  open: boolean;
  /** When the current incident opened (or the last one, once resolved). */
  openedAt: number | null;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  /** What channels were last told: reconciled with `open` whenever notifications are allowed. */
  notifiedOpen: boolean;
  lastNotifiedAt: number | null;
  reminders: number;
  /** Times of recent opens and resolves, pruned to the flap window. */
  changes: number[];
  flappingSince: number | null;
  /** The smallest reminder threshold already sent for the current certificate; null when none. */
  certThresholdSent: number | null;
}

interface ActionBase {
  monitorId: string;
  /** Unique per notification: the outbox's idempotency key is built from it. */
  key: string;
  at: number;
  /**
   * The incident the notification belongs to, set by the caller that stores incidents (core does
   * not make ids). On-call services key their alerts on it (PagerDuty dedup_key, Opsgenie alias).
   */
  incidentId?: string;
}

export type AlertAction =
  | (ActionBase & { kind: "opened"; since: number; findings: AlertFinding[]; failingVantages: string[] })
  | (ActionBase & { kind: "reminder"; since: number; findings: AlertFinding[]; failingVantages: string[] })
  | (ActionBase & { kind: "resolved"; since: number })
  /** An operator took the incident (never sent by the policy: the incident API enqueues it). */
  | (ActionBase & { kind: "acknowledged"; since: number; by: string })
  | (ActionBase & { kind: "flapping"; changes: number; windowMs: number })
  | (ActionBase & { kind: "cert-expiring"; daysLeft: number; threshold: number })
  /** Sent on request (POST /channels/{id}/test), never by the policy. */
  | (ActionBase & { kind: "test" });

export type AlertActionKind = AlertAction["kind"];

export const INITIAL_ALERT_STATE: AlertState = {
  v: 1,
  open: false,
  openedAt: null,
  consecutiveFailures: 0,
  consecutiveSuccesses: 0,
  notifiedOpen: false,
  lastNotifiedAt: null,
  reminders: 0,
  changes: [],
  flappingSince: null,
  certThresholdSent: null,
};

export const DEFAULT_ALERT_POLICY: Omit<AlertPolicy, "failuresToOpen" | "successesToResolve"> = {
  quorum: ALERT_POLICY_SETTINGS.quorum.default,
  reminderIntervalMs: ALERT_POLICY_SETTINGS.reminderIntervalMinutes.default * 60_000,
  flap: {
    maxChanges: ALERT_POLICY_SETTINGS.flapMaxChanges.default,
    windowMs: ALERT_POLICY_SETTINGS.flapWindowMinutes.default * 60_000,
  },
  certReminderDays: [30, 14, 7, 1],
  maintenance: [],
};
