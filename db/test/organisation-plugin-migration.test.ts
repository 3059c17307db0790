import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { beforeAll, describe, expect, it } from "vitest";
import { type Db, listMembers, listMemberships } from "../src/index";
import * as schema from "../src/schema/index";

/**
 * An operator upgrading to better-auth's organization plugin: a database built by migrations
 * 0000-0016 with two organisations and their members (owner, admin and the old "member" role),
 * then migrations 0017 and 0018 (0018_teams). Nobody loses a membership; "member" becomes "editor".
 */
const db: Db = drizzle(env.LEGACY, { schema });
const T = Date.UTC(2026, 10, 1, 9, 0, 0);

beforeAll(async () => {
  await applyD1Migrations(
    env.LEGACY,
    env.TEST_MIGRATIONS.filter((m) => m.name < "0017"),
  );
  const user = (id: string, at: number) =>
    env.LEGACY.prepare(
      "INSERT INTO user (id, name, email, email_verified, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)",
    ).bind(id, `Name ${id}`, `${id}@example.test`, at, at);
  const organisation = (id: string) =>
    env.LEGACY.prepare("INSERT INTO organisation (id, name, slug, created_at) VALUES (?, ?, ?, ?)").bind(
      id,
      `Org ${id}`,
      id,
      T,
    );
  const member = (org: string, userId: string, role: string, at: number) =>
    env.LEGACY.prepare("INSERT INTO member (organisation_id, user_id, role, created_at) VALUES (?, ?, ?, ?)").bind(
      org,
      userId,
      role,
      at,
    );
  await env.LEGACY.batch([
    user("u_owner", T),
    user("u_admin", T),
    user("u_member", T),
    organisation("org_a"),
    organisation("org_b"),
    member("org_a", "u_owner", "owner", T),
    member("org_a", "u_admin", "admin", T + 1000),
    member("org_a", "u_member", "member", T + 2000),
    member("org_b", "u_member", "owner", T + 3000),
  ]);
  await applyD1Migrations(env.LEGACY, env.TEST_MIGRATIONS);
});

describe("migration 0017 carries members over to the organization plugin's shape", () => {
  it("keeps every membership with its joining time; the old member role becomes editor", async () => {
    expect((await listMembers(db, "org_a")).map((m) => [m.userId, m.role, m.joinedAt])).toEqual([
      ["u_owner", "owner", T],
      ["u_admin", "admin", T + 1000],
      ["u_member", "editor", T + 2000],
    ]);
    expect((await listMemberships(db, "u_member")).map((m) => [m.id, m.role])).toEqual([
      ["org_a", "editor"],
      ["org_b", "owner"],
    ]);
  });

  it("gives every member its own unguessable id", async () => {
    const ids = [...(await listMembers(db, "org_a")), ...(await listMembers(db, "org_b"))].map((m) => m.id);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^mem_[0-9a-f]{32}$/);
  });

  it("still allows one membership per user and organisation", async () => {
    await expect(
      env.LEGACY.prepare(
        "INSERT INTO member (id, organisation_id, user_id, role, created_at) VALUES ('mem_x', 'org_a', 'u_owner', 'viewer', 0)",
      ).run(),
    ).rejects.toThrow(/UNIQUE/);
  });

  it("adds an empty invitation table and the organisation's logo and metadata", async () => {
    const invitations = await env.LEGACY.prepare("SELECT count(*) AS n FROM invitation").first<{ n: number }>();
    expect(invitations?.n).toBe(0);
    const org = await env.LEGACY.prepare("SELECT logo, metadata FROM organisation WHERE id = 'org_a'").first();
    expect(org).toEqual({ logo: null, metadata: null });
  });
});
