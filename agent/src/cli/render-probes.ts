import {
  type CertificateInfo,
  expirySeverity,
  formatHostPort,
  type TargetProbes,
  TRANSPORT_LABEL,
} from "@sipwatch/core";
import { type Paint, pad } from "./paint";

const ms = (value: number | undefined) => (value === undefined ? "" : `${Math.round(value)} ms`);

/** One cell saying what happened at a target, worst news first, then what the other transport drew there. */
function outcomeText(probe: TargetProbes, p: Paint): string {
  const other = crossCheckText(probe, p);
  return other ? `${advertisedText(probe, p)}; ${other}` : advertisedText(probe, p);
}

/** "plain SIP over TCP: 200 OK 2 ms", "TLS: TLSv1.3, SIP over TLS: 200 OK 4 ms", from run-probes' cross-check. */
function crossCheckText(probe: TargetProbes, p: Paint): string | undefined {
  const check = probe.crossCheck;
  if (!check) return undefined;
  const sipText = (sip: NonNullable<typeof check.sip>) =>
    sip.outcome === "answered" && sip.response
      ? p.yellow(`${sip.response.status} ${sip.response.reason} ${ms(sip.rttMs)}`.trim())
      : `${sip.outcome}`;
  if (check.spoke === "tcp") return check.sip ? `plain SIP over TCP: ${sipText(check.sip)}` : undefined;
  const tls = check.tls;
  if (!tls) return undefined;
  if (tls.outcome !== "connected") return `TLS: ${tls.outcome}`;
  return `TLS: ${p.yellow(tls.version ?? "connected")}${check.sip ? `, SIP over TLS: ${sipText(check.sip)}` : ""}`;
}

function advertisedText(probe: TargetProbes, p: Paint): string {
  const { tcp, tls, sip } = probe;
  if (tcp && tcp.outcome !== "connected") return p.red(`TCP ${tcp.outcome}${tcp.error ? `: ${tcp.error}` : ""}`);
  const parts: string[] = [];
  if (tcp) parts.push(`connect ${ms(tcp.connectMs)}`);
  if (tls) {
    if (tls.outcome !== "connected") return p.red(`TLS ${tls.outcome}${tls.error ? `: ${tls.error}` : ""}`);
    const trust =
      tls.verification?.trusted === false ? p.red(` untrusted (${tls.verification.error ?? "rejected"})`) : "";
    parts.push(`${tls.version ?? "TLS"} ${ms(tls.handshakeMs)}${trust}`);
  }
  if (sip) {
    if (sip.outcome === "answered" && sip.response) {
      const status = `${sip.response.status} ${sip.response.reason}`;
      const colour = sip.response.status >= 500 ? p.red : sip.response.status >= 300 ? p.yellow : p.green;
      const resent = sip.transmissions && sip.transmissions > 1 ? ` after ${sip.transmissions} sends` : "";
      parts.push(`${colour(status)} ${ms(sip.rttMs)}${resent}`);
      const agent = sip.response.server ?? sip.response.userAgent;
      if (agent) parts.push(p.dim(agent));
    } else {
      parts.push(p.red(`OPTIONS ${sip.outcome}${sip.error ? `: ${sip.error}` : ""}`));
    }
  } else if (!tcp && !tls) {
    parts.push(p.dim("not probed from here"));
  }
  return parts.join(", ");
}

/** The transport x target table: what answered, how fast, with what. */
export function renderProbes(probes: readonly TargetProbes[], p: Paint): string[] {
  const lines = [p.bold("Transports, probed")];
  const hostWidth = Math.max(...probes.map((x) => x.target.host.length));
  const addressWidth = Math.max(...probes.map((x) => x.target.address.length + 6));
  for (const probe of probes) {
    const t = probe.target;
    const address = formatHostPort(t.address, t.port);
    lines.push(
      `  ${pad(TRANSPORT_LABEL[t.transport], 5)}${pad(t.host, hostWidth + 2)}${pad(address, addressWidth + 4)}${outcomeText(probe, p)}`,
    );
  }
  return lines;
}

function certificateLine(cert: CertificateInfo, now: Date, p: Paint): string[] {
  const daysLeft = (Date.parse(cert.notAfter) - now.getTime()) / 86_400_000;
  const days = Math.floor(daysLeft);
  // Coloured as tls.cert.expiring judges this certificate (its lifetime sets the thresholds).
  const severity =
    daysLeft < 0
      ? "expired"
      : expirySeverity(daysLeft, (Date.parse(cert.notAfter) - Date.parse(cert.notBefore)) / 86_400_000);
  const expiry =
    severity === "expired"
      ? p.red(`expired ${-days} days ago`)
      : severity === "critical" || severity === "warning"
        ? p.yellow(`expires in ${days} days`)
        : `expires in ${days} days`;
  const key = `${cert.keyType.toUpperCase()}${cert.keyBits ? ` ${cert.keyBits}` : ""}`;
  const names = [...cert.subjectAltNames.dns, ...cert.subjectAltNames.uri, ...cert.subjectAltNames.ip];
  return [
    `  ${cert.commonName ?? cert.subject}  ${p.dim(`issued by ${cert.issuer}`)}`,
    `    names: ${names.length ? names.join(", ") : p.yellow("no subjectAltName")}; ${expiry} (${cert.notAfter.slice(0, 10)}); ${key}, ${cert.signatureAlgorithm}${cert.selfSigned ? p.yellow(", self-signed") : ""}`,
  ];
}

/** Each distinct leaf certificate once, with the targets that serve it. */
export function renderCertificates(probes: readonly TargetProbes[], now: Date, p: Paint): string[] {
  const byLeaf = new Map<string, { cert: CertificateInfo; chainLength: number; where: string[] }>();
  for (const probe of probes) {
    const leaf = probe.tls?.chain[0];
    if (!leaf) continue;
    const entry = byLeaf.get(leaf.fingerprintSha256) ?? {
      cert: leaf,
      chainLength: probe.tls?.chain.length ?? 1,
      where: [],
    };
    entry.where.push(`${probe.target.host}:${probe.target.port}`);
    byLeaf.set(leaf.fingerprintSha256, entry);
  }
  if (byLeaf.size === 0) return [];
  const lines = [p.bold("TLS certificates")];
  for (const { cert, chainLength, where } of byLeaf.values()) {
    lines.push(...certificateLine(cert, now, p));
    lines.push(p.dim(`    served by ${[...new Set(where)].join(", ")}; chain of ${chainLength}`));
  }
  return lines;
}
