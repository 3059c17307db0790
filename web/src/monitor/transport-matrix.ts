import type { TargetSummary } from "@sipwatch/core";
import { summaryOf, type VantageReport, vantageLabel } from "./report-types";

export type CellTone = "ok" | "warn" | "bad" | "idle";

export interface MatrixCell {
  /** "✓ 42 ms", "✕ refused", "— not probed" */
  text: string;
  tone: CellTone;
  /** The full story for a tooltip and screen readers. */
  detail: string;
  /** The test account's REGISTER here, when the monitor has one (issue 17): shown under the round trip. */
  register?: RegisterCell;
}

export interface RegisterCell {
  /** "✓ registered", "✕ refused 403", "✕ credentials rejected", "— not tried" */
  text: string;
  tone: CellTone;
  detail: string;
}

export interface MatrixRow {
  key: string;
  transport: string;
  target: string;
  cells: MatrixCell[];
}

export interface Matrix {
  vantages: Array<{ id: string; label: string }>;
  rows: MatrixRow[];
  /** Some vantage registered the test account: every cell then says what REGISTER did there. */
  registers: boolean;
}

/** REGISTER outcomes (core's RegisterOutcome) in an operator's words. */
const REGISTER_WORDS: Record<string, string> = {
  "credentials-rejected": "credentials rejected",
  "challenge-loop": "challenged without end",
  "unsupported-challenge": "challenge phones cannot answer",
  refused: "refused",
  "interval-too-brief": "interval too brief",
  "no-contact-in-200": "200 without our binding",
  timeout: "no answer to REGISTER",
  "connection-refused": "connection refused",
  reset: "connection closed",
  unreachable: "unreachable",
  "handshake-failed": "TLS handshake failed",
  malformed: "malformed answer",
  "too-large": "oversized answer",
  error: "could not be sent",
};

function registerCellOf(target: TargetSummary | undefined, throughProxy: boolean): RegisterCell {
  const register = target?.register;
  if (!register) {
    const why = !target
      ? "this vantage did not probe this target"
      : throughProxy && !target.via
        ? "REGISTER goes through the outbound proxy, as the phones send it (its row)"
        : target.outcome !== "ok"
          ? "not tried: the connection failed first"
          : "not tried from this vantage (UDP is registered by agents; an agent-held password stays with the agents)";
    return { text: "— REGISTER not tried", tone: "idle", detail: why };
  }
  const status = register.status !== null ? ` ${register.status}` : "";
  const ms = register.ms !== null ? ` in ${register.ms} ms` : "";
  if (register.outcome === "registered")
    return { text: "✓ registered", tone: "ok", detail: `REGISTER accepted${ms}; the test binding was removed after` };
  if (register.counted === "up")
    return {
      text: `✓ REGISTER${status}`,
      tone: "ok",
      detail: `REGISTER answered${status}, which the monitor counts as up`,
    };
  const words = REGISTER_WORDS[register.outcome] ?? register.outcome;
  if (register.counted === "maintenance")
    return {
      text: `◐ ${words}${status}`,
      tone: "warn",
      detail: `REGISTER ${words}${status}: maintenance, as the monitor expects`,
    };
  const tone: CellTone = register.outcome === "no-contact-in-200" ? "warn" : "bad";
  return { text: `✕ ${words}${status}`, tone, detail: `REGISTER ${words}${status}${ms}` };
}

const OUTCOME_WORDS: Record<string, string> = {
  refused: "connection refused",
  timeout: "no answer (timeout)",
  "handshake-failed": "TLS handshake failed",
  untrusted: "certificate not trusted",
  "sip-timeout": "no SIP answer",
  "speaks-plain-sip": "plain SIP over TCP answers here, not TLS",
  "speaks-tls": "TLS answers here, not plain TCP",
  "skipped-private": "private address, not probed from the edge",
  "skipped-loopback": "loopback address, not probed from the edge",
};

function cellOf(target: TargetSummary | undefined): MatrixCell {
  if (!target) return { text: "— not probed", tone: "idle", detail: "this vantage did not probe this target" };
  const ms = target.sipMs ?? target.connectMs;
  if (target.outcome === "ok") {
    const status = target.sipStatus ? `SIP ${target.sipStatus}` : "connected";
    const text = `✓ ${ms ?? "?"} ms`;
    return { text, tone: "ok", detail: `${status} in ${ms ?? "?"} ms via ${target.address}` };
  }
  if (target.outcome.startsWith("skipped-")) {
    return { text: "— skipped", tone: "idle", detail: OUTCOME_WORDS[target.outcome] ?? target.outcome };
  }
  const words = OUTCOME_WORDS[target.outcome] ?? target.outcome.replace(/^sip-/, "SIP ");
  // An untrusted certificate fails like a closed port: phones that verify (most) refuse it.
  return { text: `✕ ${words}`, tone: "bad", detail: `${words} at ${target.address}:${target.port}` };
}

/**
 * Transport x target (rows) by vantage (columns) from each vantage's latest run. Rows follow
 * the order clients try targets, as the first vantage that saw them listed them.
 */
export function transportMatrix(
  vantages: readonly VantageReport[],
  label: (vantageId: string) => string = vantageLabel,
): Matrix {
  const rowKeys: string[] = [];
  const rows = new Map<string, { transport: string; target: string }>();
  const byVantage = vantages.map((v) => {
    const targets = new Map<string, TargetSummary>();
    for (const t of summaryOf(v).targets ?? []) {
      const key = `${t.via ? "proxy " : ""}${t.transport} ${t.host}:${t.port}`;
      // One row per transport, host and port; several addresses of a host keep the first seen answer.
      if (!targets.has(key) || targets.get(key)?.outcome !== "ok") targets.set(key, t);
      if (!rows.has(key)) {
        const target = `${t.host}:${t.port}${t.via ? " (outbound proxy)" : ""}`;
        rows.set(key, { transport: t.transport, target });
        rowKeys.push(key);
      }
    }
    return targets;
  });
  const registers = byVantage.some((targets) => [...targets.values()].some((t) => t.register));
  const throughProxy = byVantage.map((targets) => [...targets.values()].some((t) => t.via === "outbound-proxy"));
  const cell = (target: TargetSummary | undefined, vantage: number): MatrixCell =>
    registers
      ? { ...cellOf(target), register: registerCellOf(target, throughProxy[vantage] ?? false) }
      : cellOf(target);
  return {
    vantages: vantages.map((v) => ({ id: v.vantageId, label: label(v.vantageId) })),
    rows: rowKeys.map((key) => {
      const row = rows.get(key) ?? { transport: "?", target: key };
      return { key, ...row, cells: byVantage.map((targets, i) => cell(targets.get(key), i)) };
    }),
    registers,
  };
}
