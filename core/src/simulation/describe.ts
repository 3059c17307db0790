import { formatHostPort } from "../sip/host-port";
import { TRANSPORT_LABEL } from "../sip/transports";
import type { Candidate } from "../sip/types";

/** "TLS to sip1.example.com:5061 (192.0.2.1)" */
export function describeCandidate(candidate: Candidate): string {
  const where =
    candidate.host === candidate.address
      ? formatHostPort(candidate.address, candidate.port)
      : `${formatHostPort(candidate.host, candidate.port)} (${formatHostPort(candidate.address)})`;
  return `${TRANSPORT_LABEL[candidate.transport]} to ${where}`;
}
