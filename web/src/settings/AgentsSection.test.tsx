import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, expect, test, vi } from "vitest";

const fetchMock = await vi.hoisted(async () => (await import("./api-stub")).installApiStub());

import { AgentsSection } from "./AgentsSection";
import { renderWithQueries, serve } from "./api-stub";

const AGENT = {
  id: "agt_Xb0n4w2dQ1m6c9VZ7yLk3A",
  name: "Berlin office",
  createdAt: "2026-11-01T08:00:00.000Z",
  lastSeenAt: null,
  version: null,
  revoked: false,
};

// A braced body: beforeEach treats a returned function (mockReset returns the mock) as cleanup.
beforeEach(() => {
  fetchMock.mockReset();
});

test("an enrolled agent's token is shown once inside the command that starts it", async () => {
  fetchMock.mockImplementation(
    serve({
      "GET /api/v1/agents": () => ({ body: { agents: [AGENT] } }),
      "POST /api/v1/agents": () => ({
        status: 201,
        body: { ...AGENT, id: "agt_new", name: "DC2", token: "swa_s3cret" },
      }),
    }),
  );
  renderWithQueries(<AgentsSection />);
  expect(await screen.findByText("Never connected")).toBeTruthy();
  await userEvent.type(screen.getByLabelText("Name"), "DC2");
  await userEvent.click(screen.getByRole("button", { name: "Enrol agent" }));

  expect(((await screen.findByLabelText("Agent command")) as HTMLInputElement).value).toBe(
    `npx sipwatch agent --server ${window.location.origin} --token swa_s3cret`,
  );
  expect((screen.getByLabelText("Agent token") as HTMLInputElement).value).toBe("swa_s3cret");
  expect((screen.getByLabelText("Docker command") as HTMLInputElement).value).toContain(
    "SIPWATCH_AGENT_TOKEN=swa_s3cret",
  );
});
