import type { CredentialKeyring } from "./keyring";

/** A password as stored: ciphertext with its tag, the nonce, and which key made it. */
export interface SealedPassword {
  ciphertext: string;
  iv: string;
  keyId: string;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * AES-256-GCM (WebCrypto) under the keyring's current key, a fresh 96-bit nonce each time
 * (NIST SP 800-38D 8.2.2: random nonces are safe far beyond the number of passwords stored),
 * and the monitor id as additional data, so a ciphertext moved to another monitor's row fails.
 */
export async function sealPassword(
  keyring: CredentialKeyring,
  monitorId: string,
  password: string,
): Promise<SealedPassword> {
  const key = keyring.keys.get(keyring.currentId);
  if (!key) throw new Error(`credential key ${keyring.currentId} is missing from the keyring`);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(monitorId) },
    key,
    new TextEncoder().encode(password),
  );
  return { ciphertext: toBase64(new Uint8Array(sealed)), iv: toBase64(iv), keyId: keyring.currentId };
}

export type OpenedPassword = { ok: true; password: string } | { ok: false; error: string };

/** Decrypts with the key the row names; a missing key or a tampered row is a value, not a throw. */
export async function openPassword(
  keyring: CredentialKeyring,
  monitorId: string,
  sealed: SealedPassword,
): Promise<OpenedPassword> {
  const key = keyring.keys.get(sealed.keyId);
  if (!key)
    return {
      ok: false,
      error: `the password was encrypted with key ${sealed.keyId}, which CREDENTIAL_KEYS no longer holds`,
    };
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64(sealed.iv), additionalData: new TextEncoder().encode(monitorId) },
      key,
      fromBase64(sealed.ciphertext),
    );
    return { ok: true, password: new TextDecoder().decode(plain) };
  } catch {
    return { ok: false, error: `the stored password does not decrypt with key ${sealed.keyId} (tampered or moved)` };
  }
}
