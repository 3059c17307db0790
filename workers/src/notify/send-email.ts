import { outboundPolicy } from "./outbound-url";
import { postJson } from "./post-json";
import type { DeliveryOutcome, NotifyContext } from "./types";

/** One message as both transports take it: the binding's MessageBuilder fields, Resend's JSON. */
export interface EmailContent {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/**
 * The one way sipwatch sends mail (alerts and account mail alike): Cloudflare Email Sending
 * through the `send_email` binding; or, when EMAIL_API_URL and EMAIL_API_KEY are set, an HTTP
 * email API that takes the same fields as JSON (Resend's `POST /emails`), which also honours
 * the Idempotency-Key header.
 */
export async function sendEmail(
  context: NotifyContext,
  content: EmailContent,
  idempotencyKey?: string,
): Promise<DeliveryOutcome> {
  const message = { ...content, subject: oneLine(content.subject) };
  const { emailApi } = context.config;
  if (emailApi) {
    return postJson(
      { url: emailApi.url, kind: "email-api", policy: outboundPolicy(context.config) },
      JSON.stringify(message),
      { authorization: `Bearer ${emailApi.key}`, ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}) },
    );
  }
  return sendThroughBinding(context, message);
}

/**
 * A subject is a header: a CR or LF in it would start a new header (RFC 5322 2.2). Names refuse
 * control characters at the API already; this holds for rows written before that rule.
 */
export function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, " ").slice(0, 250);
}

async function sendThroughBinding(context: NotifyContext, content: EmailContent): Promise<DeliveryOutcome> {
  const binding = context.env.EMAIL;
  if (!binding) return { ok: false, error: "No email transport: bind EMAIL or set EMAIL_API_URL", retryable: false };
  try {
    const { messageId } = await binding.send(content);
    return { ok: true, messageId };
  } catch (error) {
    // The binding throws for refused senders or recipients as well as for outages; both are
    // retried a few times, which costs little and covers a transient outage. Its text stays in
    // the log: callers get a fixed sentence, like every notifier's.
    console.error(JSON.stringify({ event: "email-send-failed", error: String(error) }));
    return { ok: false, error: "The email service did not accept the message", retryable: true };
  }
}
