import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const insertUser = (id: string, verified: boolean) =>
  env.UPGRADE.prepare(
    "INSERT INTO user (id, name, email, email_verified, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)",
  )
    .bind(id, id, `${id}@example.test`, verified ? 1 : 0)
    .run();

const verifiedOf = async (id: string) =>
  (
    await env.UPGRADE.prepare("SELECT email_verified FROM user WHERE id = ?")
      .bind(id)
      .first<{ email_verified: number }>()
  )?.email_verified;

describe("migration 0017 verifies the accounts made before verification existed", () => {
  it("marks every existing user verified, once: accounts made afterwards must prove their address", async () => {
    await applyD1Migrations(
      env.UPGRADE,
      env.TEST_MIGRATIONS.filter((m) => m.name < "0017"),
    );
    await insertUser("before", false);
    await insertUser("already", true);
    await applyD1Migrations(env.UPGRADE, env.TEST_MIGRATIONS);
    expect(await verifiedOf("before")).toBe(1);
    expect(await verifiedOf("already")).toBe(1);

    await insertUser("after", false);
    await applyD1Migrations(env.UPGRADE, env.TEST_MIGRATIONS);
    expect(await verifiedOf("after")).toBe(0);
  });
});
