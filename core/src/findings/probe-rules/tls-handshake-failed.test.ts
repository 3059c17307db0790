import { beforeAll, describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import { facts } from "../test-evidence";
import {
  change,
  D,
  healthyProbesFor,
  healthyResolution,
  on,
  ruleInput,
  sipResult,
  summary,
  target,
  tlsResult,
} from "./test-probes";
import { tlsHandshakeFailed } from "./tls-handshake-failed";

const finding = (severity: string, subject: string) => ({ id: "transport.tls.handshake-failed", severity, subject });
const tlsAs =
  (
    outcome: "handshake-failed" | "timeout" | "reset" | "not-tls" | "refused",
    extra: { error?: string; firstBytes?: string; connectMs?: number } = {},
  ) =>
  (p: TargetProbes): TargetProbes => ({
    target: p.target,
    tls: tlsResult(p.target, { outcome, chain: [], verification: undefined, connectMs: 20, ...extra }),
  });

let resolution: SipResolution;
let healthy: TargetProbes[];
beforeAll(async () => {
  resolution = await healthyResolution();
  healthy = healthyProbesFor(resolution);
});

describe("transport.tls.handshake-failed", () => {
  it.each([
    { name: "healthy probes", edit: (p: TargetProbes[]) => p, expected: [] },
    {
      name: "one server's handshake fails",
      edit: (p: TargetProbes[]) =>
        change(p, on("tls", `sip2.${D}`), tlsAs("handshake-failed", { error: "sslv3 alert handshake failure" })),
      expected: [finding("warning", `tls sip2.${D}:5061`)],
    },
    {
      name: "every server resets the handshake after connecting",
      edit: (p: TargetProbes[]) => change(p, on("tls"), tlsAs("reset")),
      expected: [finding("critical", `tls sip1.${D}:5061`), finding("critical", `tls sip2.${D}:5061`)],
    },
    {
      name: "a handshake that stalls after TCP connected",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip1.${D}`, "192.0.2.11"), tlsAs("timeout")),
      expected: [finding("warning", `tls sip1.${D}:5061`)],
    },
    {
      name: "a connect timeout is not a handshake failure",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip1.${D}`), tlsAs("timeout", { connectMs: undefined })),
      expected: [],
    },
    {
      name: "plaintext SIP on the TLS port is a transport mismatch instead",
      edit: (p: TargetProbes[]) =>
        change(p, on("tls", `sip1.${D}`), tlsAs("handshake-failed", { firstBytes: "SIP/2.0 400 Bad Request\r\n" })),
      expected: [],
    },
    {
      name: "OpenSSL's wrong version number means plaintext too",
      edit: (p: TargetProbes[]) =>
        change(p, on("tls", `sip1.${D}`), tlsAs("handshake-failed", { error: "ssl3_get_record:wrong version number" })),
      expected: [],
    },
  ])("$name", ({ edit, expected }) => {
    const findings = tlsHandshakeFailed(ruleInput(resolution, edit(healthy)));
    expect(summary(findings).sort((a, b) => a.subject.localeCompare(b.subject))).toEqual(expected);
  });

  it("WSS: a SIP probe reporting handshake-failed", () => {
    const wss = target("wss", `ws.${D}`, "192.0.2.20", 443);
    const findings = tlsHandshakeFailed(
      ruleInput(resolution, [
        { target: wss, sip: sipResult(wss, { outcome: "handshake-failed", error: "certificate unknown" }) },
      ]),
    );
    expect(summary(findings)).toEqual([finding("critical", `wss ws.${D}:443`)]);
  });

  it("quotes the TLS error and the SNI name", () => {
    const probes = change(healthy, on("tls", `sip2.${D}`), tlsAs("handshake-failed", { error: "no shared cipher" }));
    const [result] = tlsHandshakeFailed(ruleInput(resolution, probes));
    expect(result?.detail).toContain("(no shared cipher)");
    expect(facts(result)?.sni).toBe(`sip2.${D}`);
  });
});
