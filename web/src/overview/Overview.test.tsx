import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Overview } from "../pages/Overview";
import { overviewMonitor } from "../test/overview-monitor";
import type { OverviewMonitor } from "./overview-rows";

const monitor = overviewMonitor;

function serve(monitors: OverviewMonitor[]) {
  const fetch = vi.fn(async (input: Request | string) => {
    const url = new URL(typeof input === "string" ? input : input.url, "http://sipwatch.test");
    const body =
      url.pathname === "/api/v1/overview"
        ? { monitors }
        : { from: 0, hours: 24, monitors: { alpha: Array.from({ length: 24 }, (_, i) => (i === 20 ? 0.5 : 1)) } };
    return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

const renderOverview = () =>
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <Overview />
    </QueryClientProvider>,
  );

afterEach(() => vi.unstubAllGlobals());

describe("the overview", () => {
  it("lists monitors worst first, with status words, worst finding, transports and certificate days", async () => {
    serve([
      monitor("alpha", {}),
      monitor("bravo", {
        health: "down",
        openFindings: 3,
        mutedFindings: 1,
        certDaysLeft: -2,
        worstFinding: { findingId: "transport.tls.closed", severity: "critical", title: "TLS port closed" },
        vantages: [
          {
            vantageId: "region:weur",
            label: "weur",
            startedAt: 0,
            status: "critical",
            transports: { tls: { ok: false, ms: null } },
          },
        ],
      }),
    ]);
    renderOverview();
    const list = await screen.findByRole("list", { name: "Monitors" });
    const rows = within(list).getAllByRole("listitem");
    expect(rows.map((r) => within(r).getByRole("link").textContent)).toEqual(["bravo", "alpha"]);
    expect(within(rows[0] as HTMLElement).getByText("Down")).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText("TLS port closed")).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText("+2 more")).toBeTruthy();
    // Muted findings are not counted in the health, but the row says they exist.
    expect(within(rows[0] as HTMLElement).getByText("· 1 muted")).toBeTruthy();
    expect(within(rows[1] as HTMLElement).queryByText(/muted/)).toBeNull();
    expect(within(rows[0] as HTMLElement).getByText("expired 2 d ago")).toBeTruthy();
    // Transport cells say their state in words for screen readers, not only in colour.
    expect(within(rows[0] as HTMLElement).getByRole("img", { name: "TLS down" })).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByRole("img", { name: "TLS up, 41 ms" })).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByRole("img", { name: "UDP not probed from the edge" })).toBeTruthy();
    expect(screen.getByText(/2 monitors: 1 down, 0 degraded, 1 healthy/)).toBeTruthy();
    expect(await within(rows[1] as HTMLElement).findByRole("img", { name: /lowest hour 50%/ })).toBeTruthy();
  });

  it("filters by text and status, and offers to clear a filter that hides everything", async () => {
    serve([monitor("alpha", {}), monitor("bravo", { health: "degraded" })]);
    renderOverview();
    const user = userEvent.setup();
    await screen.findByRole("list", { name: "Monitors" });
    await user.selectOptions(screen.getByLabelText("Status"), "attention");
    expect(
      within(screen.getByRole("list", { name: "Monitors" }))
        .getAllByRole("link")
        .map((l) => l.textContent),
    ).toEqual(["bravo"]);
    await user.type(screen.getByLabelText("Filter"), "nothing like this");
    expect(screen.getByText("No monitor matches")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Clear the filter" }));
    expect(within(screen.getByRole("list", { name: "Monitors" })).getAllByRole("link")).toHaveLength(2);
  });

  it("helps add the first monitor when there is none", async () => {
    serve([]);
    renderOverview();
    expect(await screen.findByRole("heading", { name: "Watch your first SIP domain" })).toBeTruthy();
    expect((await screen.findByRole("link", { name: "+ Add your first monitor" })).getAttribute("href")).toBe(
      "/monitors/new",
    );
  });

  it("says what went wrong when the API fails, with a retry", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(JSON.stringify({ code: "internal", detail: "D1 is unavailable", status: 500 }), {
            status: 500,
            headers: { "content-type": "application/problem+json" },
          }),
      ),
    );
    renderOverview();
    expect((await screen.findByRole("alert")).textContent).toContain("D1 is unavailable");
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
  });
});
