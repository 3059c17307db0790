import net from "node:net";
import * as dnsPacket from "@leichtgewicht/dns-packet";
import { afterEach, describe, expect, it } from "vitest";
import { type HostileDns, startHostileDns } from "./hostile-dns";
import type { HostileMode } from "./hostile-payloads";
import { buildQuery, queryTcp, queryUdp } from "./loopback-dns-client";
import { frameMessage } from "./tcp-framing";

let server: HostileDns | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(mode: HostileMode) {
  server = await startHostileDns(mode);
  return server;
}
const query = (id = 99) => buildQuery("_sips._tcp.healthy.sipwatch.test", "SRV", { id });

/** Raw bytes a TCP client receives within `ms` after sending one framed query. */
async function tcpBytesWithin(hostile: HostileDns, ms: number): Promise<Uint8Array> {
  const socket = net.connect(hostile.tcpPort, hostile.host);
  const chunks: Buffer[] = [];
  socket.on("data", (chunk) => chunks.push(chunk));
  socket.write(frameMessage(query()));
  await new Promise((resolve) => setTimeout(resolve, ms));
  socket.destroy();
  return new Uint8Array(Buffer.concat(chunks));
}

describe("startHostileDns", () => {
  it("garbage and short replies do not decode as an answer to the query", async () => {
    const garbage = await start("garbage");
    const reply = await queryUdp(garbage.host, garbage.udpPort, query());
    expect(reply.length).toBeGreaterThanOrEqual(12);
    await garbage.close();
    const short = await start("short");
    expect((await queryUdp(short.host, short.udpPort, query())).length).toBe(5);
  });

  it("compression-loop replies make the decoder fail instead of looping", async () => {
    const hostile = await start("compression-loop");
    const reply = await queryUdp(hostile.host, hostile.udpPort, query());
    expect(reply[7]).toBe(2);
    expect(() => dnsPacket.decode(reply)).toThrow(/pointer/);
  });

  it("wrong-id and wrong-question carry real records under the wrong header", async () => {
    const wrongId = await start("wrong-id");
    const byId = dnsPacket.decode(await queryUdp(wrongId.host, wrongId.udpPort, query(500)));
    expect([byId.id, byId.answers?.length]).toEqual([501, 2]);
    await wrongId.close();
    const wrongQuestion = await start("wrong-question");
    const [framed] = await queryTcp(wrongQuestion.host, wrongQuestion.tcpPort, [query()]);
    expect(dnsPacket.decode(framed as Uint8Array).questions?.[0]?.name).toBe(
      "spoofed._sips._tcp.healthy.sipwatch.test",
    );
  });

  it("oversize sends a maximal UDP datagram, a full 65535-byte TCP frame and a 1 MB DoH body", async () => {
    const hostile = await start("oversize");
    expect((await queryUdp(hostile.host, hostile.udpPort, query())).length).toBe(65_507);
    const [frame] = await queryTcp(hostile.host, hostile.tcpPort, [query()]);
    expect(frame?.length).toBe(65_535);
    const response = await fetch(hostile.dohUrl, {
      method: "POST",
      headers: { "content-type": "application/dns-message" },
      body: query(),
    });
    expect((await response.arrayBuffer()).byteLength).toBe(1024 * 1024);
  });

  it("endless-tcp keeps sending without ever completing the claimed frame", async () => {
    const bytes = await tcpBytesWithin(await start("endless-tcp"), 300);
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xff]);
    expect(bytes.length).toBeGreaterThan(200);
    expect(bytes.length).toBeLessThan(65_537);
  });

  it("endless-tcp over DoH streams a body that never ends", async () => {
    const hostile = await start("endless-tcp");
    const response = await fetch(hostile.dohUrl, {
      method: "POST",
      headers: { "content-type": "application/dns-message" },
      body: query(),
    });
    const reader = response.body?.getReader();
    let received = 0;
    while (received < 1000) received += (await reader?.read())?.value?.length ?? 0;
    await reader?.cancel();
    expect(response.headers.get("content-length")).toBeNull();
  });

  it("silent never answers; slow-drip sends one byte a second", async () => {
    const silent = await start("silent");
    await expect(queryUdp(silent.host, silent.udpPort, query(), 200)).rejects.toThrow(/no UDP answer/);
    await silent.close();
    const dripped = await tcpBytesWithin(await start("slow-drip"), 1300);
    expect(dripped.length).toBe(1);
  });

  it("truncated-udp answers TC=1 over UDP and the full answer over TCP on the same port", async () => {
    const hostile = await start("truncated-udp");
    const udp = dnsPacket.decode(await queryUdp(hostile.host, hostile.udpPort, query()));
    expect([udp.flag_tc, udp.answers?.length]).toEqual([true, 0]);
    expect(hostile.tcpPort).toBe(hostile.udpPort);
    const [tcp] = await queryTcp(hostile.host, hostile.tcpPort, [query()]);
    expect(dnsPacket.decode(tcp as Uint8Array).answers).toHaveLength(2);
  });
});
