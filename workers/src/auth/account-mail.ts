import { escapeXml } from "@sipwatch/core";

/** The text and HTML of one account mail; the sender and recipient are added when it is sent. */
export interface AccountMail {
  subject: string;
  text: string;
  html: string;
}

/** How long the links in account mail stay valid, in seconds (create-auth.ts passes these to better-auth). */
export const VERIFY_LINK_SECONDS = 24 * 60 * 60;
export const RESET_LINK_SECONDS = 60 * 60;

/** Dashboard pages account mail links to (web/src/pages/account). */
export const accountPages = (publicUrl: string) => ({
  emailVerified: `${publicUrl}/email-verified`,
  forgotPassword: `${publicUrl}/forgot-password`,
  resetPassword: (token: string) => `${publicUrl}/reset-password?token=${encodeURIComponent(token)}`,
  signIn: `${publicUrl}/sign-in`,
});

/** The mail that proves the address at sign-up (and again on request from the "check your inbox" page). */
export function verificationMail(name: string, link: string): AccountMail {
  return mail("[sipwatch] Confirm your email address", [
    `Hello ${name},`,
    "Confirm this address to finish signing up to sipwatch and sign in:",
    { link, label: "Confirm my address" },
    `The link works for ${VERIFY_LINK_SECONDS / 3600} hours. If you did not sign up, ignore this mail: nothing happens without the link.`,
  ]);
}

/** The password reset link; single use, valid for RESET_LINK_SECONDS. */
export function resetPasswordMail(name: string, link: string): AccountMail {
  return mail("[sipwatch] Reset your password", [
    `Hello ${name},`,
    "Someone (we hope you) asked to reset the password of your sipwatch account. Choose a new one here:",
    { link, label: "Choose a new password" },
    `The link works once, for ${RESET_LINK_SECONDS / 60} minutes. Setting a new password signs you out everywhere.`,
    "If you did not ask, ignore this mail: your password stays as it is.",
  ]);
}

/**
 * To the owner of an address someone tried to sign up with: the sign-up answer itself is the
 * same as for a new address (enumeration safety), so this mail is where the truth goes.
 */
export function duplicateSignUpMail(name: string, forgotPasswordLink: string): AccountMail {
  return mail("[sipwatch] Someone tried to sign up with your address", [
    `Hello ${name},`,
    "Someone tried to create a sipwatch account with this address, which already has one. No new account was created.",
    "If it was you and you have forgotten your password, reset it here:",
    { link: forgotPasswordLink, label: "Reset my password" },
    "If it was not you, you need not do anything.",
  ]);
}

type Part = string | { link: string; label: string };

function mail(subject: string, parts: Part[]): AccountMail {
  const text = parts.map((p) => (typeof p === "string" ? p : `${p.label}: ${p.link}`)).join("\n\n");
  const html = parts
    .map((p) =>
      typeof p === "string"
        ? `<p style="font-family:sans-serif">${escapeXml(p)}</p>`
        : `<p style="font-family:sans-serif"><a href="${escapeXml(p.link)}">${escapeXml(p.label)}</a><br><small>${escapeXml(p.link)}</small></p>`,
    )
    .join("\n");
  return { subject, text: `${text}\n`, html };
}
