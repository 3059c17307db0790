import type { NaptrNode } from "../../sip/types";
import { formatRecord } from "../record-text";
import type { Finding } from "../types";
import { compareNaptr, transportName, usableNaptrs } from "./resolution-facts";
import type { DiscoveryRule } from "./rule";

/**
 * dns.naptr.secure-not-preferred: a plaintext SIP+D2x record sorts before (or ties with) the
 * best SIPS+D2T, so RFC 3263 clients may use plaintext although TLS is offered.
 */
export const naptrSecureNotPreferred: DiscoveryRule = (resolution) => {
  const usable = usableNaptrs(resolution);
  const bestTls = usable
    .filter((node) => node.service?.secure && node.service.transport === "tls")
    .sort(compareNaptr)[0];
  if (!bestTls) return [];
  // WebSocket clients choose only between SIP+D2W and SIPS+D2W; they never weigh them against SIPS+D2T.
  const plaintextFirst = usable.filter((node) => isPhonePlaintext(node) && compareNaptr(node, bestTls) <= 0);
  const first = plaintextFirst[0];
  if (!first) return [];
  const transports = [...new Set(plaintextFirst.map((node) => transportName(node.service?.transport ?? "udp")))];
  const tie = plaintextFirst.every((node) => compareNaptr(node, bestTls) === 0);
  const finding: Finding = {
    id: "dns.naptr.secure-not-preferred",
    severity: "warning",
    title: `NAPTR at ${bestTls.record.name} ${tie ? "ranks" : "prefers"} ${transports.join(" and ")} ${tie ? "equal to" : "over"} TLS`,
    detail: tie
      ? `Plaintext ${transports.join(" and ")} has the same order and preference as TLS, so RFC 3263 clients pick either at will: some register without encryption although TLS is offered.`
      : `RFC 3263 clients follow NAPTR order and choose plaintext ${transports.join(" and ")} before TLS, so they register without encryption although TLS is offered.`,
    fix: `Give the SIPS+D2T record a lower order (or, at equal order, a lower preference) than every SIP+D2T and SIP+D2U record.`,
    subject: bestTls.record.name,
    evidence: {
      tls: formatRecord(bestTls.record),
      plaintextFirst: plaintextFirst.map((node) => formatRecord(node.record)),
    },
  };
  return [finding];
};

function isPhonePlaintext(node: NaptrNode): boolean {
  return node.service !== null && !node.service.secure && node.service.transport !== "ws";
}
