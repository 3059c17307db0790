import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";

const fetchMock = await vi.hoisted(async () => (await import("../settings/api-stub")).installApiStub());

import { type ApiRoutes, OWNER_ORGANISATION, problem, renderWithQueries, serve } from "../settings/api-stub";
import { MembersSection } from "./MembersSection";

const member = (name: string, role: string) => ({
  id: `mem_${name.toLowerCase()}`,
  userId: `usr_${name.toLowerCase()}`,
  name,
  email: `${name.toLowerCase()}@example.test`,
  role,
  joinedAt: "2026-11-01T08:00:00.000Z",
});

function asRole(role: string, members: ReturnType<typeof member>[], routes: ApiRoutes = {}) {
  const answer = serve({
    ...routes,
    "GET /api/v1/organisations/current": () => ({ body: { ...OWNER_ORGANISATION, role } }),
    "GET /api/v1/members": () => ({ body: { members } }),
    "GET /api/v1/invitations": () => ({ body: { invitations: [] } }),
  });
  fetchMock.mockImplementation((request?: Request) =>
    request ? answer(request) : Promise.resolve(Response.json({}, { status: 404 })),
  );
}

beforeEach(() => fetchMock.mockReset());

describe("Settings > Members offers only what the API allows", () => {
  it("does not offer the only owner to leave, be demoted or be removed", async () => {
    asRole("owner", [member("Olive", "owner"), member("Eddie", "editor")]);
    renderWithQueries(<MembersSection />);
    expect(await screen.findByText(/You are the only owner/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Leave this organisation" })).toBeNull();
    expect(screen.queryByRole("combobox", { name: "Role of Olive" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Remove Olive" })).toBeNull();
    expect(screen.getByRole("combobox", { name: "Role of Eddie" })).toBeTruthy();
    expect(await screen.findByRole("heading", { name: "Invite someone" })).toBeTruthy();
  });

  it("lets one of two owners demote the other and leave", async () => {
    asRole("owner", [member("Olive", "owner"), member("Otto", "owner")]);
    renderWithQueries(<MembersSection />);
    expect(await screen.findByRole("combobox", { name: "Role of Otto" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Leave this organisation" })).toBeTruthy();
  });

  it("gives an admin the editors and viewers but not the owner, and a viewer nothing to change", async () => {
    asRole("admin", [member("Olive", "owner"), member("Ada", "admin"), member("Vic", "viewer")]);
    const admin = renderWithQueries(<MembersSection />);
    expect(await screen.findByRole("combobox", { name: "Role of Vic" })).toBeTruthy();
    expect(screen.queryByRole("combobox", { name: "Role of Olive" })).toBeNull();
    admin.unmount();

    asRole("viewer", [member("Olive", "owner"), member("Vic", "viewer")]);
    renderWithQueries(<MembersSection />);
    expect(await screen.findByText("vic@example.test")).toBeTruthy();
    expect(screen.queryByRole("combobox")).toBeNull();
    expect(screen.queryByRole("heading", { name: "Invite someone" })).toBeNull();
    expect(screen.getByRole("button", { name: "Leave this organisation" })).toBeTruthy();
  });

  it("lets an owner delete the organisation once its name is typed, and says why the API refused", async () => {
    const sent: unknown[] = [];
    asRole("owner", [member("Olive", "owner")], {
      "DELETE /api/v1/organisations/current": async (request) => {
        sent.push(await request.json());
        return problem(409, "conflict", "This is your only organisation: create or join another before deleting it");
      },
    });
    renderWithQueries(<MembersSection />);
    const button = await screen.findByRole("button", { name: "Delete Acme" });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(screen.getByLabelText("Type Acme to confirm"), "Acme");
    expect((button as HTMLButtonElement).disabled).toBe(false);
    await userEvent.click(button);
    expect((await screen.findByText(/This is your only organisation/)).textContent).toContain("create or join another");
    expect(sent).toEqual([{ confirm: "Acme" }]);
  });

  it("offers deleting the organisation to owners only", async () => {
    asRole("admin", [member("Olive", "owner"), member("Ada", "admin")]);
    renderWithQueries(<MembersSection />);
    expect(await screen.findByRole("heading", { name: "Invite someone" })).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "Delete this organisation" })).toBeNull();
  });
});
