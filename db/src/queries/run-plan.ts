import { accumulateRun, mergeAccumulators, type RollupAccumulator, type RunSummary } from "@sipwatch/core";
import type { StoredState, VantageStateRow } from "./vantage-state";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const hourOf = (t: number) => Math.floor(t / HOUR_MS) * HOUR_MS;
export const dayOf = (t: number) => Math.floor(t / DAY_MS) * DAY_MS;

/** One run of one monitor x vantage, as the store sees it. */
export interface RunToRecord {
  startedAt: number;
  durationMs: number;
  summary: RunSummary;
  /** outcomeHash(outcomeKey(...)): equal to the state's means the run only extends the span. */
  outcome: string;
}

/** A rollup bucket to write when an hour closes. */
export interface BucketWrite {
  bucketStart: number;
  acc: RollupAccumulator;
}

/**
 * What one run changes, decided from the state row read before it (pure, so the rules are
 * testable without a database). `spanId: "new"` means the span this plan opens; the statements
 * look its id up in the same batch.
 */
export interface RunPlan {
  state: Omit<VantageStateRow, "monitorId" | "vantageId" | "organisationId" | "spanId" | "snapshotId"> & {
    spanId: number | "new";
  };
  /** The span the run ends: its last run and count, from the state row. */
  closeSpan?: { id: number; lastRunAt: number; runs: number };
  openSpan: boolean;
  hour?: BucketWrite;
  day?: BucketWrite;
}

const isEmpty = (acc: RollupAccumulator | null | undefined) => !acc || Object.keys(acc).length === 0;

/**
 * The plan for a run, or null when the pair already recorded a run at or after its start (a
 * queue redelivery, a replayed tick, a resent agent report): recording is idempotent.
 */
export function planRun(previous: StoredState | undefined, run: RunToRecord): RunPlan | null {
  if (previous && run.startedAt <= previous.lastRunAt) return null;
  const changed = !previous || previous.outcome !== run.outcome;
  const hourStart = hourOf(run.startedAt);
  const dayStart = dayOf(run.startedAt);
  let hourAcc = previous?.hourStart === hourStart ? (previous.hourAcc ?? null) : null;
  let dayAcc = previous?.dayStart === dayStart ? (previous.dayAcc ?? null) : null;
  const plan: Pick<RunPlan, "hour" | "day"> = {};
  // The hour the state was counting has closed: write it, and the day it belongs to so far.
  if (previous && previous.hourStart !== hourStart && !isEmpty(previous.hourAcc)) {
    const day = mergeAccumulators(previous.dayAcc, previous.hourAcc);
    plan.hour = { bucketStart: previous.hourStart, acc: previous.hourAcc as RollupAccumulator };
    plan.day = { bucketStart: previous.dayStart, acc: day };
    if (previous.dayStart === dayStart) dayAcc = day;
  }
  hourAcc = accumulateRun(hourAcc, run.summary);
  return {
    state: {
      outcome: run.outcome,
      spanId: changed ? "new" : (previous as StoredState).spanId,
      spanStartedAt: changed ? run.startedAt : (previous as StoredState).spanStartedAt,
      spanRuns: changed ? 1 : (previous as StoredState).spanRuns + 1,
      lastRunAt: run.startedAt,
      durationMs: Math.round(run.durationMs),
      summary: run.summary,
      hourStart,
      hourAcc,
      dayStart,
      dayAcc: isEmpty(dayAcc) ? null : dayAcc,
    },
    ...(changed && previous
      ? { closeSpan: { id: previous.spanId, lastRunAt: previous.lastRunAt, runs: previous.spanRuns } }
      : {}),
    openSpan: changed,
    ...plan,
  };
}

/**
 * The writes that flush a state's closed hour when its pair stopped running (a paused or
 * deleted monitor, a dropped region): null when there is nothing to flush before `hourStart`.
 */
export function planFlush(
  state: VantageStateRow,
  hourStart: number,
): { hour: BucketWrite; day: BucketWrite; dayAcc: RollupAccumulator } | null {
  if (state.hourStart >= hourStart || isEmpty(state.hourAcc)) return null;
  const day = mergeAccumulators(state.dayAcc, state.hourAcc);
  return {
    hour: { bucketStart: state.hourStart, acc: state.hourAcc as RollupAccumulator },
    day: { bucketStart: state.dayStart, acc: day },
    dayAcc: day,
  };
}
