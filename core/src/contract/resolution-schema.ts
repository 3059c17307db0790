import { z } from "zod";
import { TRANSPORTS } from "../catalogue/monitor-rules";
import type { SipResolution } from "../sip/types";

/**
 * The RFC 3263 resolution tree (core/sip/types.ts SipResolution) as a schema: the API documents
 * it, the Worker checks it when an agent sends one, and the dashboard is typed from it. Bounded
 * everywhere, since agents send it: names 255 characters, lists and maps a few hundred entries.
 */
const text = (max: number) => z.string().max(max);
const host = text(255);
const ms = z.number().min(0).max(86_400_000);
const u16 = z.number().int().min(0).max(65_535);
const few = <T extends z.ZodType>(item: T, max = 500) => z.array(item).max(max);
const map = <T extends z.ZodType>(value: T, max = 500) =>
  z.record(host, value).refine((r) => Object.keys(r).length <= max, `has more than ${max} entries`);

const RecordType = z.enum(["NAPTR", "SRV", "A", "AAAA", "CNAME", "SOA", "NS"]);
const Transport = z.enum(TRANSPORTS);
const Question = z.object({ name: host, type: RecordType });
const base = { name: host, ttl: z.number().int().min(0).max(2_147_483_647) };

const ARecord = z.object({ ...base, type: z.literal("A"), address: text(64) });
const AaaaRecord = z.object({ ...base, type: z.literal("AAAA"), address: text(64) });
const CnameRecord = z.object({ ...base, type: z.literal("CNAME"), target: host });
const SrvRecord = z.object({ ...base, type: z.literal("SRV"), priority: u16, weight: u16, port: u16, target: host });
const NaptrRecord = z.object({
  ...base,
  type: z.literal("NAPTR"),
  order: u16,
  preference: u16,
  flags: text(255),
  services: text(255),
  regexp: text(1000),
  replacement: host,
});

// The header's 4-bit RCODE (dns/wire.ts): the named ones, and "RCODEn" for the others, listed
// so the OpenAPI document (and the dashboard's generated types) carry the same union as core.
const Rcode = z.enum([
  "NOERROR",
  "FORMERR",
  "SERVFAIL",
  "NXDOMAIN",
  "NOTIMP",
  "REFUSED",
  ...Array.from({ length: 16 }, (_, n) => `RCODE${n}` as const),
]);
const LookupStatus = z.enum(["answer", "nodata", "nxdomain", "servfail", "refused", "error"]);

const lookup = <R extends z.ZodType>(record: R) =>
  z.object({
    question: Question,
    status: LookupStatus,
    records: few(record),
    cnames: few(CnameRecord, 20),
    rcode: Rcode.optional(),
    error: text(1000).optional(),
    ttl: z.number().int().min(0).optional(),
    server: text(300).optional(),
    elapsedMs: ms,
  });

export const CandidateSchema = z.object({
  transport: Transport,
  host,
  address: text(64),
  family: z.union([z.literal(4), z.literal(6)]),
  port: u16,
  source: z.enum(["naptr", "srv", "address", "numeric"]),
  srvOwner: host.optional(),
  priority: u16.optional(),
  share: z.number().min(0).max(1).optional(),
});

export const SipResolutionSchema = z.object({
  target: z.object({
    input: text(2048),
    scheme: z.enum(["sip", "sips"]),
    user: text(255).optional(),
    host,
    hostKind: z.enum(["domain", "ipv4", "ipv6"]),
    port: u16.optional(),
    transport: Transport.optional(),
  }),
  resolver: text(300),
  branch: z.enum(["numeric", "explicit-port", "explicit-transport", "naptr", "srv", "address"]),
  naptr: lookup(NaptrRecord).optional(),
  naptrRecords: few(
    z.object({
      record: NaptrRecord,
      service: z.object({ raw: text(255), secure: z.boolean(), transport: Transport }).nullable(),
      problems: few(text(1000), 20),
      skipped: text(1000).optional(),
      srvOwner: host.optional(),
      host: host.optional(),
    }),
  ),
  srv: map(
    z.object({
      owner: host,
      transport: Transport,
      origin: z.enum(["naptr", "well-known", "legacy"]),
      lookup: lookup(SrvRecord),
      targets: few(z.object({ record: SrvRecord, share: z.number().min(0).max(1), host: host.nullable() })),
    }),
  ),
  hosts: map(z.object({ host, a: lookup(ARecord), aaaa: lookup(AaaaRecord) })),
  candidates: few(CandidateSchema),
  queries: few(
    z.object({
      question: Question,
      depth: z.number().int().min(0).max(100),
      startMs: ms,
      endMs: ms,
      outcome: LookupStatus,
    }),
    2000,
  ),
  startedAt: text(64),
  durationMs: ms,
});

// Compile-time checks, both ways: core's type is what the schema accepts, and the reverse.
const _fromCore = (r: SipResolution): z.input<typeof SipResolutionSchema> => r;
const _toCore = (r: z.output<typeof SipResolutionSchema>): SipResolution => r;
void _fromCore;
void _toCore;
