import { describe, expect, it } from "vitest";
import { runProbeRules } from "../findings/probe-rules/index";
import { sipResult } from "../findings/probe-rules/test-probes";
import type { ProbeTarget } from "../probe/types";
import type { SipResolution, Transport } from "../sip/types";
import { probeRegistration } from "./register-probe";
import type { RegisterOutcome, SipFlowOpener } from "./types";

/** The lab registrars the contract needs (infra/lab hostile-registrar.ts), ports by transport. */
export interface RegistrarLab {
  host: string;
  account: { user: string; password: string };
  registrars: Record<
    "honest" | "endless-challenges" | "nonce-loop" | "no-contact" | "drip",
    Partial<Record<Transport, number>>
  >;
}

const TIMEOUT_MS = 1500;
/** A registration and its unregister each get the timeout; the rest is scheduling slack on a busy machine. */
const MUST_END_WITHIN_MS = 2 * TIMEOUT_MS + 1500;

/**
 * One suite for every SipFlowOpener (the agent's Node sockets, the edge's Workers sockets), run
 * against the same loopback registrars, so the two adapters cannot drift (STYLE.md, "Contract
 * tests"): `describeRegisterOpenerContract("edge", new WorkersSipFlowOpener(), lab)`.
 */
export function describeRegisterOpenerContract(name: string, opener: SipFlowOpener, lab: () => RegistrarLab): void {
  for (const transport of opener.transports) {
    describe(`${name} REGISTER over ${transport}`, () => {
      const target = (mode: keyof RegistrarLab["registrars"]): ProbeTarget => {
        const port = lab().registrars[mode][transport];
        if (!port) throw new Error(`the lab has no ${mode} registrar over ${transport}`);
        return { transport, host: lab().host, address: lab().host, port, sipDomain: "lab.sipwatch.test" };
      };
      /** `optionsAnswered`: judge as if OPTIONS got a 200 at this address, as it does on a registrar that hangs on REGISTER. */
      const register = async (
        mode: keyof RegistrarLab["registrars"],
        password = lab().account.password,
        optionsAnswered = false,
      ) => {
        const started = Date.now();
        const result = await probeRegistration(opener, target(mode), {
          timeoutMs: TIMEOUT_MS,
          credentials: { user: lab().account.user, password },
        });
        const elapsedMs = Date.now() - started;
        expect(elapsedMs).toBeLessThan(MUST_END_WITHIN_MS);
        // Nothing the probe returns may carry the password, whatever the registrar did.
        expect(JSON.stringify(result)).not.toContain(password);
        const findings = runProbeRules({
          resolution: {} as SipResolution,
          probes: [
            { target: result.target, register: result, ...(optionsAnswered ? { sip: sipResult(result.target) } : {}) },
          ],
          now: new Date(),
        }).filter((f) => f.id.startsWith("register."));
        return { result, elapsedMs, findingIds: findings.map((f) => f.id) };
      };
      const expectOutcome = (outcome: RegisterOutcome, actual: RegisterOutcome, error?: string) =>
        expect(`${actual}${error ? ` (${error})` : ""}`).toMatch(new RegExp(`^${outcome}`));

      it("registers with the right password and removes its binding", async () => {
        const { result, findingIds } = await register("honest");
        expectOutcome("registered", result.outcome, result.error);
        expect(result.challenges.map((c) => c.algorithm)).toEqual(["MD5"]);
        expect(result.bindings?.some((b) => b.ours)).toBe(true);
        expect(result.unregister?.outcome).toBe("removed");
        expect(findingIds).toEqual([]);
      });

      it("says the credentials were rejected for a wrong password", async () => {
        const { result, findingIds } = await register("honest", "not-the-password");
        expectOutcome("credentials-rejected", result.outcome, result.error);
        expect(findingIds).toEqual(["register.credentials-rejected"]);
      });

      it("ends endless challenges with the same nonce as rejected credentials", async () => {
        const { result, findingIds } = await register("endless-challenges");
        expectOutcome("credentials-rejected", result.outcome, result.error);
        expect(result.requests).toBe(2);
        expect(findingIds).toEqual(["register.credentials-rejected"]);
      });

      it("ends a loop of new stale nonces after a phone's few rounds", async () => {
        const { result, findingIds } = await register("nonce-loop");
        expectOutcome("challenge-loop", result.outcome, result.error);
        expect(result.challenges.every((c) => c.stale)).toBe(true);
        expect(findingIds).toEqual(["register.challenge-failed"]);
      });

      it("reads a 200 without Contact as a registration the registrar did not store", async () => {
        const { result, findingIds } = await register("no-contact");
        expectOutcome("no-contact-in-200", result.outcome, result.error);
        expect(findingIds).toContain("register.no-contact");
      });

      it("gives up on a registrar that drips its answer, within the timeout", async () => {
        const { result, elapsedMs, findingIds } = await register("drip", undefined, true);
        expectOutcome("timeout", result.outcome, result.error);
        expect(elapsedMs).toBeLessThan(TIMEOUT_MS + 1000);
        if (transport === "tcp" || transport === "tls")
          expect(result.error).toMatch(/bytes of a response that never ended/);
        expect(findingIds).toEqual(["register.options-only"]);
      });
    });
  }
}
