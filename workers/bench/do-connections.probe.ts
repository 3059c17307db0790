/**
 * `npm run probe:do-connections -w @sipwatch/workers` (issue 15, DEPLOY.md "Durable Object RPCs
 * and the 6-connection limit"): does workerd hold back the 7th of 8 concurrent calls from one
 * invocation? One invocation makes 8 Durable Object RPCs that each stall 1 s, then 8 fetches to
 * a local HTTP server that answers after 1 s. With a cap of 6, each set takes ~2 s; without, ~1 s.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Miniflare } from "miniflare";

const STALL_MS = 1000;
const server = createServer((_req, res) => setTimeout(() => res.end("ok"), STALL_MS));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as AddressInfo).port;

const script = `
import { DurableObject } from "cloudflare:workers";
export class Staller extends DurableObject {
  async stall(ms) { await new Promise((r) => setTimeout(r, ms)); return Date.now(); }
}
export default {
  async fetch(request, env) {
    const t0 = Date.now();
    const rpc = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      env.STALLER.get(env.STALLER.idFromName("s" + i)).stall(${STALL_MS}).then((t) => t - t0)));
    const t1 = Date.now();
    const fetched = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      fetch("http://127.0.0.1:${port}/" + i).then(async (r) => { await r.text(); return Date.now() - t1; })));
    return Response.json({ rpc, fetched });
  },
};`;

const mf = new Miniflare({
  workers: [
    {
      config: {
        name: "probe",
        compatibilityDate: "2026-10-01",
        manifest: { mainModule: "worker.js", modules: { "worker.js": { type: "esm", contents: script } } },
        env: { STALLER: { type: "durable-object", worker: "probe", exportName: "Staller" } },
        exports: { Staller: { type: "durable-object", storage: "sqlite" } },
      },
    },
  ],
});
try {
  const out = (await (await mf.dispatchFetch("http://probe/")).json()) as { rpc: number[]; fetched: number[] };
  const verdict = (ms: number[]) =>
    Math.max(...ms) >= 1.8 * STALL_MS ? "the 7th and 8th waited (a cap of 6 applies)" : "all 8 ran at once (no cap)";
  console.log(
    `8 Durable Object RPCs stalling ${STALL_MS} ms, done after (ms): ${out.rpc.join(", ")}: ${verdict(out.rpc)}`,
  );
  console.log(
    `8 fetches answered after ${STALL_MS} ms, done after (ms): ${out.fetched.join(", ")}: ${verdict(out.fetched)}`,
  );
} finally {
  await mf.dispose();
  server.close();
}
