import { verdanaWidth } from "./text-width";

/** What a badge says: the grey label on the left, the coloured message on the right. */
export interface Badge {
  label: string;
  message: string;
  color: BadgeColor;
}

/** shields.io's named colours, so the JSON endpoint and the SVG agree. */
export const BADGE_COLORS = {
  brightgreen: "#4c1",
  green: "#97ca00",
  yellow: "#dfb317",
  orange: "#fe7d37",
  red: "#e05d44",
  lightgrey: "#9f9f9f",
} as const;

export type BadgeColor = keyof typeof BADGE_COLORS;

const HORIZONTAL_PADDING = 5;

/**
 * A shields-style "flat" badge as SVG: 20px high, each half as wide as its text plus padding.
 * Text is drawn at 10x scale with `textLength`, as shields does, so renderers that lack Verdana
 * still fit it to the measured box.
 *
 * @example renderBadgeSvg({ label: "sip", message: "ok", color: "brightgreen" })
 */
export function renderBadgeSvg(badge: Badge): string {
  const labelText = verdanaWidth(badge.label);
  const messageText = verdanaWidth(badge.message);
  const labelWidth = Math.round(labelText) + 2 * HORIZONTAL_PADDING;
  const messageWidth = Math.round(messageText) + 2 * HORIZONTAL_PADDING;
  const width = labelWidth + messageWidth;
  const label = escapeXml(badge.label);
  const message = escapeXml(badge.message);
  const title = `${label}: ${message}`;
  const text = (value: string, centre: number, length: number) => {
    const x = Math.round(centre * 10);
    const textLength = Math.round(length * 10);
    return (
      `<text aria-hidden="true" x="${x}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="${textLength}">${value}</text>` +
      `<text x="${x}" y="140" transform="scale(.1)" fill="#fff" textLength="${textLength}">${value}</text>`
    );
  };
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`,
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${labelWidth}" height="20" fill="#555"/><rect x="${labelWidth}" width="${messageWidth}" height="20" fill="${BADGE_COLORS[badge.color]}"/><rect width="${width}" height="20" fill="url(#s)"/></g>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110">`,
    text(label, labelWidth / 2, labelText),
    text(message, labelWidth + messageWidth / 2, messageText),
    "</g></svg>",
  ].join("");
}

/** The shields.io endpoint schema, for `https://img.shields.io/endpoint?url=...`. */
export function shieldsEndpoint(badge: Badge) {
  return { schemaVersion: 1 as const, label: badge.label, message: badge.message, color: badge.color };
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}
