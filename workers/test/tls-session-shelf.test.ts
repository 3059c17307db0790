import { describe, expect, it, vi } from "vitest";
import { TlsSessionShelf, WorkersSipOptionsProber, WorkersTlsProber } from "../src/adapters";
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
});
