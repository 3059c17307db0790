import net from "node:net";
import tls from "node:tls";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { labPki } from "./certs";
import { type HostileSip, type HostileSipMode, startHostileSip } from "./hostile-sip";

let server: HostileSip | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Raw bytes a plain TCP client receives within `ms` after saying something. */
async function bytesWithin(mode: HostileSipMode, ms: number): Promise<Buffer> {
  server = await startHostileSip(mode);
  const socket = net.connect(server.port, server.host);
  const chunks: Buffer[] = [];
  socket.on("data", (chunk) => chunks.push(chunk));
  socket.write("OPTIONS sip:x SIP/2.0\r\n\r\n");
  await new Promise((resolve) => setTimeout(resolve, ms));
  socket.destroy();
  return Buffer.concat(chunks);
}

describe("startHostileSip", () => {
  it.each([
    ["garbage", (b: Buffer) => b.length === 512 && b[0] === 0xff],
    ["plaintext-sip", (b: Buffer) => b.toString().startsWith("SIP/2.0 400 Bad Request\r\n")],
    [
      "no-content-length",
      (b: Buffer) => b.toString().startsWith("SIP/2.0 200 OK") && !/content-length/i.test(b.toString()),
    ],
    ["never-ends", (b: Buffer) => b.toString().includes("Content-Length: 1000000\r\n\r\nv=0")],
    ["endless", (b: Buffer) => b.length > 100_000 && b.toString().startsWith("SIP/2.0 200 OK\r\n")],
    ["drip", (b: Buffer) => b.toString() === "S"],
    ["silent", (b: Buffer) => b.length === 0],
  ] as const)("%s sends what it promises", async (mode, check) => {
    expect(check(await bytesWithin(mode, mode === "drip" ? 1300 : 200))).toBe(true);
  });

  it("speaks TLS records to a client that sent a ClientHello: endless HelloRequests, a dripped ServerHello", async () => {
    const cases = [
      [
        "endless",
        200,
        (b: Buffer) => b.length > 100_000 && b.subarray(0, 5).equals(Buffer.from([0x16, 3, 3, 0x40, 0])),
      ],
      ["drip", 1300, (b: Buffer) => b.equals(Buffer.from([0x16]))],
    ] as const;
    for (const [mode, ms, check] of cases) {
      server = await startHostileSip(mode);
      const socket = net.connect(server.port, server.host);
      const chunks: Buffer[] = [];
      socket.on("data", (chunk) => chunks.push(chunk));
      socket.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0x00]));
      await new Promise((resolve) => setTimeout(resolve, ms));
      socket.destroy();
      await server.close();
      expect(check(Buffer.concat(chunks)), mode).toBe(true);
    }
  });

  it("huge-chain presents a chain of about 1 MiB, which a default client refuses to read", async () => {
    server = await startHostileSip("huge-chain");
    const socket = tls.connect({ port: server.port, host: server.host, rejectUnauthorized: false });
    const error = await new Promise<Error>((resolve) => socket.on("error", resolve));
    expect(error.message).toMatch(/excessive message size/);
  });

  it("runs inside TLS when given a certificate", async () => {
    const cert = (await labPki()).certificates.valid;
    server = await startHostileSip("no-content-length", { tls: { cert: cert.chainPem, key: cert.keyPem } });
    const socket = tls.connect({ port: server.port, host: server.host, rejectUnauthorized: false });
    await new Promise((resolve) => socket.once("secureConnect", resolve));
    socket.write("OPTIONS sip:x SIP/2.0\r\n\r\n");
    const reply = await new Promise<string>((resolve) => socket.once("data", (d) => resolve(d.toString())));
    socket.destroy();
    expect(reply).toMatch(/^SIP\/2\.0 200 OK/);
  });

  it.each([
    ["ws-refuse", "unexpected-response"],
    ["ws-no-subprotocol", "error"],
  ] as const)("%s fails a client offering the sip subprotocol", async (mode, event) => {
    server = await startHostileSip(mode);
    const ws = new WebSocket(`ws://${server.host}:${server.port}/`, ["sip"]);
    ws.on("error", () => {});
    const seen = await new Promise<string>((resolve) => {
      ws.on("unexpected-response", (_request, response) => resolve(`unexpected-response ${response.statusCode}`));
      ws.on("error", (error) => resolve(`error ${error.message}`));
      ws.on("open", () => resolve("open"));
    });
    ws.terminate();
    expect(seen).toMatch(event === "error" ? /^error Server sent no subprotocol/ : /^unexpected-response 403/);
  });
});
