import { escapeXml } from "@sipwatch/core";
import { circumstances, findingsOf, headline, plainText, vantageName } from "./alert-message";
import { type EmailContent, oneLine, sendEmail } from "./send-email";
import type { AlertMessage, Notifier } from "./types";

export type { EmailContent } from "./send-email";

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

/** Alert emails go out through the shared sender (send-email.ts), keyed for the HTTP API's retries. */
export const notifyEmail: Notifier<"email"> = (channel, message, context) =>
  sendEmail(context, emailContent(message, context.config.emailFrom, channel.to), message.idempotencyKey);
