/**
 * Runs in Node (test/lab-setup.ts): one loopback HTTP server that plays a Slack incoming
 * webhook, a signed-webhook receiver and an HTTP email API. Each test posts to its own path
 * (`/hook/<name>`), and reads what arrived through `GET /received/<name>`, since workerd tests
 * share no memory with Node. `?fail=N` answers the first N requests of a path with 500;
 * `?redirect=URL` answers 307 to URL (a sender must not follow it). Paths named after an
 * on-call service are checked against that service's documented request schema (400 if not).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { ReceivedRequest } from "./lab-types";
import { onCallSchemaErrors } from "./oncall-schemas";

export async function startAlertReceiver(webhookSecret: string) {
  const received = new Map<string, ReceivedRequest[]>();
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const [, kind, name = ""] = url.pathname.split("/");
    if (request.method === "GET" && kind === "received") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(received.get(name) ?? []));
      return;
    }
    if (request.method !== "POST" || kind !== "hook") {
      response.writeHead(404).end();
      return;
    }
    const body = await readBody(request);
    const redirect = url.searchParams.get("redirect");
    if (redirect) {
      response.writeHead(307, { location: redirect }).end("moved");
      return;
    }
    const seen = received.get(name) ?? [];
    const rest = url.pathname.split("/").slice(3).join("/");
    const schemaErrors = onCallSchemaErrors(name, `/${rest}`, url.searchParams, header(request, "authorization"), body);
    const failing = seen.length < Number(url.searchParams.get("fail") ?? 0);
    const status = failing ? 500 : schemaErrors && schemaErrors.length > 0 ? 400 : 200;
    seen.push({
      path: `/${rest}${url.search}`,
      schemaErrors,
      status,
      body,
      idempotencyKey: header(request, "idempotency-key"),
      authorization: header(request, "authorization"),
      signatureValid: verifySignature(webhookSecret, request, body),
    });
    received.set(name, seen);
    response.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "try again");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What a receiver following the README does: HMAC over "timestamp.body", constant-time compare. */
function verifySignature(secret: string, request: IncomingMessage, body: string): boolean | null {
  const signature = header(request, "x-sipwatch-signature");
  const timestamp = header(request, "x-sipwatch-timestamp");
  if (!signature || !timestamp) return null;
  const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
  return signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === "string" ? value : null;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
