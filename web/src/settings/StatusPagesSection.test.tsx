import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, expect, test, vi } from "vitest";

const fetchMock = await vi.hoisted(async () => (await import("./api-stub")).installApiStub());

import { problem, renderWithQueries, serve } from "./api-stub";
import { StatusPagesSection } from "./StatusPagesSection";

const monitor = (id: string, name: string) => ({
  id,
  name,
  target: `sips:${id}.example.com`,
  enabled: true,
  isPublic: false,
  slug: null,
  intervalMinutes: 5,
  expectedTransports: ["tls"],
  health: "healthy",
  worstFinding: null,
  openFindings: 0,
  certDaysLeft: 41,
  lastCheckedAt: 1_795_000_000_000,
  vantages: [],
});
const page = {
  id: "stp_1",
  slug: "acme-voice",
  title: "Acme voice",
  description: "",
  monitorIds: ["mon_b"],
  enabled: true,
  path: "/pages/acme-voice",
  createdAt: "2026-12-01T00:00:00.000Z",
  updatedAt: "2026-12-01T00:00:00.000Z",
};

beforeEach(() => {
  fetchMock.mockReset();
});

test("lists the default page and the operator's pages with their public URLs", async () => {
  fetchMock.mockImplementation(
    serve({
      "GET /api/v1/status-pages": () => ({ body: { pages: [page], defaultPagePath: "/pages/org/acme" } }),
      "GET /api/v1/overview": () => ({
        body: { monitors: [monitor("mon_a", "Trunk A"), monitor("mon_b", "Trunk B")] },
      }),
    }),
  );
  renderWithQueries(<StatusPagesSection />);
  const card = (await screen.findByRole("heading", { name: "Acme voice" })).closest("section") as HTMLElement;
  expect(
    within(card)
      .getByRole("link", { name: /\/pages\/acme-voice$/ })
      .getAttribute("href"),
  ).toBe("/pages/acme-voice");
  expect(within(card).getByText(/Shows: Trunk B\./)).toBeTruthy();
  expect(screen.getByRole("link", { name: /\/pages\/org\/acme$/ }).getAttribute("href")).toBe("/pages/org/acme");
});

test("creates a page with the ticked monitors in order and shows the server's field errors", async () => {
  const sent: unknown[] = [];
  fetchMock.mockImplementation(
    serve({
      "GET /api/v1/status-pages": () => ({ body: { pages: [], defaultPagePath: "/pages/org/acme" } }),
      "GET /api/v1/overview": () => ({
        body: { monitors: [monitor("mon_a", "Trunk A"), monitor("mon_b", "Trunk B")] },
      }),
      "POST /api/v1/status-pages": async (request) => {
        sent.push(await request.json());
        return sent.length === 1
          ? problem(409, "conflict", "taken", [{ field: "slug", message: "is taken" }])
          : { status: 201, body: page };
      },
    }),
  );
  renderWithQueries(<StatusPagesSection />);
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText("Title"), "Acme voice");
  await user.type(screen.getByLabelText("Slug"), "acme-voice");
  await user.click(screen.getByRole("checkbox", { name: "Trunk B" }));
  await user.click(screen.getByRole("checkbox", { name: "Trunk A" }));
  await user.click(screen.getByRole("button", { name: "Publish the page" }));
  expect(await screen.findByText("is taken")).toBeTruthy();
  expect(sent[0]).toEqual({
    slug: "acme-voice",
    title: "Acme voice",
    description: "",
    monitorIds: ["mon_b", "mon_a"],
    enabled: true,
  });
});

test("edits a page: the whole draft is PATCHed and the editor closes", async () => {
  const patched: unknown[] = [];
  fetchMock.mockImplementation(
    serve({
      "GET /api/v1/status-pages": () => ({ body: { pages: [page], defaultPagePath: "/pages/org/acme" } }),
      "GET /api/v1/overview": () => ({
        body: { monitors: [monitor("mon_a", "Trunk A"), monitor("mon_b", "Trunk B")] },
      }),
      "PATCH /api/v1/status-pages/stp_1": async (request) => {
        patched.push(await request.json());
        return { body: { ...page, title: "Acme phones" } };
      },
    }),
  );
  renderWithQueries(<StatusPagesSection />);
  const user = userEvent.setup();
  await user.click(await screen.findByRole("button", { name: "Edit" }));
  const form = screen.getByRole("form", { name: "Edit Acme voice" });
  const title = within(form).getByLabelText("Title");
  await user.clear(title);
  await user.type(title, "Acme phones");
  await user.click(within(form).getByRole("checkbox", { name: "Trunk A" }));
  await user.click(within(form).getByRole("button", { name: "Save the page" }));
  await screen.findByRole("button", { name: "Edit" });
  expect(screen.queryByRole("form", { name: "Edit Acme voice" })).toBeNull();
  expect(patched).toEqual([
    { slug: "acme-voice", title: "Acme phones", description: "", monitorIds: ["mon_b", "mon_a"] },
  ]);
});
