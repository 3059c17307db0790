import { z } from "zod";
import { TRANSPORTS } from "../catalogue/monitor-rules";
import type { FindingId } from "../findings/types";

/**
 * Each finding's evidence, one schema per finding id: what the rule that emits it writes
 * (core/src/catalogue/finding-registry.ts names the rule). `Finding` in findings/types.ts is
 * typed from these, so a rule that writes evidence of another shape does not compile; the
 * Worker checks agents' findings with them; the OpenAPI document gives API users each shape.
 * Top-level fields are exact. Per-address facts keep their address typed and let the
 * transport's details vary (they are shown as written), within the bounds below.
 */
const text = (max = 1000) => z.string().max(max);
const name = text(255);
const list = <T extends z.ZodType>(item: T, max = 200) => z.array(item).max(max);
const u16 = z.number().int().min(0).max(65_535);
const ms = z.number().min(0).max(86_400_000);

/** Records as `dig` prints them: "_sip._udp.example.com SRV 10 10 5060 sip1.example.com". */
const records = list(text(4000)).describe("Records in presentation form");
const record = text(4000);
const LookupStatus = z.enum(["answer", "nodata", "nxdomain", "servfail", "refused", "error"]);
const Question = z.object({ name, type: text(16) });
const Transport = z.enum(TRANSPORTS);
/** Where a probe finding happened: the SRV (or NAPTR, or domain) target probed. */
const endpoint = { transport: Transport, host: name, port: u16 };
/** One probed address and what it showed; the details depend on the transport. */
const AtAddress = z.looseObject({ address: text(64) });

const Certificate = z.object({
  subject: text(),
  issuer: text(),
  subjectAltNames: list(text(300), 500),
  notBefore: text(64),
  notAfter: text(64),
  fingerprintSha256: text(128),
});
/** One certificate chain as served at some addresses, with its leaf. */
const Served = z.looseObject({ addresses: list(text(64)), certificate: Certificate });
const servedWith = <S extends z.ZodRawShape>(shape: S) => list(Served.extend(shape), 50);
const now = text(64).describe("When the audit looked, ISO 8601");
const Attempt = z.looseObject({
  address: text(64),
  aor: text(),
  outcome: text(64),
  status: z.number().int().min(100).max(699).optional(),
  reason: text().optional(),
  server: text().optional(),
  registerMs: ms.optional(),
});
const registerEvidence = <S extends z.ZodRawShape>(shape: S) => z.object({ ...endpoint, ...shape });
const ProfileFacts = z.looseObject({
  profile: text(64),
  registered: z.boolean(),
  transport: Transport.nullable(),
  afterMs: ms,
});
const fallback = z.object({ advertised: list(Transport, 10), profiles: list(ProfileFacts, 50) });
const splitDns = z.object({
  agent: text(100),
  records: list(z.object({ name, type: text(16), inside: records, outside: z.record(text(100), records) })),
});
const resolverDisagree = z.object({
  question: Question,
  answers: z.record(text(300), records).describe("Each resolver's (or vantage's) records"),
});

