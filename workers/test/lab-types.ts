/** What test/lab-setup.ts (Node) hands the workerd tests; no Node imports here. */

export const DOMAIN = "sipwatch.test";
export const HOST = "sip.sipwatch.test";
/** The live service test/breakable-service.ts can break and heal. */
export const BREAKABLE_DOMAIN = "breakable.sipwatch.test";

export interface WorkersLab {
  /** The lab DNS server's DoH endpoint (plain HTTP on loopback), serving the live zones. */
  dohUrl: string;
  /** The same server's DNS over TCP port. */
  dnsTcpPort: number;
  /** Hostile DNS servers' TCP ports, by misbehaviour. */
  hostileDns: Record<string, number>;
  /** Test CAs of live.sipwatch.test (valid certificate) and expired.sipwatch.test. */
  liveCaPems: string[];
  caPem: string;
  /** One TLS listener per lab certificate. */
  certificates: Record<string, number>;
  tls12Only: number;
  tls13Only: number;
  /** A SIP server with the valid certificate on every stream transport. */
  sip: { tcp: number; tls: number; ws: number; wss: number };
  /** Hostile servers: plain, and the same misbehaviour inside TLS. */
  hostile: Record<string, { plain: number; tls: number }>;
  /** The lab's honest registrar (account below) and hostile ones, ports by transport (infra/lab hostile-registrar.ts). */
  registrars: {
    account: { user: string; password: string; realm: string };
    ports: Record<
      "honest" | "endless-challenges" | "nonce-loop" | "no-contact" | "drip",
      { udp: number; tcp: number; tls: number; wss: number }
    >;
  };
  /**
   * Kamailio as a registrar (digest MD5) and a second Kamailio as the account's outbound proxy in
   * front of it (407 first, then relayed over TCP), ports by transport.
   */
  kamailio: {
    domain: string;
    account: { user: string; password: string };
    registrar: { udp: number; tcp: number; tls: number };
    proxy: { udp: number; tcp: number; tls: number };
  };
  closedPort: number;
  /** test/alert-receiver.ts: POST /hook/<name>[?fail=N], GET /received/<name>. */
  alertReceiverUrl: string;
  /** The secret the receiver checks webhook signatures with. */
  webhookSecret: string;
  /** test/sent-email-reader.ts: GET /sent-email?containing=<text>, what the local send_email binding sent. */
  sentEmailUrl: string;
  /** test/breakable-service.ts: a live zone whose TLS listener `POST <controlUrl>/break` and `/heal` switch. */
  breakable: { domain: string; controlUrl: string };
}

/** One request the alert receiver got. */
export interface ReceivedRequest {
  /** What the receiver answered: 500 while `?fail=N` lasts, then 200. */
  status: number;
  body: string;
  idempotencyKey: string | null;
  authorization: string | null;
  /** null when the request carried no signature headers. */
  signatureValid: boolean | null;
  /** The path after /hook/<name> and the query (Opsgenie's acknowledge and close name the alert there). */
  path: string;
  /**
   * For paths named after an on-call service (pagerduty-…, opsgenie-…, teams-…, discord-…): the
   * ways the body breaks the service's documented schema (oncall-schemas.ts); [] when it fits.
   * Such a request is answered 400, as the service would. null for other receivers.
   */
  schemaErrors: string[] | null;
}

/** One message the local send_email binding sent, as miniflare keeps it (test/sent-email-reader.ts). */
export interface SentEmail {
  /** The Message-ID without its angle brackets. */
  id: string;
  /** The email store's record: from, to, subject, messageId, text, html, sentAt. */
  stored: Record<string, unknown>;
  /** The parts miniflare wrote to disk; null until its waitUntil has written them. */
  textFile: string | null;
  htmlFile: string | null;
}

declare module "vitest" {
  export interface ProvidedContext {
    lab: WorkersLab;
  }
}
