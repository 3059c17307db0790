import type { ProbeTarget, Transport } from "@sipwatch/core";
import { type LabPki, labPki } from "@sipwatch/infra/lab";

/** What the probe tests share: lab names, targets on loopback, a port nobody listens on. */
export const HOST = "sip.sipwatch.test";
export const DOMAIN = "sipwatch.test";

export function target(transport: Transport, port: number, host = HOST): ProbeTarget {
  return { transport, host, address: "127.0.0.1", port, sipDomain: DOMAIN };
}

export function pki(): Promise<LabPki> {
  return labPki({ domain: DOMAIN, host: HOST });
}

export { closedPort } from "@sipwatch/infra/lab";

/** Runs a probe and measures it, for "ends within timeout + slack" assertions. */
export async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

/** Closes whatever a test started, even when it failed half-way. */
export function closer() {
  const open: Array<{ close(): Promise<void> }> = [];
  return {
    add<T extends { close(): Promise<void> }>(server: T): T {
      open.push(server);
      return server;
    },
    async closeAll() {
      await Promise.all(open.splice(0).map((s) => s.close()));
    },
  };
}
