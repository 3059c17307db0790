import { REGION_PATTERN } from "@sipwatch/core";
import { z } from "zod";
import { LAB_CREDENTIAL_KEYS } from "./credentials/keyring";
import type { RegionProber } from "./probing/region-prober";
import { parseTcpResolver } from "./probing/resolver-spec";
import type { AuditMessage } from "./scheduled/audit-message";

/** The bindings and variables wrangler.toml (and `wrangler secret put`) give the Worker. */
export interface Env {
  /** The control plane (accounts, organisations, monitors, channels, outbox), and the legacy history shard. */
  DB: D1Database;
  /** History shards: `[[d1_databases]]` bindings named in HISTORY_SHARDS (HISTORY_1, HISTORY_2, ...). */
  HISTORY_1?: D1Database;
  HISTORY_2?: D1Database;
  /**
   * The shards new organisations are placed on, comma-separated binding names (default "DB").
   * Existing organisations stay where the directory (history_shard) pins them.
   */
  HISTORY_SHARDS?: string;
  /** The minute's audits, one message per organisation shard x chunk of monitors (scheduled/). */
  AUDIT_QUEUE?: Queue<AuditMessage>;
  REGION_PROBER: DurableObjectNamespace<RegionProber>;
  /** Sign-in, sign-up and password endpoints, per client address and per account (wrangler.toml). */
  AUTH_RATE_LIMIT: RateLimit;
  /** Every use of an API or agent token, per token (wrangler.toml). */
  TOKEN_RATE_LIMIT: RateLimit;
  /** better-auth signs session cookies with it (`wrangler secret put BETTER_AUTH_SECRET`). */
  BETTER_AUTH_SECRET?: string;
  /** The dashboard's origin, for auth callbacks and links in alerts. */
  PUBLIC_URL?: string;
  /**
   * Public resolvers, comma-separated: `tcp://8.8.8.8` (DNS over TCP, cheapest in CPU) or DoH
   * URLs. Each region asks a different one first.
   */
  DNS_RESOLVERS?: string;
  DEFAULT_REGIONS?: string;
  RETENTION_DAYS?: string;
  /** Most monitors one organisation may have (default 1000). */
  MONITOR_LIMIT?: string;
  /** Most organisations one account may own (default 5). */
  ORGANISATION_LIMIT?: string;
  /**
   * Development against the local lab only: "1" lets audits probe loopback targets and trusts
   * LAB_CA_PEM. Never set in production (SSRF).
   */
  SIPWATCH_LAB?: string;
  /** Cloudflare Email Sending (`[[send_email]] name = "EMAIL"` in wrangler.toml). */
  EMAIL?: SendEmail;
  /** Sender of alert emails; default alerts@ the PUBLIC_URL's host. */
  ALERT_EMAIL_FROM?: string;
  /** An HTTP email API (Resend-compatible POST with from/to/subject/html/text) instead of the binding. */
  EMAIL_API_URL?: string;
  EMAIL_API_KEY?: string;
  LAB_CA_PEM?: string;
  /** AES-256-GCM keys for monitors' SIP passwords, `id:base64[,id:base64]`, current first (`wrangler secret put CREDENTIAL_KEYS`). */
  CREDENTIAL_KEYS?: string;
}

const REGION = REGION_PATTERN;
const list = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

const configSchema = z.object({
  betterAuthSecret: z.string().min(32, "BETTER_AUTH_SECRET must be at least 32 characters"),
  publicUrl: z.url("PUBLIC_URL must be a URL"),
  resolvers: z
    .array(
      z.string().refine(isResolverSpec, "DNS_RESOLVERS holds something other than tcp://ip[:port] or an https:// URL"),
    )
    .min(1, "DNS_RESOLVERS names no resolver"),
  defaultRegions: z.array(z.string().regex(REGION, "DEFAULT_REGIONS holds an unknown region")).min(1),
  retentionDays: z.number().int().min(1).max(400),
  monitorLimit: z.number().int().min(1).max(100_000),
  organisationLimit: z.number().int().min(1).max(1000),
  lab: z.boolean(),
  labCaPems: z.array(z.string()),
  emailFrom: z.string().regex(/^[^@\s]+@[^@\s]+$/, "ALERT_EMAIL_FROM must be an email address"),
  historyShards: z
    .array(z.string().regex(/^[A-Z][A-Z0-9_]*$/, "HISTORY_SHARDS holds something other than a binding name"))
    .min(1, "HISTORY_SHARDS names no shard"),
  emailApi: z.object({ url: z.url("EMAIL_API_URL must be a URL"), key: z.string().min(1) }).nullable(),
  credentialKeys: z.string().nullable(),
});

/** The parsed configuration routes and the scheduled handler receive. */
export type Config = z.infer<typeof configSchema>;

/** Lab-only secret, so `npm start` and the tests need no setup; production must set its own. */
const LAB_AUTH_SECRET = "sipwatch-local-lab-secret-not-for-production";

/** Parses the environment once; a bad deploy fails with the variable named, not later with a 500. */
export function parseConfig(env: Env): Config {
  const lab = env.SIPWATCH_LAB === "1";
  const publicUrl = env.PUBLIC_URL ?? (lab ? "http://127.0.0.1:8787" : "");
  const parsed = configSchema.safeParse({
    betterAuthSecret: env.BETTER_AUTH_SECRET ?? (lab ? LAB_AUTH_SECRET : ""),
    publicUrl,
    resolvers: list(env.DNS_RESOLVERS ?? ""),
    defaultRegions: list(env.DEFAULT_REGIONS ?? "weur"),
    retentionDays: Number(env.RETENTION_DAYS ?? "30"),
    monitorLimit: Number(env.MONITOR_LIMIT ?? "1000"),
    organisationLimit: Number(env.ORGANISATION_LIMIT ?? "5"),
    lab,
    labCaPems: lab && env.LAB_CA_PEM ? splitPems(env.LAB_CA_PEM) : [],
    emailFrom: env.ALERT_EMAIL_FROM ?? `alerts@${hostOf(publicUrl)}`,
    historyShards: list(env.HISTORY_SHARDS ?? "DB"),
    emailApi: env.EMAIL_API_URL && env.EMAIL_API_KEY ? { url: env.EMAIL_API_URL, key: env.EMAIL_API_KEY } : null,
    credentialKeys: env.CREDENTIAL_KEYS || (lab ? LAB_CREDENTIAL_KEYS : null),
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`sipwatch is misconfigured: ${issues}`);
  }
  return parsed.data;
}

/** DNS over TCP to an IP, or DoH over https (plain http only on loopback, for the lab). */
function isResolverSpec(spec: string): boolean {
  if (parseTcpResolver(spec)) return true;
  try {
    const url = new URL(spec);
    return url.protocol === "https:" || (url.protocol === "http:" && /^(127\.|\[::1\])/.test(url.host));
  } catch {
    return false;
  }
}

/** The host of a URL that may not parse yet (its own check reports that); "localhost" then. */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname || "localhost";
  } catch {
    return "localhost";
  }
}

function splitPems(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}
