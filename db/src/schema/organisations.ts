import type { Role } from "@sipwatch/core";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./auth";

/*
 * organisation, member and invitation are also better-auth's organization plugin tables
 * (workers/src/auth/organisation-plugin.ts maps its model and field names onto these), so their
 * times are timestamp_ms: the plugin writes Dates; the column still holds epoch ms.
 */

/** A customer account: monitors, tokens, agents and alert channels belong to one. Times are epoch ms. */
export const organisations = sqliteTable("organisation", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  /** The plugin's optional fields; sipwatch does not show them yet. */
  logo: text("logo"),
  metadata: text("metadata"),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** A member's role: core's catalogue (viewer < editor < admin < owner). */
export type MemberRole = Role;

export const members = sqliteTable(
  "member",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<MemberRole>().notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("member_organisation_user_unique").on(t.organisationId, t.userId),
    index("member_user_idx").on(t.userId),
  ],
);

export type InvitationStatus = "pending" | "accepted" | "rejected" | "canceled";

/** An invitation to join an organisation by email: single use, revocable, expiring (7 days). */
export const invitations = sqliteTable(
  "invitation",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** Lower-cased by the plugin; the invitee must be signed in with this address to accept. */
    email: text("email").notNull(),
    role: text("role").$type<MemberRole>().notNull(),
    status: text("status").$type<InvitationStatus>().notNull().default("pending"),
    inviterId: text("inviter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("invitation_organisation_idx").on(t.organisationId), index("invitation_email_idx").on(t.email)],
);

/**
 * Bearer tokens for automation. Only a SHA-256 of the token is kept: the tokens are 256 random
 * bits, so a fast hash is enough (no password stretching needed) and a lookup is one index seek.
 */
export const apiTokens = sqliteTable(
  "api_token",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** The first characters of the token, shown in lists so people can tell tokens apart. */
    prefix: text("prefix").notNull(),
    createdBy: text("created_by"),
    /**
     * What the token may do; it acts with the lower of this and its creator's current role, and
     * stops working when its creator leaves the organisation.
     */
    role: text("role").$type<Role>().notNull().default("viewer"),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
    expiresAt: integer("expires_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("api_token_org_idx").on(t.organisationId)],
);
