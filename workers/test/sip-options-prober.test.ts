import { describe, expect, it } from "vitest";
import { WorkersSipOptionsProber } from "../src/adapters/sip-options-prober";
import { WorkersTcpDialer } from "../src/adapters/tcp-connect";
import { lab, target, timed } from "./fixtures";

const prober = new WorkersSipOptionsProber();

describe("WorkersSipOptionsProber in workerd against the lab", () => {
  it.each(["tcp", "tls", "ws", "wss"] as const)("OPTIONS over %s is answered and parsed", async (transport) => {
    const result = await prober.options(target(transport, lab().sip[transport]), { timeoutMs: 3000 });
    expect(result, result.error).toMatchObject({
      outcome: "answered",
      response: {
        status: 200,
        reason: "OK",
        server: "sipwatch-lab/1.0",
        allow: ["INVITE", "ACK", "BYE", "CANCEL", "OPTIONS"],
        supported: ["path", "outbound"],
        viaReceived: "127.0.0.1",
        contact: ["<sip:lab@127.0.0.1:5060>"],
        recordRoute: ["<sip:127.0.0.1;lr>"],
      },
    });
    expect(result.response?.bytes).toBeGreaterThan(1300);
    expect(result.rttMs).toBeGreaterThanOrEqual(0);
    if (transport === "ws" || transport === "wss") expect(result.upgradeStatus).toBe(101);
  });

  it.each(["tcp", "tls", "ws", "wss"] as const)("%s to a closed port is refused", async (transport) => {
    const { result, ms } = await timed(() => prober.options(target(transport, lab().closedPort), { timeoutMs: 3000 }));
    expect(result.outcome).toBe("refused");
    expect(ms).toBeLessThan(2000);
  });

  it("says plainly that UDP cannot be probed from the edge", async () => {
    const result = await prober.options(target("udp", 5060), { timeoutMs: 100 });
    expect(result).toMatchObject({ outcome: "error", error: expect.stringMatching(/no UDP/) });
    expect(prober.transports).toEqual(["tcp", "tls", "ws", "wss"]);
  });

  it("honours an abort signal mid-probe", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const silent = lab().hostile.silent?.plain ?? 0;
    const { result, ms } = await timed(() =>
      prober.options(target("tcp", silent), { timeoutMs: 5000, signal: controller.signal }),
    );
    expect(result).toMatchObject({ outcome: "timeout", error: expect.stringMatching(/aborted/) });
    expect(ms).toBeLessThan(2000);
  });
});

describe("WorkersTcpDialer in workerd", () => {
  it("times the connection to an open port", async () => {
    const result = await new WorkersTcpDialer().dial(target("tcp", lab().sip.tcp), { timeoutMs: 2000 });
    expect(result).toMatchObject({ outcome: "connected" });
    expect(result.connectMs).toBeGreaterThanOrEqual(0);
  });

  it("reports a closed port as refused", async () => {
    const result = await new WorkersTcpDialer().dial(target("tcp", lab().closedPort), { timeoutMs: 2000 });
    expect(result).toMatchObject({ outcome: "refused", error: expect.stringMatching(/^connect: /) });
  });
});
