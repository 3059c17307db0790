import { describe, expect, it } from "vitest";
import { MemoryResolver } from "../dns/memory-resolver";
import { fakeOpener, PASSWORD, reply } from "./fake-registrar";
import { formatOutboundProxy, outboundProxyTargets, parseOutboundProxy, proxyRoute } from "./outbound-proxy";
import { probeRegistration } from "./register-probe";

describe("parseOutboundProxy", () => {
  it.each([
    ["proxy.example.com", { host: "proxy.example.com" }],
    ["Proxy.Example.com:5070", { host: "proxy.example.com", port: 5070 }],
    ["sip:192.0.2.7:5060;transport=tcp", { host: "192.0.2.7", port: 5060, transport: "tcp" }],
    ["sip:proxy.example.com;lr;transport=UDP", { host: "proxy.example.com", transport: "udp" }],
    ["sips:[2001:db8::7]", { host: "2001:db8::7", transport: "tls" }],
    ["sip:[2001:db8::7]:5080;transport=tls", { host: "2001:db8::7", port: 5080, transport: "tls" }],
  ])("reads %s", (input, proxy) => {
    expect(parseOutboundProxy(input)).toEqual({ ok: true, proxy });
  });

  it.each([
    ["", "1-300"],
    ["sip:alice@proxy.example.com", "not a user"],
    ["proxy.example.com:0", "1-65535"],
    ["proxy.example.com:99999", "1-65535"],
    ["proxy_example.com", "not a host name"],
    ["999.1.1.1", "not a host name"],
    ["sip:proxy.example.com;transport=sctp", "not one of udp, tcp, tls"],
    ["sips:proxy.example.com;transport=tcp", "over TLS"],
    ["proxy.example.com\r\nVia: x", "not a host name"],
  ])("refuses %j with a reason", (input, reason) => {
    const parsed = parseOutboundProxy(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(reason);
  });

  it("formats back to what it read", () => {
    for (const input of ["sip:proxy.example.com:5070;transport=tcp", "sips:[2001:db8::7]", "sip:192.0.2.7"]) {
      const parsed = parseOutboundProxy(input);
      if (!parsed.ok) throw new Error(parsed.error);
      expect(formatOutboundProxy(parsed.proxy)).toBe(input);
    }
  });
});

describe("outboundProxyTargets", () => {
  const resolver = new MemoryResolver([{ type: "A", name: "proxy.example.com", ttl: 300, address: "192.0.2.7" }]);

  it("registers over each offered transport at the proxy's address, or only over a pinned one", async () => {
    const all = await outboundProxyTargets(
      { host: "proxy.example.com" },
      ["udp", "tcp", "tls", "wss"],
      "example.com",
      resolver,
    );
    expect(all).toEqual({
      ok: true,
      targets: [
        { transport: "udp", host: "proxy.example.com", address: "192.0.2.7", port: 5060, sipDomain: "example.com" },
        { transport: "tcp", host: "proxy.example.com", address: "192.0.2.7", port: 5060, sipDomain: "example.com" },
        { transport: "tls", host: "proxy.example.com", address: "192.0.2.7", port: 5061, sipDomain: "example.com" },
      ],
    });
    const pinned = await outboundProxyTargets(
      { host: "198.51.100.9", port: 5070, transport: "tcp" },
      ["udp", "tls"],
      "example.com",
      undefined,
    );
    expect(pinned).toMatchObject({ ok: true, targets: [{ transport: "tcp", address: "198.51.100.9", port: 5070 }] });
    // A port without a transport is a plain SIP port: UDP and TCP there, not TLS.
    const ported = await outboundProxyTargets(
      { host: "198.51.100.9", port: 5070 },
      ["tls", "tcp", "udp"],
      "example.com",
      undefined,
    );
    expect(ported.ok && ported.targets.map((t) => `${t.transport}:${t.port}`)).toEqual(["tcp:5070", "udp:5070"]);
  });

  it("says so when the proxy's name does not resolve", async () => {
    const result = await outboundProxyTargets({ host: "gone.example.com" }, ["tcp"], "example.com", resolver);
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining("gone.example.com does not resolve") });
  });
});

describe("REGISTER through an outbound proxy", () => {
  it("sends to the proxy with a loose Route naming it, the Request-URI and AoR the registrar's domain", async () => {
    const opener = fakeOpener("tcp", (request, flow) => flow.deliver(reply(request, "403 Forbidden")));
    const target = {
      transport: "tcp" as const,
      host: "proxy.example.com",
      address: "192.0.2.7",
      port: 5070,
      sipDomain: "example.com",
    };
    const route = proxyRoute(target);
    const result = await probeRegistration(opener, target, {
      timeoutMs: 1000,
      credentials: { user: "alice", password: PASSWORD },
      route,
    });
    expect(route).toBe("<sip:proxy.example.com:5070;transport=tcp;lr>");
    const [request] = opener.flow?.requests ?? [];
    expect(request?.uri).toBe("sip:example.com");
    expect(request?.header("route")).toBe(route);
    expect(request?.header("to")).toBe("<sip:alice@example.com>");
    expect(result).toMatchObject({ outcome: "refused", status: 403, route, target });
  });
});
