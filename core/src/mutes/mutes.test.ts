import { describe, expect, it } from "vitest";
import { alertInputOf } from "../alerting/alert-input";
import { nextAlertState } from "../alerting/next-alert-state";
import { alertPolicyOf } from "../alerting/policy";
import { INITIAL_ALERT_STATE } from "../alerting/types";
import type { Finding } from "../findings/types";
import { type FindingMute, muteEndsAt, muteInForce, muteOf, mutesForRound } from "./finding-mute";
import { auditWithMutes, statusWithMutes, unmutedOpenFindings, vantageStatusesWithMutes } from "./muted-status";

const MIN = 60_000;

const mute = (over: Partial<FindingMute> = {}): FindingMute => ({
  id: "mut_1",
  findingId: "tls.cert.expired",
  subject: "sip1.example.com",
  reason: "renewal booked with the CA",
  createdBy: "usr_1",
  createdAt: 10 * MIN,
  expiresAt: null,
  endedAt: null,
  endedBy: null,
  ...over,
});

type AuditFinding = Pick<Finding, "id" | "severity" | "subject" | "title" | "fix">;
const expired: AuditFinding = {
  id: "tls.cert.expired",
  severity: "critical",
  subject: "sip1.example.com",
  title: "Certificate of sip1.example.com expired",
  fix: "Renew it",
};
const singleTarget: AuditFinding = {
  id: "dns.srv.single-target",
  severity: "warning",
  subject: "_sip._udp.example.com",
  title: "One SRV target",
  fix: "Add a second",
};

describe("muteInForce", () => {
  it.each([
    { name: "before it was created", at: 10 * MIN - 1, over: {}, expected: false },
    { name: "from the instant it was created", at: 10 * MIN, over: {}, expected: true },
    { name: "without expiry, for ever", at: 10_000 * MIN, over: {}, expected: true },
    { name: "one millisecond before expiry", at: 20 * MIN - 1, over: { expiresAt: 20 * MIN }, expected: true },
    { name: "at the expiry instant: counts again", at: 20 * MIN, over: { expiresAt: 20 * MIN }, expected: false },
    { name: "after someone ended it", at: 15 * MIN, over: { endedAt: 15 * MIN }, expected: false },
    {
      name: "ended after its expiry: the expiry decided",
      at: 25 * MIN,
      over: { expiresAt: 20 * MIN, endedAt: 30 * MIN },
      expected: false,
    },
  ])("$name", ({ at, over, expected }) => {
    expect(muteInForce(mute(over), at)).toBe(expected);
  });
  it("ends at the earlier of expiry and end", () => {
    expect(muteEndsAt(mute({ expiresAt: 20 * MIN, endedAt: 15 * MIN }))).toBe(15 * MIN);
    expect(muteEndsAt(mute({ expiresAt: 20 * MIN }))).toBe(20 * MIN);
    expect(muteEndsAt(mute())).toBeNull();
  });
});

describe("muteOf", () => {
  const everySubject = mute({ id: "mut_all", subject: null, reason: "all of them" });
  it("matches id and subject, or id alone for a mute of every subject", () => {
    expect(muteOf(expired, [mute()], 11 * MIN)?.id).toBe("mut_1");
    expect(muteOf({ ...expired, subject: "sip2.example.com" }, [mute()], 11 * MIN)).toBeNull();
    expect(muteOf({ ...expired, subject: "sip2.example.com" }, [everySubject], 11 * MIN)?.id).toBe("mut_all");
    expect(muteOf(singleTarget, [mute(), everySubject], 11 * MIN)).toBeNull();
  });
  it("prefers the mute written for this subject over one of every subject", () => {
    expect(muteOf(expired, [everySubject, mute()], 11 * MIN)?.id).toBe("mut_1");
  });
  it("ignores mutes not in force", () => {
    expect(muteOf(expired, [mute({ endedAt: 11 * MIN })], 12 * MIN)).toBeNull();
  });
});

