import { CodeBlock } from "./OneTimeSecret";

// The header names and the signed string are the notifier's (workers/src/notify/webhook.ts).
const NODE_EXAMPLE = `import { createHmac, timingSafeEqual } from "node:crypto";

const timestamp = request.headers["x-sipwatch-timestamp"];
const signature = request.headers["x-sipwatch-signature"];
const expected = "sha256=" + createHmac("sha256", secret).update(\`\${timestamp}.\${rawBody}\`).digest("hex");
const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
const valid = fresh && signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));`;

/** How a receiver checks that a webhook alert came from sipwatch and is not a replay. */
export function WebhookVerification() {
  return (
    <div className="stack">
      <p>
        Each alert is a <code>POST</code> with a JSON body and an <code>X-Sipwatch-Signature</code> header:{" "}
        <code>sha256=</code> followed by the hex HMAC-SHA256, keyed with this secret, of{" "}
        <code>{"<timestamp>.<raw body>"}</code>. <code>X-Sipwatch-Timestamp</code> is the Unix time in seconds when the
        attempt was signed. Verify over the raw body before parsing it, compare in constant time, and refuse timestamps
        more than a few minutes old. Retries of one alert carry the same <code>Idempotency-Key</code> header.
      </p>
      <CodeBlock text={NODE_EXAMPLE} label="Node.js verification example" />
    </div>
  );
}
