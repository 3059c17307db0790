import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentConfig } from "./agent-config";

const TOKEN = `swa_${"b".repeat(43)}`;
const OTHER = `swa_${"c".repeat(43)}`;

function configFile(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), "sipwatch-config-")), "agent.json");
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

describe("agentConfig", () => {
  it("takes flags over the environment over the file", () => {
    const config = configFile({ server: "https://file.example", token: OTHER, resolvers: ["192.0.2.1"], maxQueue: 7 });
    const env = { SIPWATCH_SERVER: "https://env.example", SIPWATCH_RESOLVERS: "192.0.2.2, 192.0.2.3" };
    const result = agentConfig({ config, token: TOKEN }, env);
    expect(result).toMatchObject({
      ok: true,
      config: { server: "https://env.example", token: TOKEN, resolvers: ["192.0.2.2", "192.0.2.3"], maxQueue: 7 },
    });
    expect(agentConfig({ config, server: "https://flag.example", resolver: ["192.0.2.9"] }, env)).toMatchObject({
      ok: true,
      config: { server: "https://flag.example", token: OTHER, resolvers: ["192.0.2.9"] },
    });
  });

  it("reads an agent-held account's outbound proxy beside its password, and refuses one it cannot use", () => {
    const base = { server: "https://s.example", token: TOKEN };
    const good = configFile({
      ...base,
      credentials: {
        mon_a: { password: "pw", outboundProxy: "sip:10.0.0.5:5070;transport=tcp" },
        mon_b: { password: "x" },
      },
    });
    const result = agentConfig({ config: good }, {});
    expect(result.ok && [...result.config.outboundProxies]).toEqual([
      ["mon_a", { host: "10.0.0.5", port: 5070, transport: "tcp" }],
    ]);
    const bad = configFile({ ...base, credentials: { mon_a: { password: "pw", outboundProxy: "sip:u@10.0.0.5" } } });
    expect(agentConfig({ config: bad }, {})).toMatchObject({
      ok: false,
      error: expect.stringContaining("credentials.mon_a.outboundProxy names a proxy, not a user"),
    });
  });

  it("defaults to the system's resolvers, no health endpoint and a bounded queue", () => {
    expect(agentConfig({}, { SIPWATCH_SERVER: "https://sipwatch.example", SIPWATCH_AGENT_TOKEN: TOKEN })).toMatchObject(
      {
        ok: true,
        config: { resolvers: [], healthPort: null, maxQueue: 10_000, intervalSeconds: null, lab: false },
      },
    );
  });

  it.each([
    { name: "no server", flags: { token: TOKEN }, error: "no server" },
    { name: "not a URL", flags: { server: "ftp://x", token: TOKEN }, error: "expected an http(s) URL" },
    {
      name: "an API token",
      flags: { server: "https://s.example", token: `swt_${"a".repeat(43)}` },
      error: "no agent token",
    },
    {
      name: "a bad port",
      flags: { server: "https://s.example", token: TOKEN, "health-port": "99999" },
      error: "--health-port",
    },
    {
      name: "an empty queue",
      flags: { server: "https://s.example", token: TOKEN, "max-queue": "0" },
      error: "--max-queue",
    },
    { name: "a missing file", flags: { config: "/nonexistent/agent.json" }, error: "--config /nonexistent/agent.json" },
    { name: "a file that is not JSON", flags: { config: configFile("{nope") }, error: "--config" },
    { name: "a misspelt key", flags: { config: configFile({ sever: "x" }) }, error: "unknown key sever" },
  ])("refuses $name with a message", ({ flags, error }) => {
    const result = agentConfig(flags, {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(error);
  });
});