describe("statusWithMutes", () => {
  const findings = [expired, singleTarget];
  it("keeps the stored status when nothing is muted", () => {
    expect(statusWithMutes("critical", findings, [], 11 * MIN)).toBe("critical");
    expect(statusWithMutes("critical", findings, [mute({ subject: "other" })], 11 * MIN)).toBe("critical");
  });
  it("derives it again from what still counts", () => {
    expect(statusWithMutes("critical", findings, [mute()], 11 * MIN)).toBe("warning");
    const both = [mute(), mute({ id: "mut_2", findingId: "dns.srv.single-target", subject: null })];
    expect(statusWithMutes("critical", findings, both, 11 * MIN)).toBe("ok");
  });
  it("counts the finding again once the mute expired", () => {
    expect(statusWithMutes("critical", findings, [mute({ expiresAt: 20 * MIN })], 20 * MIN)).toBe("critical");
  });
  it("never turns a run without a report into anything else", () => {
    expect(statusWithMutes("error", [], [mute()], 11 * MIN)).toBe("error");
  });
});

describe("the alert input with mutes applied", () => {
  const audits = [
    { vantageId: "region:weur", status: "critical" as const, certDaysLeft: null, findings: [expired, singleTarget] },
    { vantageId: "region:enam", status: "critical" as const, certDaysLeft: null, findings: [expired] },
  ];
  const inputAt = (now: number, mutes: FindingMute[]) =>
    alertInputOf(
      "mon_1",
      audits.map((a) => auditWithMutes(a, mutes, now)),
    );
  it("a muted critical finding neither fails a vantage nor appears in the message", () => {
    const input = inputAt(11 * MIN, [mute()]);
    expect(input.vantages).toEqual([
      { vantageId: "region:weur", failing: false },
      { vantageId: "region:enam", failing: false },
    ]);
    expect(input.findings).toEqual([]);
  });
  it("opens no incident while muted, and opens one after the expiry", () => {
    const policy = { ...alertPolicyOf({ failuresToOpen: 2, successesToResolve: 2 }), reminderIntervalMs: 0 };
    const mutes = [mute({ expiresAt: 13 * MIN })];
    let state = INITIAL_ALERT_STATE;
    const sent: string[] = [];
    for (const minute of [10, 11, 12, 13, 14]) {
      const next = nextAlertState(state, inputAt(minute * MIN, mutes), policy, minute * MIN);
      state = next.state;
      sent.push(...next.actions.map((a) => `${minute}:${a.kind}`));
    }
    // Rounds 13 and 14 count the finding again: two failing rounds open the incident at 14.
    expect(sent).toEqual(["14:opened"]);
  });
  it("a round judged before the mute was created: the mute alone does not cover it, the round's view does", () => {
    expect(inputAt(9 * MIN, [mute()]).vantages.every((v) => v.failing)).toBe(true);
    // The tick at minute 9 evaluated at minute 10.5 (queue delay), after the mute was created.
    expect(inputAt(9 * MIN, mutesForRound([mute()], 9 * MIN)).vantages.some((v) => v.failing)).toBe(false);
  });
  it("mutesForRound keeps expiry and end judged at the round's time", () => {
    const round = mutesForRound([mute({ createdAt: 12 * MIN, expiresAt: 13 * MIN })], 14 * MIN);
    expect(round[0]?.createdAt).toBe(12 * MIN);
    expect(inputAt(14 * MIN, round).vantages.every((v) => v.failing)).toBe(true);
  });
});

describe("statuses read from runs and open finding rows", () => {
  const open = [
    {
      vantageId: "region:weur",
      findingId: "tls.cert.expired",
      subject: "sip1.example.com",
      severity: "critical" as const,
    },
    { vantageId: "region:weur", findingId: "dns.srv.single-target", subject: "x", severity: "warning" as const },
    {
      vantageId: "region:enam",
      findingId: "tls.cert.expired",
      subject: "sip1.example.com",
      severity: "critical" as const,
    },
    { vantageId: "cross", findingId: "dns.resolver.disagree", subject: "example.com", severity: "warning" as const },
  ];
  const runs = [
    { vantageId: "region:weur", status: "critical" as const },
    { vantageId: "region:enam", status: "critical" as const },
    { vantageId: "region:apac", status: "error" as const },
  ];
  it("each vantage counts only its own unmuted findings", () => {
    expect(vantageStatusesWithMutes(runs, open, [mute()], 11 * MIN).map((r) => r.status)).toEqual([
      "warning",
      "ok",
      "error",
    ]);
  });
  it("unmutedOpenFindings leaves the muted rows out", () => {
    expect(unmutedOpenFindings(open, [mute()], 11 * MIN).map((f) => f.vantageId)).toEqual(["region:weur", "cross"]);
  });
});
