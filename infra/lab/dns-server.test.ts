import net from "node:net";
import * as dnsPacket from "@leichtgewicht/dns-packet";
import { decodeNaptrRdata } from "@sipwatch/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LabDns, startLabDns } from "./dns-server";
import { buildQuery, queryTcp, queryUdp } from "./loopback-dns-client";
import { frameMessage, readFrames } from "./tcp-framing";
import { type LabZone, labZones } from "./zones";

// 40 A records at one name: about 1.3 kB uncompressed, more than fits a classic UDP answer.
const bigZone: LabZone = {
  origin: "big.sipwatch.test",
  description: "oversized answer",
  expect: [],
  records: [
    { name: "big.sipwatch.test", type: "SOA", data: soa("big.sipwatch.test") },
    ...Array.from({ length: 40 }, (_, i) => ({
      name: "many.big.sipwatch.test",
      type: "A" as const,
      data: `203.0.113.${i}`,
    })),
  ],
};

function soa(origin: string) {
  return {
    mname: `ns1.${origin}`,
    rname: `hostmaster.${origin}`,
    serial: 1,
    refresh: 1,
    retry: 1,
    expire: 1,
    minimum: 60,
  };
}

let lab: LabDns;
beforeAll(async () => {
  lab = await startLabDns({ zones: [...labZones, bigZone], servfail: ["broken.healthy.sipwatch.test"] });
});
afterAll(() => lab.close());

async function ask(name: string, type: dnsPacket.RecordType, id = 4711) {
  return dnsPacket.decode(await queryUdp(lab.host, lab.udpPort, buildQuery(name, type, { id })));
}
const rcodeOf = (packet: dnsPacket.Packet) => (packet.flags ?? 0) & 0xf;

describe("startLabDns over UDP", () => {
  it("answers NAPTR authoritatively, echoing id and question", async () => {
    const reply = await ask("HEALTHY.sipwatch.test", "NAPTR", 1234);
    expect(reply.id).toBe(1234);
    expect(reply.flag_aa).toBe(true);
    expect(reply.questions).toEqual([{ name: "HEALTHY.sipwatch.test", type: "NAPTR", class: "IN" }]);
    const naptrs = (reply.answers ?? []).map((a) => decodeNaptrRdata(a.data as Uint8Array));
    expect(naptrs.map((n) => [n.order, n.services, n.replacement])).toEqual([
      [10, "SIPS+D2T", "_sips._tcp.healthy.sipwatch.test"],
      [20, "SIP+D2T", "_sip._tcp.healthy.sipwatch.test"],
      [30, "SIP+D2U", "_sip._udp.healthy.sipwatch.test"],
    ]);
  });

  it("tells NODATA (SOA, NOERROR) from NXDOMAIN, and treats empty non-terminals as existing", async () => {
    const nodata = await ask("_sips._tcp.healthy.sipwatch.test", "AAAA");
    expect([rcodeOf(nodata), nodata.answers, nodata.authorities?.[0]?.type]).toEqual([0, [], "SOA"]);
    expect(nodata.authorities?.[0]?.ttl).toBe(60);
    const nxdomain = await ask("nothere.healthy.sipwatch.test", "A");
    expect([rcodeOf(nxdomain), nxdomain.flag_aa, nxdomain.authorities?.[0]?.type]).toEqual([3, true, "SOA"]);
    const emptyNonTerminal = await ask("_tcp.healthy.sipwatch.test", "SRV");
    expect([rcodeOf(emptyNonTerminal), emptyNonTerminal.answers]).toEqual([0, []]);
  });

  it("answers a CNAME with its target's records (chase), and the CNAME itself when asked", async () => {
    const chased = await ask("alias.cname-target.sipwatch.test", "A");
    expect(chased.answers?.map((a) => [a.type, a.data])).toEqual([
      ["CNAME", "sip2.cname-target.sipwatch.test"],
      ["A", "198.51.100.32"],
    ]);
    const direct = await ask("alias.cname-target.sipwatch.test", "CNAME");
    expect(direct.answers?.map((a) => a.type)).toEqual(["CNAME"]);
  });

  it("serves SRV with target '.' and the deliberate private address", async () => {
    const dot = await ask("_sip._udp.dot-target.sipwatch.test", "SRV");
    expect(dot.answers?.[0]?.data).toEqual({ priority: 0, weight: 0, port: 0, target: "." });
    const leak = await ask("sip2.private-leak.sipwatch.test", "A");
    expect(leak.answers?.[0]?.data).toBe("10.20.30.40");
  });

  it("refuses names outside its zones and SERVFAILs configured names", async () => {
    const refused = await ask("example.com", "A");
    expect([rcodeOf(refused), refused.flag_aa]).toEqual([5, false]);
    expect(rcodeOf(await ask("broken.healthy.sipwatch.test", "A"))).toBe(2);
  });

  it("sets TC and drops the records when the answer exceeds 512 bytes or the EDNS0 size", async () => {
    const plain = dnsPacket.decode(await queryUdp(lab.host, lab.udpPort, buildQuery("many.big.sipwatch.test", "A")));
    expect([plain.flag_tc, plain.answers?.length]).toEqual([true, 0]);
    const small = buildQuery("many.big.sipwatch.test", "A", { edns: 1000 });
    expect(dnsPacket.decode(await queryUdp(lab.host, lab.udpPort, small)).flag_tc).toBe(true);
    const large = dnsPacket.decode(
      await queryUdp(lab.host, lab.udpPort, buildQuery("many.big.sipwatch.test", "A", { edns: 4096 })),
    );
    expect([large.flag_tc, large.answers?.length]).toEqual([false, 40]);
  });

  it("survives malformed queries: FORMERR for a bad body, silence for a short one", async () => {
    const badBody = new Uint8Array([0xab, 0xcd, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 0x0c]);
    const formerr = dnsPacket.decode(await queryUdp(lab.host, lab.udpPort, badBody));
    expect([formerr.id, rcodeOf(formerr)]).toEqual([0xabcd, 1]);
    await expect(queryUdp(lab.host, lab.udpPort, new Uint8Array([1, 2, 3]), 300)).rejects.toThrow(/no UDP answer/);
    expect(rcodeOf(await ask("healthy.sipwatch.test", "A"))).toBe(0);
    expect(lab.queries).toBeGreaterThan(5);
  });
});

