import { beforeAll, describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import { sipRecordRouteIp } from "./sip-record-route-ip";
import { change, D, healthyProbesFor, healthyResolution, on, ruleInput, sipResult, summary } from "./test-probes";

const finding = (subject: string) => ({ id: "transport.sip.record-route-ip", severity: "warning", subject });
const recordRoute =
  (...values: string[]) =>
  (p: TargetProbes): TargetProbes => ({ ...p, sip: sipResult(p.target, { response: { recordRoute: values } }) });

let resolution: SipResolution;
let healthy: TargetProbes[];
beforeAll(async () => {
  resolution = await healthyResolution();
  healthy = healthyProbesFor(resolution);
});

describe("transport.sip.record-route-ip", () => {
  it.each([
    { name: "healthy probes", edit: (p: TargetProbes[]) => p, expected: [] },
    {
      name: "Record-Route by name",
      edit: (p: TargetProbes[]) => change(p, on("tls"), recordRoute("<sip:sip1.example.com;transport=tls;lr>")),
      expected: [],
    },
    {
      name: "Record-Route by IPv4 over TLS",
      edit: (p: TargetProbes[]) =>
        change(p, on("tls", `sip1.${D}`), recordRoute("<sip:192.0.2.11:5061;transport=tls;lr>")),
      expected: [finding(`tls sip1.${D}:5061`)],
    },
    {
      name: "Record-Route by IPv6 over UDP (network switch, NAT64)",
      edit: (p: TargetProbes[]) => change(p, on("udp", `sip2.${D}`), recordRoute("<sip:[2001:db8::12];lr>")),
      expected: [finding(`udp sip2.${D}:5060`)],
    },
  ])("$name", ({ edit, expected }) => {
    expect(summary(sipRecordRouteIp(ruleInput(resolution, edit(healthy))))).toEqual(expected);
  });

  it("explains the certificate problem for TLS", () => {
    const probes = change(healthy, on("tls", `sip1.${D}`), recordRoute("<sip:192.0.2.11:5061;transport=tls;lr>"));
    const [result] = sipRecordRouteIp(ruleInput(resolution, probes));
    expect(result?.title).toBe(`sip1.${D}:5061 Record-Routes through an IP address: 192.0.2.11`);
    expect(result?.detail).toMatch(/certificate/);
    expect(result?.detail).toMatch(/NAT64/);
  });
});
