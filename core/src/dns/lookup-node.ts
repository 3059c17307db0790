import type { LookupNode } from "../sip/types";
import type { CnameRecord, DnsLookup, DnsRecord, RecordType } from "./types";

type RecordOf<T extends RecordType> = Extract<DnsRecord, { type: T }>;

/** Reduces a raw lookup to a node of the resolution tree: the records asked for, the CNAMEs met, a status. */
export function toLookupNode<T extends RecordType>(lookup: DnsLookup, type: T): LookupNode<RecordOf<T>> {
  if (!lookup.ok) {
    const { failure } = lookup;
    return {
      question: failure.question,
      status: "error",
      records: [],
      cnames: [],
      error: `${failure.kind}: ${failure.message}`,
      server: failure.server,
      elapsedMs: failure.elapsedMs,
    };
  }
  const { answer } = lookup;
  const records = answer.records.filter((r): r is RecordOf<T> => r.type === type);
  const cnames = type === "CNAME" ? [] : answer.records.filter((r): r is CnameRecord => r.type === "CNAME");
  const node: LookupNode<RecordOf<T>> = {
    question: answer.question,
    status: "answer",
    records,
    cnames,
    rcode: answer.rcode,
    server: answer.server,
    elapsedMs: answer.elapsedMs,
  };
  if (records.length > 0) node.ttl = Math.min(...records.map((r) => r.ttl));
  switch (answer.rcode) {
    case "NOERROR":
      node.status = records.length > 0 ? "answer" : "nodata";
      break;
    case "NXDOMAIN":
      node.status = "nxdomain";
      break;
    case "SERVFAIL":
      node.status = "servfail";
      break;
    case "REFUSED":
      node.status = "refused";
      break;
    default:
      node.status = "error";
      node.error = `resolver answered ${answer.rcode}`;
  }
  return node;
}
