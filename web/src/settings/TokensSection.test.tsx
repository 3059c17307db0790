import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, expect, test, vi } from "vitest";

const fetchMock = await vi.hoisted(async () => (await import("./api-stub")).installApiStub());

import { problem, renderWithQueries, serve } from "./api-stub";
import { TokensSection } from "./TokensSection";

const TOKEN = {
  id: "tok_Xb0n4w2dQ1m6c9VZ7yLk3A",
  name: "Terraform",
  prefix: "swt_AbCdEfGh",
  createdAt: "2026-11-01T08:00:00.000Z",
  lastUsedAt: null,
  expiresAt: null,
};

beforeEach(() => {
  fetchMock.mockReset();
  vi.restoreAllMocks();
});

test("a new token is shown once; a listed one shows only its prefix", async () => {
  fetchMock.mockImplementation(
    serve({
      "GET /api/v1/tokens": () => ({ body: { tokens: [TOKEN] } }),
      "POST /api/v1/tokens": () => ({
        status: 201,
        body: { ...TOKEN, id: "tok_new", name: "CI", prefix: "swt_ZyXwVuTs", token: "swt_ZyXwVuTs_fullsecret" },
      }),
    }),
  );
  renderWithQueries(<TokensSection />);
  expect((await screen.findByText("swt_AbCdEfGh…")).tagName).toBe("CODE");
  await userEvent.type(screen.getByLabelText("Name"), "CI");
  await userEvent.click(screen.getByRole("button", { name: "Create token" }));
  expect(((await screen.findByLabelText("API token")) as HTMLInputElement).value).toBe("swt_ZyXwVuTs_fullsecret");
});

test("revoking asks first, and a refusal is shown", async () => {
  fetchMock.mockImplementation(
    serve({
      "GET /api/v1/tokens": () => ({ body: { tokens: [TOKEN] } }),
      [`DELETE /api/v1/tokens/${TOKEN.id}`]: () =>
        problem(403, "forbidden", "Only owners and admins manage API tokens"),
    }),
  );
  const confirm = vi.spyOn(window, "confirm").mockReturnValue(true);
  renderWithQueries(<TokensSection />);
  await userEvent.click(await screen.findByRole("button", { name: "Revoke Terraform" }));
  expect(confirm).toHaveBeenCalledWith(expect.stringContaining("Terraform"));
  await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("Only owners and admins manage API tokens"));
});
