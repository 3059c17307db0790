import { toHex } from "@sipwatch/core";

/**
 * Public pages and badges are fetched by README renderers and camo proxies on every view: a short
 * shared cache lifetime bounds the D1 reads, and a strong ETag lets revalidation skip the body.
 */
const CACHE_CONTROL = "public, max-age=60";

export interface PublicBody {
  body: string;
  contentType: string;
}

/**
 * Cache first: the colo's cache (the Workers Cache API) answers a public URL for its minute,
 * so a flood of badge or status requests costs one D1 read per URL per minute, not one each.
 * `render` runs only on a miss; what it throws (a 404 problem) is not cached. A `version` (what
 * the response shows, read cheaply) joins the key, so an edit is visible at once, not a minute later.
 */
export async function cacheFirst(
  request: Request,
  render: () => Promise<PublicBody>,
  waitUntil: (promise: Promise<unknown>) => void,
  version?: string,
): Promise<Response> {
  const url = new URL(request.url);
  if (version !== undefined) url.searchParams.set("__v", await shortDigest(version));
  const key = new Request(url.toString(), { method: "GET" });
  let stored = await caches.default.match(key);
  if (!stored) {
    const { body, contentType } = await render();
    stored = await publicResponse(body, contentType);
    waitUntil(caches.default.put(key, stored.clone()));
  }
  return revalidated(request, stored);
}

async function shortDigest(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return toHex(digest.subarray(0, 12));
}

/** The body with Cache-Control and a strong ETag over it. */
async function publicResponse(body: string, contentType: string): Promise<Response> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body)));
  const etag = `"${toHex(digest.subarray(0, 16))}"`;
  return new Response(body, {
    status: 200,
    headers: { "cache-control": CACHE_CONTROL, etag, "content-type": contentType },
  });
}

/** A bodiless 304 when If-None-Match already has the tag, else a fresh copy of the response. */
function revalidated(request: Request, stored: Response): Response {
  const etag = stored.headers.get("etag") ?? "";
  if (matchesEtag(request.headers.get("if-none-match"), etag)) {
    return new Response(null, { status: 304, headers: { "cache-control": CACHE_CONTROL, etag } });
  }
  return new Response(stored.body, { status: 200, headers: new Headers(stored.headers) });
}

/** RFC 9110 13.1.2: If-None-Match compares weakly and may list several tags, or be "*". */
function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}
