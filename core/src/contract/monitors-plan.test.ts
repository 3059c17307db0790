import { describe, expect, it } from "vitest";
import type { MonitorsFile } from "./monitors-file";
import { type PlanOptions, planCounts, planMonitorsFile, type ServerMonitor, type ServerState } from "./monitors-plan";

const NOW = Date.parse("2026-12-05T12:00:00Z");
const options = (over: Partial<PlanOptions> = {}): PlanOptions => ({
  prune: false,
  now: NOW,
  env: () => undefined,
  ...over,
});

const monitor = (name: string, over: Partial<ServerMonitor> = {}): ServerMonitor => ({
  id: `mon_${name}`,
  name,
  target: `${name}.example.com`,
  expectedTransports: ["udp", "tcp", "tls"],
  regions: ["weur", "enam"],
  intervalMinutes: 5,
  enabled: true,
  isPublic: false,
  slug: null,
  thresholds: { failuresToOpen: 2, successesToResolve: 2, slowMs: 1000, certExpiryDays: 14 },
  alertPolicy: { quorum: 2, reminderIntervalMinutes: 240, flapMaxChanges: 4, flapWindowMinutes: 60 },
  ...over,
});

const state = (over: Partial<ServerState> = {}): ServerState => ({ monitors: [], windows: {}, channels: [], ...over });

