import { createAuthClient } from "better-auth/client";

/** better-auth's own client for its endpoints under /api/auth (sign-up, sign-in, sign-out). */
export const authClient = createAuthClient({ basePath: "/api/auth" });

export async function signUp(name: string, email: string, password: string): Promise<void> {
  const { error } = await authClient.signUp.email({ name, email, password });
  if (error) throw new Error(error.message ?? error.statusText ?? "Sign-up failed");
}

export async function signIn(email: string, password: string): Promise<void> {
  const { error } = await authClient.signIn.email({ email, password });
  if (error) throw new Error(error.message ?? error.statusText ?? "Sign-in failed");
}

export async function signOut(): Promise<void> {
  await authClient.signOut();
}
