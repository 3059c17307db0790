import { describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import { endpointSubject, plaintextKind, targetFailure } from "./probe-facts";
import { D, sipResult, target, tlsResult } from "./test-probes";

describe("plaintextKind", () => {
  it.each([
    ["SIP/2.0 400 Bad Request\\r\\n", "SIP"],
    ["OPTIONS sip:example.com SIP/2.0", "SIP"],
    ["HTTP/1.1 400 Bad Request", "HTTP"],
    ["220 mail.example.com ESMTP", "plaintext"],
    ["\\x15\\x03\\x01\\x00\\x02", null],
    ["", null],
    [undefined, null],
  ])("%s -> %s", (text, expected) => {
    expect(plaintextKind(text)).toBe(expected);
  });
});

describe("targetFailure", () => {
  const tls = target("tls", `sip1.${D}`, "192.0.2.11");
  const udp = target("udp", `sip1.${D}`, "192.0.2.11");
  const tcp = target("tcp", `sip1.${D}`, "192.0.2.11");
  const failed = (
    outcome: "refused" | "timeout" | "handshake-failed" | "not-tls" | "reset",
    connectMs?: number,
  ): TargetProbes => ({
    target: tls,
    tls: tlsResult(tls, { outcome, chain: [], connectMs }),
  });
  it.each([
    { name: "TLS connected", probe: { target: tls, tls: tlsResult(tls) }, expected: null },
    { name: "TLS connect refused", probe: failed("refused"), expected: "unreachable" },
    { name: "TLS connect timed out", probe: failed("timeout"), expected: "unreachable" },
    { name: "TLS handshake timed out", probe: failed("timeout", 15), expected: "handshake-failed" },
    { name: "TLS reset during the handshake", probe: failed("reset", 15), expected: "handshake-failed" },
    { name: "TLS port speaking plaintext", probe: failed("not-tls", 15), expected: "mismatch" },
    {
      name: "UDP timeout",
      probe: { target: udp, sip: sipResult(udp, { outcome: "timeout" }) },
      expected: "no-response",
    },
    {
      name: "UDP answered 503 still answers",
      probe: { target: udp, sip: sipResult(udp, { response: { status: 503 } }) },
      expected: null,
    },
    {
      name: "TCP connected, OPTIONS timed out",
      probe: {
        target: tcp,
        tcp: { target: tcp, outcome: "connected" as const },
        sip: sipResult(tcp, { outcome: "timeout" }),
      },
      expected: null,
    },
  ])("$name -> $expected", ({ probe, expected }) => {
    expect(targetFailure(probe)).toBe(expected);
  });
});

describe("endpointSubject", () => {
  it.each([
    [target("tls", `sip1.${D}`, "192.0.2.11"), "tls sip1.example.com:5061"],
    [target("udp", "2001:db8::1", "2001:db8::1"), "udp [2001:db8::1]:5060"],
    [target("wss", `ws.${D}`, "192.0.2.20"), "wss ws.example.com:443"],
  ])("%j -> %s", (t, expected) => {
    expect(endpointSubject(t)).toBe(expected);
  });
});
