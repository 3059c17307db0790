import type { SipOptionsResult, TargetProbes } from "../../probe/types";
import type { RegistrationResult } from "../../register/types";
import { type Endpoint, endpointsOf, hostPort, transportName } from "../probe-rules/probe-facts";

/** One REGISTER attempt on one address of an endpoint, with the OPTIONS answer beside it. */
export interface RegisterAttempt {
  address: string;
  register: RegistrationResult;
  sip?: SipOptionsResult;
}

/** How register findings name the registrar they tried: "sip1.example.com:5061 (TLS)". */
export function registrarLabel(where: string, over: string): string {
  return `${where} (${over})`;
}

/** Endpoints where a registration probe ran, with the attempts `pick` keeps; none when no REGISTER was sent. */
export function registerAttempts(
  probes: readonly TargetProbes[],
  pick: (attempt: RegisterAttempt) => boolean,
): Array<{ endpoint: Endpoint; attempts: RegisterAttempt[]; where: string; over: string; label: string }> {
  return endpointsOf(probes).flatMap((endpoint) => {
    const attempts = endpoint.probes.flatMap(({ target, register, sip }) =>
      register ? [{ address: target.address, register, ...(sip ? { sip } : {}) }] : [],
    );
    const kept = attempts.filter(pick);
    if (kept.length === 0) return [];
    const where = hostPort(endpoint.host, endpoint.port);
    const over = transportName(endpoint.transport);
    return [{ endpoint, attempts: kept, where, over, label: registrarLabel(where, over) }];
  });
}

export type AttemptEvidence = {
  address: string;
  aor: string;
  outcome: string;
  status?: number;
  reason?: string;
  server?: string;
  registerMs?: number;
};

/** The evidence every register finding carries: no nonce, no digest, never the password. */
export function attemptEvidence({ address, register }: RegisterAttempt): AttemptEvidence {
  return {
    address,
    aor: register.aor,
    outcome: register.outcome,
    ...(register.status !== undefined ? { status: register.status, reason: register.reason } : {}),
    ...(register.server ? { server: register.server } : {}),
    ...(register.registerMs !== undefined ? { registerMs: register.registerMs } : {}),
  };
}

/** What a final status to REGISTER usually means, in the registrar's own terms. */
export function refusalMeaning(register: RegistrationResult): string {
  const status = register.status ?? 0;
  if (register.outcome === "interval-too-brief")
    return `The registrar answered 423 Interval Too Brief twice: it wants a registration interval of at least ${register.minExpiresS ?? "?"} s, which phones using their default interval will not meet.`;
  if (status >= 300 && status < 400)
    return `The registrar redirects registrations elsewhere${register.redirectTo?.length ? ` (${register.redirectTo.join(", ")})` : ""}; many phones do not follow a redirect on REGISTER and stay unregistered.`;
  if (status === 403)
    return "403 Forbidden: registrars that do not challenge again answer a wrong password this way (Asterisk, FreeSWITCH); it is also what an account that is disabled, or an ACL or fraud filter blocking this source address or country, answers.";
  if (status === 404) return "404 Not Found: the registrar does not know this user, or does not serve this domain.";
  if (status === 408)
    return "408 Request Timeout: the registrar, or a proxy in front of it, gave up waiting on its database or the next hop.";
  if (status === 480)
    return "480 Temporarily Unavailable: the registrar is not taking registrations for this account right now.";
  if (status === 489)
    return "489 Bad Event: the registrar rejected an extension of the request, often a proxy in front of it that misreads REGISTER.";
  if (status === 503)
    return `503 Service Unavailable: the registrar is in maintenance or overloaded${register.retryAfterS !== undefined ? ` and asks to come back in ${register.retryAfterS} s` : ""}; RFC 3263 phones move to the next server, others stay unregistered until it recovers.`;
  if (status >= 500 && status < 600)
    return `${status}: the registrar failed while handling the registration, often because its user database or location service is down.`;
  if (status >= 600) return `${status}: the registrar declines this registration everywhere.`;
  if (status === 400)
    return "400 Bad Request: the registrar could not read the REGISTER; a proxy in front of it may be mangling requests.";
  return `${status}: the registrar refused the registration.`;
}

/** "1.2.3.4" from what an attempt met, for the detail of a finding. */
export function addressList(attempts: readonly RegisterAttempt[]): string {
  return attempts.map((a) => a.address).join(", ");
}
