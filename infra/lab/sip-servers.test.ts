import dgram from "node:dgram";
import net from "node:net";
import tls from "node:tls";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { labPki } from "./certs";
import { answerSipRequest } from "./sip-answer";
import { type SipLab, startSipLab } from "./sip-servers";

const options = (via: string) =>
  [
    "OPTIONS sip:sip.sipwatch.test SIP/2.0",
    `Via: ${via};branch=z9hG4bKlab1;rport`,
    "From: <sip:probe@sipwatch.test>;tag=f1",
    "To: <sip:sipwatch.test>",
    "Call-ID: lab-call",
    "CSeq: 1 OPTIONS",
    "Content-Length: 0",
    "",
    "",
  ].join("\r\n");

let lab: SipLab | undefined;
afterEach(async () => {
  await lab?.close();
  lab = undefined;
});

describe("answerSipRequest", () => {
  const source = { transport: "udp", address: "127.0.0.1", port: 40_000 } as const;

  it("copies the transaction headers, adds a To tag and stamps received/rport (RFC 3581 4)", () => {
    const [response = ""] = answerSipRequest(options("SIP/2.0/UDP 10.1.1.1:5062"), source) ?? [];
    expect(response).toMatch(/^SIP\/2\.0 200 OK\r\n/);
    expect(response).toContain("Via: SIP/2.0/UDP 10.1.1.1:5062;branch=z9hG4bKlab1;rport=40000;received=127.0.0.1\r\n");
    expect(response).toMatch(/\r\nTo: <sip:sipwatch\.test>;tag=lab[0-9a-f]+\r\n/);
    expect(response).toContain("Call-ID: lab-call\r\nCSeq: 1 OPTIONS\r\n");
    expect(response.endsWith("Content-Length: 0\r\n\r\n")).toBe(true);
  });

  it("answers with the configured status, extra headers, padding and a 100 Trying first", () => {
    const responses = answerSipRequest(options("SIP/2.0/TCP h"), source, {
      status: 503,
      headers: ["Record-Route: <sip:127.0.0.1;lr>"],
      padToBytes: 1400,
      provisional: true,
    });
    expect(responses?.map((r) => r.split("\r\n")[0])).toEqual([
      "SIP/2.0 100 Trying",
      "SIP/2.0 503 Service Unavailable",
    ]);
    expect(responses?.[1]).toContain("Record-Route: <sip:127.0.0.1;lr>\r\n");
    expect(responses?.[1]?.length).toBeGreaterThanOrEqual(1400);
    expect(responses?.[1]?.length).toBeLessThan(1420);
  });

  it("drops what is not a request", () => {
    expect(answerSipRequest("SIP/2.0 200 OK\r\n\r\n", source)).toBeNull();
    expect(answerSipRequest("OPTIONS sip:a SIP/2.0\r\nCall-ID: x\r\n\r\n", source)).toBeNull();
  });
});

describe("startSipLab", () => {
  it("answers OPTIONS over UDP, ignoring the first datagrams when asked", async () => {
    lab = await startSipLab({ transports: ["udp"], ignoreFirstUdp: 1 });
    const socket = dgram.createSocket("udp4");
    const answers: string[] = [];
    socket.on("message", (m) => answers.push(m.toString()));
    for (let i = 0; i < 2; i++) socket.send(options("SIP/2.0/UDP 127.0.0.1:1"), lab.ports.udp ?? 0, "127.0.0.1");
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.close();
    expect(answers).toHaveLength(1);
    expect(lab.requests).toHaveLength(1);
  });

  it("frames TCP by Content-Length and answers two requests in one chunk", async () => {
    lab = await startSipLab({ transports: ["udp", "tcp"] });
    expect(lab.ports.tcp).toBe(lab.ports.udp);
    const socket = net.connect(lab.ports.tcp ?? 0, "127.0.0.1");
    let text = "";
    socket.on("data", (d) => {
      text += d.toString();
    });
    socket.write(`\r\n\r\n${options("SIP/2.0/TCP h")}${options("SIP/2.0/TCP h")}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.destroy();
    expect(text.match(/SIP\/2\.0 200 OK/g)).toHaveLength(2);
  });

  it("serves TLS with the given chain and WSS with the sip subprotocol", async () => {
    const pki = await labPki();
    const cert = pki.certificates.valid;
    lab = await startSipLab({ tls: { cert: cert.chainPem, key: cert.keyPem, maxVersion: "TLSv1.2" } });
    const secure = tls.connect({ port: lab.ports.tls ?? 0, host: "127.0.0.1", servername: pki.host, ca: pki.caPem });
    await new Promise((resolve) => secure.once("secureConnect", resolve));
    expect([secure.authorized, secure.getProtocol()]).toEqual([true, "TLSv1.2"]);
    secure.destroy();

    const ws = new WebSocket(`wss://127.0.0.1:${lab.ports.wss}/`, ["sip"], { ca: pki.caPem });
    const reply = await new Promise<string>((resolve) => {
      ws.on("open", () => ws.send(options("SIP/2.0/WSS x.invalid")));
      ws.on("message", (data) => resolve(data.toString()));
    });
    expect(ws.protocol).toBe("sip");
    expect(reply).toMatch(/^SIP\/2\.0 200 OK/);
    ws.terminate();
  });
});
