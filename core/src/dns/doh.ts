import { concatBytes } from "./bytes";
import type { DnsLookup, DnsQuestion, DnsResolver } from "./types";
import { decodeResponse, encodeQuery, MAX_DNS_MESSAGE } from "./wire";

export interface DohResolverOptions {
  /** RFC 8484 endpoints, tried in order on failure: ["https://cloudflare-dns.com/dns-query", ...]. */
  endpoints: readonly string[];
  /** Per attempt. */
  timeoutMs?: number;
  /** Attempts per query across the endpoints (round robin), at least 1. */
  attempts?: number;
  /** Injected so core stays runtime-neutral: globalThis.fetch in Workers and Node, a stub in tests. */
  fetch?: typeof fetch;
  clock?: () => number;
}

/**
 * DNS over HTTPS, RFC 8484 wire format with POST. An HTTP error, a timeout, a truncated or
 * malformed answer moves on to the next endpoint; SERVFAIL and NXDOMAIN are answers and are
 * returned as they are (they are facts about the zone, not about the resolver).
 */
export class DohResolver implements DnsResolver {
  readonly label: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly clock: () => number;

  constructor(private readonly options: DohResolverOptions) {
    if (options.endpoints.length === 0) throw new Error("DohResolver needs at least one endpoint");
    this.label = `doh:${options.endpoints.join(",")}`;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 2500;
    this.attempts = Math.max(1, options.attempts ?? Math.max(2, options.endpoints.length));
    this.clock = options.clock ?? (() => performance.now());
  }

  async query(question: DnsQuestion, signal?: AbortSignal): Promise<DnsLookup> {
    let last: DnsLookup | undefined;
    for (let attempt = 0; attempt < this.attempts; attempt++) {
      if (signal?.aborted) break;
      const endpoint = this.options.endpoints[attempt % this.options.endpoints.length] as string;
      last = await this.queryOnce(endpoint, question, signal);
      if (last.ok) return last;
    }
    return (
      last ?? {
        ok: false,
        failure: { question, kind: "timeout", message: "aborted", server: this.label, elapsedMs: 0 },
      }
    );
  }

  private async queryOnce(endpoint: string, question: DnsQuestion, outer?: AbortSignal): Promise<DnsLookup> {
    const started = this.clock();
    const fail = (kind: Parameters<typeof failure>[1], message: string): DnsLookup =>
      failure(question, kind, message, endpoint, this.clock() - started);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    const onOuterAbort = () => controller.abort();
    outer?.addEventListener("abort", onOuterAbort);
    try {
      // ID 0 keeps answers cacheable by HTTP caches (RFC 8484 4.1).
      const body = encodeQuery(0, question, { recursionDesired: true });
      const response = await this.fetchImpl(endpoint, {
        method: "POST",
        headers: { "content-type": "application/dns-message", accept: "application/dns-message" },
        body: body as Uint8Array<ArrayBuffer>,
        signal: controller.signal,
      });
      if (!response.ok) {
        await response.body?.cancel();
        return fail("http-status", `${endpoint} answered HTTP ${response.status}`);
      }
      const contentType = response.headers.get("content-type") ?? "";
      if (!contentType.toLowerCase().startsWith("application/dns-message")) {
        await response.body?.cancel();
        return fail(
          "malformed",
          `${endpoint} answered ${contentType || "no content type"}, not application/dns-message`,
        );
      }
      const bytes = await readBounded(response, MAX_DNS_MESSAGE);
      if (!bytes) return fail("too-large", `${endpoint} sent more than ${MAX_DNS_MESSAGE} bytes`);
      const decoded = decodeResponse(bytes, question);
      if (!decoded.ok) return fail(decoded.kind, decoded.message);
      // RFC 8484 has no reason to truncate; a TC answer is incomplete, so do not trust it.
      if (decoded.truncated) return fail("truncated", `${endpoint} sent a truncated answer`);
      return { ok: true, answer: { ...decoded.answer, server: endpoint, elapsedMs: this.clock() - started } };
    } catch (error) {
      if (controller.signal.aborted) {
        return fail(
          "timeout",
          outer?.aborted ? "query aborted" : `no answer from ${endpoint} within ${this.timeoutMs} ms`,
        );
      }
      return fail("network", `${endpoint}: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener("abort", onOuterAbort);
    }
  }
}

function failure(
  question: DnsQuestion,
  kind: "timeout" | "network" | "malformed" | "truncated" | "mismatch" | "too-large" | "http-status",
  message: string,
  server: string,
  elapsedMs: number,
): DnsLookup {
  return { ok: false, failure: { question, kind, message, server, elapsedMs } };
}

/** Reads at most `limit` bytes; null if the body is larger (a hostile endpoint cannot fill memory). */
async function readBounded(response: Response, limit: number): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) {
    await response.body?.cancel();
    return null;
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return concatBytes(chunks, total);
}
