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
      ["tls", "sip1.example.com:5061", "ok:✓ 42 ms", "warn:! certificate not trusted"],
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
});
