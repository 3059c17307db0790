import { sitePath } from "@sipwatch/core/contract";
import { sendEmail } from "../notify/send-email";
import type { NotifyContext } from "../notify/types";
import {
  type AccountMail,
  accountPages,
  duplicateSignUpMail,
  resetPasswordMail,
  verificationMail,
} from "./account-mail";

interface Recipient {
  email: string;
  name: string;
}

/**
 * Sends account mail through the shared sender. Never throws: better-auth runs these in the
 * background (waitUntil), and a failed send must not change the answer the caller sees (a
 * known address answering differently from an unknown one would enumerate accounts). The
 * failure goes to the log; the person can ask again from the dashboard.
 */
async function deliver(context: NotifyContext, to: Recipient, kind: string, content: AccountMail): Promise<void> {
  const outcome = await sendEmail(context, { from: context.config.emailFrom, to: [to.email], ...content });
  if (!outcome.ok) console.error(JSON.stringify({ event: "account-mail-failed", kind, error: outcome.error }));
}

/**
 * `token` is better-auth's signed verification token; the link goes through its verify-email
 * endpoint (which signs the person in) and always lands on the dashboard's "email verified"
 * page, whatever callbackURL the sign-up request named. Of that callbackURL (in better-auth's
 * `url`) only its `next` is kept, when it is a path of this site: an invited person who signs
 * up from the invitation link comes back to the invitation.
 */
export function sendVerificationMail(
  context: NotifyContext,
  user: Recipient,
  token: string,
  betterAuthUrl?: string,
): Promise<void> {
  const next = sitePath(requestedNext(betterAuthUrl));
  const page = accountPages(context.config.publicUrl).emailVerified;
  const landing = next && next !== "/" ? `${page}?${new URLSearchParams({ next })}` : page;
  const link = `${context.config.publicUrl}/api/auth/verify-email?token=${encodeURIComponent(token)}&callbackURL=${encodeURIComponent(landing)}`;
  return deliver(context, user, "verify", verificationMail(user.name, link));
}

/** The reset link points at the dashboard's page, which posts the token with the new password. */
export function sendResetPasswordMail(context: NotifyContext, user: Recipient, token: string): Promise<void> {
  const link = accountPages(context.config.publicUrl).resetPassword(token);
  return deliver(context, user, "reset", resetPasswordMail(user.name, link));
}

export function sendDuplicateSignUpMail(context: NotifyContext, user: Recipient): Promise<void> {
  const link = accountPages(context.config.publicUrl).forgotPassword;
  return deliver(context, user, "duplicate-sign-up", duplicateSignUpMail(user.name, link));
}

/** The `next` of the callbackURL the sign-up (or resend) request named, if any. */
function requestedNext(betterAuthUrl: string | undefined): string | null {
  if (!betterAuthUrl) return null;
  try {
    const callback = new URL(betterAuthUrl).searchParams.get("callbackURL");
    return callback ? new URL(callback, "http://callback.invalid").searchParams.get("next") : null;
  } catch {
    return null;
  }
}
