import { auditSipTarget, parseSipTarget } from "@sipwatch/core";
import { describe, expect, it } from "vitest";
import { TcpDnsResolver } from "../src/adapters";
import { lab } from "./fixtures";

const resolver = () => new TcpDnsResolver({ server: { address: "127.0.0.1", port: lab().dnsTcpPort } });

describe("TcpDnsResolver in workerd (RFC 7766 pipelining over cloudflare:sockets)", () => {
  it("answers many questions at once on one connection, each matched by ID", async () => {
    const dns = resolver();
    try {
      const names = ["_sips._tcp.live.sipwatch.test", "_sip._tcp.live.sipwatch.test", "_sip._udp.live.sipwatch.test"];
      const lookups = await Promise.all([
        dns.query({ name: "live.sipwatch.test", type: "NAPTR" }),
        ...names.map((name) => dns.query({ name, type: "SRV" })),
        dns.query({ name: "sip1.live.sipwatch.test", type: "A" }),
        dns.query({ name: "nope.live.sipwatch.test", type: "A" }),
      ]);
      expect(lookups.map((l) => (l.ok ? `${l.answer.rcode}:${l.answer.records.length}` : l.failure.kind))).toEqual([
        "NOERROR:3",
        "NOERROR:1",
        "NOERROR:1",
        "NOERROR:1",
        "NOERROR:1",
        "NXDOMAIN:0",
      ]);
    } finally {
      dns.close();
    }
  });

  it("walks a whole RFC 3263 chain like the DoH resolver does", async () => {
    const parsed = parseSipTarget("live.sipwatch.test");
    if (!parsed.ok) throw new Error(parsed.error);
    const dns = resolver();
    try {
      const report = await auditSipTarget(parsed.target, [dns], { loopbackIsLab: true });
      expect(report.resolution.candidates.map((c) => c.transport)).toEqual(["tls", "tcp", "udp"]);
    } finally {
      dns.close();
    }
  });

  it("fails a question clearly when nothing listens, and reconnects for the next one", async () => {
    const dns = new TcpDnsResolver({ server: { address: "127.0.0.1", port: lab().closedPort }, timeoutMs: 1000 });
    const lookup = await dns.query({ name: "live.sipwatch.test", type: "NAPTR" });
    expect(lookup).toMatchObject({
      ok: false,
      failure: { kind: "network", server: `tcp:127.0.0.1:${lab().closedPort}` },
    });
    const again = await dns.query({ name: "live.sipwatch.test", type: "NAPTR" });
    expect(again.ok).toBe(false);
  });

  it("times out a question the server never answers", async () => {
    const silent = lab().hostile.silent?.plain ?? 0;
    const dns = new TcpDnsResolver({ server: { address: "127.0.0.1", port: silent }, timeoutMs: 300 });
    try {
      const lookup = await dns.query({ name: "live.sipwatch.test", type: "NAPTR" });
      expect(lookup).toMatchObject({ ok: false, failure: { kind: "timeout" } });
    } finally {
      dns.close();
    }
  });

  it.each([
    ["garbage", /timeout|malformed/],
    ["wrong-id", /timeout/],
    ["endless-tcp", /timeout/],
    ["compression-loop", /malformed/],
  ])("ends a question to a %s server as a failure value, in bounded time", async (mode, kind) => {
    const dns = new TcpDnsResolver({
      server: { address: "127.0.0.1", port: lab().hostileDns[mode] ?? 0 },
      timeoutMs: 500,
    });
    try {
      const started = performance.now();
      const lookup = await dns.query({ name: "live.sipwatch.test", type: "NAPTR" });
      expect(lookup.ok).toBe(false);
      if (!lookup.ok) expect(lookup.failure.kind).toMatch(kind);
      expect(performance.now() - started).toBeLessThan(1500);
    } finally {
      dns.close();
    }
  });
});
