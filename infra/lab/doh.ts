import type http from "node:http";

/** RFC 8484 4.1: the one media type DoH speaks. */
export const DNS_MESSAGE = "application/dns-message";
export const DOH_PATH = "/dns-query";

export type DohRequest = { ok: true; query: Uint8Array } | { ok: false; status: number; reason: string };

/** Extracts the DNS query from a DoH request: POST body or GET ?dns=<base64url> (RFC 8484 4.1). */
export async function readDohQuery(request: http.IncomingMessage): Promise<DohRequest> {
  const url = new URL(request.url ?? "/", "http://lab");
  if (url.pathname !== DOH_PATH) return { ok: false, status: 404, reason: `only ${DOH_PATH} is served` };
  if (request.method === "GET") {
    const encoded = url.searchParams.get("dns");
    // Buffer's base64url decoder skips invalid characters silently, so check the alphabet first.
    if (!encoded || !/^[A-Za-z0-9_-]+$/.test(encoded)) {
      return { ok: false, status: 400, reason: "missing or invalid dns parameter" };
    }
    return { ok: true, query: new Uint8Array(Buffer.from(encoded, "base64url")) };
  }
  if (request.method !== "POST") return { ok: false, status: 405, reason: "use GET or POST" };
  const contentType = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (contentType !== DNS_MESSAGE) return { ok: false, status: 415, reason: `content-type must be ${DNS_MESSAGE}` };
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      // A DNS message never exceeds 65535 bytes (RFC 1035 4.2.2); stop reading beyond that.
      if (size > 0xffff) return { ok: false, status: 413, reason: "body larger than a DNS message" };
      chunks.push(chunk);
    }
  } catch {
    return { ok: false, status: 400, reason: "request body aborted" };
  }
  if (size === 0) return { ok: false, status: 400, reason: "empty body" };
  return { ok: true, query: new Uint8Array(Buffer.concat(chunks)) };
}

export function sendDnsMessage(response: http.ServerResponse, message: Uint8Array, maxAge?: number): void {
  response.writeHead(200, {
    "content-type": DNS_MESSAGE,
    "content-length": message.length,
    ...(maxAge === undefined ? {} : { "cache-control": `max-age=${maxAge}` }),
  });
  response.end(message);
}

export function sendProblem(response: http.ServerResponse, status: number, reason: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8", connection: "close" });
  response.end(`${reason}\n`);
}
