import { type DnsResolver, edgeAddressRefusal, edgeAddressScope } from "@sipwatch/core";
import { ConnectionLimit } from "../probing/connection-limit";
import { edgeResolver } from "../probing/edge-resolver";

/**
 * What an outbound URL is for: Slack, PagerDuty, Opsgenie, Teams and Discord each live on their
 * own hosts (SERVICE_HOSTS), a webhook and the email API anywhere public.
 */
export type OutboundUrlKind = "slack" | "webhook" | "email-api" | "pagerduty" | "opsgenie" | "teams" | "discord";

type ServiceKind = Exclude<OutboundUrlKind, "webhook" | "email-api">;

/**
 * The hosts (and path prefixes) each service posts to. A channel's URL elsewhere would send
 * its secret (routing key, API key) to whoever typed the URL, so it is refused at create.
 */
const SERVICE_HOSTS: Record<ServiceKind, { hosts: RegExp; path: RegExp; refusal: keyof typeof OUTBOUND_REFUSALS }> = {
  slack: { hosts: /^hooks\.slack\.com$/, path: /^\/services\//, refusal: "notSlack" },
  // Events API v2, US and EU service regions (developer.pagerduty.com, "Events API v2 Overview").
  pagerduty: { hosts: /^events\.(eu\.)?pagerduty\.com$/, path: /^\/v2\/enqueue$/, refusal: "notPagerDuty" },
  // Alert API, US and EU instances (docs.opsgenie.com, "Alert API").
  opsgenie: { hosts: /^api\.(eu\.)?opsgenie\.com$/, path: /^\/v2\/alerts(\/|$)/, refusal: "notOpsgenie" },
  // Workflows' "When a Teams webhook request is received" trigger: Logic Apps and Power Platform hosts.
  teams: {
    hosts: /^[a-z0-9-]+(\.[a-z0-9-]+)*\.(logic\.azure\.com|api\.powerplatform\.com)$/,
    path: /^\/(workflows|powerautomate)\//,
    refusal: "notTeams",
  },
  discord: { hosts: /^(discord|discordapp)\.com$/, path: /^\/api\/webhooks\//, refusal: "notDiscord" },
};

export interface OutboundUrlPolicy {
  /** The local lab: plain http to a loopback address (the tests' receivers), and only that. */
  lab: boolean;
  /** The deployment's resolvers (config.resolvers): names are judged by what they resolve to. */
  resolvers: readonly string[];
}

export type OutboundUrlCheck =
  | { ok: true; url: URL }
  /** `reason` is one of the fixed sentences below, never text from the network. */
  | { ok: false; reason: string; retryable: boolean };

/** The fixed reasons a URL is refused; callers show them as they are. */
export const OUTBOUND_REFUSALS = {
  notUrl: "is not a URL",
  notHttps: "must be an https URL",
  credentials: "must not carry a user name or password",
  ipLiteral: "must name a host, not an IP address",
  internalName: "must be a public host name",
  notSlack: "must be a Slack incoming-webhook URL (https://hooks.slack.com/services/…)",
  notPagerDuty:
    "must be PagerDuty's Events API v2 (https://events.pagerduty.com/v2/enqueue or events.eu.pagerduty.com)",
  notOpsgenie: "must be Opsgenie's API (https://api.opsgenie.com or https://api.eu.opsgenie.com)",
  notTeams:
    "must be a Teams workflow webhook URL (https://….logic.azure.com/workflows/… or ….api.powerplatform.com/powerautomate/…)",
  notDiscord: "must be a Discord webhook URL (https://discord.com/api/webhooks/…)",
  notPublic: "resolves to an address sipwatch does not send to (private, loopback, link-local or reserved)",
  unresolved: "does not resolve to an address",
  dnsFailed: "could not be resolved just now",
} as const;

// Names that never leave a network: RFC 6761 localhost, mDNS, home networks, common internal TLDs.
const INTERNAL_SUFFIX = /(^|\.)(localhost|local|internal|intranet|lan|home|corp|home\.arpa|localdomain)$/;
const DNS_TIMEOUT_MS = 3000;

const refused = (reason: string, retryable = false): OutboundUrlCheck => ({ ok: false, reason, retryable });

/**
 * The one check for every URL sipwatch POSTs to on a customer's behalf (Slack, webhook) or the
 * operator's (email API), at create, at update and again at each send: https only, a public
 * host name (no IP literal, no internal name), every address it resolves to allowed by the
 * edge's address policy (core edgeAddressRefusal, the probe gate's). The lab may use plain
 * http to a loopback IP literal, for its receivers. Redirects are refused by the sender
 * (post-json.ts), so a public host cannot bounce a POST inward.
 */
export async function checkOutboundUrl(
  raw: string,
  kind: OutboundUrlKind,
  policy: OutboundUrlPolicy,
  resolver?: DnsResolver,
): Promise<OutboundUrlCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refused(OUTBOUND_REFUSALS.notUrl);
  }
  if (url.username || url.password) return refused(OUTBOUND_REFUSALS.credentials);
  // WHATWG URL parsing already turned 0x7f.1, 2130706433 and friends into dotted decimal.
  if (url.hostname.startsWith("[") || /^\d{1,3}(\.\d{1,3}){3}$/.test(url.hostname)) {
    const labReceiver = policy.lab && edgeAddressScope(url.hostname) === "loopback";
    if (labReceiver && (url.protocol === "http:" || url.protocol === "https:")) return { ok: true, url };
    return refused(url.protocol === "https:" ? OUTBOUND_REFUSALS.ipLiteral : OUTBOUND_REFUSALS.notHttps);
  }
  const host = url.hostname.replace(/\.$/, "");
  if (url.protocol !== "https:") return refused(OUTBOUND_REFUSALS.notHttps);
  if (kind !== "webhook" && kind !== "email-api") {
    const service = SERVICE_HOSTS[kind];
    if (!service.hosts.test(host) || !service.path.test(url.pathname)) {
      return refused(OUTBOUND_REFUSALS[service.refusal]);
    }
  }
  if (!host.includes(".") || INTERNAL_SUFFIX.test(host)) return refused(OUTBOUND_REFUSALS.internalName);
  return judgeResolvedAddresses(url, host, policy, resolver);
}

