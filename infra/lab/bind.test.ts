import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { quoteCharacterString, renderBindZone, renderNamedConf, zoneFileName } from "./bind";
import { findZone, type LabZone, labZones } from "./zones";

const hasTool = (tool: string) => {
  try {
    execFileSync("sh", ["-c", `command -v ${tool} || test -x /usr/sbin/${tool}`]);
    return true;
  } catch {
    return false;
  }
};

function zone(name: string): LabZone {
  const found = findZone(name);
  if (!found) throw new Error(`no lab zone ${name}`);
  return found;
}

describe("renderBindZone", () => {
  const healthy = renderBindZone(zone("healthy"));

  it("writes $ORIGIN, $TTL and the SOA first, with absolute names", () => {
    const lines = healthy.split("\n").filter((line) => !line.startsWith(";"));
    expect(lines.slice(0, 3)).toEqual([
      "$ORIGIN healthy.sipwatch.test.",
      "$TTL 300",
      "healthy.sipwatch.test. IN SOA ns1.healthy.sipwatch.test. hostmaster.healthy.sipwatch.test. 2025010101 3600 600 604800 60",
    ]);
  });

  it("writes NAPTR with quoted strings and SRV with trailing dots", () => {
    expect(healthy).toContain(
      'healthy.sipwatch.test. IN NAPTR 10 10 "s" "SIPS+D2T" "" _sips._tcp.healthy.sipwatch.test.\n',
    );
    expect(healthy).toContain("_sips._tcp.healthy.sipwatch.test. IN SRV 10 60 5061 sip1.healthy.sipwatch.test.\n");
    expect(healthy).toContain("sip2.healthy.sipwatch.test. IN AAAA 2001:db8:1::12\n");
  });

  it("keeps the root as '.' for an SRV dot target and a regexp NAPTR", () => {
    expect(renderBindZone(zone("dot-target"))).toContain("_sip._udp.dot-target.sipwatch.test. IN SRV 0 0 0 .\n");
    expect(renderBindZone(zone("bad-naptr"))).toContain(
      'IN NAPTR 5 10 "U" "SIP+D2U" "!^.*$!sip:info@bad-naptr.sipwatch.test!" .\n',
    );
  });

  it("escapes quotes, backslashes and non-printable bytes in character-strings", () => {
    expect(quoteCharacterString('say "hi" \\ ok')).toBe('"say \\"hi\\" \\\\ ok"');
    expect(quoteCharacterString("tab\there é")).toBe('"tab\\009here \\195\\169"');
  });
});

describe("renderNamedConf", () => {
  it("configures a loopback-only, non-recursive primary for each zone", () => {
    const conf = renderNamedConf({ port: 5399, workDir: "/tmp/lab", zones: labZones.slice(0, 2) });
    expect(conf).toContain("listen-on port 5399 { 127.0.0.1; };");
    expect(conf).toContain("listen-on-v6 { none; };");
    expect(conf).toContain("recursion no;");
    expect(conf).toContain('pid-file "/tmp/lab/named.pid";');
    expect(conf).toContain('zone "healthy.sipwatch.test" { type primary; file "healthy.sipwatch.test.zone"; };');
    expect(conf).toContain('zone "nosrv.sipwatch.test" { type primary; file "nosrv.sipwatch.test.zone"; };');
  });
});

describe.skipIf(!hasTool("named-checkconf"))("BIND accepts the rendered files", () => {
  it("named-checkconf -z loads every lab zone", () => {
    const workDir = mkdtempSync(join(tmpdir(), "sipwatch-bind-test-"));
    try {
      for (const zone of labZones) writeFileSync(join(workDir, zoneFileName(zone)), renderBindZone(zone));
      const confPath = join(workDir, "named.conf");
      writeFileSync(confPath, renderNamedConf({ port: 5399, workDir, zones: labZones }));
      const output = execFileSync("sh", ["-c", 'PATH="$PATH:/usr/sbin" named-checkconf -z "$0"', confPath], {
        encoding: "utf8",
      });
      expect(output.match(/loaded serial/g)).toHaveLength(labZones.length);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  });
});
