import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { organisations } from "./organisations";

/**
 * A public status page an operator defines (issue 16): its own slug, title and description and
 * the monitors it shows, in order. A control-plane table (tiny, read on every uncached page view).
 * The organisation's default page (its public monitors) needs no row.
 */
export const statusPages = sqliteTable(
  "status_page",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** Unique across organisations: the public URL is /pages/<slug>. */
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** Monitor ids in display order; ids of other organisations are refused at write and ignored at read. */
    monitorIds: text("monitor_ids", { mode: "json" }).$type<string[]>().notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at").notNull(),
    /** Part of the edge cache key: every change of the page row makes a new key. */
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("status_page_org_idx").on(t.organisationId)],
);
