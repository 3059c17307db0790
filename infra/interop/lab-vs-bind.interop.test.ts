import * as dnsPacket from "@leichtgewicht/dns-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findNamed, type RunningNamed, startNamed } from "../lab/bind";
import { type LabDns, startLabDns } from "../lab/dns-server";
import { buildQuery, queryUdp } from "../lab/loopback-dns-client";
import { labZones } from "../lab/zones";

/**
 * The lab server stands in for real authoritative servers in every other test, so it must
 * answer like BIND 9 does for the same zone data: same rcode, AA bit, answer and authority.
 */
const TYPES: dnsPacket.RecordType[] = ["A", "AAAA", "CNAME", "NS", "SOA", "SRV", "NAPTR", "TXT"];

function questions(): [string, dnsPacket.RecordType][] {
  const names = new Set<string>(["example.com", "sipwatch.test"]);
  for (const zone of labZones) {
    for (const record of zone.records) names.add(record.name);
    names.add(`nothere.${zone.origin}`);
    names.add(`_tcp.${zone.origin}`);
  }
  return [...names].flatMap((name) => TYPES.map((type): [string, dnsPacket.RecordType] => [name, type]));
}

/** The parts of a response both servers must agree on, order-independent (BIND rotates RRsets). */
function essence(bytes: Uint8Array) {
  const packet = dnsPacket.decode(bytes);
  const show = (records: dnsPacket.Answer[] | undefined) =>
    (records ?? [])
      .map((r) => {
        const data = "data" in r ? r.data : undefined;
        const shown = data instanceof Uint8Array ? Buffer.from(data).toString("hex") : JSON.stringify(data, hexBuffers);
        return `${r.name.toLowerCase()} ${r.ttl} ${r.type} ${shown}`;
      })
      .sort();
  return {
    rcode: packet.rcode,
    aa: packet.flag_aa,
    tc: packet.flag_tc,
    answers: show(packet.answers),
    authorities: show(packet.authorities),
  };
}

function hexBuffers(_key: string, value: unknown) {
  return value instanceof Uint8Array ? Buffer.from(value).toString("hex") : value;
}

// The interop suite needs BIND: fail loudly rather than skip (.ci/run installs it).
if (!findNamed()) throw new Error("named (BIND 9) not found: apt-get install bind9, or run .ci/run");

describe("lab DNS server vs BIND 9 on the same zones", () => {
  let named: RunningNamed;
  let lab: LabDns;
  beforeAll(async () => {
    [named, lab] = await Promise.all([startNamed({ zones: labZones }), startLabDns({ zones: labZones })]);
  });
  afterAll(async () => {
    await Promise.all([named?.close(), lab?.close()]);
  });

  it("gives the same answers for every name and type in the lab zones", async () => {
    const differences: string[] = [];
    for (const [name, type] of questions()) {
      const query = buildQuery(name, type, { id: 7 });
      const [fromBind, fromLab] = await Promise.all([
        queryUdp(named.host, named.port, query),
        queryUdp(lab.host, lab.udpPort, query),
      ]);
      const expected = essence(fromBind);
      const actual = essence(fromLab);
      if (JSON.stringify(expected) !== JSON.stringify(actual)) {
        differences.push(`${name} ${type}\n  bind: ${JSON.stringify(expected)}\n  lab:  ${JSON.stringify(actual)}`);
      }
    }
    expect(differences).toEqual([]);
  });
});
