import { type ComponentType, useEffect } from "react";
import { Link } from "wouter";
import { AgentsSection, BadgesSection, ChannelsSection, StatusPagesSection, TokensSection } from "../settings";

const SECTIONS: Record<string, { title: string; Section: ComponentType }> = {
  channels: { title: "Alert channels", Section: ChannelsSection },
  agents: { title: "Agents", Section: AgentsSection },
  tokens: { title: "API tokens", Section: TokensSection },
  badges: { title: "Badges", Section: BadgesSection },
  "status-pages": { title: "Status pages", Section: StatusPagesSection },
};

/** /settings/:section; loaded lazily by App, hence the default export. */
export default function Settings({ section }: { section: string }) {
  // Object.hasOwn: "/settings/constructor" must not find Object.prototype's.
  const found = Object.hasOwn(SECTIONS, section) ? SECTIONS[section] : undefined;
  const title = found?.title ?? "Settings not found";
  useEffect(() => {
    document.title = `${title} · sipwatch`;
  }, [title]);
  if (!found) return <UnknownSection section={section} />;
  return <found.Section />;
}

function UnknownSection({ section }: { section: string }) {
  return (
    <div className="state">
      <h1>No settings page “{section}”</h1>
      <p>These are the settings pages:</p>
      <ul style={{ listStyle: "none", padding: 0 }}>
        {Object.entries(SECTIONS).map(([path, { title }]) => (
          <li key={path}>
            <Link href={`/settings/${path}`}>{title}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