describe("planMonitorsFile", () => {
  it("creates what the server lacks and leaves what matches, fields left out included", () => {
    const file: MonitorsFile = {
      version: 1,
      monitors: [
        { name: "a", target: "a.example.com", regions: ["enam", "weur"] },
        { name: "b", target: "b.example.com", intervalMinutes: 15 },
      ],
    };
    const plan = planMonitorsFile(file, state({ monitors: [monitor("a")] }), options());
    expect(plan.ok && plan.changes.map((c) => [c.kind, c.name])).toEqual([
      ["unchanged", "a"],
      ["create", "b"],
    ]);
  });

  it("updates exactly the fields that differ, nested thresholds by key", () => {
    const file: MonitorsFile = {
      version: 1,
      monitors: [{ name: "a", target: "a.example.com", thresholds: { slowMs: 800 }, enabled: false }],
    };
    const plan = planMonitorsFile(file, state({ monitors: [monitor("a")] }), options());
    expect(plan.ok && plan.changes).toEqual([
      {
        kind: "update",
        what: "monitor",
        name: "a",
        id: "mon_a",
        fields: [
          { field: "enabled", from: true, to: false },
          { field: "thresholds.slowMs", from: 1000, to: 800 },
        ],
        patch: { enabled: false, thresholds: { slowMs: 800 } },
        addWindows: [],
        removeWindows: [],
      },
    ]);
  });

  it("deletes only with prune, and channels only when the file lists channels", () => {
    const server = state({
      monitors: [monitor("a"), monitor("old")],
      channels: [
        { id: "chn_1", name: "ops", type: "email", enabled: true, config: { type: "email", to: ["a@x.test"] } },
      ],
    });
    const file: MonitorsFile = { version: 1, monitors: [{ name: "a", target: "a.example.com" }] };
    const kept = planMonitorsFile(file, server, options());
    expect(kept.ok && planCounts(kept.changes)).toEqual({ create: 0, update: 0, delete: 0, unchanged: 1 });
    const pruned = planMonitorsFile(file, server, options({ prune: true }));
    expect(pruned.ok && pruned.changes.filter((c) => c.kind === "delete").map((c) => c.name)).toEqual(["old"]);
    const withChannels = planMonitorsFile({ ...file, channels: [] }, server, options({ prune: true }));
    expect(withChannels.ok && withChannels.changes.filter((c) => c.kind === "delete").map((c) => c.name)).toEqual([
      "old",
      "ops",
    ]);
  });

  it("adds and removes upcoming maintenance windows, and ignores ended ones", () => {
    const upcoming = { startsAt: "2026-12-24T22:00:00Z", endsAt: "2026-12-25T02:00:00Z", reason: "Upgrade" };
    const ended = { startsAt: "2026-11-01T22:00:00Z", endsAt: "2026-11-02T02:00:00Z", reason: "Past" };
    const server = state({
      monitors: [monitor("a")],
      windows: {
        mon_a: [
          { id: "mnt_1", startsAt: "2026-12-10T22:00:00.000Z", endsAt: "2026-12-11T01:00:00.000Z", reason: "Old plan" },
        ],
      },
    });
    const file: MonitorsFile = {
      version: 1,
      monitors: [{ name: "a", target: "a.example.com", maintenance: [upcoming, ended] }],
    };
    const plan = planMonitorsFile(file, server, options());
    const change = plan.ok ? plan.changes[0] : undefined;
    expect(
      change?.kind === "update" &&
        change.what === "monitor" && [change.addWindows, change.removeWindows.map((w) => w.id)],
    ).toEqual([[upcoming], ["mnt_1"]]);
  });

  it("replaces a window whose announcement on status pages changed, and keeps one that matches", () => {
    const window = { startsAt: "2026-12-24T22:00:00Z", endsAt: "2026-12-25T02:00:00Z", reason: "Upgrade" };
    const server = state({
      monitors: [monitor("a"), monitor("b")],
      windows: {
        mon_a: [{ id: "mnt_a", ...window, announce: false }],
        mon_b: [{ id: "mnt_b", ...window, announce: true }],
      },
    });
    const file: MonitorsFile = {
      version: 1,
      monitors: [
        { name: "a", target: "a.example.com", maintenance: [{ ...window, announce: true }] },
        { name: "b", target: "b.example.com", maintenance: [{ ...window, announce: true }] },
      ],
    };
    const plan = planMonitorsFile(file, server, options());
    const windows = (plan.ok ? plan.changes : []).map((c) =>
      c.kind === "update" && c.what === "monitor" ? [c.name, c.addWindows, c.removeWindows.map((w) => w.id)] : [c.kind],
    );
    expect(windows).toEqual([["a", [{ ...window, announce: true }], ["mnt_a"]], ["unchanged"]]);
  });

  it("needs a channel's secret to create it, not to leave it alone", () => {
    const file: MonitorsFile = {
      version: 1,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an environment reference, as the file holds it
      channels: [{ name: "slack", type: "slack", webhookUrl: "${SLACK_HOOK}" }],
      monitors: [],
    };
    const missing = planMonitorsFile(file, state(), options());
    expect(missing).toEqual({ ok: false, errors: ['channel "slack": set SLACK_HOOK (its webhookUrl) to create it'] });
    const existing = state({
      channels: [
        {
          id: "chn_1",
          name: "slack",
          type: "slack",
          enabled: true,
          config: { type: "slack", webhookHost: "hooks.slack.com" },
        },
      ],
    });
    const unchanged = planMonitorsFile(file, existing, options());
    expect(unchanged.ok && unchanged.changes.map((c) => c.kind)).toEqual(["unchanged"]);
    const moved = planMonitorsFile(file, existing, options({ env: () => "https://hooks.example.net/x" }));
    expect(moved.ok && moved.changes.map((c) => c.kind)).toEqual(["update"]);
  });

  it("plans a PagerDuty channel from an environment variable, keeps its key out of the printed plan, and compares by endpoint", () => {
    const file: MonitorsFile = {
      version: 1,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an environment reference, as the file holds it
      channels: [{ name: "pd", type: "pagerduty", routingKey: "${PD_KEY}", region: "eu" }],
      monitors: [],
    };
    const missing = planMonitorsFile(file, state(), options());
    expect(missing).toEqual({ ok: false, errors: ['channel "pd": set PD_KEY (its routingKey) to create it'] });
    const created = planMonitorsFile(file, state(), options({ env: () => "K".repeat(32) }));
    expect(created.ok && created.changes[0]).toMatchObject({
      kind: "create",
      body: {
        config: {
          type: "pagerduty",
          routingKey: "K".repeat(32),
          region: "eu",
          url: "https://events.eu.pagerduty.com/v2/enqueue",
        },
      },
    });
    const onServer = (url: string) =>
      state({
        channels: [{ id: "chn_pd", name: "pd", type: "pagerduty", enabled: true, config: { type: "pagerduty", url } }],
      });
    // The key is not needed to leave it alone, nor to move it: the server keeps the key it has.
    const same = planMonitorsFile(file, onServer("https://events.eu.pagerduty.com/v2/enqueue"), options());
    expect(same.ok && same.changes.map((c) => c.kind)).toEqual(["unchanged"]);
    const moved = planMonitorsFile(
      file,
      onServer("https://events.pagerduty.com/v2/enqueue"),
      options({ env: () => "K".repeat(32) }),
    );
    const change = moved.ok ? moved.changes[0] : undefined;
    expect(change?.kind === "update" && change.fields[0]?.to).toMatchObject({ routingKey: "(secret)", region: "eu" });
  });

  it("refuses a server with two monitors of one name, since names are the key", () => {
    const plan = planMonitorsFile(
      { version: 1, monitors: [] },
      state({ monitors: [monitor("a"), { ...monitor("a"), id: "mon_2" }] }),
      options(),
    );
    expect(plan).toEqual({ ok: false, errors: ['the server has two monitors named "a": rename one first'] });
  });
});
