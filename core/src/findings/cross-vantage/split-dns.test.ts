import { describe, expect, it } from "vitest";
import type { RecordSet } from "../../history/types";
import { facts } from "../test-evidence";
import { splitDns } from "./split-dns";

const set = (
  name: string,
  type: string,
  data: string[],
  status = data.length > 0 ? "answer" : "nxdomain",
): RecordSet => ({
  name,
  type,
  data,
  status,
});
const naptr = (target: string) => set("example.com", "NAPTR", [`10 10 "S" "SIP+D2T" "" _sip._tcp.${target}`]);
const host = (name: string, address: string | null, status?: string) =>
  set(name, "A", address ? [address] : [], status);

describe("split-dns rules (agent against regions)", () => {
  it.each([
    {
      name: "same answers inside and out",
      agent: [naptr("example.com"), host("sip.example.com", "192.0.2.10")],
      region: [naptr("example.com"), host("sip.example.com", "192.0.2.10")],
      expected: [],
    },
    {
      name: "the agent gets a private address: mismatch naming the record",
      agent: [naptr("example.com"), host("sip.example.com", "10.0.0.5")],
      region: [naptr("example.com"), host("sip.example.com", "192.0.2.10")],
      expected: ["split-dns.mismatch warning sip.example.com A"],
    },
    {
      name: "a host only inside, the public zone otherwise fine: internal-only warning",
      agent: [naptr("example.com"), host("pbx.corp.example.com", "10.0.0.7")],
      region: [naptr("example.com"), host("pbx.corp.example.com", null)],
      expected: ["split-dns.internal-only warning pbx.corp.example.com A"],
    },
    {
      name: "nothing public at all: internal-only is critical",
      agent: [naptr("example.com"), host("example.com", "10.0.0.7")],
      region: [set("example.com", "NAPTR", []), host("example.com", null)],
      expected: ["split-dns.internal-only critical example.com NAPTR,example.com A"],
    },
    {
      name: "a question the regions never asked, answered inside: internal-only",
      agent: [naptr("example.com"), host("sip-int.example.com", "10.0.0.9")],
      region: [naptr("example.com"), host("sip.example.com", "192.0.2.10")],
      expected: ["split-dns.internal-only warning sip-int.example.com A"],
    },
    {
      name: "a region that timed out is no opinion",
      agent: [host("sip.example.com", "10.0.0.5")],
      region: [host("sip.example.com", null, "error")],
      expected: [],
    },
    {
      name: "the agent's own timeout is no opinion",
      agent: [host("sip.example.com", null, "error")],
      region: [host("sip.example.com", "192.0.2.10")],
      expected: [],
    },
  ])("$name", ({ agent, region, expected }) => {
    const findings = splitDns([
      { vantageId: "region:weur", recordSets: region },
      { vantageId: "agt_office", recordSets: agent },
    ]);
    const described = findings.map((f) => {
      const records = ((facts(f)?.records ?? []) as { name: string; type: string }[]).map((r) => `${r.name} ${r.type}`);
      return `${f.id} ${f.severity} ${records.join(",")}`;
    });
    expect(described).toEqual(expected);
    for (const f of findings) expect(f.subject).toBe("agt_office");
  });

  it("agrees when the agent matches one of several regions that disagree (geo-DNS)", () => {
    const findings = splitDns([
      { vantageId: "region:weur", recordSets: [host("sip.example.com", "192.0.2.10")] },
      { vantageId: "region:apac", recordSets: [host("sip.example.com", "198.51.100.10")] },
      { vantageId: "agt_office", recordSets: [host("sip.example.com", "198.51.100.10")] },
    ]);
    expect(findings).toEqual([]);
  });

  it("says nothing without a region or without an agent", () => {
    const inside = { vantageId: "agt_office", recordSets: [host("sip.example.com", "10.0.0.5")] };
    const outside = { vantageId: "region:weur", recordSets: [host("sip.example.com", "192.0.2.10")] };
    expect(splitDns([inside])).toEqual([]);
    expect(splitDns([outside, { ...outside, vantageId: "region:apac" }])).toEqual([]);
  });

  it("names both answers in the mismatch evidence", () => {
    const [finding] = splitDns([
      { vantageId: "region:weur", recordSets: [host("sip.example.com", "192.0.2.10")] },
      { vantageId: "agt_office", recordSets: [host("sip.example.com", "10.0.0.5")] },
    ]);
    expect(finding?.evidence).toEqual({
      agent: "agt_office",
      records: [
        { name: "sip.example.com", type: "A", inside: ["10.0.0.5"], outside: { "region:weur": ["192.0.2.10"] } },
      ],
    });
  });
});
