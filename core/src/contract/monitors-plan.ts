import { ONCALL_ENDPOINTS } from "../catalogue/oncall-endpoints";
import type { ChannelEntry, MaintenanceEntry, MonitorEntry, MonitorsFile } from "./monitors-file";

/** A monitor as the API returns it (GET /api/v1/monitors), as far as the file manages it. */
export interface ServerMonitor {
  id: string;
  name: string;
  target: string;
  expectedTransports: string[];
  regions: string[];
  intervalMinutes: number;
  enabled: boolean;
  isPublic: boolean;
  slug: string | null;
  thresholds: Record<string, number>;
  alertPolicy: Record<string, number>;
}

export interface ServerWindow {
  id: string;
  startsAt: string;
  endsAt: string;
  reason: string;
  /** Shown on public status pages (absent from servers older than the status pages). */
  announce?: boolean;
}

/** A channel as the API returns it: secrets stay on the server (a Slack hook shows only its host). */
export interface ServerChannel {
  id: string;
  name: string;
  type: string;
  enabled: boolean;
  config:
    | { type: "slack" | "teams" | "discord"; webhookHost: string }
    | { type: "email"; to: string[] }
    | { type: "webhook" | "pagerduty" | "opsgenie"; url: string };
}

export interface ServerState {
  monitors: ServerMonitor[];
  /** Maintenance windows by monitor id. */
  windows: Record<string, ServerWindow[]>;
  channels: ServerChannel[];
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export type PlannedChange =
  | { kind: "create"; what: "monitor"; name: string; body: Record<string, unknown>; maintenance: MaintenanceEntry[] }
  | {
      kind: "update";
      what: "monitor";
      name: string;
      id: string;
      fields: FieldChange[];
      patch: Record<string, unknown>;
      addWindows: MaintenanceEntry[];
      removeWindows: ServerWindow[];
    }
  | { kind: "create"; what: "channel"; name: string; body: Record<string, unknown> }
  | { kind: "update"; what: "channel"; name: string; id: string; fields: FieldChange[]; patch: Record<string, unknown> }
  | { kind: "delete"; what: "monitor" | "channel"; name: string; id: string }
  | { kind: "unchanged"; what: "monitor" | "channel"; name: string; id: string };

export interface PlanOptions {
  /** Delete the server's monitors and channels that the file does not name. */
  prune: boolean;
  /** Epoch ms: windows that have ended are history, neither compared nor created. */
  now: number;
  /** Reads ${VAR} in channel secrets; undefined when the variable is not set. */
  env: (name: string) => string | undefined;
}

export type Plan = { ok: true; changes: PlannedChange[] } | { ok: false; errors: string[] };

const sameSet = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && [...a].map(String).sort().join("\u0000") === [...b].map(String).sort().join("\u0000");

const SIMPLE_FIELDS = ["target", "intervalMinutes", "enabled", "isPublic", "slug"] as const;
const SET_FIELDS = ["expectedTransports", "regions"] as const;
const NESTED_FIELDS = ["thresholds", "alertPolicy"] as const;

/** What to PATCH so the server's monitor says what the file says; only fields the file names. */
function monitorDiff(
  entry: MonitorEntry,
  server: ServerMonitor,
): { fields: FieldChange[]; patch: Record<string, unknown> } {
  const fields: FieldChange[] = [];
  const patch: Record<string, unknown> = {};
  for (const key of SIMPLE_FIELDS) {
    const wanted = entry[key];
    if (wanted === undefined || wanted === server[key]) continue;
    fields.push({ field: key, from: server[key], to: wanted });
    patch[key] = wanted;
  }
  for (const key of SET_FIELDS) {
    const wanted = entry[key];
    if (wanted === undefined || sameSet(wanted, server[key])) continue;
    fields.push({ field: key, from: server[key], to: wanted });
    patch[key] = wanted;
  }
  for (const key of NESTED_FIELDS) {
    const wanted: Record<string, number | undefined> = entry[key] ?? {};
    const changed: Record<string, number> = {};
    for (const [sub, value] of Object.entries(wanted)) {
      if (value === undefined || server[key][sub] === value) continue;
      fields.push({ field: `${key}.${sub}`, from: server[key][sub], to: value });
      changed[sub] = value;
    }
    if (Object.keys(changed).length > 0) patch[key] = changed;
  }
  return { fields, patch };
}

// Announcing a window or not is part of what it is: flipping it replaces the window.
const windowKey = (w: { startsAt: string; endsAt: string; reason: string; announce?: boolean }) =>
  `${Date.parse(w.startsAt)}|${Date.parse(w.endsAt)}|${w.reason}|${w.announce === true}`;

/** The monitor's windows that have not ended, against the file's list (when it has one). */
function windowDiff(entry: MonitorEntry, server: readonly ServerWindow[], now: number) {
  if (entry.maintenance === undefined) return { addWindows: [], removeWindows: [] };
  const wanted = entry.maintenance.filter((w) => Date.parse(w.endsAt) > now);
  const current = server.filter((w) => Date.parse(w.endsAt) > now);
  const currentKeys = new Set(current.map(windowKey));
  const wantedKeys = new Set(wanted.map(windowKey));
  return {
    addWindows: wanted.filter((w) => !currentKeys.has(windowKey(w))),
    removeWindows: current.filter((w) => !wantedKeys.has(windowKey(w))),
  };
}

const ENV_REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** A secret as written (a value or ${VAR}): its value, or why there is none. */
function secretValue(written: string, env: PlanOptions["env"]): { value?: string; missing?: string } {
  const reference = ENV_REFERENCE.exec(written)?.[1];
  if (reference === undefined) return { value: written };
  const value = env(reference);
  return value === undefined || value === "" ? { missing: reference } : { value };
}

/** The channel's config for the API, and what of it can be compared with what the server shows. */
function channelConfig(entry: ChannelEntry, options: PlanOptions, where: string, creating: boolean, errors: string[]) {
  const read = (written: string, field: string) => {
    const value = secretValue(written, options.env);
    if (value.missing && creating) errors.push(`${where}: set ${value.missing} (its ${field}) to create it`);
    return value.value;
  };
  switch (entry.type) {
    case "slack":
    case "teams":
    case "discord": {
      const webhookUrl = read(entry.webhookUrl, "webhookUrl");
      return { config: { type: entry.type, webhookUrl }, secretKnown: webhookUrl !== undefined };
    }
    case "webhook": {
      const key = entry.secret === undefined ? undefined : read(entry.secret, "secret");
      return { config: { type: "webhook", url: entry.url, ...(key ? { secret: key } : {}) }, secretKnown: true };
    }
    case "pagerduty":
    case "opsgenie": {
      const field = entry.type === "pagerduty" ? "routingKey" : "apiKey";
      const key = read(entry.type === "pagerduty" ? entry.routingKey : entry.apiKey, field);
      // A key left unknown on an existing channel is kept by the server (PATCH without it).
      const region = entry.region ?? "us";
      const url = entry.url ?? ONCALL_ENDPOINTS[entry.type][region];
      return { config: { type: entry.type, region, url, ...(key ? { [field]: key } : {}) }, secretKnown: true };
    }
    case "email":
      return { config: { type: "email", to: entry.to }, secretKnown: true };
  }
}

function channelPlan(entry: ChannelEntry, server: ServerChannel | undefined, options: PlanOptions, errors: string[]) {
  const where = `channel "${entry.name}"`;
  const { config, secretKnown } = channelConfig(entry, options, where, server === undefined, errors);
  if (server === undefined) {
    return {
      kind: "create",
      what: "channel",
      name: entry.name,
      body: { name: entry.name, enabled: entry.enabled, config },
    } as const;
  }
  const fields: FieldChange[] = [];
  const patch: Record<string, unknown> = {};
  if (entry.enabled !== undefined && entry.enabled !== server.enabled) {
    fields.push({ field: "enabled", from: server.enabled, to: entry.enabled });
    patch.enabled = entry.enabled;
  }
  // Secrets never leave the server, so a channel compares by what it shows: the Slack hook's
  // host, the webhook's URL, the email addresses. A new hook on the same host needs a new name.
  const shown = server.config;
  let configChanged = shown.type !== entry.type;
  if (!configChanged && "webhookHost" in shown && "webhookUrl" in config && secretKnown) {
    configChanged = new URL(String(config.webhookUrl)).host !== shown.webhookHost;
  } else if (!configChanged && entry.type === "email" && shown.type === "email") {
    configChanged = !sameSet(entry.to, shown.to);
  } else if (!configChanged && "url" in shown && "url" in config) {
    configChanged = config.url !== shown.url;
  }
  if (configChanged) {
    if (!secretKnown) errors.push(`${where}: its configuration changed; set its webhookUrl variable to apply it`);
    fields.push({ field: "config", from: shown, to: withoutSecrets(config) });
    patch.config = config;
  }
  return fields.length > 0
    ? ({ kind: "update", what: "channel", name: entry.name, id: server.id, fields, patch } as const)
    : ({ kind: "unchanged", what: "channel", name: entry.name, id: server.id } as const);
}

/** A config as a plan prints it: every secret shown as "(secret)". */
function withoutSecrets(config: Record<string, unknown>): Record<string, unknown> {
  const hidden = ["webhookUrl", "secret", "routingKey", "apiKey"];
  return Object.fromEntries(
    Object.entries(config).map(([k, v]) => [k, hidden.includes(k) && v !== undefined ? "(secret)" : v]),
  );
}

/**
 * What `sipwatch apply` will do to make the server say what the file says: channels and
 * monitors matched by name; with `prune`, the server's monitors and channels the file does not
 * name are deleted (without it, apply never deletes one). Pure: the CLI fetches and executes.
 */
export function planMonitorsFile(file: MonitorsFile, server: ServerState, options: PlanOptions): Plan {
  const errors: string[] = [];
  const changes: PlannedChange[] = [];
  const byName = <T extends { name: string }>(items: readonly T[], what: string) => {
    const map = new Map<string, T>();
    for (const item of items) {
      if (map.has(item.name)) errors.push(`the server has two ${what}s named "${item.name}": rename one first`);
      map.set(item.name, item);
    }
    return map;
  };
  const serverChannels = byName(server.channels, "channel");
  const serverMonitors = byName(server.monitors, "monitor");
  const fileChannels = file.channels ?? [];

  for (const entry of fileChannels) changes.push(channelPlan(entry, serverChannels.get(entry.name), options, errors));
  for (const entry of file.monitors) {
    const current = serverMonitors.get(entry.name);
    if (current === undefined) {
      const { maintenance = [], ...body } = entry;
      const upcoming = maintenance.filter((w) => Date.parse(w.endsAt) > options.now);
      changes.push({ kind: "create", what: "monitor", name: entry.name, body, maintenance: upcoming });
      continue;
    }
    const { fields, patch } = monitorDiff(entry, current);
    const windows = windowDiff(entry, server.windows[current.id] ?? [], options.now);
    const unchanged = fields.length === 0 && windows.addWindows.length === 0 && windows.removeWindows.length === 0;
    changes.push(
      unchanged
        ? { kind: "unchanged", what: "monitor", name: entry.name, id: current.id }
        : { kind: "update", what: "monitor", name: entry.name, id: current.id, fields, patch, ...windows },
    );
  }
  if (options.prune) {
    const named = new Set(file.monitors.map((m) => m.name));
    for (const m of server.monitors)
      if (!named.has(m.name)) changes.push({ kind: "delete", what: "monitor", name: m.name, id: m.id });
    // Channels are pruned only when the file manages channels at all.
    if (file.channels !== undefined) {
      const namedChannels = new Set(fileChannels.map((c) => c.name));
      for (const c of server.channels)
        if (!namedChannels.has(c.name)) changes.push({ kind: "delete", what: "channel", name: c.name, id: c.id });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, changes };
}

/** Counts for the plan's last line. */
export function planCounts(changes: readonly PlannedChange[]): Record<PlannedChange["kind"], number> {
  const counts = { create: 0, update: 0, delete: 0, unchanged: 0 };
  for (const c of changes) counts[c.kind] += 1;
  return counts;
}
