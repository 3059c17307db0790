import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, test, vi } from "vitest";

const fetchMock = await vi.hoisted(async () => (await import("../settings/api-stub")).installApiStub());

import AuditLog from "../pages/AuditLog";
import { problem, renderWithQueries, serve } from "../settings/api-stub";

const UPDATE = {
  id: "aud_1",
  at: "2026-12-06T10:00:00.000Z",
  actor: { kind: "member", id: "u1", label: "Demo User <demo@sipwatch.test>" },
  action: "monitor.update",
  objectType: "monitor",
  objectId: "mon_0bXQ2d6Vn1uJm3kq9wLh4A",
  summary: "fields: name",
};
const TOKEN_WRITE = {
  ...UPDATE,
  id: "aud_0",
  at: "2026-12-06T09:00:00.000Z",
  actor: { kind: "token", id: "tok_1", label: "deploy bot" },
  action: "channel.create",
  objectType: "channel",
  objectId: "chn_1",
  summary: "fields: config, name",
};

const asked = () => fetchMock.mock.calls.map(([r]) => new URL(r.url)).filter((u) => u.pathname === "/api/v1/audit");

beforeEach(() => {
  fetchMock.mockReset();
});

describe("the audit log page", () => {
  test("lists who did what to which object and when, linking monitors", async () => {
    fetchMock.mockImplementation(
      serve({ "GET /api/v1/audit": () => ({ body: { entries: [UPDATE, TOKEN_WRITE], nextCursor: null } }) }),
    );
    renderWithQueries(<AuditLog />);
    const link = await screen.findByRole("link", { name: UPDATE.objectId });
    expect(link.getAttribute("href")).toBe(`/monitors/${UPDATE.objectId}`);
    const row = link.closest("tr") as HTMLElement;
    expect(within(row).getByText("monitor.update")).toBeTruthy();
    expect(within(row).getByText(/Demo User <demo@sipwatch.test>/)).toBeTruthy();
    expect(within(row).getByText("fields: name")).toBeTruthy();
    const tokenRow = screen.getByText("channel.create").closest("tr") as HTMLElement;
    expect(within(tokenRow).getByText(/deploy bot/)).toBeTruthy();
    expect(within(tokenRow).getByText("(API token)")).toBeTruthy();
  });

  test("filters by actor and object, and the CSV link downloads the same view", async () => {
    fetchMock.mockImplementation(
      serve({ "GET /api/v1/audit": () => ({ body: { entries: [UPDATE], nextCursor: null } }) }),
    );
    renderWithQueries(<AuditLog />);
    await screen.findByText("monitor.update");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Who" }), "token");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Object" }), "monitor");
    const last = asked().at(-1);
    expect(last?.searchParams.get("actorKind")).toBe("token");
    expect(last?.searchParams.get("objectType")).toBe("monitor");
    const csv = screen.getByRole("link", { name: "Download CSV" });
    expect(csv.getAttribute("href")).toBe("/api/v1/audit/export?actorKind=token&objectType=monitor");
  });

  test("pages to older entries with the API's cursor", async () => {
    fetchMock.mockImplementation(
      serve({
        "GET /api/v1/audit": (r) =>
          new URL(r.url).searchParams.get("cursor")
            ? { body: { entries: [TOKEN_WRITE], nextCursor: null } }
            : { body: { entries: [UPDATE], nextCursor: "1765015200000.aud_1" } },
      }),
    );
    renderWithQueries(<AuditLog />);
    await userEvent.click(await screen.findByRole("button", { name: "Older" }));
    expect(await screen.findByText("channel.create")).toBeTruthy();
    expect(asked().at(-1)?.searchParams.get("cursor")).toBe("1765015200000.aud_1");
  });

  test("says when there is nothing yet, and shows an error with a retry", async () => {
    fetchMock.mockImplementation(serve({ "GET /api/v1/audit": () => ({ body: { entries: [], nextCursor: null } }) }));
    const { unmount } = renderWithQueries(<AuditLog />);
    expect(await screen.findByText("Nothing changed yet")).toBeTruthy();
    unmount();
    fetchMock.mockImplementation(serve({ "GET /api/v1/audit": () => problem(500, "internal", "D1 is down") }));
    renderWithQueries(<AuditLog />);
    expect((await screen.findByRole("alert")).textContent).toContain("D1 is down");
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
  });
});
