import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sipwatch as runSipwatch } from "./run-sipwatch";
import { type RunningService, startService } from "./start-service";

/**
 * Monitors as code against the real Worker (`npm start`: wrangler dev, a local D1): the bundled
 * `sipwatch apply` of a file with 50 monitors creates them, a second apply changes nothing, an
 * edited file's plan shows exactly that edit, a broken file is refused with its line and field,
 * and `sipwatch export` writes a file that applies with no change.
 */
const FLEET = 50;

let service: RunningService;
let token: string;
let dir: string;

/** The CLI against this service with the organisation's token. */
const sipwatch = (args: string[]) => runSipwatch([...args, "--api", service.base], { SIPWATCH_TOKEN: token });

const pad = (i: number) => String(i).padStart(2, "0");

/** 50 monitors (disabled, so the cron ticker leaves them alone), one public, one with a window, and a channel. */
function fleetFile(edit?: (i: number) => string): string {
  const lines = [
    "# yaml-language-server: $schema=../core/schemas/monitors-file.schema.json",
    "version: 1",
    "channels:",
    "  - name: Fleet on-call",
    "    type: email",
    "    to: [oncall@example.test]",
    "monitors:",
  ];
  for (let i = 1; i <= FLEET; i++) {
    lines.push(
      `  - name: fleet-${pad(i)}`,
      `    target: sip:pbx-${pad(i)}.example.test`,
      "    expectedTransports: [udp, tcp, tls]",
      "    regions: [weur, enam]",
      `    intervalMinutes: ${edit?.(i) ?? "5"}`,
      "    enabled: false",
    );
    if (i === 1) lines.push("    isPublic: true", "    slug: fleet-01-status");
    if (i === 2)
      lines.push(
        "    maintenance:",
        "      - startsAt: 2099-01-01T22:00:00Z",
        "        endsAt: 2099-01-02T02:00:00Z",
        "        reason: PBX firmware upgrade",
      );
  }
  return `${lines.join("\n")}\n`;
}

async function fleetOnServer(): Promise<Array<{ name: string; intervalMinutes: number; isPublic: boolean }>> {
  const response = await fetch(`${service.base}/api/v1/monitors?limit=1000`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const page = (await response.json()) as {
    monitors: Array<{ name: string; intervalMinutes: number; isPublic: boolean }>;
  };
  return page.monitors.filter((m) => m.name.startsWith("fleet-"));
}

beforeAll(async () => {
  service = await startService({ worker: 18_803, dns: 15_331, doh: 18_333 });
  token = readFileSync(join(service.stateDir, "demo-token"), "utf8").trim();
  dir = mkdtempSync(join(tmpdir(), "sipwatch-monitors-"));
}, 240_000);

afterAll(async () => {
  await service?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("sipwatch apply and export against the Worker", () => {
  it("creates 50 monitors from a file, then finds nothing to change on a second apply", async () => {
    const file = join(dir, "monitors.yaml");
    writeFileSync(file, fleetFile());
    const first = await sipwatch(["apply", file]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Plan: 51 to create, 0 to update, 0 to delete, 0 unchanged.");
    expect(first.stdout).toContain("Applied 51 change(s).");
    const fleet = await fleetOnServer();
    expect(fleet).toHaveLength(FLEET);
    expect(fleet.filter((m) => m.isPublic).map((m) => m.name)).toEqual(["fleet-01"]);

    const second = await sipwatch(["apply", file]);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe("Plan: 0 to create, 0 to update, 0 to delete, 51 unchanged.\nApplied 0 change(s).\n");
  }, 120_000);

  it("shows exactly an edit in the plan, and --dry-run changes nothing", async () => {
    const file = join(dir, "edited.yaml");
    writeFileSync(
      file,
      fleetFile((i) => (i === 7 ? "15" : "5")),
    );
    const dry = await sipwatch(["apply", file, "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe(
      [
        '  ~ monitor "fleet-07"',
        "      intervalMinutes: 5 -> 15",
        "Plan: 0 to create, 1 to update, 0 to delete, 50 unchanged.",
        "",
      ].join("\n"),
    );
    expect((await fleetOnServer()).find((m) => m.name === "fleet-07")?.intervalMinutes).toBe(5);

    const applied = await sipwatch(["apply", file]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('updated monitor "fleet-07"');
    expect((await fleetOnServer()).find((m) => m.name === "fleet-07")?.intervalMinutes).toBe(15);
  }, 120_000);

  it("refuses a broken file naming the file, line and field, before asking the server", async () => {
    const file = join(dir, "broken.yaml");
    writeFileSync(
      file,
      fleetFile((i) => (i === 3 ? "7" : "5")).replace("regions: [weur, enam]", "regions: [weur, mars]"),
    );
    const result = await sipwatch(["apply", file]);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines).toEqual([
      `${file}:11:21: monitors[0].regions[1]: Invalid option: expected one of "wnam"|"enam"|"sam"|"weur"|"eeur"|"apac"|"oc"|"afr"|"me"`,
      expect.stringMatching(new RegExp(`^${file}:\\d+:22: monitors\\[2\\]\\.intervalMinutes: `)),
    ]);
  }, 60_000);

  it("exports a file that applies with no change", async () => {
    const exported = await sipwatch(["export"]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(
      /^# yaml-language-server: \$schema=http:\/\/127\.0\.0\.1:18803\/api\/v1\/monitors-file\.schema\.json\n/,
    );
    expect(exported.stdout).toContain("name: fleet-50");
    const file = join(dir, "exported.yaml");
    writeFileSync(file, exported.stdout);
    const again = await sipwatch(["apply", file, "--dry-run"]);
    expect(again.stderr).toBe("");
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Plan: 0 to create, 0 to update, 0 to delete, \d+ unchanged\.\n$/);
  }, 60_000);
});
