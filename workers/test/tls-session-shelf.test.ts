import { probeRegistration } from "@sipwatch/core";
import { describe, expect, it, vi } from "vitest";
import { TlsSessionShelf, WorkersSipOptionsProber, WorkersTlsProber } from "../src/adapters";
import { WorkersSipFlowOpener } from "../src/adapters/sip-flow-opener";
import { lab, target } from "./fixtures";

describe("TlsSessionShelf in workerd", () => {
  it("lets SIP over TLS ride the session the TLS prober opened", async () => {
    const shelf = new TlsSessionShelf();
    const take = vi.spyOn(shelf, "take");
    const tls = target("tls", lab().sip.tls);
    const probe = await new WorkersTlsProber({ extraCaPems: [lab().caPem], shelf }).probe(tls, { timeoutMs: 3000 });
    expect(probe.outcome).toBe("connected");
    const options = await new WorkersSipOptionsProber({ shelf }).options(tls, { timeoutMs: 3000 });
    expect(options).toMatchObject({ outcome: "answered", response: { status: 200 } });
    expect(take.mock.results[0]?.value).toBeDefined();
    expect(shelf.take(tls)).toBeUndefined();
  });

  it("opens a fresh session when none is parked, and closes unclaimed ones after idling", async () => {
    const shelf = new TlsSessionShelf(50);
    const tls = target("tls", lab().sip.tls);
    await new WorkersTlsProber({ extraCaPems: [lab().caPem], shelf }).probe(tls, { timeoutMs: 3000 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(shelf.take(tls)).toBeUndefined();
    const options = await new WorkersSipOptionsProber({ shelf }).options(tls, { timeoutMs: 3000 });
    expect(options.outcome).toBe("answered");
  });

  it("does not hand a session to another host name (SNI differs)", async () => {
    const shelf = new TlsSessionShelf();
    await new WorkersTlsProber({ shelf }).probe(target("tls", lab().sip.tls), { timeoutMs: 3000 });
    expect(shelf.take(target("tls", lab().sip.tls, "other.sipwatch.test"))).toBeUndefined();
    shelf.closeAll();
    expect(shelf.take(target("tls", lab().sip.tls))).toBeUndefined();
  });

  it("a TLS target with a test account costs one handshake: OPTIONS, then REGISTER, on the TLS prober's session", async () => {
    const { kamailio } = lab();
    const tls = { ...target("tls", kamailio.registrar.tls), sipDomain: kamailio.domain };
    const shelf = new TlsSessionShelf();
    const put = vi.spyOn(shelf, "put");
    await new WorkersTlsProber({ shelf }).probe(tls, { timeoutMs: 3000 });
    const options = await new WorkersSipOptionsProber({ shelf, keepTlsForRegister: true }).options(tls, {
      timeoutMs: 3000,
    });
    expect(options.outcome).toBe("answered");
    const result = await probeRegistration(new WorkersSipFlowOpener("/", shelf), tls, {
      timeoutMs: 3000,
      credentials: kamailio.account,
    });
    expect(result).toMatchObject({ outcome: "registered", unregister: { outcome: "removed" } });
    // One session: parked by the TLS prober, taken by OPTIONS, parked again, taken by REGISTER.
    expect(put).toHaveBeenCalledTimes(2);
    expect(shelf.reused).toBe(2);
  });

  it("without a test account the session is closed after OPTIONS, not kept for a REGISTER that never comes", async () => {
    const shelf = new TlsSessionShelf();
    const put = vi.spyOn(shelf, "put");
    const tls = target("tls", lab().sip.tls);
    await new WorkersTlsProber({ extraCaPems: [lab().caPem], shelf }).probe(tls, { timeoutMs: 3000 });
    await new WorkersSipOptionsProber({ shelf }).options(tls, { timeoutMs: 3000 });
    expect(put).toHaveBeenCalledTimes(1);
    expect(shelf.take(tls)).toBeUndefined();
  });
});
