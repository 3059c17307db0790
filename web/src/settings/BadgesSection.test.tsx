import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, expect, test, vi } from "vitest";

const fetchMock = await vi.hoisted(async () => (await import("./api-stub")).installApiStub());

import { problem, renderWithQueries, serve } from "./api-stub";
import { BadgesSection } from "./BadgesSection";

const monitor = (changes: object) => ({
  id: "mon_0bXQ2d6Vn1uJm3kq9wLh4A",
  name: "Acme PBX",
  target: "sips:acme.example.com",
  enabled: true,
  isPublic: true,
  slug: "acme-pbx",
  intervalMinutes: 5,
  expectedTransports: ["tls", "udp"],
  health: "healthy",
  worstFinding: null,
  openFindings: 0,
  certDaysLeft: 41,
  lastCheckedAt: 1_795_000_000_000,
  vantages: [],
  ...changes,
});
const PRIVATE = monitor({ id: "mon_private", name: "Back office trunk", isPublic: false, slug: null });
const overview = (monitors: object[]) => serve({ "GET /api/v1/overview": () => ({ body: { monitors } }) });
const origin = window.location.origin;

// A braced body: beforeEach treats a returned function (mockReset returns the mock) as cleanup.
beforeEach(() => {
  fetchMock.mockReset();
});

test("a public monitor has live badges and embed snippets", async () => {
  fetchMock.mockImplementation(overview([monitor({}), PRIVATE]));
  renderWithQueries(<BadgesSection />);
  const card = (await screen.findByRole("heading", { name: /Acme PBX/ })).closest("section") as HTMLElement;

  expect(within(card).getByRole("img", { name: "Status badge" }).getAttribute("src")).toBe("/badge/acme-pbx.svg");
  expect(within(card).getByRole("img", { name: "UDP reachability badge" }).getAttribute("src")).toBe(
    "/badge/acme-pbx.svg?show=transport&transport=udp",
  );
  expect((within(card).getByLabelText("Markdown") as HTMLInputElement).value).toBe(
    `![Acme PBX: Status](${origin}/badge/acme-pbx.svg)`,
  );
  expect((within(card).getByLabelText("HTML") as HTMLInputElement).value).toBe(
    `<img src="${origin}/badge/acme-pbx.svg" alt="Acme PBX: Status">`,
  );
  expect((within(card).getByLabelText("shields.io endpoint") as HTMLInputElement).value).toBe(
    `https://img.shields.io/endpoint?url=${encodeURIComponent(`${origin}/badge/acme-pbx.json`)}`,
  );
  expect((within(card).getByLabelText("Public status JSON") as HTMLInputElement).value).toBe(
    `${origin}/status/acme-pbx`,
  );

  await userEvent.click(within(card).getByRole("radio", { name: /Certificate expiry/ }));
  expect((within(card).getByLabelText("Markdown") as HTMLInputElement).value).toBe(
    `![Acme PBX: Certificate expiry](${origin}/badge/acme-pbx.svg?show=cert)`,
  );
});

test("a private monitor explains how to make it public", async () => {
  fetchMock.mockImplementation(overview([PRIVATE]));
  renderWithQueries(<BadgesSection />);
  const link = await screen.findByRole("link", { name: "Make Back office trunk public" });
  expect(link.getAttribute("href")).toBe("/monitors/mon_private/edit");
  expect(screen.getByText(/None of your monitors is public yet/)).toBeTruthy();
  expect(screen.queryByLabelText("Markdown")).toBeNull();
});

test("without monitors there is nothing to badge yet", async () => {
  fetchMock.mockImplementation(overview([]));
  renderWithQueries(<BadgesSection />);
  expect(await screen.findByRole("heading", { name: "No monitors yet" })).toBeTruthy();
});

test("an API failure is shown with a way to retry", async () => {
  fetchMock.mockImplementation(serve({ "GET /api/v1/overview": () => problem(500, "internal", "D1 is unavailable") }));
  renderWithQueries(<BadgesSection />);
  expect((await screen.findByRole("alert")).textContent).toContain("D1 is unavailable");
  expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
});
