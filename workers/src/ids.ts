/** Base64url (RFC 4648 section 5, unpadded) of `byteCount` random bytes. */
export function randomBase64url(byteCount: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(byteCount));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * A new row id that says what it names: `mon_…`, `org_…`, `tok_…`, `agt_…`. 16 random bytes (128 bits),
 * so ids are unguessable and never collide in practice.
 */
export function newId(prefix: "mon" | "org" | "tok" | "agt" | "chn" | "mnt" | "stp" | "mut" | "aud"): string {
  return `${prefix}_${randomBase64url(16)}`;
}
