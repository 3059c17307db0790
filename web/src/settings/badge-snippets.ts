import type { Schemas } from "../api/client";

type Transport = Schemas["OverviewMonitor"]["expectedTransports"][number];

/** The badges GET /badge/<slug>.svg draws, as its `show` and `transport` query parameters name them. */
export type BadgeVariant =
  | { show: "status" }
  | { show: "availability" }
  | { show: "cert" }
  | { show: "transport"; transport: Transport };

/** Status first (the default badge), then one per transport the monitor expects, then the rest. */
export function badgeVariants(expectedTransports: readonly Transport[]): BadgeVariant[] {
  return [
    { show: "status" },
    ...expectedTransports.map((transport) => ({ show: "transport" as const, transport })),
    { show: "cert" },
    { show: "availability" },
  ];
}

export function variantLabel(variant: BadgeVariant): string {
  switch (variant.show) {
    case "status":
      return "Status";
    case "availability":
      return "Availability (30 days)";
    case "cert":
      return "Certificate expiry";
    case "transport":
      return `${variant.transport.toUpperCase()} reachability`;
  }
}

/** The default badge has no query, so the plain URL people already embedded keeps meaning "status". */
export function variantQuery(variant: BadgeVariant): string {
  if (variant.show === "status") return "";
  if (variant.show === "transport") return `?show=transport&transport=${variant.transport}`;
  return `?show=${variant.show}`;
}

export const badgePath = (slug: string, format: "svg" | "json", variant: BadgeVariant) =>
  `/badge/${encodeURIComponent(slug)}.${format}${variantQuery(variant)}`;

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
// Brackets would end Markdown's alt text early.
const escapeMarkdown = (text: string) => text.replace(/([\\[\]])/g, "\\$1");

export interface EmbedSnippets {
  markdown: string;
  html: string;
  shields: string;
  statusJson: string;
}

/** What a README or a status page embeds for one public monitor's badge. */
export function embedSnippets(origin: string, monitor: { name: string; slug: string }, variant: BadgeVariant) {
  const svg = `${origin}${badgePath(monitor.slug, "svg", variant)}`;
  const json = `${origin}${badgePath(monitor.slug, "json", variant)}`;
  const alt = `${monitor.name}: ${variantLabel(variant)}`;
  return {
    markdown: `![${escapeMarkdown(alt)}](${svg})`,
    html: `<img src="${escapeHtml(svg)}" alt="${escapeHtml(alt)}">`,
    // shields.io reads its own parameters from the query, so the badge URL (with its own `&`) is encoded.
    shields: `https://img.shields.io/endpoint?url=${encodeURIComponent(json)}`,
    statusJson: `${origin}/status/${encodeURIComponent(monitor.slug)}`,
  } satisfies EmbedSnippets;
}
