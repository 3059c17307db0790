/**
 * The AES-256-GCM keys that protect monitors' SIP passwords, from the Worker secret
 * CREDENTIAL_KEYS: `id:base64key[,id:base64key...]`, the first one current. New ciphertext is
 * always made with the current key; older keys only decrypt, until the rotation step
 * (rotate-credentials.ts) has re-encrypted every row under the current one (infra/DEPLOY.md).
 */
export interface CredentialKeyring {
  currentId: string;
  keys: ReadonlyMap<string, CryptoKey>;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** The lab's key, so `npm start` and the tests need no setup; never used outside the lab. */
export const LAB_CREDENTIAL_KEYS = "lab1:bGFiLW9ubHkta2V5LWZvci1zaXB3YXRjaC1kZW1vISE=";

/** Parses CREDENTIAL_KEYS; throws a message naming what is wrong (never the key material). */
export async function importKeyring(spec: string): Promise<CredentialKeyring> {
  const entries = spec
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error("CREDENTIAL_KEYS names no key");
  const keys = new Map<string, CryptoKey>();
  for (const entry of entries) {
    const colon = entry.indexOf(":");
    const id = colon > 0 ? entry.slice(0, colon) : "";
    if (!KEY_ID.test(id)) throw new Error("CREDENTIAL_KEYS: each key needs an id (letters, digits, _ or -) before ':'");
    if (keys.has(id)) throw new Error(`CREDENTIAL_KEYS lists key id ${id} twice`);
    let raw: Uint8Array;
    try {
      raw = Uint8Array.from(atob(entry.slice(colon + 1)), (c) => c.charCodeAt(0));
    } catch {
      throw new Error(`CREDENTIAL_KEYS: key ${id} is not base64`);
    }
    if (raw.length !== 32) throw new Error(`CREDENTIAL_KEYS: key ${id} must be 32 bytes (openssl rand -base64 32)`);
    keys.set(id, await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]));
  }
  return { currentId: entries[0]?.split(":")[0] ?? "", keys };
}
