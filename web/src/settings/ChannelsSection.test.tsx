import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, test, vi } from "vitest";

const fetchMock = await vi.hoisted(async () => (await import("./api-stub")).installApiStub());

import { type ApiRoutes, problem, renderWithQueries, serve } from "./api-stub";
import { ChannelsSection } from "./ChannelsSection";

const SLACK = {
  id: "chn_slack0000000000000000",
  type: "slack",
  name: "NOC Slack",
  enabled: true,
  config: { type: "slack", webhookHost: "hooks.slack.com" },
  createdAt: "2026-11-20T09:00:00.000Z",
};
const FAILED_DELIVERY = {
  id: 7,
  monitorId: "mon_0bXQ2d6Vn1uJm3kq9wLh4A",
  kind: "opened",
  status: "failed",
  attempts: 8,
  lastError: "Slack answered 404: no_team",
  createdAt: "2026-11-21T10:00:00.000Z",
  deliveredAt: null,
  nextAttemptAt: null,
};

const routes = (more: ApiRoutes = {}): ApiRoutes => ({
  "GET /api/v1/channels": () => ({ body: { channels: [SLACK] } }),
  [`GET /api/v1/channels/${SLACK.id}/deliveries`]: () => ({ body: { deliveries: [FAILED_DELIVERY] } }),
  ...more,
});

const sent = (method: string, path: string) =>
  fetchMock.mock.calls.map(([r]) => r).filter((r) => r.method === method && new URL(r.url).pathname === path);

beforeEach(() => {
  fetchMock.mockReset();
  vi.restoreAllMocks();
});

describe("the channel list", () => {
  test("shows where each channel sends and its recent alerts", async () => {
    fetchMock.mockImplementation(serve(routes()));
    renderWithQueries(<ChannelsSection />);
    const card = (await screen.findByRole("heading", { name: "NOC Slack" })).closest("li") as HTMLElement;
    expect(within(card).getByText("Incoming webhook on hooks.slack.com")).toBeTruthy();
    expect(await within(card).findByText("Slack answered 404: no_team")).toBeTruthy();
    expect(within(card).getByText("Failed")).toBeTruthy();
  });

  test("says there are none yet", async () => {
    fetchMock.mockImplementation(serve(routes({ "GET /api/v1/channels": () => ({ body: { channels: [] } }) })));
    renderWithQueries(<ChannelsSection />);
    expect(await screen.findByRole("heading", { name: "No channels yet" })).toBeTruthy();
  });

  test("shows why a test send did not arrive", async () => {
    fetchMock.mockImplementation(
      serve(
        routes({
          [`POST /api/v1/channels/${SLACK.id}/test`]: () => ({
            body: { delivered: false, error: "Slack answered 403: invalid_token" },
          }),
        }),
      ),
    );
    renderWithQueries(<ChannelsSection />);
    await userEvent.click(await screen.findByRole("button", { name: "Send test" }));
    expect(await screen.findByText("Slack answered 403: invalid_token")).toBeTruthy();
    expect(screen.getByText("Test not delivered:")).toBeTruthy();
  });

  test("deletes only after confirmation", async () => {
    fetchMock.mockImplementation(serve(routes({ [`DELETE /api/v1/channels/${SLACK.id}`]: () => ({ status: 204 }) })));
    const confirm = vi.spyOn(window, "confirm").mockReturnValueOnce(false).mockReturnValueOnce(true);
    renderWithQueries(<ChannelsSection />);
    const remove = await screen.findByRole("button", { name: "Delete" });
    await userEvent.click(remove);
    expect(sent("DELETE", `/api/v1/channels/${SLACK.id}`)).toHaveLength(0);
    await userEvent.click(remove);
    await waitFor(() => expect(sent("DELETE", `/api/v1/channels/${SLACK.id}`)).toHaveLength(1));
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining("NOC Slack"));
  });
});

describe("adding a channel", () => {
  test("a webhook's signing secret is shown once, with how to verify the signature", async () => {
    let body: unknown;
    fetchMock.mockImplementation(
      serve(
        routes({
          "POST /api/v1/channels": async (request) => {
            body = await request.json();
            return {
              status: 201,
              body: {
                id: "chn_hook",
                type: "webhook",
                name: "PagerDuty bridge",
                enabled: true,
                config: { type: "webhook", url: "https://hooks.example.com/sipwatch" },
                createdAt: "2026-11-22T10:00:00.000Z",
                signingSecret: "whsec_Q2hhbmdlTWVQbGVhc2VJdHNTZWNyZXQ",
              },
            };
          },
        }),
      ),
    );
    renderWithQueries(<ChannelsSection />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("radio", { name: "Signed webhook" }));
    await user.type(screen.getByLabelText("Name"), "PagerDuty bridge");
    await user.type(screen.getByLabelText("Webhook URL"), "https://hooks.example.com/sipwatch");
    await user.click(await screen.findByRole("button", { name: "Add signed webhook channel" }));

    expect(((await screen.findByLabelText("Signing secret")) as HTMLInputElement).value).toBe(
      "whsec_Q2hhbmdlTWVQbGVhc2VJdHNTZWNyZXQ",
    );
    expect(screen.getByText("Copy it now: sipwatch will not show it again.")).toBeTruthy();
    expect(screen.getAllByText("X-Sipwatch-Signature").length).toBeGreaterThan(0);
    expect(body).toEqual({
      name: "PagerDuty bridge",
      config: { type: "webhook", url: "https://hooks.example.com/sipwatch" },
    });

    await user.click(await screen.findByRole("button", { name: "I have saved it" }));
    expect(screen.queryByText("whsec_Q2hhbmdlTWVQbGVhc2VJdHNTZWNyZXQ")).toBeNull();
  });

  test("the server's field errors appear next to the inputs they name", async () => {
    fetchMock.mockImplementation(
      serve(
        routes({
          "POST /api/v1/channels": () =>
            problem(400, "validation_failed", "Invalid config.to.1", [
              { field: "config.to.1", message: "Invalid email address" },
            ]),
        }),
      ),
    );
    renderWithQueries(<ChannelsSection />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("radio", { name: "Email" }));
    await user.type(screen.getByLabelText("Name"), "On-call");
    await user.type(screen.getByLabelText("Recipients"), "noc@example.com, not-an-address");
    await user.click(await screen.findByRole("button", { name: "Add email channel" }));

    const recipients = screen.getByLabelText("Recipients");
    await waitFor(() => expect(recipients.getAttribute("aria-invalid")).toBe("true"));
    const describedBy = (recipients.getAttribute("aria-describedby") ?? "").split(" ");
    const descriptions = describedBy.map((id) => document.getElementById(id)?.textContent);
    expect(descriptions).toContain("entry 2: Invalid email address");
    expect(screen.getByLabelText("Name").getAttribute("aria-invalid")).toBeNull();
    expect(screen.getByRole("alert").textContent).toContain("check the fields marked above");
  });
});
