import type { DailyBar, PublicMonitor, PublicPageState, PublicStatusPage } from "@sipwatch/core/contract";
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

/** Links of one page: its HTML, JSON twin, Atom feed and stylesheet. */
export interface PageLinks {
  html: string;
  json: string;
  atom: string;
  stylesheet: string;
}

const STATE_WORDS: Record<PublicPageState, string> = {
  ok: "Working",
  degraded: "Degraded",
  down: "Disrupted",
  maintenance: "Maintenance",
  unknown: "No data",
};

const percent = (share: number | null) => (share === null ? "no data" : `${(share * 100).toFixed(2)}%`);
const dateTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

// Bars as SVG presentation attributes and classes: the page's CSP allows no inline style.
const BAR_WIDTH = 3;
const BAR_GAP = 1;
const barClass = (a: number | null) =>
  a === null ? "bar-none" : a >= 0.999 ? "bar-ok" : a >= 0.95 ? "bar-degraded" : "bar-down";

function bars(monitor: PublicMonitor, index: number) {
  const width = monitor.days.length * (BAR_WIDTH + BAR_GAP);
  const labelId = `bars-${index}`;
  return html`<figure class="bars">
    <svg role="img" aria-labelledby="${labelId}" viewBox="0 0 ${width} 30" preserveAspectRatio="none" focusable="false">
      <title id="${labelId}">${monitor.name}: ${percent(monitor.availability90d)} available over ${monitor.days.length} days</title>
      ${monitor.days.map(
        (d, i) =>
          html`<rect class="${barClass(d.availability)}" x="${i * (BAR_WIDTH + BAR_GAP)}" y="0" width="${BAR_WIDTH}" height="30"></rect>`,
      )}
    </svg>
    <figcaption><span>${monitor.days.length} days ago</span><span>${percent(monitor.availability90d)}</span><span>Today</span></figcaption>
  </figure>
  <details>
    <summary>Daily availability of ${monitor.name}</summary>
    <table>
      <caption class="visually-hidden">Availability per day, newest first</caption>
      <thead><tr><th scope="col">Day (UTC)</th><th scope="col">Available</th></tr></thead>
      <tbody>${[...monitor.days].reverse().map((d: DailyBar) => html`<tr><td>${d.day}</td><td>${percent(d.availability)}</td></tr>`)}</tbody>
    </table>
  </details>`;
}

/** Problems first and in full; phones that register normally fold into one line a visitor can open. */
function phoneList(monitor: PublicMonitor) {
  if (monitor.phones.length === 0) return html`<p class="muted">No phone predictions yet.</p>`;
  const affected = monitor.phones.filter((p) => p.tone !== "ok");
  const fine = monitor.phones.filter((p) => p.tone === "ok");
  const item = (p: PublicMonitor["phones"][number]) => html`<li class="tone-${p.tone}">${p.sentence}</li>`;
  return html`${affected.length > 0 ? html`<ul class="phones">${affected.map(item)}</ul>` : ""}
    ${
      fine.length > 0
        ? html`<details class="phones-fine"><summary>${affected.length > 0 ? `${fine.length} other phone types register normally` : `All ${fine.length} phone types register normally`}</summary>
      <ul class="phones">${fine.map(item)}</ul></details>`
        : ""
    }`;
}

function monitorSection(monitor: PublicMonitor, index: number) {
  return html`<article class="monitor">
    <h3>${monitor.name} <span class="state state-${monitor.state}">${STATE_WORDS[monitor.state]}</span></h3>
    ${phoneList(monitor)}
    ${bars(monitor, index)}
    <p class="muted">Last checked: ${monitor.lastCheckedAt ? html`<time datetime="${monitor.lastCheckedAt}">${dateTime(monitor.lastCheckedAt)}</time>` : "not yet"}</p>
  </article>`;
}

/**
 * The public status page as HTML that needs no JavaScript: hono/html escapes every interpolated
 * value (titles, names and updates are operator text), and nothing inline runs or styles.
 */
export function renderStatusPageHtml(page: PublicStatusPage, links: PageLinks): Promise<string> {
  const doc: HtmlEscapedString | Promise<HtmlEscapedString> = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${page.title}</title>
<link rel="stylesheet" href="${links.stylesheet}">
<link rel="alternate" type="application/atom+xml" title="${page.title}: incidents" href="${links.atom}">
<link rel="alternate" type="application/json" href="${links.json}">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="page-header">
  <h1>${page.title}</h1>
  ${page.description ? html`<p>${page.description}</p>` : ""}
</header>
<main id="main">
  <section aria-labelledby="now-heading" class="now now-${page.state}">
    <h2 id="now-heading">Current status: ${STATE_WORDS[page.state]}</h2>
    <p>${page.summary}</p>
  </section>
  ${
    page.maintenance.length > 0
      ? html`<section aria-labelledby="maintenance-heading">
    <h2 id="maintenance-heading">Maintenance</h2>
    <ul class="maintenance">${page.maintenance.map(
      (w) => html`<li><strong>${w.monitor}</strong>${w.ongoing ? " (under way)" : ""}: ${w.reason}<br>
      <time datetime="${w.startsAt}">${dateTime(w.startsAt)}</time> to <time datetime="${w.endsAt}">${dateTime(w.endsAt)}</time></li>`,
    )}</ul>
  </section>`
      : ""
  }
  <section aria-labelledby="services-heading">
    <h2 id="services-heading">Services</h2>
    ${page.monitors.map((m, i) => monitorSection(m, i))}
  </section>
  <section aria-labelledby="incidents-heading">
    <h2 id="incidents-heading">Incidents</h2>
    ${
      page.incidents.length === 0
        ? html`<p class="muted">No incidents reported.</p>`
        : page.incidents.map(
            (incident) => html`<article class="incident incident-${incident.status}">
      <h3>${incident.heading}</h3>
      <p class="muted">Opened <time datetime="${incident.openedAt}">${dateTime(incident.openedAt)}</time>${
        incident.resolvedAt
          ? html`, resolved <time datetime="${incident.resolvedAt}">${dateTime(incident.resolvedAt)}</time>`
          : ""
      }</p>
      ${
        incident.updates.length > 0
          ? html`<ol class="updates">${incident.updates.map(
              (u) => html`<li><time datetime="${u.at}">${dateTime(u.at)}</time><p>${u.body}</p></li>`,
            )}</ol>`
          : ""
      }
    </article>`,
          )
    }
  </section>
</main>
<footer>
  <p>Updated <time datetime="${page.generatedAt}">${dateTime(page.generatedAt)}</time>. Also as <a href="${links.json}">JSON</a> and an <a href="${links.atom}">Atom feed of incidents</a>.</p>
</footer>
</body>
</html>`;
  return Promise.resolve(doc).then(String);
}
