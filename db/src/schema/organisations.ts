import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./auth";

/** A customer account: monitors, tokens, agents and alert channels belong to one. Times are epoch ms. */
export const organisations = sqliteTable("organisation", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  createdAt: integer("created_at").notNull(),
});

export type MemberRole = "owner" | "admin" | "member";

export const members = sqliteTable(
  "member",
  {
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<MemberRole>().notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index("member_user_idx").on(t.userId)],
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
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
    expiresAt: integer("expires_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("api_token_org_idx").on(t.organisationId)],
);