export const FINDING_EVIDENCE = {
  "dns.discovery.none": z.object({
    questions: list(Question.extend({ status: LookupStatus })),
    addresses: list(text(64)),
  }),
  "dns.naptr.dangling": z.object({ naptr: record, srv: z.object({ name, status: LookupStatus }) }),
  "dns.naptr.invalid": z.object({ records: list(z.object({ record, problems: list(text(), 20) })) }),
  "dns.naptr.secure-not-preferred": z.object({ tls: record, plaintextFirst: records }),
  "dns.naptr.srv-mismatch": z.union([
    z
      .object({ naptr: records, srv: records })
      .describe("NAPTR leads to an SRV owner the well-known name disagrees with"),
    z.object({ naptr: record, naptrSrv: records, wellKnownSrv: records }),
  ]),
  "dns.srv.target-cname": z.object({ cnames: records, srvOwners: list(name) }),
  "dns.srv.target-unresolvable": z.object({
    srv: records,
    a: LookupStatus.optional(),
    aaaa: LookupStatus.optional(),
  }),
  "dns.srv.target-dot": z.object({ srv: records, naptr: records.optional() }),
  "dns.srv.legacy-name": z.object({
    legacy: records,
    sips: z.union([z.object({ status: LookupStatus, records }), z.literal("not queried")]),
  }),
  "dns.srv.port-suspicious": z.object({ srv: records }),
  "dns.srv.single-target": z.object({ srv: records }),
  "dns.domain.no-address": z.object({ a: LookupStatus, aaaa: LookupStatus, discovery: records }),
  "dns.address.private-in-public": z.object({
    host: name,
    addresses: list(z.object({ address: text(64), scope: text(64), tried: z.boolean() })),
    resolver: text(300),
  }),
  "dns.address.no-ipv6": z.object({ ipv4Hosts: list(name) }),
  "dns.resolver.disagree": resolverDisagree,
  "dns.authoritative.inconsistent": z.object({
    zone: name,
    serials: z.record(text(20), list(text(300), 20)).describe("Servers by SOA serial"),
    differences: list(
      z.object({
        question: text(300),
        variants: list(z.object({ servers: list(text(300), 20), answer: records }), 20),
      }),
    ),
    lame: list(text(300), 20),
  }),
  "dns.resolver.servfail": z.object({ question: list(Question), resolver: text(300) }),
  "dns.resolver.error": z.object({
    resolver: text(300),
    question: list(Question.extend({ status: text(32), error: text(4000).optional(), server: text(300).optional() })),
  }),
  "transport.tcp.unreachable": z.object({ ...endpoint, failed: list(AtAddress), probedAddresses: list(text(64)) }),
  "transport.tls.handshake-failed": z.object({
    ...endpoint,
    sni: name,
    failed: list(AtAddress),
    probedAddresses: list(text(64)),
  }),
  "transport.mismatch": z.object({ ...endpoint, srvOwner: name.optional(), signs: list(AtAddress) }),
  "transport.udp.no-response": z.object({ ...endpoint, silent: list(AtAddress), probedAddresses: list(text(64)) }),
  "transport.udp.large-message": z.object({ ...endpoint, limitBytes: z.number().int(), large: list(AtAddress) }),
  "transport.sip.error-status": z.object({ ...endpoint, answers: list(AtAddress) }),
  "transport.sip.slow": z.object({ ...endpoint, thresholdMs: ms, slow: list(AtAddress) }),
  "transport.sip.private-address-in-headers": z.object({ ...endpoint, hits: list(AtAddress) }),
  "transport.sip.record-route-ip": z.object({ ...endpoint, routes: list(AtAddress) }),
  "transport.ws.upgrade-failed": z.object({ ...endpoint, failed: list(AtAddress) }),
  "register.refused": registerEvidence({ attempts: list(Attempt) }),
  "register.credentials-rejected": registerEvidence({ realms: list(text(), 20), attempts: list(Attempt) }),
  "register.challenge-failed": registerEvidence({ attempts: list(Attempt) }),
  "register.no-contact": registerEvidence({ attempts: list(Attempt) }),
  "register.slow": registerEvidence({ thresholdMs: ms, slow: list(AtAddress) }),
  "register.contact-private": registerEvidence({ bindings: list(z.looseObject({})) }),
  "register.binding-not-removed": registerEvidence({ attempts: list(AtAddress) }),
  "register.options-only": registerEvidence({ attempts: list(Attempt) }),
  "register.proxy-unreachable": registerEvidence({ outboundProxy: z.literal(true), attempts: list(Attempt) }),
  "tls.cert.expired": z.object({
    ...endpoint,
    now,
    served: servedWith({
      expired: list(z.object({ index: z.number().int(), subject: text(), notAfter: text(64) }), 20),
    }),
  }),
  "tls.cert.not-yet-valid": z.object({
    ...endpoint,
    now,
    served: servedWith({
      notYetValid: list(z.object({ index: z.number().int(), subject: text(), notBefore: text(64) }), 20),
    }),
  }),
  "tls.cert.expiring": z.object({
    ...endpoint,
    now,
    served: servedWith({
      expiring: z.object({ index: z.number().int(), subject: text(), notAfter: text(64), daysLeft: z.number() }),
    }),
  }),
  "tls.cert.name-mismatch-domain": z.object({
    ...endpoint,
    sipDomain: name,
    srvOwner: name.optional(),
    served: servedWith({ identities: list(text(300), 500) }),
  }),
  "tls.cert.name-mismatch-target": z.object({
    ...endpoint,
    sipDomain: name,
    served: servedWith({ domainCovered: z.boolean() }),
  }),
  "tls.cert.wildcard": z.object({
    ...endpoint,
    sipDomain: name,
    served: servedWith({ wildcardMatches: list(z.object({ name, via: text(300) }), 50) }),
  }),
  "tls.cert.untrusted": z.object({
    ...endpoint,
    served: servedWith({
      reason: text(),
      verification: z
        .object({ trusted: z.boolean(), error: text(4000).optional(), anchored: z.boolean().optional() })
        .optional(),
    }),
  }),
  "tls.cert.chain-incomplete": z.object({
    ...endpoint,
    served: servedWith({ sent: list(text(), 20), missingIssuer: text().optional(), ordered: z.boolean() }),
  }),
  "tls.version.legacy": z.object({ ...endpoint, addresses: list(AtAddress) }),
  "tls.key.weak": z.object({
    ...endpoint,
    served: servedWith({
      weak: list(z.object({ index: z.number().int(), subject: text(), reasons: list(text(), 20) }), 20),
    }),
  }),
  "fallback.udp": fallback,
  "fallback.plaintext": fallback,
  "fallback.delayed": fallback,
  "fallback.none": fallback,
  "edge.target.private": z.object({
    targets: list(z.object({ transport: Transport, address: text(64), port: u16, scope: text(64).optional() })),
  }),
  "vantage.region-only": z.object({ failing: z.record(text(100), z.unknown()), working: list(text(100), 50) }),
  "vantage.edge-vs-agent": z.object({ agent: text(100), inside: text(64), outside: z.record(text(100), z.unknown()) }),
  "split-dns.mismatch": splitDns,
  "split-dns.internal-only": splitDns,
} satisfies Record<FindingId, z.ZodType>;

/** The evidence a rule must write for finding `I`: `EvidenceOf<"dns.srv.target-cname">`. */
export type EvidenceOf<I extends FindingId> = z.input<(typeof FINDING_EVIDENCE)[I]>;
