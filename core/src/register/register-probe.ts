import { ProbeDeadline } from "../probe/deadline";
import type { ProbeTarget, SipResponseInfo } from "../probe/types";
import { formatHostPort } from "../sip/host-port";
import { bindingsOf, secondsHeader } from "./bindings";
import { type DigestChallenge, digestAuthorization, parseDigestChallenges, preferredChallenge } from "./digest";
import { FlowInbox, randomToken, type TransactionEnd } from "./flow-transaction";
import { buildRegisterRequest, contactUri, schemeFor } from "./register-request";
import type {
  RegisterOutcome,
  RegisterProbeOptions,
  RegistrationResult,
  SipFlow,
  SipFlowOpener,
  UnregisterResult,
} from "./types";

/** Challenges answered for one request before calling it a loop: a proxy's 407, the registrar's 401, one stale nonce. */
export const MAX_CHALLENGE_ROUNDS = 3;
/** Expires asked for when the monitor sets none; the binding is removed right after anyway. */
export const DEFAULT_REGISTER_EXPIRES_S = 300;
/** A Min-Expires above a day is not an interval a phone would accept (RFC 3261 10.2.8 leaves it to the UA). */
const MAX_MIN_EXPIRES_S = 86_400;

/**
 * Registers a test account the way a phone does, then removes the binding it created:
 * REGISTER, answer 401/407 with digest (RFC 3261 22, RFC 7616, RFC 8760), retry a 423 once
 * with Min-Expires, read the 200, then REGISTER with Expires: 0 on the same Call-ID. The
 * registration ends within `timeoutMs`, the unregister within another `timeoutMs`:
 * `await probeRegistration(opener, target, { timeoutMs: 4000, credentials })`.
 */
