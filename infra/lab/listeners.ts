import dgram from "node:dgram";
import type http from "node:http";
import net from "node:net";

/** Sockets shared by the lab server and the hostile server. */
export interface DnsListeners {
  udp: dgram.Socket;
  tcp: net.Server;
  udpPort: number;
  tcpPort: number;
}

/**
 * Binds UDP and TCP. Without an explicit tcpPort, TCP takes the port UDP got, as on a real
 * server: clients retry a truncated UDP answer over TCP at the same address (RFC 7766 5).
 * With both ephemeral, a port free for UDP may be taken for TCP, so try a few.
 */
export async function listenUdpAndTcp(host: string, udpPort = 0, tcpPort?: number): Promise<DnsListeners> {
  const attempts = udpPort === 0 && tcpPort === undefined ? 20 : 1;
  for (let attempt = 1; ; attempt++) {
    const udp = dgram.createSocket(net.isIPv6(host) ? "udp6" : "udp4");
    await new Promise<void>((resolve, reject) => {
      udp.once("error", reject);
      udp.bind(udpPort, host, () => {
        udp.off("error", reject);
        resolve();
      });
    });
    const boundUdpPort = udp.address().port;
    const tcp = net.createServer();
    try {
      await listen(tcp, host, tcpPort ?? boundUdpPort);
    } catch (error) {
      udp.close();
      if ((error as NodeJS.ErrnoException).code === "EADDRINUSE" && attempt < attempts) continue;
      throw error;
    }
    const address = tcp.address() as net.AddressInfo;
    return { udp, tcp, udpPort: boundUdpPort, tcpPort: address.port };
  }
}

export function listen(server: net.Server | http.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

/** A TCP port that was free a moment ago: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Host part of a URL: IPv6 literals need brackets. */
export function urlHost(host: string): string {
  return net.isIPv6(host) ? `[${host}]` : host;
}

/** Closes everything, destroying open TCP connections so close() never waits on a client. */
export async function closeAll(
  listeners: DnsListeners,
  http: http.Server | undefined,
  sockets: Set<net.Socket>,
): Promise<void> {
  for (const socket of sockets) socket.destroy();
  http?.closeAllConnections();
  await Promise.all([
    new Promise<void>((resolve) => listeners.udp.close(() => resolve())),
    new Promise<void>((resolve) => listeners.tcp.close(() => resolve())),
    http ? new Promise<void>((resolve) => http.close(() => resolve())) : undefined,
  ]);
}
