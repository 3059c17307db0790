import { escapeXml } from "@sipwatch/core";
import { circumstances, findingsOf, headline, plainText, vantageName } from "./alert-message";
import { outboundPolicy } from "./outbound-url";
import { postJson } from "./post-json";
import type { AlertMessage, DeliveryOutcome, Notifier, NotifyContext } from "./types";

export interface EmailContent {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** The email for a message: the same words as Slack, as HTML and as plain text. */
export function emailContent(message: AlertMessage, from: string, to: string[]): EmailContent {
  const title = headline(message);
  const findings = findingsOf(message.action)
    .map(
      (f) =>
        `<li><strong>${escapeXml(f.title)}</strong> <small>(seen from ${escapeXml(f.vantageIds.map(vantageName).join(", "))})</small><br>Fix: ${escapeXml(f.fix)}</li>`,
    )
    .join("");
  const html = [
    `<h2 style="font-family:sans-serif">${escapeXml(title)}</h2>`,
    `<p style="font-family:sans-serif">${escapeXml(message.monitor.target)}: ${escapeXml(circumstances(message.action))}</p>`,
    findings ? `<ul style="font-family:sans-serif">${findings}</ul>` : "",
    `<p style="font-family:sans-serif"><a href="${escapeXml(message.link)}">Open the monitor</a></p>`,
  ].join("\n");
  return { from, to, subject: oneLine(`[sipwatch] ${title}`), text: plainText(message), html };
}

/**
 * A subject is a header: a CR or LF in it would start a new header (RFC 5322 2.2). Names refuse
 * control characters at the API already; this holds for rows written before that rule.
 */
function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, " ").slice(0, 250);
}

/**
 * Cloudflare Email Sending through the `send_email` binding; or, when EMAIL_API_URL and
 * EMAIL_API_KEY are set, an HTTP email API that takes the same fields as JSON (Resend's
 * `POST /emails`), which also honours the Idempotency-Key header.
 */
export const notifyEmail: Notifier<"email"> = async (channel, message, context) => {
  const content = emailContent(message, context.config.emailFrom, channel.to);
  const { emailApi } = context.config;
  if (emailApi) {
    return postJson(
      { url: emailApi.url, kind: "email-api", policy: outboundPolicy(context.config) },
      JSON.stringify(content),
      {
        authorization: `Bearer ${emailApi.key}`,
        "idempotency-key": message.idempotencyKey,
      },
    );
  }
  return sendThroughBinding(context, content);
};

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
