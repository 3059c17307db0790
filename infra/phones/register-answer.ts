import { answerSipRequest, type RequestSource } from "../lab/sip-answer";

/**
 * A registrar's answer to REGISTER without authentication: 200 OK echoing the Contact and the
 * Expires the phone asked for (RFC 3261 10.3 step 8), which is what a phone needs to see itself
 * registered. Anything else gets the lab's plain 200, as OPTIONS keep-alives expect.
 */
export function answerRegister(request: string, source: RequestSource): string[] | null {
  const method = sipMethod(request);
  if (method !== "REGISTER") return answerSipRequest(request, source);
  const contact = header(request, "contact", "m");
  const expires = header(request, "expires") ?? /;\s*expires=(\d+)/i.exec(contact ?? "")?.[1] ?? "600";
  const headers = [...(contact ? [`Contact: ${withExpires(contact, expires)}`] : []), `Expires: ${expires}`];
  return answerSipRequest(request, source, { headers });
}

/** The method of a SIP request ("REGISTER"), or null for a response or non-SIP bytes. */
export function sipMethod(text: string): string | null {
  return /^([A-Z]+) \S+ SIP\/2\.0\r?\n/.exec(text)?.[1] ?? null;
}

function header(request: string, name: string, compact?: string): string | undefined {
  const [head = ""] = request.split(/\r?\n\r?\n/, 1);
  const names = compact ? `${name}|${compact}` : name;
  return new RegExp(`^(?:${names})[ \\t]*:[ \\t]*(.*)$`, "im").exec(head)?.[1]?.trim();
}

function withExpires(contact: string, expires: string): string {
  return /;\s*expires=/i.test(contact) ? contact : `${contact};expires=${expires}`;
}
