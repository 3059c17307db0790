import type { DnsLookup, DnsQuestion, DnsResolver, Rcode } from "../dns/types";
import { formatRecord } from "../findings/record-text";
import type { SipResolution } from "../sip/types";
import { type AuthoritativeComparison, compareAuthoritativeServers } from "./authoritative-comparison";

export interface NameServer {
  name: string;
  address: string;
}

/** Builds a resolver that asks one authoritative server directly (RD=0). */
export type AuthoritativeResolverFactory = (server: NameServer) => DnsResolver;

export interface AuthoritativeAnswer {
  question: DnsQuestion;
  rcode?: Rcode;
  authoritative?: boolean;
  /** Records of the asked type in presentation form, sorted: comparable across servers. */
  records: string[];
  error?: string;
}

export interface AuthoritativeView {
  server: NameServer;
  serial?: number;
  answers: AuthoritativeAnswer[];
}

export interface AuthoritativeSurvey {
  zone: string;
  nameservers: NameServer[];
  views: AuthoritativeView[];
  /** Core's verdict on the views: what dns.authoritative.inconsistent and the CLI report. */
  comparison: AuthoritativeComparison;
  /** Why the survey could not run (no SOA, no NS): the zone's servers were not compared. */
  error?: string;
}

export interface SurveyOptions {
  signal?: AbortSignal;
  /** Big zones list many NS addresses; asking eight covers any real secondary set. */
  maxServers?: number;
}

export type NameServerDiscovery =
  | { ok: true; zone: string; nameservers: NameServer[] }
  | { ok: false; zone?: string; error: string };

/** Finds the zone that holds `domain` and its name servers, through the recursive resolver. */
export async function findNameServers(
  domain: string,
  resolver: DnsResolver,
  options: SurveyOptions = {},
): Promise<NameServerDiscovery> {
  const soa = await resolver.query({ name: domain, type: "SOA" }, options.signal);
  if (!soa.ok) return { ok: false, error: `SOA lookup failed: ${soa.failure.message}` };
  // The SOA is in the answer at the apex, else in the authority section (RFC 2308 3).
  const soaRecord = [...soa.answer.records, ...soa.answer.authority].find((r) => r.type === "SOA");
  if (!soaRecord) return { ok: false, error: `no SOA found for ${domain} (${soa.answer.rcode})` };
  const zone = soaRecord.name;
  const ns = await resolver.query({ name: zone, type: "NS" }, options.signal);
  const names = ns.ok ? ns.answer.records.flatMap((r) => (r.type === "NS" ? [r.host] : [])).sort() : [];
  if (names.length === 0) return { ok: false, zone, error: `no NS records for ${zone}` };
  const addressLookups = await Promise.all(
    names.flatMap((name) => (["A", "AAAA"] as const).map((type) => resolver.query({ name, type }, options.signal))),
  );
  const nameservers = addressLookups
    .flatMap((lookup) =>
      lookup.ok
        ? lookup.answer.records.flatMap((r) =>
            r.type === "A" || r.type === "AAAA" ? [{ name: lookup.answer.question.name, address: r.address }] : [],
          )
        : [],
    )
    .slice(0, options.maxServers ?? 8);
  if (nameservers.length === 0) return { ok: false, zone, error: `the name servers of ${zone} have no addresses` };
  return { ok: true, zone, nameservers };
}

/** The questions of the resolution that the zone itself answers, plus its SOA. */
function questionsInZone(resolution: SipResolution, zone: string): DnsQuestion[] {
  const inZone = (name: string) => name === zone || name.endsWith(`.${zone}`);
  const questions: DnsQuestion[] = [{ name: zone, type: "SOA" }];
  if (resolution.naptr && inZone(resolution.target.host))
    questions.push({ name: resolution.target.host, type: "NAPTR" });
  for (const owner of Object.keys(resolution.srv).sort())
    if (inZone(owner)) questions.push({ name: owner, type: "SRV" });
  for (const host of Object.keys(resolution.hosts).sort()) {
    if (inZone(host)) questions.push({ name: host, type: "A" }, { name: host, type: "AAAA" });
  }
  return questions;
}

function toAnswer(lookup: DnsLookup, question: DnsQuestion): AuthoritativeAnswer {
  if (!lookup.ok) return { question, records: [], error: lookup.failure.message };
  const { answer } = lookup;
  return {
    question,
    rcode: answer.rcode,
    authoritative: answer.authoritative,
    records: answer.records
      .filter((r) => r.type === question.type)
      .map(formatRecord)
      .sort(),
  };
}

/**
 * Asks every authoritative server of the domain's zone the questions the resolution asked
 * (RD=0, straight to each server), so dns.authoritative.inconsistent can compare serials and
 * answers: a broken zone transfer shows here long before resolvers' caches expire.
 */
export async function surveyAuthoritativeServers(
  resolution: SipResolution,
  found: NameServerDiscovery,
  connect: AuthoritativeResolverFactory,
  options: SurveyOptions = {},
): Promise<AuthoritativeSurvey> {
  if (!found.ok) {
    const zone = found.zone ?? resolution.target.host;
    const survey = { zone, nameservers: [], views: [], error: found.error };
    return { ...survey, comparison: compareAuthoritativeServers(survey) };
  }
  const { zone, nameservers } = found;
  const questions = questionsInZone(resolution, zone);
  const views = await Promise.all(
    nameservers.map(async (server) => {
      const direct = connect(server);
      const answers = await Promise.all(questions.map(async (q) => toAnswer(await direct.query(q, options.signal), q)));
      const soa = answers[0]?.records[0];
      const serial = soa ? Number(soa.split(" ").at(-1)) : undefined;
      return serial === undefined || Number.isNaN(serial) ? { server, answers } : { server, serial, answers };
    }),
  );
  return { zone, nameservers, views, comparison: compareAuthoritativeServers({ zone, views }) };
}
