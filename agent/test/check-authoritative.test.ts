import { findZone, type LabDns, type LabRecord, type LabZone, startLabDns } from "@sipwatch/infra/lab";
import { afterEach, describe, expect, it } from "vitest";
import { checkJson, runSipwatch } from "./run-cli";

/**
 * Two authoritative servers for one zone on 127.0.0.2 and 127.0.0.3 (same port, as a zone's
 * NS set is on port 53), with the NS records pointing at them.
 */
const healthy = findZone("healthy") as LabZone;
const origin = healthy.origin;

function copyOfZone(serial: number, sip1Address: string): LabZone {
  const records = healthy.records
    .filter((r) => !(r.name === `ns1.${origin}` && r.type === "A"))
    .map((r): LabRecord => {
      if (r.type === "SOA") return { ...r, data: { ...r.data, serial } };
      if (r.type === "A" && r.name === `sip1.${origin}`) return { ...r, data: sip1Address };
      return r;
    });
  records.push(
    { name: origin, type: "NS", data: `ns2.${origin}` },
    { name: `ns1.${origin}`, type: "A", data: "127.0.0.2" },
    { name: `ns2.${origin}`, type: "A", data: "127.0.0.3" },
  );
  return { ...healthy, records };
}

let servers: LabDns[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function startPair(primary: LabZone, secondary: LabZone): Promise<number> {
  const first = await startLabDns({ zones: [primary], host: "127.0.0.2" });
  servers.push(first);
  servers.push(await startLabDns({ zones: [secondary], host: "127.0.0.3", udpPort: first.udpPort }));
  return first.udpPort;
}

describe("sipwatch check --authoritative", () => {
  it("asks every name server and finds nothing when they agree", async () => {
    const port = await startPair(copyOfZone(5, "198.51.100.11"), copyOfZone(5, "198.51.100.11"));
    const { report } = await checkJson(
      origin,
      "--no-probe",
      "--resolver",
      `127.0.0.2:${port}`,
      "--authoritative-port",
      String(port),
    );
    expect(report.authoritative?.views.map((v) => [v.server.name, v.serial])).toEqual([
      [`ns1.${origin}`, 5],
      [`ns2.${origin}`, 5],
    ]);
    expect(report.findings.map((f) => f.id)).not.toContain("dns.authoritative.inconsistent");
  });

  it("reports a secondary that missed the last zone transfer", async () => {
    const port = await startPair(copyOfZone(6, "198.51.100.99"), copyOfZone(5, "198.51.100.11"));
    const { code, report } = await checkJson(
      origin,
      "--no-probe",
      "--resolver",
      `127.0.0.2:${port}`,
      "--authoritative-port",
      String(port),
    );
    const finding = report.findings.find((f) => f.id === "dns.authoritative.inconsistent");
    expect(code).toBe(1);
    expect(finding?.detail).toContain("SOA serials differ (6 on ns1.healthy.sipwatch.test (127.0.0.2); 5 on ns2");
    expect(JSON.stringify(finding?.evidence.differences)).toContain(`sip1.${origin} A 198.51.100.99`);

    const text = await runSipwatch(
      "check",
      origin,
      "--no-probe",
      "--resolver",
      `127.0.0.2:${port}`,
      "--authoritative-port",
      String(port),
    );
    expect(text.stdout).toMatch(/ns2\.healthy\.sipwatch\.test 127\.0\.0\.3 {2}serial 5 {2}1 answer differs from ns1/);
  });

  it("reports a name server that does not answer", async () => {
    const first = await startLabDns({ zones: [copyOfZone(5, "198.51.100.11")], host: "127.0.0.2" });
    servers.push(first);
    const { report } = await checkJson(
      origin,
      "--no-probe",
      "--resolver",
      `127.0.0.2:${first.udpPort}`,
      "--authoritative-port",
      String(first.udpPort),
      "--timeout",
      "300",
    );
    const finding = report.findings.find((f) => f.id === "dns.authoritative.inconsistent");
    expect(finding?.evidence.lame).toEqual([`ns2.${origin} (127.0.0.3)`]);
  });
});
