import type { FieldError, Schemas } from "../api/client";

/** The test-account form: the password field always starts empty, whatever is stored. */
export interface AccountValues {
  source: "stored" | "agent";
  user: string;
  authUser: string;
  domain: string;
  /** host[:port] or a SIP URI; the API checks and normalises it. */
  outboundProxy: string;
  expectContact: "as-sent" | "rewritten";
  password: string;
}

export function accountValuesOf(credential: Schemas["Credential"] | null): AccountValues {
  return {
    source: credential?.source ?? "stored",
    user: credential?.user ?? "",
    authUser: credential?.authUser ?? "",
    domain: credential?.domain ?? "",
    outboundProxy: credential?.outboundProxy ?? "",
    expectContact: credential?.expectContact ?? "as-sent",
    password: "",
  };
}

/** "set", "replace" or nothing: what the password field offers, never what it holds. */
export function passwordState(credential: Schemas["Credential"] | null): "none" | "set" | "agent" {
  if (!credential) return "none";
  return credential.password;
}

/**
 * The PUT body. An empty password keeps the stored one (the API's rule), so editing the user
 * never needs the password again; a new stored account needs one.
 */
export function accountBody(
  values: AccountValues,
  stored: Schemas["Credential"] | null,
): { body: Schemas["PutCredential"] } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!values.user.trim()) errors.push({ field: "user", message: "Enter the test account's user name" });
  const hasStoredPassword = stored?.source === "stored";
  if (values.source === "stored" && !values.password && !hasStoredPassword)
    errors.push({ field: "password", message: "Enter the test account's password" });
  if (errors.length > 0) return { errors };
  const optional = (text: string) => (text.trim() ? text.trim() : null);
  return {
    body: {
      source: values.source,
      user: values.user.trim(),
      authUser: optional(values.authUser),
      domain: optional(values.domain),
      outboundProxy: optional(values.outboundProxy),
      expectContact: values.expectContact,
      ...(values.source === "stored" && values.password ? { password: values.password } : {}),
    },
  };
}
