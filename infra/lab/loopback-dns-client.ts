import dgram from "node:dgram";
import net from "node:net";
import * as dnsPacket from "@leichtgewicht/dns-packet";
import { frameMessage, readFrames } from "./tcp-framing";

/**
 * The bare minimum of a DNS client, for the lab's own tests and for waiting until BIND is up.
 * The product's resolvers live in agent/ and workers/; this one trusts its loopback server.
 */
export function buildQuery(name: string, type: dnsPacket.RecordType, options: { id?: number; edns?: number } = {}) {
  return dnsPacket.encode({
    type: "query",
    id: options.id ?? Math.floor(Math.random() * 0x10000),
    flags: 0,
    questions: [{ name, type, class: "IN" }],
    additionals:
      options.edns === undefined
        ? []
        : [{ type: "OPT", name: ".", udpPayloadSize: options.edns, options: [] } as never],
  });
}

export function queryUdp(host: string, port: number, message: Uint8Array, timeoutMs = 2000): Promise<Uint8Array> {
  const socket = dgram.createSocket(net.isIPv6(host) ? "udp6" : "udp4");
  let timer: NodeJS.Timeout | undefined;
  return new Promise<Uint8Array>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no UDP answer from ${host}:${port} in ${timeoutMs} ms`)), timeoutMs);
    socket.on("error", reject);
    socket.on("message", (reply) => resolve(new Uint8Array(reply)));
    socket.send(message, port, host);
  }).finally(() => {
    clearTimeout(timer);
    socket.close();
  });
}

/** Sends all messages in one write (pipelined, RFC 7766 6.2.1) and collects as many answers. */
export function queryTcp(host: string, port: number, messages: Uint8Array[], timeoutMs = 2000): Promise<Uint8Array[]> {
  const socket = net.connect(port, host);
  let timer: NodeJS.Timeout | undefined;
  return new Promise<Uint8Array[]>((resolve, reject) => {
    const answers: Uint8Array[] = [];
    timer = setTimeout(() => reject(new Error(`TCP answers incomplete after ${timeoutMs} ms`)), timeoutMs);
    socket.on("error", reject);
    socket.on("close", () => reject(new Error(`connection closed after ${answers.length} answers`)));
    readFrames(socket, (answer) => {
      answers.push(answer);
      if (answers.length === messages.length) resolve(answers);
    });
    socket.write(Buffer.concat(messages.map(frameMessage)));
  }).finally(() => {
    clearTimeout(timer);
    socket.destroy();
  });
}
