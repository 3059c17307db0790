import { env } from "cloudflare:workers";
import { credentialsNotUnderKey, monitorCredentials } from "@sipwatch/db";
import { describe, expect, it } from "vitest";
import { importKeyring, openPassword, rotateCredentials, sealPassword } from "../src/credentials/index";
import { insertMonitor, insertOrganisation, labServices } from "./pipeline/seed";

const key = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));

/** A monitor with a stored test account whose password is sealed under `keyring`'s current key. */
async function insertSealedAccount(
  organisationId: string,
  keyring: Awaited<ReturnType<typeof importKeyring>>,
  target: string,
  password: string,
): Promise<string> {
  const services = labServices();
  const monitorId = await insertMonitor(services, organisationId, { target });
  const sealed = await sealPassword(keyring, monitorId, password);
  await services.db.insert(monitorCredentials).values({
    monitorId,
    organisationId,
    source: "stored",
    user: "monitor",
    expectContact: "as-sent",
    passwordCiphertext: sealed.ciphertext,
    passwordIv: sealed.iv,
    keyId: sealed.keyId,
    updatedAt: Date.now(),
  });
  return monitorId;
}

describe("credential keys", () => {
  it("rotates: a new first key seals, the old one still opens, rotation re-encrypts every row under the new key", async () => {
    const services = labServices();
    const organisationId = await insertOrganisation(services);
    const oldKey = `old:${key()}`;
    const newKey = `new:${key()}`;
    const before = await importKeyring(oldKey);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const monitorId = await insertSealedAccount(organisationId, before, `example${i}.com`, `password-${i}`);
      ids.push(monitorId);
    }
    // The operator puts the new key first and keeps the old one: old rows still open.
    const during = await importKeyring(`${newKey},${oldKey}`);
    const progress1 = await rotateCredentials(services.db, during, 3);
    expect(progress1).toEqual({ resealed: 3, unreadable: [], done: false });
    const progress2 = await rotateCredentials(services.db, during, 3);
    expect(progress2).toEqual({ resealed: 2, unreadable: [], done: true });
    expect(await rotateCredentials(services.db, during, 3)).toEqual({ resealed: 0, unreadable: [], done: true });

    // Once done, the old key can go: every row opens with the new key alone.
    const after = await importKeyring(newKey);
    const rows = await services.db.select().from(monitorCredentials);
    const ours = rows.filter((r) => ids.includes(r.monitorId));
    expect(ours.map((r) => r.keyId)).toEqual(ids.map(() => "new"));
    for (const row of ours) {
      const opened = await openPassword(after, row.monitorId, {
        ciphertext: row.passwordCiphertext ?? "",
        iv: row.passwordIv ?? "",
        keyId: row.keyId ?? "",
      });
      expect(opened).toEqual({ ok: true, password: `password-${ids.indexOf(row.monitorId)}` });
    }
  });

  it("names a row it cannot open instead of failing rotation, and refuses ciphertext moved to another monitor", async () => {
    const keyring = await importKeyring(`k1:${key()}`);
    const sealed = await sealPassword(keyring, "mon_a", "secret");
    expect(await openPassword(keyring, "mon_b", sealed)).toEqual({
      ok: false,
      error: "the stored password does not decrypt with key k1 (tampered or moved)",
    });
    expect(await openPassword(await importKeyring(`k2:${key()}`), "mon_a", sealed)).toMatchObject({
      ok: false,
      error: expect.stringContaining("no longer holds"),
    });
    const services = labServices();
    const organisationId = await insertOrganisation(services);
    const monitorId = await insertMonitor(services, organisationId, { target: "lost.example.com" });
    const lost = await sealPassword(await importKeyring(`gone:${key()}`), monitorId, "secret");
    await services.db.insert(monitorCredentials).values({
      monitorId,
      organisationId,
      source: "stored",
      user: "monitor",
      expectContact: "as-sent",
      passwordCiphertext: lost.ciphertext,
      passwordIv: lost.iv,
      keyId: lost.keyId,
      updatedAt: Date.now(),
    });
    const progress = await rotateCredentials(services.db, keyring, 10);
    expect(progress.unreadable).toContain(monitorId);
    expect(progress.done).toBe(false);
  });

  it("asks D1 for almost nothing when every password is already under the current key (the every-minute case)", async () => {
    const services = labServices();
    const organisationId = await insertOrganisation(services);
    const keyring = await importKeyring(`cur:${key()}`);
    const ROWS = 120;
    for (let i = 0; i < ROWS; i++) {
      await insertSealedAccount(organisationId, keyring, `quiet${i}.example.com`, `password-${i}`);
    }
    const rowsRead = async (query: string, params: unknown[]) =>
      (
        await env.DB.prepare(query)
          .bind(...params)
          .all()
      ).meta.rows_read;
    const { sql, params } = credentialsNotUnderKey(services.db, "cur", 50).toSQL();
    const asked = await rowsRead(sql, params);
    // What `key_id != ?` costs on the same table: a scan of every credential row.
    const scan = await rowsRead(
      "select monitor_id from monitor_credential where key_id is not null and key_id != ? limit 50",
      ["cur"],
    );
    expect(scan).toBeGreaterThanOrEqual(ROWS);
    // Other tests of this file leave rows under other keys (storage is per file): those it must read, no more.
    const others = await env.DB.prepare("select count(*) as n from monitor_credential where key_id != ?")
      .bind("cur")
      .first<{ n: number }>();
    expect(asked).toBeLessThanOrEqual((others?.n ?? 0) + 2);
    expect(asked).toBeLessThan(ROWS / 10);
  });

  it.each([
    ["", "names no key"],
    ["nokey", "needs an id"],
    [`a:${btoa("short")}`, "must be 32 bytes"],
    ["a:!!!", "not base64"],
    [`a:${btoa("x".repeat(32))},a:${btoa("y".repeat(32))}`, "twice"],
  ])("refuses CREDENTIAL_KEYS %j (%s) without echoing key material", async (spec, message) => {
    await expect(importKeyring(spec)).rejects.toThrow(message);
  });
});
