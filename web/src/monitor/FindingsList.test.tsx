import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, expect, test, vi } from "vitest";

const fetchMock = await vi.hoisted(async () => (await import("../settings/api-stub")).installApiStub());

import { problem, renderWithQueries, serve } from "../settings/api-stub";
import { FindingsList } from "./FindingsList";
import type { Finding } from "./report-types";

// Evidence is typed per finding id; these rows only exercise the mute display, so it stays empty.
const finding = (over: Partial<Finding>): Finding =>
  ({
    vantageId: "region:weur",
    findingId: "dns.srv.single-target",
    subject: "_sip._udp.example.com",
    severity: "warning",
    title: "Only one SRV target for _sip._udp.example.com",
    detail: "When it is down, phones have nowhere else to go.",
    fix: "Publish a second target.",
    evidence: {},
    openedAt: Date.UTC(2026, 11, 1),
    lastSeenAt: Date.UTC(2026, 11, 6),
    resolvedAt: null,
    mute: null,
    ...over,
  }) as Finding;

const expired = finding({
  findingId: "tls.cert.expired",
  subject: "sip1.example.com",
  severity: "critical",
  title: "Certificate of sip1.example.com expired",
  mute: {
    id: "mut_1",
    reason: "New certificate ships Friday",
    createdBy: "usr_1",
    createdByName: "Alpha Ops",
    createdAt: "2026-12-06T10:00:00.000Z",
    expiresAt: null,
    subject: "sip1.example.com",
  },
});

beforeEach(() => {
  fetchMock.mockReset();
  vi.restoreAllMocks();
});

test("a muted finding folds away under its own heading, says who muted it and why, and can be unmuted", async () => {
  const ended: string[] = [];
  fetchMock.mockImplementation(
    serve({
      "GET /api/v1/agents": () => ({ body: { agents: [] } }),
      "POST /api/v1/monitors/mon_1/mutes/mut_1/end": (request) => {
        ended.push(new URL(request.url).pathname);
        return { body: {} };
      },
    }),
  );
  renderWithQueries(<FindingsList monitorId="mon_1" findings={[expired, finding({})]} />);
  const open = screen.getByRole("list", { name: "Open findings" });
  expect(within(open).queryByText(expired.title)).toBeNull();
  expect(within(open).getByText("Only one SRV target for _sip._udp.example.com")).toBeTruthy();
  expect(screen.getByText("1 muted (not counted in status or alerts)")).toBeTruthy();
  const muted = screen.getByRole("list", { name: "Muted findings" });
  expect(
    within(muted).getByText("Muted by Alpha Ops until someone ends it: New certificate ships Friday"),
  ).toBeTruthy();
  await userEvent.click(await within(muted).findByRole("button", { name: `Unmute ${expired.title}` }));
  await waitFor(() => expect(ended).toEqual(["/api/v1/monitors/mon_1/mutes/mut_1/end"]));
});

test("muting asks for a reason, then sends the subject (or every subject) and the expiry", async () => {
  const bodies: unknown[] = [];
  fetchMock.mockImplementation(
    serve({
      "GET /api/v1/agents": () => ({ body: { agents: [] } }),
      "POST /api/v1/monitors/mon_1/mutes": async (request) => {
        bodies.push(await request.json());
        return { status: 201, body: {} };
      },
    }),
  );
  const target = finding({});
  renderWithQueries(<FindingsList monitorId="mon_1" findings={[target]} />);
  await userEvent.click(await screen.findByRole("button", { name: `Mute ${target.title}` }));
  const form = screen.getByRole("form", { name: `Mute ${target.title}` });
  await userEvent.click(await within(form).findByRole("button", { name: "Mute finding" }));
  expect(within(form).getByRole("alert").textContent).toContain("Say why");
  expect(bodies).toEqual([]);
  await userEvent.type(within(form).getByLabelText("Reason"), "One SBC on purpose");
  await userEvent.selectOptions(within(form).getByLabelText("For"), "never");
  await userEvent.click(within(form).getByRole("checkbox"));
  await userEvent.click(await within(form).findByRole("button", { name: "Mute finding" }));
  await waitFor(() =>
    expect(bodies).toEqual([
      { findingId: "dns.srv.single-target", subject: null, reason: "One SBC on purpose", expiresAt: null },
    ]),
  );
});

test("the API's refusal of the reason is shown beside the field", async () => {
  fetchMock.mockImplementation(
    serve({
      "GET /api/v1/agents": () => ({ body: { agents: [] } }),
      "POST /api/v1/monitors/mon_1/mutes": () =>
        problem(400, "validation_failed", "Invalid reason", [
          { field: "reason", message: "must not contain control characters or line breaks" },
        ]),
    }),
  );
  const target = finding({});
  renderWithQueries(<FindingsList monitorId="mon_1" findings={[target]} />);
  await userEvent.click(await screen.findByRole("button", { name: `Mute ${target.title}` }));
  await userEvent.type(screen.getByLabelText("Reason"), "sneaky");
  await userEvent.click(await screen.findByRole("button", { name: "Mute finding" }));
  expect(await screen.findByText("must not contain control characters or line breaks")).toBeTruthy();
});
