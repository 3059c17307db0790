import { describe, expect, it } from "vitest";
import type { VantageReport } from "./report-types";
import { transportMatrix } from "./transport-matrix";

const target = (
  transport: string,
  host: string,
  port: number,
  outcome: string,
  sipMs: number | null,
  address = "192.0.2.1",
) => ({
  transport,
  host,
  port,
  address,
  outcome,
  connectMs: sipMs === null ? null : sipMs - 5,
  sipMs,
  sipStatus: outcome === "ok" ? 200 : null,
  certDaysLeft: null,
});
const vantage = (vantageId: string, targets: ReturnType<typeof target>[]) =>
  ({
    vantageId,
    run: { vantageId, startedAt: 0, durationMs: 1, status: "ok", summary: { targets } },
    dns: null,
    findings: [],
  }) as unknown as VantageReport;

describe("transportMatrix", () => {
  it("lays out transport x target rows against vantage columns, words in every cell", () => {
    const matrix = transportMatrix([
      vantage("region:weur", [
        target("tls", "sip1.example.com", 5061, "ok", 42),
        target("tcp", "sip1.example.com", 5060, "refused", null),
      ]),
      vantage("agt_office", [
        target("udp", "sip1.example.com", 5060, "ok", 3),
        target("tls", "sip1.example.com", 5061, "untrusted", null),
      ]),
    ]);
    expect(matrix.vantages.map((v) => v.label)).toEqual(["weur", "agent agt_office"]);
    expect(matrix.rows.map((r) => [r.transport, r.target, ...r.cells.map((c) => `${c.tone}:${c.text}`)])).toEqual([
      ["tls", "sip1.example.com:5061", "ok:✓ 42 ms", "bad:✕ certificate not trusted"],
      ["tcp", "sip1.example.com:5060", "bad:✕ connection refused", "idle:— not probed"],
      ["udp", "sip1.example.com:5060", "idle:— not probed", "ok:✓ 3 ms"],
    ]);
    expect(matrix.rows[0]?.cells[0]?.detail).toBe("SIP 200 in 42 ms via 192.0.2.1");
  });

  it("keeps the answering address when a host has several", () => {
    const matrix = transportMatrix([
      vantage("region:enam", [
        target("tls", "sip1.example.com", 5061, "timeout", null, "2001:db8::1"),
        target("tls", "sip1.example.com", 5061, "ok", 50, "192.0.2.1"),
      ]),
    ]);
    expect(matrix.rows).toHaveLength(1);
    expect(matrix.rows[0]?.cells[0]?.text).toBe("✓ 50 ms");
  });

  it("says under each round trip what REGISTER with the test account did there", () => {
    const reg = (outcome: string, status: number | null, counted?: "up" | "maintenance") => ({
      outcome,
      status,
      ms: 30,
      ...(counted ? { counted } : {}),
    });
    const withRegister = (t: ReturnType<typeof target>, register: ReturnType<typeof reg>) => ({ ...t, register });
    const proxy = { ...target("tcp", "proxy.example.net", 5060, "refused", null), via: "outbound-proxy" as const };
    const matrix = transportMatrix([
      vantage("region:weur", [
        withRegister(target("tls", "sip1.example.com", 5061, "ok", 42), reg("registered", 200)),
        withRegister(target("tcp", "sip1.example.com", 5060, "ok", 30), reg("refused", 403)),
        withRegister(proxy, reg("connection-refused", null)),
      ]),
      vantage("agt_office", [
        withRegister(target("tls", "sip1.example.com", 5061, "ok", 9), reg("credentials-rejected", 401)),
        withRegister(target("tcp", "sip1.example.com", 5060, "ok", 8), reg("refused", 503, "up")),
        target("udp", "sip1.example.com", 5060, "ok", 3),
      ]),
    ]);
    expect(matrix.registers).toBe(true);
    const view = matrix.rows.map((r) => [r.target, ...r.cells.map((c) => `${c.register?.tone}:${c.register?.text}`)]);
    expect(view).toEqual([
      ["sip1.example.com:5061", "ok:✓ registered", "bad:✕ credentials rejected 401"],
      ["sip1.example.com:5060", "bad:✕ refused 403", "ok:✓ REGISTER 503"],
      ["proxy.example.net:5060 (outbound proxy)", "bad:✕ connection refused", "idle:— REGISTER not tried"],
      ["sip1.example.com:5060", "idle:— REGISTER not tried", "idle:— REGISTER not tried"],
    ]);
    expect(matrix.rows[1]?.cells[1]?.register?.detail).toBe("REGISTER answered 503, which the monitor counts as up");
    expect(matrix.rows[3]?.cells[1]?.register?.detail).toContain("not tried from this vantage");
    // weur registered through the proxy: its registrar rows say so rather than "not tried" alone.
    const weurTls = transportMatrix([
      vantage("region:weur", [
        target("tls", "sip1.example.com", 5061, "ok", 42),
        withRegister(proxy, reg("registered", 200)),
      ]),
    ]);
    expect(weurTls.rows[0]?.cells[0]?.register?.detail).toContain("through the outbound proxy");
  });

  it("shows no REGISTER line when no vantage registered", () => {
    const matrix = transportMatrix([vantage("region:weur", [target("tls", "sip1.example.com", 5061, "ok", 42)])]);
    expect(matrix.registers).toBe(false);
    expect(matrix.rows[0]?.cells[0]?.register).toBeUndefined();
  });
});
