import { credentialsNotUnderKey, type Db, resealCredential } from "@sipwatch/db";
import type { CredentialKeyring } from "./keyring";
import { openPassword, sealPassword } from "./password-cipher";

export interface RotationProgress {
  resealed: number;
  /** Rows whose key is gone or whose ciphertext does not open: left as they are, named by monitor. */
  unreadable: string[];
  /** True when no row under an older key is left among those read. */
  done: boolean;
}

/**
 * One bounded step of key rotation: re-encrypts up to `limit` passwords still under an older
 * key with the current one. The maintenance tick calls it every minute, so after the operator
 * puts a new key first in CREDENTIAL_KEYS every row moves within minutes; the old key can
 * leave the secret once this reports done (infra/DEPLOY.md, "Rotating the credential key").
 */
export async function rotateCredentials(db: Db, keyring: CredentialKeyring, limit = 50): Promise<RotationProgress> {
  const rows = await credentialsNotUnderKey(db, keyring.currentId, limit);
  const progress: RotationProgress = { resealed: 0, unreadable: [], done: rows.length < limit };
  for (const row of rows) {
    if (!row.passwordCiphertext || !row.passwordIv || !row.keyId) continue;
    const opened = await openPassword(keyring, row.monitorId, {
      ciphertext: row.passwordCiphertext,
      iv: row.passwordIv,
      keyId: row.keyId,
    });
    if (!opened.ok) {
      progress.unreadable.push(row.monitorId);
      continue;
    }
    const sealed = await sealPassword(keyring, row.monitorId, opened.password);
    if (await resealCredential(db, row, sealed)) progress.resealed++;
  }
  if (progress.unreadable.length > 0) progress.done = false;
  return progress;
}
