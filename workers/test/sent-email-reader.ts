/**
 * Runs in Node (test/lab-setup.ts): reads back what workerd's local `send_email` binding sent,
 * for the workerd tests, which cannot see the host's disk: `GET /sent-email?containing=<text>`.
 *
 * Where miniflare 5 keeps a sent message (node_modules/miniflare, src/workers/email/
 * send_email.worker.ts, checked against miniflare 5.20261023): `env.EMAIL.send({ from, to,
 * subject, text, html })` (the MessageBuilder form sipwatch uses) is not turned into MIME
 * locally; Cloudflare does that in production. Miniflare instead
 * - stores the message's fields as one JSON row (from, to, subject, messageId, text, html) in
 *   the Local Explorer's email store, a SQLite-backed Durable Object under
 *   `<tmpdir>/miniflare-<random>/email-store/miniflare-email-store/<hash>.sqlite`, before send()
 *   returns;
 * - writes the text and HTML parts to `<tmpdir>/miniflare-<random>/email/email-text/<id>.txt`
 *   and `email-html/<id>.html` (id: the Message-ID without <>) in a waitUntil, and logs those
 *   paths at INFO, which the test plugin's WARN-level log does not print.
 * Both are read here. The tmpdir is the test process's, as miniflare runs inside it; other
 * concurrent runs' directories are searched too, which is harmless: tests look for text only
 * their message contains (a fresh monitor id).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { SentEmail } from "./lab-types";

const STORE = join("email-store", "miniflare-email-store");

function miniflareDirs(): string[] {
  return readdirSync(tmpdir())
    .filter((name) => /^miniflare-[0-9a-f]{32}$/.test(name))
    .map((name) => join(tmpdir(), name));
}

/** The email store's rows of sent messages whose JSON contains `needle`. */
function storedSent(dir: string, needle: string): Array<{ id: string; data: Record<string, unknown> }> {
  const storeDir = join(dir, STORE);
  if (!existsSync(storeDir)) return [];
  const found: Array<{ id: string; data: Record<string, unknown> }> = [];
  for (const file of readdirSync(storeDir).filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite")) {
    const db = new DatabaseSync(join(storeDir, file), { readOnly: true });
    try {
      const rows = db
        .prepare("SELECT id, data FROM emails WHERE kind = 'sent' AND instr(data, ?) > 0 ORDER BY seq")
        .all(needle) as Array<{ id: string; data: string }>;
      found.push(...rows.map((r) => ({ id: r.id, data: JSON.parse(r.data) as Record<string, unknown> })));
    } finally {
      db.close();
    }
  }
  return found;
}

const readIfThere = (path: string) => (existsSync(path) ? readFileSync(path, "utf8") : null);

export function sentEmailsContaining(needle: string): SentEmail[] {
  return miniflareDirs().flatMap((dir) => {
    try {
      return storedSent(dir, needle).map(({ id, data }) => ({
        id,
        stored: data,
        textFile: readIfThere(join(dir, "email", "email-text", `${id}.txt`)),
        htmlFile: readIfThere(join(dir, "email", "email-html", `${id}.html`)),
      }));
    } catch {
      // Another run's miniflare removing its directory as it exits: not ours, skip it.
      return [];
    }
  });
}

export async function startSentEmailReader() {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const needle = url.searchParams.get("containing");
    if (request.method !== "GET" || url.pathname !== "/sent-email" || !needle) {
      response.writeHead(404).end();
      return;
    }
    try {
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(sentEmailsContaining(needle)));
    } catch (error) {
      response.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
