import {
  type OutboundProxy,
  parseOutboundProxy,
  type RegisterCredentials,
  type ResponseHandling,
  responseHandlingOf,
} from "@sipwatch/core";
import { type Db, probeSettingsOf } from "@sipwatch/db";
import { keyringOf, openPassword } from "../credentials/index";
import type { Config } from "../env";

/**
 * What the edge audit of one monitor needs besides its job: the response handling, and the
 * test account to REGISTER with when the monitor stores one. Read by the prober itself, right
 * before the audit, so the password never rides in a job, a queue message or an RPC argument;
 * it lives decrypted only for the length of the audit.
 */
export interface EdgeProbeExtras {
  responseHandling: ResponseHandling;
  register?: {
    credentials: RegisterCredentials;
    expectContact: "as-sent" | "rewritten";
    /** The account's outbound proxy; its address passes the edge's target policy like any target. */
    outboundProxy?: OutboundProxy;
  };
  /** Why a stored account was not used (its key is gone, the row was tampered with): reported, never thrown. */
  registerError?: string;
}

export async function edgeProbeExtras(
  db: Db,
  config: Pick<Config, "credentialKeys">,
  monitorIds: readonly string[],
): Promise<Map<string, EdgeProbeExtras>> {
  const settings = await probeSettingsOf(db, monitorIds);
  const extras = new Map<string, EdgeProbeExtras>();
  for (const [monitorId, { responseHandling, credential }] of settings) {
    const extra: EdgeProbeExtras = { responseHandling: responseHandlingOf(responseHandling) };
    extras.set(monitorId, extra);
    // "agent": the agents hold the password; the edge has nothing to register with.
    if (
      credential?.source !== "stored" ||
      !credential.passwordCiphertext ||
      !credential.passwordIv ||
      !credential.keyId
    )
      continue;
    const keyring = keyringOf(config);
    if (!keyring) {
      extra.registerError = "no CREDENTIAL_KEYS secret to decrypt the stored test account with";
      continue;
    }
    const opened = await openPassword(await keyring, monitorId, {
      ciphertext: credential.passwordCiphertext,
      iv: credential.passwordIv,
      keyId: credential.keyId,
    });
    if (!opened.ok) {
      extra.registerError = opened.error;
      // The operator's problem (a key removed too early), not the customer's: said in the log, by monitor only.
      console.error(JSON.stringify({ event: "credential-unreadable", monitorId, error: opened.error }));
      continue;
    }
    // The API stored it normalised; a row that no longer parses is said, not used half-way.
    const proxy = credential.outboundProxy ? parseOutboundProxy(credential.outboundProxy) : undefined;
    if (proxy && !proxy.ok) {
      extra.registerError = `the stored outbound proxy is not usable: ${proxy.error}`;
      continue;
    }
    extra.register = {
      ...(proxy?.ok ? { outboundProxy: proxy.proxy } : {}),
      credentials: {
        user: credential.user,
        password: opened.password,
        ...(credential.authUser ? { authUser: credential.authUser } : {}),
        ...(credential.domain ? { domain: credential.domain } : {}),
      },
      expectContact: credential.expectContact,
    };
  }
  return extras;
}
