import type { DeliveryOutcome } from "./types";

const TIMEOUT_MS = 10_000;

/**
 * POSTs a JSON body. 2xx is delivered; 408, 429 and 5xx are worth retrying (the receiver is
 * busy or down); any other 4xx will not get better by itself (a revoked Slack hook answers
 * 404 or 410), so retrying it only delays telling the user.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<DeliveryOutcome> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text();
    if (response.ok) return { ok: true };
    const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
    return { ok: false, error: `HTTP ${response.status}: ${text.slice(0, 200)}`, retryable };
  } catch (error) {
    return { ok: false, error: String(error), retryable: true };
  }
}
