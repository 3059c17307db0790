import { createAuthClient } from "better-auth/client";

/** better-auth's own client for its endpoints under /api/auth (sign-up, sign-in, sign-out, mail links). */
export const authClient = createAuthClient({ basePath: "/api/auth" });

/** An error better-auth answered, with its code (EMAIL_NOT_VERIFIED, INVALID_TOKEN, ...) when it gave one. */
export class AuthError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

type ClientError = { message?: string; statusText: string; status: number; code?: string } | null;

function check(error: ClientError, fallback: string): void {
  if (!error) return;
  throw new AuthError(error.message ?? (error.statusText || fallback), error.status, error.code);
}

/**
 * Where the link in the verification mail lands: the Worker fixes the page and keeps only its
 * `next` (a path of this site, such as the invitation that brought the person here).
 */
const verifiedPage = (next: string) =>
  next === "/" ? "/email-verified" : `/email-verified?${new URLSearchParams({ next })}`;

/**
 * Creates the account and mails the verification link. The answer is the same whether or not
 * the address already has an account (its owner gets a mail instead), so this never signs in.
 */
export async function signUp(name: string, email: string, password: string, next = "/"): Promise<void> {
  const { error } = await authClient.signUp.email({ name, email, password, callbackURL: verifiedPage(next) });
  check(error, "Sign-up failed");
}

/** Throws an AuthError with code EMAIL_NOT_VERIFIED (403) while the address is unproven. */
export async function signIn(email: string, password: string): Promise<void> {
  const { error } = await authClient.signIn.email({ email, password });
  check(error, "Sign-in failed");
}

export async function resendVerification(email: string, next = "/"): Promise<void> {
  const { error } = await authClient.sendVerificationEmail({ email, callbackURL: verifiedPage(next) });
  check(error, "Could not send the mail");
}

/** Answers alike for every address; the mail only goes to one with an account. */
export async function requestPasswordReset(email: string): Promise<void> {
  const { error } = await authClient.requestPasswordReset({ email, redirectTo: "/reset-password" });
  check(error, "Could not send the mail");
}

export async function resetPassword(token: string, newPassword: string): Promise<void> {
  const { error } = await authClient.resetPassword({ token, newPassword });
  check(error, "Could not set the password");
}

export async function signOut(): Promise<void> {
  await authClient.signOut();
}
