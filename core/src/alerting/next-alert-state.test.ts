import { describe, expect, it } from "vitest";
import { alertInputOf } from "./alert-input";
import { nextAlertState } from "./next-alert-state";
import { alertPolicyOf } from "./policy";
import { type AlertAction, type AlertInput, type AlertPolicy, INITIAL_ALERT_STATE } from "./types";

const MIN = 60_000;
const DAY = 86_400_000;
const REGIONS = ["region:weur", "region:enam", "region:apac"];

/**
 * A round as one letter per region: F fails, P passes, - gave no report. "FFP" is two of three
 * regions failing. Certificate days may follow after a colon: "PPP:14".
 */
function round(spec: string): AlertInput {
  const [verdicts = "", cert] = spec.split(":");
  const vantages = [...verdicts]
    .map((c, i) => ({ vantageId: REGIONS[i] ?? `region:${i}`, letter: c }))
    .filter((v) => v.letter !== "-")
    .map((v) => ({ vantageId: v.vantageId, failing: v.letter === "F" }));
  return { monitorId: "mon_1", vantages, findings: [], certDaysLeft: cert === undefined ? null : Number(cert) };
}

/** Runs one round per minute and lists the notifications as "minute:kind". */
function notifications(rounds: string[], policy: AlertPolicy): string[] {
  let state = INITIAL_ALERT_STATE;
  const sent: string[] = [];
  rounds.forEach((spec, minute) => {
    const next = nextAlertState(state, round(spec), policy, minute * MIN);
    state = next.state;
    sent.push(...next.actions.map((a) => `${minute}:${a.kind}`));
  });
  return sent;
}

const policy = (overrides: Partial<AlertPolicy> = {}): AlertPolicy => ({
  ...alertPolicyOf({ failuresToOpen: 2, successesToResolve: 2 }),
  reminderIntervalMs: 0,
  ...overrides,
});

describe("nextAlertState over sequences of rounds", () => {
  it.each([
    { name: "all passing: silence", rounds: ["PPP", "PPP", "PPP"], expected: [] },
    { name: "one failing round is not an incident", rounds: ["FFF", "PPP", "FFF", "PPP"], expected: [] },
    { name: "two failing rounds open it", rounds: ["PPP", "FFF", "FFF", "FFF"], expected: ["2:opened"] },
    {
      name: "two passing rounds resolve it",
      rounds: ["FFF", "FFF", "PPP", "FFF", "PPP", "PPP"],
      expected: ["1:opened", "5:resolved"],
    },
    { name: "quorum: one region of three is not enough", rounds: ["FPP", "PFP", "PPF", "FPP"], expected: [] },
    { name: "quorum: two of three is", rounds: ["FFP", "PFF"], expected: ["1:opened"] },
    { name: "quorum shrinks to the regions that reported", rounds: ["F--", "F--"], expected: ["1:opened"] },
    { name: "rounds with no report do not count", rounds: ["FFF", "---", "---", "FFF"], expected: ["3:opened"] },
  ])("$name", ({ rounds, expected }) => {
    expect(notifications(rounds, policy())).toEqual(expected);
  });

  it("thresholds come from the monitor", () => {
    const strict = policy(alertPolicyOf({ failuresToOpen: 1, successesToResolve: 3 }));
    expect(notifications(["FFF", "PPP", "PPP", "PPP"], { ...strict, reminderIntervalMs: 0 })).toEqual([
      "0:opened",
      "3:resolved",
    ]);
  });

  it("reminds at the interval while open, and stops on recovery", () => {
    const rounds = ["FFF", "FFF", "FFF", "FFF", "FFF", "FFF", "FFF", "PPP", "PPP", "PPP", "PPP"];
    expect(notifications(rounds, policy({ reminderIntervalMs: 3 * MIN }))).toEqual([
      "1:opened",
      "4:reminder",
      "7:reminder",
      "8:resolved",
    ]);
  });

  it("an acknowledged incident gets no more reminders, yet still resolves", () => {
    // Acknowledged from minute 5 on: the 4-minute reminder went out, the 7- and 10-minute ones do not.
    let state = INITIAL_ALERT_STATE;
    const sent: string[] = [];
    const rounds = ["FFF", "FFF", "FFF", "FFF", "FFF", "FFF", "FFF", "FFF", "FFF", "FFF", "FFF", "PPP", "PPP"];
    rounds.forEach((spec, minute) => {
      const input = { ...round(spec), acknowledged: minute >= 5 };
      const next = nextAlertState(state, input, policy({ reminderIntervalMs: 3 * MIN }), minute * MIN);
      state = next.state;
      sent.push(...next.actions.map((a) => `${minute}:${a.kind}`));
    });
    expect(sent).toEqual(["1:opened", "4:reminder", "12:resolved"]);
  });

  it("sends nothing inside a maintenance window, then tells what it missed", () => {
    const maintenance = [{ startMs: 0, endMs: 4 * MIN }];
    expect(notifications(["FFF", "FFF", "FFF", "FFF", "FFF"], policy({ maintenance }))).toEqual(["4:opened"]);
  });

  it("an incident that opens and resolves within maintenance is never announced", () => {
    const maintenance = [{ startMs: 0, endMs: 10 * MIN }];
    const rounds = ["FFF", "FFF", "PPP", "PPP", "PPP", "PPP", "PPP", "PPP", "PPP", "PPP", "PPP", "PPP"];
    expect(notifications(rounds, policy({ maintenance }))).toEqual([]);
  });

  it("flapping: one notice, then quiet until stable for a window, then where it ended", () => {
    const flap = { maxChanges: 3, windowMs: 10 * MIN };
    // Opens at 1, resolves at 3, opens at 5, resolves at 7 (4 changes > 3): flapping.
    const flapping = ["FFF", "FFF", "PPP", "PPP", "FFF", "FFF", "PPP", "PPP", "FFF", "FFF", "PPP", "PPP"];
    const stable = Array.from({ length: 12 }, () => "PPP");
    expect(notifications([...flapping, ...stable], policy({ flap }))).toEqual([
      "1:opened",
      "3:resolved",
      "5:opened",
      "7:flapping",
      "21:resolved",
    ]);
  });

  it("certificate reminders at 30, 14, 7 and 1 days, once each", () => {
    const days = [45, 31, 30, 29, 20, 14, 13, 9, 7, 6, 2, 1, 1, 0];
    expect(
      notifications(
        days.map((d) => `PPP:${d}`),
        policy(),
      ),
    ).toEqual(["2:cert-expiring", "5:cert-expiring", "8:cert-expiring", "11:cert-expiring"]);
  });

  it("a certificate first seen at 5 days gets the 7-day reminder only; a renewal starts over", () => {
    const days = [5, 4, 90, 29];
    const run = notifications(
      days.map((d) => `PPP:${d}`),
      policy(),
    );
    expect(run).toEqual(["0:cert-expiring", "3:cert-expiring"]);
  });
});