describe("startLabDns over TCP", () => {
  it("shares the UDP port and answers two pipelined queries sent in one write", async () => {
    expect(lab.tcpPort).toBe(lab.udpPort);
    const [first, second] = await queryTcp(lab.host, lab.tcpPort, [
      buildQuery("_sips._tcp.healthy.sipwatch.test", "SRV", { id: 1 }),
      buildQuery("many.big.sipwatch.test", "A", { id: 2 }),
    ]);
    expect(dnsPacket.decode(first as Uint8Array)).toMatchObject({ id: 1, flag_tc: false });
    expect(dnsPacket.decode(first as Uint8Array).answers).toHaveLength(2);
    expect(dnsPacket.decode(second as Uint8Array).answers).toHaveLength(40);
  });

  it("reassembles a query split across reads", async () => {
    const framed = frameMessage(buildQuery("sip1.healthy.sipwatch.test", "AAAA", { id: 77 }));
    const socket = net.connect(lab.tcpPort, lab.host);
    const reply = new Promise<Uint8Array>((resolve) => readFrames(socket, resolve));
    socket.write(framed.subarray(0, 1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.write(framed.subarray(1, 9));
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.write(framed.subarray(9));
    const answer = dnsPacket.decode(await reply);
    socket.destroy();
    expect([answer.id, answer.answers?.[0]?.data]).toEqual([77, "2001:db8:1::11"]);
  });
});

describe("startLabDns over DoH", () => {
  it("answers POST and GET with application/dns-message", async () => {
    const query = buildQuery("healthy.sipwatch.test", "A", { id: 0 });
    const post = await fetch(lab.dohUrl, {
      method: "POST",
      headers: { "content-type": "application/dns-message" },
      body: query,
    });
    expect([post.status, post.headers.get("content-type")]).toEqual([200, "application/dns-message"]);
    expect(dnsPacket.decode(new Uint8Array(await post.arrayBuffer())).answers?.[0]?.data).toBe("198.51.100.10");
    const get = await fetch(`${lab.dohUrl}?dns=${Buffer.from(query).toString("base64url")}`);
    expect(dnsPacket.decode(new Uint8Array(await get.arrayBuffer())).answers?.[0]?.data).toBe("198.51.100.10");
  });

  it("rejects the wrong media type (415) and a broken dns parameter (400)", async () => {
    const wrongType = await fetch(lab.dohUrl, { method: "POST", headers: { "content-type": "text/plain" }, body: "x" });
    expect(wrongType.status).toBe(415);
    expect((await fetch(`${lab.dohUrl}?dns=not*base64`)).status).toBe(400);
    expect((await fetch(lab.dohUrl)).status).toBe(400);
  });
});

describe("startLabDns latencyMs", () => {
  it("delays every answer", async () => {
    const slow = await startLabDns({ zones: labZones, latencyMs: 150 });
    try {
      const started = performance.now();
      await queryUdp(slow.host, slow.udpPort, buildQuery("healthy.sipwatch.test", "NAPTR"));
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      await slow.close();
    }
  });
});
