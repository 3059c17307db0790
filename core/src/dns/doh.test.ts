import * as dnsPacket from "@leichtgewicht/dns-packet";
import { describe, expect, it } from "vitest";
import { DohResolver } from "./doh";

const question = { name: "example.com", type: "A" } as const;

function answer(options: { rcode?: number; truncated?: boolean; address?: string } = {}): Uint8Array {
  return dnsPacket.encode({
    type: "response",
    id: 0,
    flags: (options.truncated ? dnsPacket.TRUNCATED_RESPONSE : 0) | (options.rcode ?? 0),
    questions: [{ type: "A", name: "example.com" }],
    answers: options.address ? [{ type: "A", name: "example.com", ttl: 60, data: options.address }] : [],
  });
}

const dnsMessage = (bytes: Uint8Array, status = 200) =>
  new Response(bytes as Uint8Array<ArrayBuffer>, { status, headers: { "content-type": "application/dns-message" } });

/** A fetch that answers per endpoint and records what it was asked. */
function fakeFetch(byEndpoint: Record<string, (init: RequestInit) => Response | Promise<Response>>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const impl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init: init ?? {} });
    const handler = byEndpoint[url];
    if (!handler) throw new TypeError(`fetch failed: ${url}`);
    return handler(init ?? {});
  };
  return { impl: impl as typeof fetch, calls };
}

describe("DohResolver (RFC 8484)", () => {
  it("POSTs the wire-format query with id 0 and reads the answer", async () => {
    const { impl, calls } = fakeFetch({ "https://a/dns-query": () => dnsMessage(answer({ address: "192.0.2.1" })) });
    const lookup = await new DohResolver({ endpoints: ["https://a/dns-query"], fetch: impl }).query(question);
    expect(lookup.ok && lookup.answer.records).toEqual([
      { type: "A", name: "example.com", ttl: 60, address: "192.0.2.1" },
    ]);
    expect(calls[0]?.init.method).toBe("POST");
    expect(new Headers(calls[0]?.init.headers).get("content-type")).toBe("application/dns-message");
    expect(dnsPacket.decode(calls[0]?.init.body as Uint8Array).id).toBe(0);
  });

  it.each([
    ["an HTTP error", () => new Response("busy", { status: 503 }), "http-status"],
    ["the wrong content type", () => new Response("<html>", { headers: { "content-type": "text/html" } }), "malformed"],
    ["a truncated answer", () => dnsMessage(answer({ truncated: true })), "truncated"],
    ["a body over 64 KiB", () => dnsMessage(new Uint8Array(70_000)), "too-large"],
    ["a network failure", () => Promise.reject(new TypeError("connection reset")), "network"],
  ])("moves on to the next endpoint after %s", async (_label, bad, kind) => {
    const { impl } = fakeFetch({
      "https://bad/dns-query": bad as () => Response,
      "https://good/dns-query": () => dnsMessage(answer({ address: "192.0.2.2" })),
    });
    const resolver = new DohResolver({ endpoints: ["https://bad/dns-query", "https://good/dns-query"], fetch: impl });
    const lookup = await resolver.query(question);
    expect(lookup.ok).toBe(true);
    const onlyBad = new DohResolver({ endpoints: ["https://bad/dns-query"], fetch: impl, attempts: 1 });
    const failed = await onlyBad.query(question);
    expect(!failed.ok && failed.failure.kind).toBe(kind);
  });

  it("returns SERVFAIL and NXDOMAIN as answers, without retrying", async () => {
    const { impl, calls } = fakeFetch({ "https://a/dns-query": () => dnsMessage(answer({ rcode: 2 })) });
    const lookup = await new DohResolver({ endpoints: ["https://a/dns-query"], fetch: impl, attempts: 3 }).query(
      question,
    );
    expect(lookup.ok && lookup.answer.rcode).toBe("SERVFAIL");
    expect(calls).toHaveLength(1);
  });

  it("times out a hanging endpoint", async () => {
    const hang = (init: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      });
    const { impl } = fakeFetch({ "https://slow/dns-query": hang });
    const lookup = await new DohResolver({
      endpoints: ["https://slow/dns-query"],
      fetch: impl,
      timeoutMs: 50,
      attempts: 1,
    }).query(question);
    expect(!lookup.ok && lookup.failure.kind).toBe("timeout");
  });
});
