/**
 * Runs in Node (test/lab-setup.ts): a live SIP service whose TLS listener a workerd test can
 * switch off and on, for the end-to-end alert test. The zone's SIPS SRV points at a relay in
 * front of the real TLS listener; while broken the relay drops every connection as it arrives
 * (what a crashed TLS terminator looks like from outside), so a broken audit fails at once
 * instead of waiting for a probe timeout. workerd shares no memory with Node, hence the HTTP
 * control endpoint: `POST /break`, `POST /heal`.
 */
import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { liveZone, startLiveService } from "@sipwatch/infra/lab";

export async function startBreakableService(origin: string) {
  const service = await startLiveService(origin, "valid", "TLS listener switched off and on by the alert test");
  const upstream = service.sip.ports.tls as number;
  let broken = false;
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };

  const relay = net.createServer((client) => {
    track(client);
    if (broken) {
      client.destroy();
      return;
    }
    const server = net.connect(upstream, "127.0.0.1");
    track(server);
    client.pipe(server).pipe(client);
    client.on("close", () => server.destroy());
    server.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const relayPort = (relay.address() as AddressInfo).port;

  const control = createHttpServer((request, response) => {
    const action = request.method === "POST" ? request.url : undefined;
    if (action !== "/break" && action !== "/heal") {
      response.writeHead(404).end();
      return;
    }
    broken = action === "/break";
    // Connections relayed before the switch go too: the next audit sees the new state.
    if (broken) for (const socket of sockets) socket.destroy();
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));

  const ports = { udp: service.sip.ports.udp as number, tcp: service.sip.ports.tcp as number, tls: relayPort };
  return {
    zone: liveZone(origin, ports, "TLS listener switched off and on by the alert test"),
    caPem: service.caPem,
    controlUrl: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all([
        new Promise<void>((resolve) => relay.close(() => resolve())),
        new Promise<void>((resolve) => control.close(() => resolve())),
        service.close(),
      ]);
    },
  };
}
