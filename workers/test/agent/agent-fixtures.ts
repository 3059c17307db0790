import { failedRunSummary, type RecordSet, type RunSummary, recordSetsHash, type SipResolution } from "@sipwatch/core";
import type { HistoryAccess } from "../../src/history/history-router";
import type { Db } from "../../src/services";
import { api, type Credentials } from "../api/accounts";
import { historyDbOfMonitor as historyDbOfMonitorWith } from "../history-db";
import { labServices } from "../pipeline/seed";

/** Registers an agent through the API and returns its id and token. */
export async function createAgent(as: Credentials, name = "office"): Promise<{ id: string; token: string }> {
  const response = await api("/agents", { method: "POST", as, body: { name } });
  if (response.status !== 201) throw new Error(`agent creation failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; token: string };
}

/** The history shard database of the organisation owning this monitor, with the lab's services. */
export const historyDbOfMonitor = (monitorId: string, access?: HistoryAccess): Promise<Db> =>
  historyDbOfMonitorWith(monitorId, labServices(), access);

/** Creates a monitor through the API and returns its id. */
export async function createMonitor(as: Credentials, target = "example.com"): Promise<string> {
  const response = await api("/monitors", { method: "POST", as, body: { name: target, target } });
  if (response.status !== 201) throw new Error(`monitor creation failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** A request with the agent's token, as the agent sends it. */
export function asAgent(token: string, path: string, body?: unknown): Promise<Response> {
  return api(path, {
    method: body === undefined ? "GET" : "POST",
    body,
    headers: { authorization: `Bearer ${token}`, "x-sipwatch-agent-version": "0.1.0" },
  });
}

export const okSummary = (address = "10.0.0.5"): RunSummary =>
  ({
    ...failedRunSummary(""),
    status: "ok",
    error: undefined,
    transports: { tls: { ok: true, ms: 30 } },
    targets: [
      {
        transport: "tls",
        host: "sip.example.com",
        port: 5061,
        address,
        outcome: "ok",
        connectMs: 10,
        sipMs: 30,
        sipStatus: 200,
        certDaysLeft: 60,
      },
    ],
  }) as RunSummary;

export const addressSets = (address: string): RecordSet[] => [
  { name: "sip.example.com", type: "A", data: [address], status: "answer" },
];

/** The smallest whole resolution tree core's schema accepts: example.com straight to one address. */
export const addressResolution = (address: string): SipResolution => ({
  target: { input: "example.com", scheme: "sip", host: "example.com", hostKind: "domain" },
  resolver: "10.0.0.53",
  branch: "address",
  naptrRecords: [],
  srv: {},
  hosts: {
    "example.com": {
      host: "example.com",
      a: {
        question: { name: "example.com", type: "A" },
        status: "answer",
        records: [{ name: "example.com", ttl: 300, type: "A", address }],
        cnames: [],
        elapsedMs: 3,
      },
      aaaa: {
        question: { name: "example.com", type: "AAAA" },
        status: "nodata",
        records: [],
        cnames: [],
        elapsedMs: 3,
      },
    },
  },
  candidates: [{ transport: "udp", host: "example.com", address, family: 4, port: 5060, source: "address" }],
  queries: [],
  startedAt: "2026-12-05T00:00:00.000Z",
  durationMs: 6,
});

/** A report as the agent builds it: the hash over the record sets, a fresh report id. */
export async function report(monitorId: string, address = "10.0.0.5", reportId: string = crypto.randomUUID()) {
  const recordSets = addressSets(address);
  return {
    reportId,
    monitorId,
    startedAt: Date.now(),
    durationMs: 42,
    summary: okSummary(address),
    recordSets,
    hash: await recordSetsHash(recordSets),
    resolution: addressResolution(address),
    findings: [],
  };
}
