import { escapeXml, ROLE_LABELS } from "@sipwatch/core";
import { ProblemError } from "../http/problem";
import type { EmailContent } from "../notify/email";
import type { Services } from "../services";

/** What the organization plugin hands its `sendInvitationEmail` (the fields sipwatch reads). */
export interface InvitationMailData {
  id: string;
  role: string;
  email: string;
  organization: { name: string };
  inviter: { user: { name: string; email: string } };
  invitation: { expiresAt: Date };
}

/** The invitation mail: who invites, to which organisation, as what, the link, and until when. */
export function invitationMailContent(data: InvitationMailData, from: string, publicUrl: string): EmailContent {
  const link = new URL(`/invitations/${encodeURIComponent(data.id)}`, publicUrl).toString();
  const role = ROLE_LABELS[data.role as keyof typeof ROLE_LABELS] ?? data.role;
  const inviter = data.inviter.user.name.trim() || data.inviter.user.email;
  const until = data.invitation.expiresAt.toUTCString();
  // Names come from users; a CR or LF would start a new header (RFC 5322 2.2).
  const subject = `[sipwatch] ${inviter} invites you to ${data.organization.name}`.replace(/[\p{Cc}]+/gu, " ");
  const text = [
    `${inviter} (${data.inviter.user.email}) invites you to join ${data.organization.name} on sipwatch as ${role}.`,
    "",
    `Accept the invitation: ${link}`,
    "",
    `The link works once, until ${until}. Sign in (or sign up) with ${data.email} to accept it.`,
    "If you did not expect this invitation, ignore this mail.",
  ].join("\n");
  const html = [
    `<p style="font-family:sans-serif">${escapeXml(inviter)} (${escapeXml(data.inviter.user.email)}) invites you to join <strong>${escapeXml(data.organization.name)}</strong> on sipwatch as ${escapeXml(role)}.</p>`,
    `<p style="font-family:sans-serif"><a href="${escapeXml(link)}">Accept the invitation</a></p>`,
    `<p style="font-family:sans-serif"><small>The link works once, until ${escapeXml(until)}. Sign in (or sign up) with ${escapeXml(data.email)} to accept it. If you did not expect this invitation, ignore this mail.</small></p>`,
  ].join("\n");
  return { from, to: [data.email], subject: subject.slice(0, 250), text, html };
}

export async function sendInvitationMail(services: Services, data: InvitationMailData): Promise<void> {
  await sendAccountMail(services, invitationMailContent(data, services.config.emailFrom, services.config.publicUrl));
}

/**
 * One mail to a person (not an alert channel): through the Email Sending binding, or the HTTP
 * email API when configured, like alert mail. A mail that cannot be sent is a 503: the inviter
 * can send the invitation again, which replaces this one.
 */
export async function sendAccountMail(services: Services, content: EmailContent): Promise<void> {
  const { emailApi } = services.config;
  try {
    if (emailApi) {
      const response = await fetch(emailApi.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${emailApi.key}` },
        body: JSON.stringify(content),
      });
      if (!response.ok) throw new Error(`email API answered ${response.status}`);
      return;
    }
    if (!services.env.EMAIL) throw new Error("no email transport: bind EMAIL or set EMAIL_API_URL");
    await services.env.EMAIL.send(content);
  } catch (error) {
    console.error(JSON.stringify({ event: "account-mail-failed", error: String(error) }));
    throw new ProblemError("unavailable", "The invitation mail could not be sent; try again in a moment");
  }
}
