import { beforeAll, describe, expect, it } from "vitest";
import type { SipResponseInfo, TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import { facts } from "../test-evidence";
import { sipPrivateAddressInHeaders } from "./sip-private-address-in-headers";
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
} from "./test-probes";

const finding = (subject: string) => ({ id: "transport.sip.private-address-in-headers", severity: "warning", subject });
const respond =
  (response: Partial<SipResponseInfo>) =>
  (p: TargetProbes): TargetProbes => ({ ...p, sip: sipResult(p.target, { response }) });

let resolution: SipResolution;
let healthy: TargetProbes[];
beforeAll(async () => {
  resolution = await healthyResolution();
  healthy = healthyProbesFor(resolution);
});

describe("transport.sip.private-address-in-headers", () => {
  it.each([
    { name: "healthy probes", edit: (p: TargetProbes[]) => p, expected: [] },
    {
      name: "Contact with an RFC 1918 address",
      edit: (p: TargetProbes[]) => change(p, on("udp", `sip1.${D}`), respond({ contact: ["<sip:10.0.0.5:5060>"] })),
      expected: [finding(`udp sip1.${D}:5060`)],
    },
    {
      name: "Record-Route with a ULA address",
      edit: (p: TargetProbes[]) =>
        change(p, on("tls", `sip2.${D}`), respond({ recordRoute: ["<sip:[fd00::5]:5061;transport=tls;lr>"] })),
      expected: [finding(`tls sip2.${D}:5061`)],
    },
    {
      name: "Via received rewritten to a CGNAT address",
      edit: (p: TargetProbes[]) =>
        change(p, on("tcp", `sip2.${D}`, "192.0.2.12"), respond({ viaReceived: "100.64.1.9" })),
      expected: [finding(`tcp sip2.${D}:5060`)],
    },
    {
      name: "host names and public addresses in headers are fine",
      edit: (p: TargetProbes[]) =>
        change(p, on("udp"), respond({ contact: ["<sip:sip1.example.com>"], recordRoute: ["<sip:198.51.100.20;lr>"] })),
      expected: [],
    },
  ])("$name", ({ edit, expected }) => {
    const findings = sipPrivateAddressInHeaders(ruleInput(resolution, edit(healthy)));
    expect(summary(findings)).toEqual(expected);
  });

  it("a server on a private address may name private addresses", () => {
    const inside = target("udp", "pbx.lan", "192.168.1.10");
    const probes = [{ target: inside, sip: sipResult(inside, { response: { contact: ["<sip:192.168.1.10>"] } }) }];
    expect(sipPrivateAddressInHeaders(ruleInput(resolution, probes))).toEqual([]);
  });

  it("lists header, value and scope", () => {
    const probes = change(healthy, on("udp", `sip1.${D}`, "192.0.2.11"), respond({ contact: ["<sip:10.0.0.5:5060>"] }));
    const [result] = sipPrivateAddressInHeaders(ruleInput(resolution, probes));
    expect(result?.title).toBe(`sip1.${D}:5060 puts private addresses in Contact: 10.0.0.5`);
    expect(facts(result)?.hits).toEqual([
      {
        address: "192.0.2.11",
        leaked: [{ header: "Contact", value: "<sip:10.0.0.5:5060>", host: "10.0.0.5", scope: "private" }],
      },
    ]);
  });
});
