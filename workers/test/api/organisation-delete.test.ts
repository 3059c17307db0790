import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, createToken, signUp } from "./accounts";
import { invite, problemOf } from "./team";

/** Rows naming `id` in any control table with an organisation_id column, by table. */
async function rowsNaming(id: string): Promise<Record<string, number>> {
  const { results: tables } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, 1) <> '_' AND name NOT LIKE 'sqlite%'",
  ).all<{ name: string }>();
  const found: Record<string, number> = {};
  for (const { name } of tables) {
    const { results: columns } = await env.DB.prepare("SELECT name FROM pragma_table_info(?)").bind(name).all<{
      name: string;
    }>();
    if (!columns.some((c) => c.name === "organisation_id")) continue;
    const row = await env.DB.prepare(`SELECT count(*) AS n FROM "${name}" WHERE organisation_id = ?`)
      .bind(id)
      .first<{ n: number }>();
    if (row && row.n > 0) found[name] = row.n;
  }
  const organisation = await env.DB.prepare("SELECT count(*) AS n FROM organisation WHERE id = ?")
    .bind(id)
    .first<{ n: number }>();
  if (organisation?.n) found.organisation = organisation.n;
  return found;
}

describe("deleting an organisation", () => {
  it("takes everything in it, leaves the owner in their other organisation, and queues its history", async () => {
    const owner = await signUp("Dora Deleter");
    const created = await api("/organisations", { method: "POST", as: owner, body: { name: "Short-lived Ltd" } });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await api(`/organisations/${id}/activate`, { method: "POST", as: owner })).status).toBe(200);
    const monitor = await api("/monitors", {
      method: "POST",
      as: owner,
      body: { name: "Edge", target: "sips:expired.sipwatch.test" },
    });
    expect(monitor.status).toBe(201);
    const { id: monitorId } = (await monitor.json()) as { id: string };
    // Reading its report places the organisation on a history shard, as its first audit would.
    expect((await api(`/monitors/${monitorId}/report`, { as: owner })).status).toBe(200);
    const channel = await api("/channels", {
      method: "POST",
      as: owner,
      body: { name: "Ops mail", config: { type: "email", to: ["ops@example.test"] } },
    });
    expect(channel.status).toBe(201);
    const token = await createToken(owner);
    await invite(owner, "someone@example.test", "viewer");
    expect(Object.keys(await rowsNaming(id)).length).toBeGreaterThan(4);

    // A typo in the name deletes nothing; neither can a token, even the owner's.
    const typo = await api("/organisations/current", { method: "DELETE", as: owner, body: { confirm: "Short lived" } });
    expect((await problemOf(typo, 400)).code).toBe("validation_failed");
    const byToken = await api("/organisations/current", {
      method: "DELETE",
      as: { token: token.token },
      body: { confirm: "Short-lived Ltd" },
    });
    expect(byToken.status).toBe(403);

    const deleted = await api("/organisations/current", {
      method: "DELETE",
      as: owner,
      body: { confirm: "Short-lived Ltd" },
    });
    expect(deleted.status, await deleted.clone().text()).toBe(204);
    expect(await rowsNaming(id)).toEqual({});
    // The history on its shard waits for the maintenance tick (workers/test/shards/organisation-purge.test.ts).
    const queued = await env.DB.prepare("SELECT count(*) AS n FROM history_purge WHERE monitor_id = ?")
      .bind(monitorId)
      .first<{ n: number }>();
    expect(queued?.n).toBe(1);
    // The session goes on in the owner's personal organisation; the token died with its organisation.
    const current = (await (await api("/organisations/current", { as: owner })).json()) as { name: string };
    expect(current.name).toBe("Dora Deleter");
    const list = (await (await api("/organisations", { as: owner })).json()) as { organisations: { id: string }[] };
    expect(list.organisations.map((o) => o.id)).not.toContain(id);
    expect((await api("/monitors", { as: { token: token.token } })).status).toBe(401);

    // The last organisation of an account stays.
    const last = await api("/organisations/current", {
      method: "DELETE",
      as: owner,
      body: { confirm: "Dora Deleter" },
    });
    expect((await problemOf(last, 409)).detail).toContain("only organisation");
  });
});
