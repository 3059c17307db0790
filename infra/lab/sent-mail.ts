/**
 * Mail the local Worker sent, for people (`npm run mail -- <address>`) and for tests.
 *
 * Where miniflare keeps it (workers/test/sent-email-reader.ts has the details, checked against
 * miniflare 5.20261023): `env.EMAIL.send({ from, to, subject, text, html })` is stored as one JSON
 * row in a SQLite-backed Durable Object under `<tmpdir>/miniflare-<32 hex>/email-store/
 * miniflare-email-store/<hash>.sqlite`. That directory lives only as long as `wrangler dev`, so
 * `npm start` points the Worker's tmpdir into the state dir (liveMailRoot) and copies every row
 * into `<state dir>/mail/<id>.json` as it appears (keepSentMail): mail survives a restart.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";

export interface SentMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** When miniflare stored it (ms since the epoch); 0 if it did not say. */
  sentAt: number;
}

const STORE = join("email-store", "miniflare-email-store");

/** The tmpdir `npm start` gives wrangler dev, so miniflare's mail store sits in the state dir. */
export const liveMailRoot = (stateDir: string) => join(stateDir, "tmp");
const archiveDir = (stateDir: string) => join(stateDir, "mail");

/** Every message in the miniflare directories under `tmpRoot`, in the order each store took them. */
export function readLiveMail(tmpRoot: string): SentMail[] {
  if (!existsSync(tmpRoot)) return [];
  const found: SentMail[] = [];
  for (const dir of readdirSync(tmpRoot).filter((name) => /^miniflare-[0-9a-f]{32}$/.test(name))) {
    const storeDir = join(tmpRoot, dir, STORE);
    try {
      if (!existsSync(storeDir)) continue;
      for (const file of readdirSync(storeDir).filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite")) {
        const db = new DatabaseSync(join(storeDir, file), { readOnly: true });
        try {
          const rows = db.prepare("SELECT id, data FROM emails WHERE kind = 'sent' ORDER BY seq").all() as Array<{
            id: string;
            data: string;
          }>;
          found.push(...rows.map((row) => asSentMail(row.id, JSON.parse(row.data) as Record<string, unknown>)));
        } finally {
          db.close();
        }
      }
    } catch {
      // A store being created or removed as wrangler starts or stops: read it next time.
    }
  }
  return found;
}

function asSentMail(id: string, data: Record<string, unknown>): SentMail {
  const to = data.to;
  const sentAt = typeof data.sentAt === "number" ? data.sentAt : Date.parse(String(data.sentAt ?? "")) || 0;
  return {
    id,
    from: String(data.from ?? ""),
    to: Array.isArray(to) ? to.map(String) : [String(to ?? "")],
    subject: String(data.subject ?? ""),
    text: String(data.text ?? ""),
    html: String(data.html ?? ""),
    sentAt,
  };
}

/** Copies new rows into the archive; returns how many were new. */
export function archiveSentMail(stateDir: string): number {
  const archive = archiveDir(stateDir);
  mkdirSync(archive, { recursive: true });
  let added = 0;
  for (const mail of readLiveMail(liveMailRoot(stateDir))) {
    const file = join(archive, `${mail.id.replace(/[^\w.@-]/g, "_")}.json`);
    if (existsSync(file)) continue;
    writeFileSync(file, `${JSON.stringify(mail, null, 2)}\n`);
    added++;
  }
  return added;
}

/** `npm start`'s keeper: archives sent mail every `everyMs` until stopped (and once more then). */
export function keepSentMail(stateDir: string, everyMs = 1000): () => void {
  const timer = setInterval(() => archiveSentMail(stateDir), everyMs);
  return () => {
    clearInterval(timer);
    archiveSentMail(stateDir);
  };
}

/** Mail to `address` (case-insensitive), archived or still live, oldest first. */
export function sentMailTo(stateDir: string, address: string): SentMail[] {
  const wanted = address.trim().toLowerCase();
  const byId = new Map<string, SentMail>();
  const archive = archiveDir(stateDir);
  if (existsSync(archive)) {
    for (const file of readdirSync(archive).filter((f) => f.endsWith(".json"))) {
      const mail = JSON.parse(readFileSync(join(archive, file), "utf8")) as SentMail;
      byId.set(mail.id, mail);
    }
  }
  for (const mail of readLiveMail(liveMailRoot(stateDir))) byId.set(mail.id, mail);
  return [...byId.values()]
    .filter((mail) => mail.to.some((to) => to.toLowerCase() === wanted))
    .sort((a, b) => a.sentAt - b.sentAt);
}

/** The http(s) links in a mail's plain text, in order. */
export function linksIn(mail: SentMail): string[] {
  return mail.text.match(/https?:\/\/\S+/g) ?? [];
}

/**
 * Waits for a mail to `address` whose subject contains `subject` and that is newer than the
 * `after` ones already seen, and returns it.
 */
export async function waitForMail(
  stateDir: string,
  address: string,
  subject: string,
  options: { after?: number; timeoutMs?: number } = {},
): Promise<SentMail> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const matching = sentMailTo(stateDir, address).filter((m) => m.subject.includes(subject));
    const mail = matching[options.after ?? 0];
    if (mail) return matching.at(-1) ?? mail;
    if (Date.now() > deadline) throw new Error(`no mail "${subject}" to ${address} within the time allowed`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
