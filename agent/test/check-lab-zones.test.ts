import { type LabDns, labZones, startLabDns, viewWithHostAddress } from "@sipwatch/infra/lab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkJson, runSipwatch } from "./run-cli";

let lab: LabDns;
beforeAll(async () => {
  lab = await startLabDns({ zones: labZones });
});
afterAll(() => lab.close());

const exitFor = (severities: string[]) =>
  severities.includes("critical") ? 2 : severities.includes("warning") ? 1 : 0;

describe("sipwatch check against the lab's authoritative server", () => {
  describe.each(["udp", "doh"])("over %s", (via) => {
    const resolver = () => (via === "udp" ? `127.0.0.1:${lab.udpPort}` : lab.dohUrl);

    it.each(labZones.map((z) => [z.origin, z] as const))("%s gives the expected findings", async (origin, zone) => {
      const { code, report } = await checkJson(origin, "--no-probe", "--resolver", resolver());
      const ids = [...new Set(report.findings.map((f) => f.id))].sort();
      expect(ids).toEqual([...zone.expect].sort());
      expect(code).toBe(exitFor(report.findings.map((f) => f.severity)));
    });
  });

  it("prints a readable report: tree, targets, phones, findings with fixes", async () => {
    const run = await runSipwatch(
      "check",
      "plaintext-first.sipwatch.test",
      "--no-probe",
      "--resolver",
      `127.0.0.1:${lab.udpPort}`,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("NAPTR plaintext-first.sipwatch.test");
    expect(run.stdout).toMatch(/Targets an RFC 3263 client tries, in order\n\s+1\s+TCP/);
    expect(run.stdout).toMatch(/RFC 3263 client\s+Would register over TCP to/);
    expect(run.stdout).toContain("dns.naptr.secure-not-preferred");
    expect(run.stdout).toContain("Fix:");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no colour codes when not a terminal
    expect(run.stdout).not.toMatch(/\u001b\[/);
  });

  it("says so when everything is fine, and exits 0", async () => {
    const run = await runSipwatch(
      "check",
      "healthy.sipwatch.test",
      "--no-probe",
      "--resolver",
      `127.0.0.1:${lab.udpPort}`,
    );
    expect(run.stdout).toContain("No problems found.");
    expect(run.code).toBe(0);
  });

  it("compares resolvers that disagree", async () => {
    const other = await startLabDns({
      zones: viewWithHostAddress(labZones, "healthy.sipwatch.test", "sip1", "192.0.2.99"),
    });
    try {
      const { report } = await checkJson(
        "healthy.sipwatch.test",
        "--no-probe",
        "--resolver",
        `127.0.0.1:${lab.udpPort}`,
        "--no-probe",
        "--resolver",
        `127.0.0.1:${other.udpPort}`,
      );
      const disagree = report.findings.filter((f) => f.id === "dns.resolver.disagree");
      expect(disagree).toHaveLength(1);
      expect(JSON.stringify(disagree[0]?.evidence)).toContain("192.0.2.99");
    } finally {
      await other.close();
    }
  });
});

describe("sipwatch usage errors exit 3 with one line", () => {
  it.each([
    [["check"], /exactly one/],
    [["check", "sip:exa mple.com"], /not a valid host/],
    [["check", "example.com", "--no-probe", "--resolver", "dns.google"], /expected an IP address/],
    [["check", "example.com", "--bogus"], /Unknown option/],
    [["frobnicate"], /unknown command/],
    [["check", "example.com", "--timeout", "0"], /--timeout/],
  ])("%j", async (argv, message) => {
    const run = await runSipwatch(...argv);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("exits 3 when the resolver never answers", async () => {
    const run = await runSipwatch(
      "check",
      "example.com",
      "--no-probe",
      "--resolver",
      "127.0.0.1:9",
      "--timeout",
      "200",
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/gave no usable answer/);
  });
});
