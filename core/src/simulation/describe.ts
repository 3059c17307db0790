import { TRANSPORT_LABEL } from "../sip/transports";
import type { Candidate } from "../sip/types";

/** "TLS to sip1.example.com:5061 (192.0.2.1)" */
export function describeCandidate(candidate: Candidate): string {
  const address = candidate.family === 6 ? `[${candidate.address}]` : candidate.address;
  const where =
    candidate.host === candidate.address
      ? `${address}:${candidate.port}`
      : `${candidate.host}:${candidate.port} (${address})`;
  return `${TRANSPORT_LABEL[candidate.transport]} to ${where}`;
}
