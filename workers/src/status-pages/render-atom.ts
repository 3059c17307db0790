import type { PublicStatusPage } from "@sipwatch/core/contract";

/** XML 1.0 text and attribute escaping (the five predefined entities). */
const xml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c);

/**
 * The page's incidents as an Atom feed (RFC 4287): one entry per incident, updated when its
 * latest public update was written, its public updates as the text content. Entry ids are tag
 * URIs (RFC 4151) of the page and the opening time, stable across renders and reveal no row id.
 */
export function renderIncidentFeed(page: PublicStatusPage, links: { html: string; atom: string }): string {
  const host = new URL(links.html).host;
  const feedUpdated = [page.generatedAt, ...page.incidents.map((i) => i.updates[0]?.at ?? i.resolvedAt ?? i.openedAt)]
    .filter(Boolean)
    .sort()
    .at(-1);
  const entries = page.incidents.map((incident) => {
    const updated = [incident.openedAt, incident.resolvedAt ?? "", ...incident.updates.map((u) => u.at)].sort().at(-1);
    const lines = [
      `${incident.heading}.`,
      `Opened ${incident.openedAt}${incident.resolvedAt ? `, resolved ${incident.resolvedAt}` : ""}.`,
      ...incident.updates.map((u) => `${u.at}: ${u.body}`),
    ];
    return `  <entry>
    <id>tag:${xml(host)},2026:${xml(new URL(links.html).pathname)}/${xml(incident.openedAt)}/${xml(encodeURIComponent(incident.monitor))}</id>
    <title>${xml(incident.heading)}</title>
    <updated>${xml(updated ?? incident.openedAt)}</updated>
    <link rel="alternate" type="text/html" href="${xml(links.html)}"/>
    <content type="text">${xml(lines.join("\n"))}</content>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(links.atom)}</id>
  <title>${xml(page.title)}: incidents</title>
  <updated>${xml(feedUpdated ?? page.generatedAt)}</updated>
  <author><name>${xml(page.title)}</name></author>
  <link rel="self" type="application/atom+xml" href="${xml(links.atom)}"/>
  <link rel="alternate" type="text/html" href="${xml(links.html)}"/>
${entries.join("\n")}
</feed>
`;
}
