import type { Candidate, ProfileOutcome } from "@sipwatch/core";
import { describe, expect, it } from "vitest";
import type { PhoneRun } from "./phone-run";
import { observedView, predictedView } from "./prediction-match";

const sip1: Candidate = {
  transport: "tls",
  host: "sip1.first-refused.phones.test",
  address: "127.0.1.20",
  family: 4,
  port: 5061,
  source: "srv",
};
const sip2 = { ...sip1, host: "sip2.first-refused.phones.test", address: "127.0.1.21" };

describe("prediction-match", () => {
  it("puts a prediction and a run in the same words, first occurrences only", () => {
    const prediction = {
      profile: "linphone-tls",
      clients: ["Linphone 5.1 (belle-sip 5.1)"],
      configuredTransport: "tls",
      attempts: [
        { candidate: sip1, reachability: "refused", costMs: 1, step: "first" },
        { candidate: sip2, reachability: "ok", costMs: 1, step: "next-target" },
      ],
      outcome: { registered: true, candidate: sip2, transport: "tls", afterMs: 2, assumed: false },
    } as ProfileOutcome;
    const attempt = { host: null, atMs: 0, lastMs: 0, packets: 1, first: "-", result: "refused" as const };
    const run = {
      attempts: [
        { ...attempt, transport: "tls" as const, address: sip1.address, port: 5061 },
        { ...attempt, transport: "tls" as const, address: sip1.address, port: 5061 },
        { ...attempt, transport: "tls" as const, address: sip2.address, port: 5061 },
      ],
      registeredAt: { transport: "tls", host: "sip2", address: sip2.address, port: 5061 },
      registeredAfterMs: 1200,
    } as unknown as PhoneRun<unknown>;
    const expected = ["tls 127.0.1.20:5061", "tls 127.0.1.21:5061"];
    expect(predictedView(prediction)).toEqual({
      attempts: expected,
      outcome: "registered tls 127.0.1.21:5061",
      afterMs: 2,
    });
    expect(observedView(run)).toEqual({ attempts: expected, outcome: "registered tls 127.0.1.21:5061", afterMs: 1200 });
  });

  it("says not registered when the outcome has no candidate", () => {
    const prediction = {
      profile: "baresip",
      clients: [],
      attempts: [],
      outcome: { registered: false, afterMs: 0, assumed: false },
    } as unknown as ProfileOutcome;
    expect(predictedView(prediction)).toEqual({ attempts: [], outcome: "not registered", afterMs: null });
  });
});
