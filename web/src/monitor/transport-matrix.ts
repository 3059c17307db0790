import type { TargetSummary } from "@sipwatch/core";
import { summaryOf, type VantageReport, vantageLabel } from "./report-types";

export type CellTone = "ok" | "warn" | "bad" | "idle";

export interface MatrixCell {
  /** "✓ 42 ms", "✕ refused", "— not probed" */
  text: string;
  tone: CellTone;
  /** The full story for a tooltip and screen readers. */
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
      const key = `${t.transport} ${t.host}:${t.port}`;
      // One row per transport, host and port; several addresses of a host keep the first seen answer.
      if (!targets.has(key) || targets.get(key)?.outcome !== "ok") targets.set(key, t);
      if (!rows.has(key)) {
        rows.set(key, { transport: t.transport, target: `${t.host}:${t.port}` });
        rowKeys.push(key);
      }
    }
    return targets;
  });
  return {
    vantages: vantages.map((v) => ({ id: v.vantageId, label: label(v.vantageId) })),
    rows: rowKeys.map((key) => {
      const row = rows.get(key) ?? { transport: "?", target: key };
      return { key, ...row, cells: byVantage.map((targets) => cellOf(targets.get(key))) };
    }),
  };
}