/** Every A and AAAA answer must be allowed: one private address is enough to refuse. */
async function judgeResolvedAddresses(
  url: URL,
  host: string,
  policy: OutboundUrlPolicy,
  given?: DnsResolver,
): Promise<OutboundUrlCheck> {
  const owned = given ? null : edgeResolver(policy.resolvers, new ConnectionLimit(2));
  const resolver = given ?? owned?.resolver;
  if (!resolver) throw new Error("no resolver");
  try {
    const signal = AbortSignal.timeout(DNS_TIMEOUT_MS);
    const lookups = await Promise.all(
      (["A", "AAAA"] as const).map((type) => resolver.query({ name: host, type }, signal)),
    );
    const addresses: string[] = [];
    for (const lookup of lookups) {
      if (!lookup.ok) return refused(OUTBOUND_REFUSALS.dnsFailed, true);
      for (const record of lookup.answer.records) {
        if (record.type === "A" || record.type === "AAAA") addresses.push(record.address);
      }
    }
    if (addresses.length === 0) return refused(OUTBOUND_REFUSALS.unresolved);
    const allowLoopback = policy.lab;
    if (addresses.some((address) => edgeAddressRefusal(address, { allowLoopback }) !== null)) {
      return refused(OUTBOUND_REFUSALS.notPublic);
    }
    return { ok: true, url };
  } finally {
    owned?.close();
  }
}

/** The policy in force for this deployment. */
export function outboundPolicy(config: { lab: boolean; resolvers: readonly string[] }): OutboundUrlPolicy {
  return { lab: config.lab, resolvers: config.resolvers };
}
