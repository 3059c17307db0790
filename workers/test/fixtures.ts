import type { ProbeTarget, Transport } from "@sipwatch/core";
import { inject } from "vitest";
import { DOMAIN, HOST } from "./lab-types";

export { DOMAIN, HOST };

export const lab = () => inject("lab");

export function target(transport: Transport, port: number, host = HOST): ProbeTarget {
  return { transport, host, address: "127.0.0.1", port, sipDomain: DOMAIN };
}

export async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

export const pemBase64 = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, "");
