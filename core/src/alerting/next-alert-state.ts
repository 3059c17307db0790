import type { AlertAction, AlertInput, AlertPolicy, AlertState } from "./types";

const DAY_MS = 86_400_000;

/**
 * The alert state after one round of audits of a monitor, and the notifications it calls for.
 * Pure: the caller stores `state` and enqueues `actions`. Counting always happens; maintenance
 * and flapping only hold notifications back, and the next round allowed to speak tells channels
 * whatever they missed (one "opened" or "resolved", never the whole backlog).
 *
 * @example nextAlertState(INITIAL_ALERT_STATE, input, policy, Date.now()).actions
 */
export function nextAlertState(
  previous: AlertState,
  input: AlertInput,
  policy: AlertPolicy,
  now: number,
): { state: AlertState; actions: AlertAction[] } {
  const changes = previous.changes.filter((t) => now - t < policy.flap.windowMs);
  let state: AlertState = countRound({ ...previous, changes }, input, policy, now);
  const actions: AlertAction[] = [];
  const quiet = inMaintenance(policy, now);
  const base = { monitorId: input.monitorId, at: now };

  if (state.flappingSince === null && state.changes.length > policy.flap.maxChanges) {
    state = { ...state, flappingSince: now };
    if (!quiet) {
      actions.push({
        ...base,
        kind: "flapping",
        key: `flapping:${now}`,
        changes: state.changes.length,
        windowMs: policy.flap.windowMs,
      });
    }
  } else if (state.flappingSince !== null && state.changes.length === 0) {
    // Stable for a whole window: the reconciliation below says where things ended up.
    state = { ...state, flappingSince: null };
  }

  if (!quiet && state.flappingSince === null) {
    const told = tellChannels(state, input, policy, now);
    state = told.state;
    actions.push(...told.actions);
  }
  const cert = certificateReminder(state, input, policy, now, quiet);
  return { state: cert.state, actions: [...actions, ...cert.actions] };
}

/** Thresholds and quorum: only rounds with at least one report count. */
function countRound(state: AlertState, input: AlertInput, policy: AlertPolicy, now: number): AlertState {
  if (input.vantages.length === 0) return state;
  const failing = input.vantages.filter((v) => v.failing).length;
  const needed = Math.max(1, Math.min(policy.quorum, input.vantages.length));
  const roundFails = failing >= needed;
  const next: AlertState = roundFails
    ? { ...state, consecutiveFailures: state.consecutiveFailures + 1, consecutiveSuccesses: 0 }
    : { ...state, consecutiveFailures: 0, consecutiveSuccesses: state.consecutiveSuccesses + 1 };
  if (!next.open && next.consecutiveFailures >= policy.failuresToOpen) {
    return { ...next, open: true, openedAt: now, reminders: 0, changes: [...next.changes, now] };
  }
  if (next.open && next.consecutiveSuccesses >= policy.successesToResolve) {
    return { ...next, open: false, changes: [...next.changes, now] };
  }
  return next;
}

/** Brings channels in line with the state: opened, resolved, or a reminder of an open incident. */
function tellChannels(state: AlertState, input: AlertInput, policy: AlertPolicy, now: number) {
  const since = state.openedAt ?? now;
  const incident = {
    monitorId: input.monitorId,
    at: now,
    since,
    findings: [...input.findings],
    failingVantages: input.vantages.filter((v) => v.failing).map((v) => v.vantageId),
  };
  if (state.open && !state.notifiedOpen) {
    const action: AlertAction = { ...incident, kind: "opened", key: `opened:${since}` };
    return { state: { ...state, notifiedOpen: true, lastNotifiedAt: now, reminders: 0 }, actions: [action] };
  }
  if (!state.open && state.notifiedOpen) {
    const action: AlertAction = {
      monitorId: input.monitorId,
      at: now,
      since,
      kind: "resolved",
      key: `resolved:${since}`,
    };
    return { state: { ...state, notifiedOpen: false, lastNotifiedAt: now }, actions: [action] };
  }
  // An acknowledged incident is in someone's hands: reminders would only page them again.
  const due =
    state.open &&
    !input.acknowledged &&
    policy.reminderIntervalMs > 0 &&
    now - (state.lastNotifiedAt ?? now) >= policy.reminderIntervalMs;
  if (due) {
    const action: AlertAction = { ...incident, kind: "reminder", key: `reminder:${since}:${state.reminders + 1}` };
    return { state: { ...state, lastNotifiedAt: now, reminders: state.reminders + 1 }, actions: [action] };
  }
  return { state, actions: [] as AlertAction[] };
}

/**
 * One reminder per threshold crossed (30, 14, 7, 1 days), the smallest one reached when several
 * were skipped; a certificate back above the largest threshold (renewed) starts over.
 */
function certificateReminder(state: AlertState, input: AlertInput, policy: AlertPolicy, now: number, quiet: boolean) {
  const days = input.certDaysLeft;
  const none = { state, actions: [] as AlertAction[] };
  // An expired certificate is a critical finding, so it is an incident, not a reminder.
  if (days === null || days < 0 || policy.certReminderDays.length === 0) return none;
  if (days > Math.max(...policy.certReminderDays)) {
    return state.certThresholdSent === null ? none : { state: { ...state, certThresholdSent: null }, actions: [] };
  }
  const threshold = Math.min(...policy.certReminderDays.filter((t) => days <= t));
  if (quiet || (state.certThresholdSent !== null && threshold >= state.certThresholdSent)) return none;
  // The expiry day names the certificate, so a renewed one gets fresh keys.
  const expiryDay = Math.floor(now / DAY_MS) + days;
  const action: AlertAction = {
    monitorId: input.monitorId,
    at: now,
    kind: "cert-expiring",
    key: `cert:${expiryDay}:${threshold}`,
    daysLeft: days,
    threshold,
  };
  return { state: { ...state, certThresholdSent: threshold }, actions: [action] };
}

function inMaintenance(policy: AlertPolicy, now: number): boolean {
  return policy.maintenance.some((w) => now >= w.startMs && now < w.endMs);
}
