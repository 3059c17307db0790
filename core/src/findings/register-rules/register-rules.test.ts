import { describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { RegistrationResult } from "../../register/types";
import { type ProbeRuleInput, runProbeRules } from "../probe-rules/index";
import { healthyProbes, NOW, sipResult, target } from "../probe-rules/test-probes";
import { facts } from "../test-evidence";

const t = target("udp", "sip1.example.com", "192.0.2.11");
const PASSWORD = "never-in-findings";

function registration(overrides: Partial<RegistrationResult>): RegistrationResult {
  return {
    target: t,
    outcome: "registered",
    aor: "sip:alice@example.com",
    requests: 2,
    challenges: [{ status: 401, realm: "example.com", algorithm: "MD5", qop: "auth", stale: false }],
    expiresRequestedS: 300,
    contactSent: "sip:sw-1@192.0.2.50:40000;transport=udp",
    bindings: [{ uri: "sip:sw-1@192.0.2.50:40000;transport=udp", expiresS: 300, ours: true }],
    status: 200,
    reason: "OK",
    registerMs: 80,
    unregister: { outcome: "removed", status: 200 },
    ...overrides,
  };
}

/** Register-rule ids the probes yield (other probe rules are judged elsewhere). */
function registerIds(register: RegistrationResult | undefined, probe: Partial<TargetProbes> = {}): string[] {
  const probes: TargetProbes[] = [{ ...healthyProbes(t), ...(register ? { register } : {}), ...probe }];
  const input = { resolution: {} as ProbeRuleInput["resolution"], probes, now: NOW, slowMs: 1000 };
  const findings = runProbeRules(input).filter((f) => f.id.startsWith("register."));
  expect(JSON.stringify(findings)).not.toContain(PASSWORD);
  for (const finding of findings) facts(finding);
  return findings.map((f) => `${f.id}:${f.severity}`);
}

describe("register rules", () => {
  it.each<[string, RegistrationResult | undefined, Partial<TargetProbes>, string[]]>([
    ["no registration probe ran", undefined, {}, []],
    ["a clean registration", registration({}), {}, []],
    [
      "403 after the challenge",
      registration({ outcome: "refused", status: 403, reason: "Forbidden" }),
      {},
      ["register.refused:critical"],
    ],
    [
      "423 twice",
      registration({ outcome: "interval-too-brief", status: 423, minExpiresS: 3600 }),
      {},
      ["register.refused:critical"],
    ],
    [
      "a wrong password",
      registration({ outcome: "credentials-rejected", status: 401 }),
      {},
      ["register.credentials-rejected:critical"],
    ],
    [
      "stale nonces without end",
      registration({ outcome: "challenge-loop", status: 401 }),
      {},
      ["register.challenge-failed:critical"],
    ],
    [
      "a 200 without Contact",
      registration({ outcome: "no-contact-in-200", bindings: [] }),
      {},
      ["register.no-contact:warning"],
    ],
    ["a slow registration", registration({ registerMs: 2500 }), {}, ["register.slow:warning"]],
    [
      "a Contact rewritten to a private address",
      registration({ bindings: [{ uri: "sip:sw-1@10.1.2.3:5060;transport=udp", expiresS: 300, ours: true }] }),
      {},
      ["register.contact-private:warning"],
    ],
    [
      "a binding left after unregister",
      registration({ unregister: { outcome: "not-removed", status: 200 } }),
      {},
      ["register.binding-not-removed:warning"],
    ],
    [
      "OPTIONS answered, REGISTER timed out",
      registration({ outcome: "timeout", error: "no result within 4000 ms" }),
      { sip: sipResult(t) },
      ["register.options-only:critical"],
    ],
    [
      "neither OPTIONS nor REGISTER answered",
      registration({ outcome: "timeout" }),
      { sip: sipResult(t, { outcome: "timeout", response: undefined }) },
      [],
    ],
  ])("%s", (_name, register, probe, expected) => {
    expect(registerIds(register, probe)).toEqual(expected);
  });

  it("says what a 503 with Retry-After means", () => {
    const probes: TargetProbes[] = [
      {
        ...healthyProbes(t),
        register: registration({ outcome: "refused", status: 503, reason: "Service Unavailable", retryAfterS: 120 }),
      },
    ];
    const [finding] = runProbeRules({ resolution: {} as ProbeRuleInput["resolution"], probes, now: NOW }).filter(
      (f) => f.id === "register.refused",
    );
    expect(finding?.detail).toMatch(/maintenance or overloaded and asks to come back in 120 s/);
  });
});
