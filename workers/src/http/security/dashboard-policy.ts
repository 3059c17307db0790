/**
 * The Content-Security-Policy every response carries, the dashboard's assets included (web's
 * Vite build writes it into web/dist/_headers from this file, so the Worker and the asset
 * server cannot drift). No imports: the Vite config loads this file in Node.
 *
 * The dashboard is one module script and one stylesheet from /assets, talks only to its own
 * origin, draws its favicon from a data: URL and its charts as SVG. React sets `style` through
 * the CSSOM, which style-src does not govern, so no 'unsafe-inline' is needed.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
} as const satisfies Record<string, readonly string[]>;

/** The header's value, formatted as Hono's secureHeaders formats it ("default-src 'self'; …"). */
export function contentSecurityPolicyValue(): string {
  return Object.entries(CONTENT_SECURITY_POLICY)
    .map(([directive, values]) => `${directive.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(" ")}`)
    .join("; ");
}

/** What the asset server adds to every dashboard file (Cloudflare's `_headers` format). */
export function assetHeadersFile(): string {
  return [
    "/*",
    `  Content-Security-Policy: ${contentSecurityPolicyValue()}`,
    "  X-Content-Type-Options: nosniff",
    "  X-Frame-Options: DENY",
    "  Referrer-Policy: no-referrer",
    "  Cross-Origin-Opener-Policy: same-origin",
    "",
  ].join("\n");
}
