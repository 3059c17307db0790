import { checkOutboundUrl, type OutboundUrlKind, type OutboundUrlPolicy } from "./outbound-url";
import type { DeliveryOutcome } from "./types";

const TIMEOUT_MS = 10_000;

/**
 * POSTs a JSON body to a URL that passes checkOutboundUrl now (a name may have been re-pointed
 * since the channel was saved). 2xx is delivered; 408, 429 and 5xx are worth retrying (the
 * receiver is busy or down); any other 4xx will not get better by itself (a revoked Slack hook
 * answers 404 or 410), so retrying it only delays telling the user. Redirects are not followed.
 *
 * The outcome's error is a fixed sentence with at most the status code: the receiver's body
 * and the network's error text never reach the caller, or "send test" would read internal
 * endpoints and scan ports for whoever can create a channel.
 */
export async function postJson(
  target: { url: string; kind: OutboundUrlKind; policy: OutboundUrlPolicy },
  body: string,
  headers: Record<string, string> = {},
): Promise<DeliveryOutcome> {
  const checked = await checkOutboundUrl(target.url, target.kind, target.policy);
  if (!checked.ok) return { ok: false, error: `The URL ${checked.reason}`, retryable: checked.retryable };
  let response: Response;
  try {
    response = await fetch(checked.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return {
      ok: false,
      error: timedOut
        ? `The receiver did not answer within ${TIMEOUT_MS / 1000} s`
        : "The receiver could not be reached",
      retryable: true,
    };
  }
  await response.body?.cancel();
  if (response.ok) return { ok: true };
  if (response.status >= 300 && response.status < 400) {
    return {
      ok: false,
      error: `The receiver answered HTTP ${response.status}, a redirect, which sipwatch does not follow`,
      retryable: false,
    };
  }
  const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
  return { ok: false, error: `The receiver answered HTTP ${response.status}`, retryable };
}
