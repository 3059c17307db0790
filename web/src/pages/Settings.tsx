import type { Operation } from "@sipwatch/core";
import { type ComponentType, useEffect } from "react";
import { Link } from "wouter";
import { RoleGate } from "../app/caller-role";
import { MembersSection } from "../members";
import { AgentsSection, BadgesSection, ChannelsSection, StatusPagesSection, TokensSection } from "../settings";

/** `reads`: the operation a section lists, where not every role may read it (core's OPERATION_ROLES). */
const SECTIONS: Record<string, { title: string; Section: ComponentType; reads?: Operation }> = {
  members: { title: "Members", Section: MembersSection },
  channels: { title: "Alert channels", Section: ChannelsSection },
  agents: { title: "Agents", Section: AgentsSection, reads: "GET /api/v1/agents" },
  tokens: { title: "API tokens", Section: TokensSection, reads: "GET /api/v1/tokens" },
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
  return found.reads ? (
    <RoleGate operation={found.reads} doing={`see ${found.title.toLowerCase()}`}>
      <found.Section />
    </RoleGate>
  ) : (
    <found.Section />
  );
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
