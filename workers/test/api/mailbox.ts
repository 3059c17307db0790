import { expect } from "vitest";
import { lab } from "../fixtures";
import type { SentEmail } from "../lab-types";

/** One message as the person reading their inbox sees it. */
export interface Mail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
}

const asMail = (sent: SentEmail): Mail => {
  const stored = sent.stored as { to: string[] | string; from: string; subject: string; text: string; html: string };
  return { ...stored, to: Array.isArray(stored.to) ? stored.to : [stored.to] };
};

/**
 * Every message the local send_email binding sent to `address` (test/sent-email-reader.ts),
 * oldest first, once at least `count` are there. Account mail goes out in a waitUntil after
 * the answer, so this waits for it (5 s at most) rather than looking once.
 */
export async function mailTo(address: string, count = 1): Promise<Mail[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const response = await fetch(`${lab().sentEmailUrl}/sent-email?containing=${encodeURIComponent(address)}`);
    expect(response.status).toBe(200);
    const sent = ((await response.json()) as SentEmail[]).map(asMail).filter((m) => m.to.includes(address));
    if (sent.length >= count || Date.now() > deadline) return sent;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The newest message to `address` whose subject contains `subject`; fails the test if none came. */
export async function latestMail(address: string, subject: string, count = 1): Promise<Mail> {
  const matching = async () => (await mailTo(address, count)).filter((m) => m.subject.includes(subject));
  const deadline = Date.now() + 5000;
  let found = await matching();
  while (found.length < count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    found = await matching();
  }
  const mail = found.at(-1);
  if (!mail) throw new Error(`no mail "${subject}" to ${address}`);
  return mail;
}

/** The first link in a mail's plain text that starts with `prefix` (an origin and path). */
export function linkIn(mail: Mail, prefix: string): string {
  const link = mail.text.split(/\s+/).find((word) => word.startsWith(prefix));
  if (!link) throw new Error(`no ${prefix} link in "${mail.subject}"`);
  return link;
}
