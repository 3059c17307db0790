import { useState } from "react";
import type { Schemas } from "../api/client";
import { Snippet } from "../ui/CopyButton";
import { badgePath, badgeVariants, embedSnippets, variantLabel, variantQuery } from "./badge-snippets";

type PublicMonitor = Schemas["OverviewMonitor"] & { slug: string };

/** One public monitor: every badge it has, live, and the embed codes for the one picked. */
export function BadgeCard({ monitor, origin }: { monitor: PublicMonitor; origin: string }) {
  const variants = badgeVariants(monitor.expectedTransports);
  const [picked, setPicked] = useState(0);
  // The transports can change under a picked index on refetch; fall back to the status badge.
  const variant = variants[picked] ?? { show: "status" as const };
  const snippets = embedSnippets(origin, monitor, variant);
  const headingId = `badge-${monitor.id}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {monitor.name} <span className="muted small mono">/{monitor.slug}</span>
      </h3>
      <fieldset>
        <legend>Badge</legend>
        <div className="checks">
          {variants.map((v, i) => (
            <label key={variantQuery(v)} style={{ padding: "0.25rem 0" }}>
              <input type="radio" name={`variant-${monitor.id}`} checked={i === picked} onChange={() => setPicked(i)} />
              <span>{variantLabel(v)}</span>
              {/* The badge is live: it shows what a README visitor sees now, cached for a minute. */}
              <img src={badgePath(monitor.slug, "svg", v)} alt={`${variantLabel(v)} badge`} height={20} />
            </label>
          ))}
        </div>
      </fieldset>
      <div className="stack">
        <SnippetField label="Markdown" text={snippets.markdown} />
        <SnippetField label="HTML" text={snippets.html} />
        <SnippetField label="shields.io endpoint" text={snippets.shields} />
        <SnippetField label="Public status JSON" text={snippets.statusJson} />
      </div>
    </section>
  );
}

function SnippetField({ label, text }: { label: string; text: string }) {
  return (
    <div>
      <div className="small" style={{ fontWeight: 600 }}>
        {label}
      </div>
      <Snippet text={text} label={label} />
    </div>
  );
}
