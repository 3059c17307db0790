import { screen } from "@testing-library/react";
import { beforeEach, expect, test, vi } from "vitest";

const fetchMock = await vi.hoisted(async () => (await import("../settings/api-stub")).installApiStub());

import { renderWithQueries, serve } from "../settings/api-stub";
import { FindingMutes } from "./FindingMutes";

const base = {
  monitorId: "mon_1",
  findingId: "tls.cert.expired",
  subject: "sip1.example.com",
  reason: "New certificate ships Friday",
  createdBy: "usr_1",
  createdByName: "Alpha Ops",
  createdAt: "2026-12-01T10:00:00.000Z",
  expiresAt: null,
  endedAt: null,
  endedBy: null,
  endedByName: null,
  inForce: true,
};

beforeEach(() => {
  fetchMock.mockReset();
});

test("lists every mute with its state, who muted and who ended it", async () => {
  fetchMock.mockImplementation(
    serve({
      "GET /api/v1/monitors/mon_1/mutes": () => ({
        body: {
          mutes: [
            {
              ...base,
              id: "mut_2",
              findingId: "dns.address.no-ipv6",
              subject: null,
              createdBy: "token",
              createdByName: null,
            },
            {
              ...base,
              id: "mut_1",
              inForce: false,
              endedAt: "2026-12-02T10:00:00.000Z",
              endedBy: "usr_2",
              endedByName: "Bravo Ops",
            },
          ],
        },
      }),
    }),
  );
  renderWithQueries(<FindingMutes monitorId="mon_1" />);
  const items = (await screen.findByRole("list", { name: "Mutes" })).querySelectorAll("li");
  expect(items).toHaveLength(2);
  expect(items[0]?.textContent).toContain("In force");
  expect(items[0]?.textContent).toContain("every subject");
  expect(items[0]?.textContent).toContain("Muted by an API token");
  expect(items[1]?.textContent).toContain("Ended");
  expect(items[1]?.textContent).toContain("Muted by Alpha Ops");
  expect(items[1]?.textContent).toContain("ended by Bravo Ops");
});

test("says so when nothing is muted", async () => {
  fetchMock.mockImplementation(serve({ "GET /api/v1/monitors/mon_1/mutes": () => ({ body: { mutes: [] } }) }));
  renderWithQueries(<FindingMutes monitorId="mon_1" />);
  expect(await screen.findByText(/Nothing muted: every finding counts/)).toBeTruthy();
});
