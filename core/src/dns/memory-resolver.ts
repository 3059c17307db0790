import type { DnsLookup, DnsQuestion, DnsRecord, DnsResolver, Rcode } from "./types";
import { normalizeName } from "./types";

export interface MemoryResolverOptions {
  /** Names answered with SERVFAIL (a DNSSEC-bogus zone, a dead authoritative). */
  servfail?: string[];
  /** Names that time out: the resolver gives no answer at all. */
  timeout?: string[];
  /** Simulated round trip per answer, in ms (used by the concurrency tests and the benchmark). */
  latencyMs?: number;
  label?: string;
  /** Answer as the zone's authoritative server (AA bit), as a name server asked directly does. */
  authoritative?: boolean;
}

/**
 * An in-memory resolver with a recursive resolver's view of a set of records: CNAMEs are
 * followed, unknown names are NXDOMAIN, known names without the type are NODATA.
 * For tests and examples: `new MemoryResolver([{ type: "A", name: "sip.example.com", ttl: 60, address: "192.0.2.1" }])`.
 */
export class MemoryResolver implements DnsResolver {
  readonly label: string;
  private readonly byName = new Map<string, DnsRecord[]>();
  private readonly servfail: Set<string>;
  private readonly timeout: Set<string>;
  readonly asked: DnsQuestion[] = [];

  constructor(
    records: readonly DnsRecord[],
    private readonly options: MemoryResolverOptions = {},
  ) {
    this.label = options.label ?? "memory";
    for (const record of records) {
      const name = normalizeName(record.name);
      const list = this.byName.get(name) ?? [];
      list.push({ ...record, name });
      this.byName.set(name, list);
    }
    this.servfail = new Set((options.servfail ?? []).map(normalizeName));
    this.timeout = new Set((options.timeout ?? []).map(normalizeName));
  }

  async query(question: DnsQuestion, signal?: AbortSignal): Promise<DnsLookup> {
    this.asked.push(question);
    if (this.options.latencyMs) await delay(this.options.latencyMs, signal);
    const name = normalizeName(question.name);
    const base = { question, server: this.label, elapsedMs: this.options.latencyMs ?? 0 };
    if (this.timeout.has(name)) {
      return { ok: false, failure: { ...base, kind: "timeout", message: `no answer from ${this.label}` } };
    }
    if (this.servfail.has(name)) return { ok: true, answer: this.answer(question, "SERVFAIL", []) };
    const records: DnsRecord[] = [];
    let current = name;
    // Follow CNAMEs as a recursive resolver does, with a bound against loops.
    for (let hops = 0; hops < 8; hops++) {
      const here = this.byName.get(current) ?? [];
      const wanted = here.filter((r) => r.type === question.type);
      if (wanted.length > 0 || question.type === "CNAME") {
        records.push(...wanted);
        break;
      }
      const alias = here.find((r) => r.type === "CNAME");
      if (alias?.type !== "CNAME") break;
      records.push(alias);
      current = alias.target;
    }
    const exists = records.length > 0 || this.nameExists(current);
    return { ok: true, answer: this.answer(question, exists ? "NOERROR" : "NXDOMAIN", records) };
  }

  private nameExists(name: string): boolean {
    if (this.byName.has(name)) return true;
    // An empty non-terminal (`_tcp.example.com` when `_sip._tcp.example.com` exists) is NODATA, not NXDOMAIN.
    for (const known of this.byName.keys()) if (known.endsWith(`.${name}`)) return true;
    return false;
  }

  private answer(question: DnsQuestion, rcode: Rcode, records: DnsRecord[]) {
    return {
      question,
      rcode,
      records,
      authority: [],
      authoritative: this.options.authoritative ?? false,
      authenticData: false,
      server: this.label,
      elapsedMs: this.options.latencyMs ?? 0,
    };
  }
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
