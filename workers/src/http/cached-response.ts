import { toHex } from "@sipwatch/core";

/**
 * Public pages and badges are fetched by README renderers and camo proxies on every view: a short
 * shared cache lifetime bounds the D1 reads, and a strong ETag lets revalidation skip the body.
 */
const CACHE_CONTROL = "public, max-age=60";

/** The body with Cache-Control and an ETag, or a bodiless 304 when If-None-Match already has it. */
export async function cachedResponse(request: Request, body: string, contentType: string): Promise<Response> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body)));
  const etag = `"${toHex(digest.subarray(0, 16))}"`;
  const headers = { "cache-control": CACHE_CONTROL, etag };
  if (matchesEtag(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers: { ...headers, "content-type": contentType } });
}

/** RFC 9110 13.1.2: If-None-Match compares weakly and may list several tags, or be "*". */
function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}
