import { screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

const fetchMock = await vi.hoisted(async () => (await import("../settings/api-stub")).installApiStub());

import { Overview } from "../pages/Overview";
import Settings from "../pages/Settings";
import { problem, renderWithQueries, serve } from "../settings/api-stub";
import { overviewMonitor } from "../test/overview-monitor";
import { Shell } from "./Shell";

const TOKEN = {
  id: "tok_Xb0n4w2dQ1m6c9VZ7yLk3A",
  name: "Terraform",
  prefix: "swt_AbCdEfGh",
  createdAt: "2026-11-01T08:00:00.000Z",
  lastUsedAt: null,
  expiresAt: null,
  role: "editor",
};

function asRole(role: string | null) {
  const organisation = { id: "org_1", name: "Acme", slug: "acme", createdAt: "2026-11-01T08:00:00.000Z", role };
  const answer = serve({
    "GET /api/v1/organisations/current": () =>
      role === null ? problem(500, "internal", "down") : { body: organisation },
    "GET /api/v1/overview": () => ({ body: { monitors: [overviewMonitor("alpha", {})] } }),
    "GET /api/v1/overview/availability": () => ({ body: { from: 0, hours: 24, monitors: {} } }),
    "GET /api/v1/tokens": () => ({ body: { tokens: [TOKEN] } }),
  });
  // The overview's charts fetch by URL string; the typed client passes a Request.
  fetchMock.mockImplementation((input?: Request | string) =>
    input === undefined
      ? Promise.resolve(Response.json({}, { status: 404 }))
      : answer(typeof input === "string" ? new Request(new URL(input, "http://sipwatch.test")) : input),
  );
}

beforeEach(() => fetchMock.mockReset());

describe("the dashboard hides what a role cannot do", () => {
  it("shows a viewer the monitors but no way to add one", async () => {
    asRole("viewer");
    renderWithQueries(<Overview />);
    expect(await screen.findByText("alpha")).toBeTruthy();
    await vi.waitFor(() =>
      expect(
        fetchMock.mock.calls.some(([r]) =>
          String(typeof r === "string" ? r : r.url).endsWith("/organisations/current"),
        ),
      ).toBe(true),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByRole("link", { name: "+ Add monitor" })).toBeNull();
  });

  it("offers an editor to add a monitor", async () => {
    asRole("editor");
    renderWithQueries(<Overview />);
    expect(await screen.findByRole("link", { name: "+ Add monitor" })).toBeTruthy();
  });

  it("tells an editor that only admins see API tokens (the API refuses them the list); an admin manages them", async () => {
    asRole("editor");
    const editor = renderWithQueries(<Settings section="tokens" />);
    expect(await screen.findByText(/Only admins and owners can see api tokens; you are an editor/)).toBeTruthy();
    expect(screen.queryByText("swt_AbCdEfGh…")).toBeNull();
    expect(fetchMock.mock.calls.some(([r]) => String(typeof r === "string" ? r : r.url).endsWith("/tokens"))).toBe(
      false,
    );
    editor.unmount();

    asRole("admin");
    renderWithQueries(<Settings section="tokens" />);
    expect(await screen.findByText("swt_AbCdEfGh…")).toBeTruthy();
    expect(await screen.findByRole("button", { name: "Create token" })).toBeTruthy();
    expect(await screen.findByRole("button", { name: "Revoke Terraform" })).toBeTruthy();
  });

  it("shows Agents and API tokens in the navigation to admins only", async () => {
    const organisation = { id: "org_1", name: "Acme", slug: "acme", createdAt: "2026-11-01T08:00:00.000Z" };
    for (const [role, shown] of [
      ["viewer", false],
      ["editor", false],
      ["admin", true],
      ["owner", true],
    ] as const) {
      asRole(role);
      const view = renderWithQueries(
        <Shell organisation={{ ...organisation, role }}>
          <p>page</p>
        </Shell>,
      );
      const nav = await screen.findByRole("navigation", { name: "Main" });
      await vi.waitFor(() => expect(nav.textContent).toContain("Members"));
      await vi.waitFor(() => expect(nav.textContent?.includes("API tokens"), role).toBe(shown));
      expect(nav.textContent?.includes("Agents"), role).toBe(shown);
      view.unmount();
    }
  });

  it("leaves the controls to the API when the role cannot be read", async () => {
    asRole(null);
    renderWithQueries(<Overview />);
    expect(await screen.findByRole("link", { name: "+ Add monitor" })).toBeTruthy();
  });
});
