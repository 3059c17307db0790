import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findNamed, type RunningNamed, startNamed } from "../lab/bind";
import { labZones } from "../lab/zones";
import { sipwatch } from "./run-sipwatch";

/**
 * The installed `sipwatch` command against Debian's BIND 9 serving the lab zones: the same
 * findings a user gets from a real authoritative server, through the bundled binary.
 */
if (!findNamed()) throw new Error("named (BIND 9) not found: apt-get install bind9, or run .ci/run");

describe("sipwatch check against BIND 9", () => {
  let named: RunningNamed;
  beforeAll(async () => {
    named = await startNamed({ zones: labZones });
  });
  afterAll(() => named?.close());

  it.each(labZones.map((z) => [z.origin, z] as const))("%s", async (origin, zone) => {
    const run = await sipwatch(["check", origin, "--no-probe", "--resolver", `${named.host}:${named.port}`, "--json"]);
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout) as { findings: Array<{ id: string; severity: string }> };
    expect([...new Set(report.findings.map((f) => f.id))].sort()).toEqual([...zone.expect].sort());
    const severities = report.findings.map((f) => f.severity);
    expect(run.code).toBe(severities.includes("critical") ? 2 : severities.includes("warning") ? 1 : 0);
  });

  it("prints the terminal report", async () => {
    const run = await sipwatch([
      "check",
      "unresolvable.sipwatch.test",
      "--no-probe",
      "--resolver",
      `${named.host}:${named.port}`,
    ]);
    expect(run.stdout).toContain("NXDOMAIN");
    expect(run.stdout).toContain("dns.srv.target-unresolvable");
    expect(run.stdout).toMatch(/What phones will do/);
  });
});
