import { describe, expect, it } from "vitest";
import { parseMonitorsFile, renderMonitorsFile } from "./monitors-file-io";

const FILE = `version: 1
monitors:
  - name: pbx
    target: sips:example.com
    intervalMinutes: 5
    thresholds:
      slowMs: 10
  - name: second
    target: example.org
    colour: red
`;

describe("the monitors file as apply reads it", () => {
  it("names file, line, column and field of each problem", () => {
    const parsed = parseMonitorsFile(FILE, "monitors.yaml");
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.errors).toEqual([
      "monitors.yaml:7:15: monitors[0].thresholds.slowMs: Too small: expected number to be >=50",
      'monitors.yaml:10:5: monitors[1].colour: Unrecognized key: "colour"',
    ]);
  });

  it("points at a missing field's parent, and at YAML syntax errors", () => {
    const missing = parseMonitorsFile("version: 1\nmonitors:\n  - name: pbx\n", "m.yaml");
    expect(missing.ok ? [] : missing.errors).toEqual([
      "m.yaml:3:5: monitors[0].target: Invalid input: expected string, received undefined",
    ]);
    const broken = parseMonitorsFile("version: 1\nmonitors: [\n", "m.yaml");
    expect(broken.ok ? [] : broken.errors[0]).toMatch(/^m\.yaml:\d+:\d+: /);
  });

  it("reads back what export writes", () => {
    const file = {
      version: 1 as const,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an environment reference, as export writes it
      channels: [{ name: "Ops", type: "slack" as const, webhookUrl: "${SIPWATCH_SLACK_OPS}", enabled: true }],
      monitors: [{ name: "pbx", target: "sips:example.com", intervalMinutes: 5 as const, slug: null }],
    };
    const text = renderMonitorsFile(file, "https://sipwatch.example/api/v1/monitors-file.schema.json");
    expect(text.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=https://sipwatch.example/api/v1/monitors-file.schema.json",
    );
    expect(parseMonitorsFile(text, "exported.yaml")).toEqual({ ok: true, file });
  });
});
