import type { Config } from "../env";
import { type CredentialKeyring, importKeyring } from "./keyring";

export * from "./keyring";
export * from "./password-cipher";
export * from "./rotate-credentials";

/** Imported keys per CREDENTIAL_KEYS value: an isolate imports them once, not per request. */
const imported = new Map<string, Promise<CredentialKeyring>>();

/** The deployment's keyring, or null when CREDENTIAL_KEYS is not set (stored credentials are then refused). */
export function keyringOf(config: Pick<Config, "credentialKeys">): Promise<CredentialKeyring> | null {
  const spec = config.credentialKeys;
  if (!spec) return null;
  let keyring = imported.get(spec);
  if (!keyring) {
    keyring = importKeyring(spec);
    // A bad secret must fail every time it is used, not be cached as a rejected promise forever unnoticed.
    keyring.catch(() => imported.delete(spec));
    imported.set(spec, keyring);
  }
  return keyring;
}
