import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { monitors } from "./monitors";

/**
 * Where a monitor's test account lives. "stored": here, encrypted, and the edge registers with
 * it. "agent": in each agent's own configuration file, so the password never leaves the
 * customer's network; the edge does not register and the agent's job says so.
 */
export type CredentialSource = "stored" | "agent";

/**
 * What the registrar is expected to do with the Contact the probe sends. "as-sent": store it
 * unchanged (a private Contact then means a SIP ALG or NAT problem). "rewritten": an SBC or
 * NAT-aware registrar rewrites it on purpose, so a changed Contact is not a finding.
 */
export type ContactExpectation = "as-sent" | "rewritten";

/**
 * A monitor's SIP test account for the REGISTER probe (issue 17). The password is only ever
 * stored as AES-GCM ciphertext under the key named by `keyId` (workers/src/credentials), with
 * the monitor id as additional data so a ciphertext copied to another monitor does not decrypt.
 * A control-plane table: it stays in the control database, never in a history shard.
 */
export const monitorCredentials = sqliteTable(
  "monitor_credential",
  {
    monitorId: text("monitor_id")
      .primaryKey()
      .references(() => monitors.id, { onDelete: "cascade" }),
    organisationId: text("organisation_id").notNull(),
    source: text("source").$type<CredentialSource>().notNull(),
    /** The user part of the address of record (To/From). */
    user: text("user").notNull(),
    /** The digest username when it differs from `user`. */
    authUser: text("auth_user"),
    /** The address-of-record domain when it differs from the monitor's SIP domain. */
    domain: text("domain"),
    /**
     * The account's outbound proxy as a SIP URI (`sip:proxy.example.com:5070;transport=tcp`),
     * where REGISTER goes with a Route naming it; null: straight to the registrar.
     */
    outboundProxy: text("outbound_proxy"),
    expectContact: text("expect_contact").$type<ContactExpectation>().notNull(),
    /** base64 of AES-GCM ciphertext and tag; null for source "agent". */
    passwordCiphertext: text("password_ciphertext"),
    /** base64 of the 12-byte nonce. */
    passwordIv: text("password_iv"),
    /** Which key of CREDENTIAL_KEYS encrypted it, so keys can rotate. */
    keyId: text("key_id"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("monitor_credential_org_idx").on(t.organisationId), index("monitor_credential_key_idx").on(t.keyId)],
);
