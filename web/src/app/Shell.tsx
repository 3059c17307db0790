import { can, type Operation } from "@sipwatch/core";
import { useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useLocation } from "wouter";
import type { Schemas } from "../api/client";
import { useActivateOrganisation, useCreateOrganisation, useOrganisations } from "../api/queries";
import { signOut } from "../auth/auth-client";
import { useTheme } from "../ui/theme";
import { useCallerRole } from "./caller-role";

/** The pages; `reads` names the API operation a page lists, for those not every role may read. */
const NAV: { href: string; label: string; reads?: Operation }[] = [
  { href: "/", label: "Overview" },
  { href: "/incidents", label: "Incidents" },
  { href: "/settings/channels", label: "Alerts" },
  { href: "/settings/agents", label: "Agents", reads: "GET /api/v1/agents" },
  { href: "/settings/badges", label: "Badges" },
  { href: "/settings/status-pages", label: "Status pages" },
  { href: "/settings/members", label: "Members" },
  { href: "/settings/tokens", label: "API tokens", reads: "GET /api/v1/tokens" },
  { href: "/audit", label: "Audit log" },
];

export function Shell({ organisation, children }: { organisation: Schemas["Organisation"]; children: ReactNode }) {
  const [location] = useLocation();
  const [theme, toggleTheme] = useTheme();
  const client = useQueryClient();
  const role = useCallerRole();
  const shown = NAV.filter((item) => !item.reads || role === null || (role !== "unknown" && can(role, item.reads)));
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          <span className="brand-dot" aria-hidden="true" /> sipwatch
        </Link>
        <nav className="nav" aria-label="Main">
          {shown.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              aria-current={
                (
                  item.href === "/"
                    ? location === "/" || location.startsWith("/monitors")
                    : location === item.href || location.startsWith(`${item.href}/`)
                )
                  ? "page"
                  : undefined
              }
            >
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="topbar-end">
          <OrganisationSwitcher current={organisation} />
          <button
            type="button"
            onClick={toggleTheme}
            aria-label={`Switch to ${theme === "dark" ? "light" : "dark"} theme`}
          >
            {theme === "dark" ? "☀" : "☾"}
          </button>
          <button
            type="button"
            onClick={async () => {
              await signOut();
              client.clear();
              window.location.assign("/sign-in");
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main">{children}</main>
    </>
  );
}

const NEW_ORGANISATION = "__new__";

/** Switches the session's organisation; the last option creates one (its creator becomes owner) and switches to it. */
function OrganisationSwitcher({ current }: { current: Schemas["Organisation"] }) {
  const organisations = useOrganisations();
  const activate = useActivateOrganisation();
  const create = useCreateOrganisation();
  const [, navigate] = useLocation();
  const list = organisations.data?.organisations ?? [current];
  // The page on screen belongs to the organisation being left: start again from its overview.
  const switchTo = (id: string) => activate.mutate(id, { onSuccess: () => navigate("/") });
  const choose = (value: string) => {
    if (value !== NEW_ORGANISATION) return switchTo(value);
    const name = window.prompt("Name of the new organisation (a customer, a team):")?.trim();
    if (name) create.mutate(name, { onSuccess: (created) => switchTo(created.id) });
  };
  const error = create.error ?? activate.error;
  return (
    <>
      <label htmlFor="organisation" className="visually-hidden">
        Organisation
      </label>
      <select
        id="organisation"
        value={current.id}
        disabled={activate.isPending || create.isPending}
        onChange={(e) => choose(e.target.value)}
      >
        {list.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
        <option value={NEW_ORGANISATION}>+ New organisation…</option>
      </select>
      {error ? (
        <span className="field-error" role="alert">
          {error.message}
        </span>
      ) : null}
    </>
  );
}
