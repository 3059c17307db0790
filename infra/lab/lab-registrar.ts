import { createHash, randomBytes } from "node:crypto";
import type { RequestSource } from "./sip-answer";
import { answerSipRequest } from "./sip-answer";

/**
 * A small honest registrar for the lab (no Kamailio needed): challenges every REGISTER without
 * credentials with Digest MD5, qop=auth (RFC 7616), checks the answer against its one account,
 * stores the Contact for the granted Expires and lists the bindings in the 200 (RFC 3261 10.3);
 * Expires: 0 removes the binding. The Kamailio interop test covers a real registrar.
 */
export interface LabAccount {
  user: string;
  password: string;
  realm: string;
}

const md5 = (text: string) => createHash("md5").update(text).digest("hex");

export class LabRegistrar {
  private readonly nonces = new Set<string>();
  /** Contact URI -> expiry (epoch ms), for the one address of record. */
  private readonly bindings = new Map<string, number>();

  constructor(private readonly account: LabAccount) {}

  /** The responses to one request: OPTIONS and other methods get a plain 200. */
  respond(request: string, source: RequestSource): string[] {
    if (!request.startsWith("REGISTER ")) return answerSipRequest(request, source) ?? [];
    const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(request)?.[1]?.trim();
    const authorization = header("Authorization");
    if (!authorization || !this.verify(authorization)) {
      const nonce = randomBytes(12).toString("hex");
      if (this.nonces.size > 1000) this.nonces.clear();
      this.nonces.add(nonce);
      const challenge = `WWW-Authenticate: Digest realm="${this.account.realm}", nonce="${nonce}", qop="auth", algorithm=MD5`;
      return answerSipRequest(request, source, { status: 401, reason: "Unauthorized", headers: [challenge] }) ?? [];
    }
    const contact = /<([^>]+)>/.exec(header("Contact") ?? "")?.[1];
    const expires = Math.min(Number(header("Expires") ?? 3600), 3600);
    if (contact) {
      if (expires === 0) this.bindings.delete(contact);
      else this.bindings.set(contact, Date.now() + expires * 1000);
    }
    const now = Date.now();
    const listed = [...this.bindings]
      .filter(([, until]) => until > now)
      .map(([uri, until]) => `Contact: <${uri}>;expires=${Math.round((until - now) / 1000)}`);
    return answerSipRequest(request, source, { headers: listed }) ?? [];
  }

  /** RFC 7616 3.4.1 with qop=auth: response = H(H(A1):nonce:nc:cnonce:qop:H(A2)). */
  private verify(authorization: string): boolean {
    const params = new Map<string, string>();
    for (const match of authorization.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)) {
      params.set((match[1] ?? "").toLowerCase(), match[2] ?? match[3] ?? "");
    }
    const nonce = params.get("nonce") ?? "";
    if (!this.nonces.has(nonce) || params.get("username") !== this.account.user) return false;
    const ha1 = md5(`${this.account.user}:${this.account.realm}:${this.account.password}`);
    const ha2 = md5(`REGISTER:${params.get("uri") ?? ""}`);
    const expected = md5(`${ha1}:${nonce}:${params.get("nc")}:${params.get("cnonce")}:auth:${ha2}`);
    return params.get("response") === expected;
  }
}