describe("certificates that already expired", () => {
  it("get no reminder: their finding opens an incident instead", () => {
    expect(notifications(["FFF:-3", "FFF:-3"], policy())).toEqual(["1:opened"]);
  });
});

describe("actions", () => {
  const failing: AlertInput = {
    monitorId: "mon_1",
    vantages: [
      { vantageId: "region:weur", failing: true },
      { vantageId: "region:enam", failing: true },
    ],
    findings: [],
    certDaysLeft: null,
  };

  it("carry keys unique per incident, so a retried enqueue is recognised", () => {
    let state = INITIAL_ALERT_STATE;
    const all: AlertAction[] = [];
    for (const [minute, input] of [failing, failing, { ...failing, vantages: [] }].entries()) {
      const next = nextAlertState(state, input, policy({ failuresToOpen: 1, reminderIntervalMs: MIN }), minute * MIN);
      state = next.state;
      all.push(...next.actions);
    }
    expect(all.map((a) => a.key)).toEqual(["opened:0", "reminder:0:1", "reminder:0:2"]);
  });

  it("cert keys name the certificate's expiry day and the threshold", () => {
    const { actions } = nextAlertState(INITIAL_ALERT_STATE, round("PPP:14"), policy(), 10 * DAY);
    expect(actions).toMatchObject([{ kind: "cert-expiring", key: "cert:24:14", daysLeft: 14, threshold: 14 }]);
  });
});

describe("alertInputOf", () => {
  const broken = {
    id: "dns.srv.target-unresolvable" as const,
    severity: "critical" as const,
    subject: "sip2.example.com",
    title: "SRV target sip2.example.com has no address",
    fix: "Add an A record",
  };

  it("groups one finding seen from several regions into one line, and leaves out regions without a report", () => {
    const input = alertInputOf("mon_1", [
      { vantageId: "region:weur", status: "critical", certDaysLeft: 40, findings: [broken] },
      { vantageId: "region:enam", status: "critical", certDaysLeft: 12, findings: [broken] },
      { vantageId: "region:apac", status: "error", certDaysLeft: null, findings: [] },
      {
        vantageId: "region:sam",
        status: "warning",
        certDaysLeft: null,
        findings: [{ ...broken, severity: "warning" }],
      },
    ]);
    expect(input).toEqual({
      monitorId: "mon_1",
      vantages: [
        { vantageId: "region:weur", failing: true },
        { vantageId: "region:enam", failing: true },
        { vantageId: "region:sam", failing: false },
      ],
      findings: [
        {
          id: broken.id,
          subject: broken.subject,
          title: broken.title,
          fix: broken.fix,
          vantageIds: ["region:weur", "region:enam"],
        },
      ],
      certDaysLeft: 12,
    });
  });
});