export async function probeRegistration(
  opener: SipFlowOpener,
  target: ProbeTarget,
  options: RegisterProbeOptions,
): Promise<RegistrationResult> {
  const { credentials } = options;
  const aor = `${schemeFor(target.transport)}:${credentials.user}@${formatHostPort(credentials.domain ?? target.sipDomain)}`;
  const expiresRequestedS = options.expiresS ?? DEFAULT_REGISTER_EXPIRES_S;
  const route = options.route ? { route: options.route } : {};
  const base = { target, aor, ...route, requests: 0, challenges: [], expiresRequestedS, contactSent: "" };
  const deadline = new ProbeDeadline(options);
  const opened = await opener.open(target, { timeoutMs: deadline.remainingMs(), signal: deadline.signal });
  if (!opened.ok) {
    deadline.dispose();
    const outcome =
      opened.outcome === "refused" ? "connection-refused" : opened.outcome === "connected" ? "error" : opened.outcome;
    return { ...base, outcome, error: opened.error };
  }
  const session = new RegistrationSession(opened.flow, target, aor, options);
  try {
    const result = await session.register(deadline, expiresRequestedS);
    if (result.outcome === "registered" || result.outcome === "no-contact-in-200") {
      const unregisterDeadline = new ProbeDeadline({
        timeoutMs: options.timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      try {
        result.unregister = await session.unregister(unregisterDeadline);
      } finally {
        unregisterDeadline.dispose();
      }
    }
    if (session.inbox.flow.transport === "udp") result.transmissions = session.inbox.transmissions;
    return result;
  } finally {
    deadline.dispose();
    opened.flow.close();
  }
}

/** One registration dialog-less exchange: a Call-ID, a From tag, a CSeq that only goes up (RFC 3261 10.2.4). */
class RegistrationSession {
  readonly inbox: FlowInbox;
  private readonly callId = `${randomToken(12)}@sipwatch`;
  private readonly fromTag = randomToken(6);
  private readonly contactUser = `sw-${randomToken(5)}`;
  private readonly contact: string;
  private readonly requestUri: string;
  private cseq = 0;
  /**
   * The challenge answered for each realm: every later request carries all of them (a proxy's
   * and the registrar's, RFC 3261 22.3), reusing each nonce with the next nc (RFC 7616 3.4).
   */
  private readonly answered = new Map<string, { challenge: DigestChallenge; header: string; nc: number }>();
  private readonly cnonce = randomToken(8);

  constructor(
    flow: SipFlow,
    private readonly target: ProbeTarget,
    private readonly aor: string,
    private readonly options: RegisterProbeOptions,
  ) {
    this.inbox = new FlowInbox(flow);
    this.contact = contactUri(flow.transport, flow.local, this.contactUser);
    this.requestUri = `${schemeFor(flow.transport)}:${formatHostPort(options.credentials.domain ?? target.sipDomain)}`;
  }

  async register(deadline: ProbeDeadline, expiresRequestedS: number): Promise<RegistrationResult> {
    const result: RegistrationResult = {
      target: this.target,
      outcome: "error",
      aor: this.aor,
      ...(this.options.route ? { route: this.options.route } : {}),
      requests: 0,
      challenges: [],
      expiresRequestedS,
      contactSent: this.contact,
    };
    const started = performance.now();
    const end = (outcome: RegisterOutcome, extra: Partial<RegistrationResult> = {}) =>
      Object.assign(result, { outcome, registerMs: Math.round(performance.now() - started) }, extra);
    let expires = expiresRequestedS;
    let rounds = 0;
    const answeredRealms = new Set<string>();
    for (;;) {
      result.requests++;
      const reply = await this.send(expires, deadline);
      if (reply.kind === "failed") return end(reply.outcome, { error: reply.error });
      const response = reply.response;
      Object.assign(
        result,
        { status: response.status, reason: response.reason },
        response.server ? { server: response.server } : {},
      );
      if (response.status === 401 || response.status === 407) {
        const { challenge, unsupported } = challengeOf(response);
        if (!challenge) {
          const offered = unsupported.length ? unsupported.join(", ") : "no usable challenge";
          return end("unsupported-challenge", {
            error: `${response.status} offers ${offered}; sipwatch answers Digest MD5, SHA-256 and SHA-512-256`,
          });
        }
        const { realm, algorithm, stale } = challenge;
        result.challenges.push({
          status: response.status,
          realm,
          algorithm,
          stale,
          ...(challenge.qop.length ? { qop: challenge.qop.join(",") } : {}),
        });
        const key = `${response.status} ${realm}`;
        // RFC 3261 22.2: a new challenge for a realm we answered, without stale=true, rejects the credentials.
        if (answeredRealms.has(key) && !stale) return end("credentials-rejected");
        if (++rounds > MAX_CHALLENGE_ROUNDS) {
          return end("challenge-loop", {
            error: `still challenged after answering ${MAX_CHALLENGE_ROUNDS} challenges`,
          });
        }
        answeredRealms.add(key);
        this.answer(response.status, challenge);
        result.algorithm = algorithm;
        continue;
      }
      if (response.status === 423) {
        const minExpires = secondsHeader(response, "min-expires");
        if (
          result.minExpiresS !== undefined ||
          minExpires === undefined ||
          minExpires > MAX_MIN_EXPIRES_S ||
          minExpires <= expires
        ) {
          return end("interval-too-brief", minExpires !== undefined ? { minExpiresS: minExpires } : {});
        }
        result.minExpiresS = minExpires;
        expires = minExpires;
        continue;
      }
      if (response.status >= 300) return end("refused", refusalDetails(response));
      return end(...this.readRegistered(response, expires));
    }
  }

  async unregister(deadline: ProbeDeadline): Promise<UnregisterResult> {
    let rounds = 0;
    for (;;) {
      const reply = await this.send(0, deadline);
      if (reply.kind === "failed") return { outcome: "failed", error: reply.error };
      const response = reply.response;
      const status = { status: response.status, reason: response.reason };
      if ((response.status === 401 || response.status === 407) && rounds++ < 1) {
        const { challenge } = challengeOf(response);
        if (challenge) {
          this.answer(response.status, challenge);
          continue;
        }
      }
      if (response.status < 200 || response.status >= 300) return { outcome: "failed", ...status };
      const remaining = bindingsOf(response, this.contactUser).find((b) => b.ours && b.expiresS !== 0);
      return remaining ? { outcome: "not-removed", ...status, remaining } : { outcome: "removed", ...status };
    }
  }

  private readRegistered(response: SipResponseInfo, expires: number): [RegisterOutcome, Partial<RegistrationResult>] {
    const bindings = bindingsOf(response, this.contactUser);
    const ours = bindings.find((b) => b.ours);
    const granted = ours?.expiresS ?? secondsHeader(response, "expires") ?? (ours ? expires : undefined);
    const path = response.headers.path;
    const serviceRoute = response.headers["service-route"];
    const details: Partial<RegistrationResult> = {
      bindings,
      ...(granted !== undefined ? { expiresGrantedS: granted } : {}),
      ...(response.viaReceived ? { viaReceived: response.viaReceived } : {}),
      ...(response.viaRport ? { viaRport: response.viaRport } : {}),
      ...(path ? { path } : {}),
      ...(serviceRoute ? { serviceRoute } : {}),
    };
    return [ours ? "registered" : "no-contact-in-200", details];
  }

  private answer(status: 401 | 407, challenge: DigestChallenge): void {
    const header = status === 401 ? "Authorization" : "Proxy-Authorization";
    this.answered.set(`${header} ${challenge.realm}`, { challenge, header, nc: 0 });
  }

  private async send(expiresS: number, deadline: ProbeDeadline): Promise<TransactionEnd> {
    const branch = `z9hG4bK${randomToken(10)}`;
    this.cseq++;
    const { credentials } = this.options;
    const authorizations: Array<readonly [string, string]> = [];
    for (const answered of this.answered.values()) {
      answered.nc++;
      const value = await digestAuthorization({
        challenge: answered.challenge,
        method: "REGISTER",
        uri: this.requestUri,
        username: credentials.authUser ?? credentials.user,
        password: credentials.password,
        nc: answered.nc,
        cnonce: this.cnonce,
      });
      authorizations.push([answered.header, value]);
    }
    const request = buildRegisterRequest({
      transport: this.inbox.flow.transport,
      requestUri: this.requestUri,
      aor: this.aor,
      contact: this.contact,
      local: this.inbox.flow.local,
      branch,
      callId: this.callId,
      fromTag: this.fromTag,
      cseq: this.cseq,
      expiresS,
      authorizations,
      ...(this.options.route ? { route: this.options.route } : {}),
    });
    return this.inbox.transact(
      request,
      { branch, callId: this.callId, fromTag: this.fromTag, cseq: this.cseq },
      deadline,
    );
  }
}

/** Retry-After (RFC 3261 20.33) and a 3xx's Contacts: what a phone would act on. */
function refusalDetails(response: SipResponseInfo): Partial<RegistrationResult> {
  const retryAfter = secondsHeader(response, "retry-after");
  return {
    ...(retryAfter !== undefined ? { retryAfterS: retryAfter } : {}),
    ...(response.status < 400 && response.contact.length ? { redirectTo: response.contact } : {}),
  };
}

/** The challenge of a 401 (WWW-Authenticate) or 407 (Proxy-Authenticate) we would answer, and what we cannot. */
function challengeOf(response: SipResponseInfo): { challenge?: DigestChallenge; unsupported: string[] } {
  const header = response.status === 401 ? "www-authenticate" : "proxy-authenticate";
  const { digest, unsupported } = parseDigestChallenges(response.headers[header]);
  const challenge = preferredChallenge(digest);
  return challenge ? { challenge, unsupported } : { unsupported };
}
