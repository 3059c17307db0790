import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { beforeEach, expect, test, vi } from "vitest";

// better-auth's client keeps the fetch it finds when the module loads: stub it before any import.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>();
  vi.stubGlobal("fetch", mock);
  return mock;
});

import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";
import { SignedOutRoutes } from "./SignedOutRoutes";

/** better-auth's endpoints as the client calls them: path -> status and JSON body. */
type Answers = Record<string, { status: number; body: unknown }>;
const calls: Array<{ path: string; body: unknown }> = [];

function answer(answers: Answers) {
  fetchMock.mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    calls.push({ path, body: await request.json().catch(() => null) });
    const reply = answers[path] ?? { status: 404, body: { message: "not found" } };
    return new Response(JSON.stringify(reply.body), {
      status: reply.status,
      headers: { "content-type": "application/json" },
    });
  });
}

/** The signed-out routes of App.tsx, in memory, so a test sees where a page sends the person. */
function renderAt(path: string): { location: () => string } {
  const memory = memoryLocation({ path, record: true });
  const client = new QueryClient();
  const wrap = (ui: ReactNode) => <QueryClientProvider client={client}>{ui}</QueryClientProvider>;
  render(
    wrap(
      <Router hook={memory.hook} searchHook={memory.searchHook}>
        <SignedOutRoutes />
      </Router>,
    ),
  );
  return { location: () => memory.history?.at(-1) ?? "" };
}

beforeEach(() => {
  calls.length = 0;
  fetchMock.mockReset();
});

test("sign-up leads to 'check your inbox' for the address, whose resend button mails again", async () => {
  answer({
    "/api/auth/sign-up/email": { status: 200, body: { token: null, user: { id: "u1", email: "ada@example.test" } } },
    "/api/auth/send-verification-email": { status: 200, body: { status: true } },
  });
  renderAt("/sign-up");
  await userEvent.type(screen.getByLabelText("Your name"), "Ada");
  await userEvent.type(screen.getByLabelText("Email"), "ada@example.test");
  await userEvent.type(screen.getByLabelText("Password"), "correct horse battery");
  await userEvent.click(screen.getByRole("button", { name: "Create account" }));
  expect(await screen.findByRole("heading", { name: "Check your inbox" })).toBeTruthy();
  expect(screen.getByText("ada@example.test").tagName).toBe("STRONG");
  await userEvent.click(screen.getByRole("button", { name: "Send the link again" }));
  expect(await screen.findByText(/A new link is on its way/)).toBeTruthy();
  expect(calls.at(-1)).toEqual({
    path: "/api/auth/send-verification-email",
    body: { email: "ada@example.test", callbackURL: "/email-verified" },
  });
});

test("an invited visitor who signs up is brought back to the invitation by the verification link", async () => {
  answer({
    "/api/auth/sign-up/email": { status: 200, body: { token: null, user: { id: "u2", email: "ivy@example.test" } } },
    "/api/auth/send-verification-email": { status: 200, body: { status: true } },
  });
  const at = renderAt("/sign-in?next=%2Finvitations%2Finv_1");
  await userEvent.click(screen.getByRole("link", { name: "Create an account" }));
  await userEvent.type(await screen.findByLabelText("Your name"), "Ivy");
  await userEvent.type(screen.getByLabelText("Email"), "ivy@example.test");
  await userEvent.type(screen.getByLabelText("Password"), "correct horse battery");
  await userEvent.click(screen.getByRole("button", { name: "Create account" }));
  expect(await screen.findByRole("heading", { name: "Check your inbox" })).toBeTruthy();
  expect(calls.at(-1)).toMatchObject({
    path: "/api/auth/sign-up/email",
    body: { email: "ivy@example.test", callbackURL: "/email-verified?next=%2Finvitations%2Finv_1" },
  });
  expect(at.location()).toContain("next=%2Finvitations%2Finv_1");
  await userEvent.click(screen.getByRole("button", { name: "Send the link again" }));
  await screen.findByText(/A new link is on its way/);
  expect(calls.at(-1)).toMatchObject({ body: { callbackURL: "/email-verified?next=%2Finvitations%2Finv_1" } });
});

test("the verified page, signed out, signs in on the way to the invitation", async () => {
  renderAt("/email-verified?next=%2Finvitations%2Finv_1");
  expect(screen.getByRole("link", { name: "Sign in" }).getAttribute("href")).toBe(
    "/sign-in?next=%2Finvitations%2Finv_1",
  );
});

test("a sign-in refused for an unverified address explains it and offers the link again", async () => {
  answer({
    "/api/auth/sign-in/email": {
      status: 403,
      body: { code: "EMAIL_NOT_VERIFIED", message: "Email not verified" },
    },
  });
  renderAt("/sign-in");
  await userEvent.type(screen.getByLabelText("Email"), "late@example.test");
  await userEvent.type(screen.getByLabelText("Password"), "correct horse battery");
  await userEvent.keyboard("{Enter}");
  expect(await screen.findByText(/Your address is not verified yet/)).toBeTruthy();
  expect(screen.getByRole("button", { name: "Send the link again" })).toBeTruthy();
});

test("'Forgot password?' asks for the address and answers the same words for any address", async () => {
  answer({
    "/api/auth/request-password-reset": { status: 200, body: { status: true, message: "If this email exists" } },
  });
  renderAt("/sign-in");
  await userEvent.click(screen.getByRole("link", { name: "Forgot password?" }));
  await userEvent.type(await screen.findByLabelText("Email"), "who@example.test");
  await userEvent.click(screen.getByRole("button", { name: "Send the link" }));
  expect((await screen.findByRole("status")).textContent).toBe(
    "If who@example.test has a sipwatch account, a link to choose a new password is on its way. It works once, for one hour.",
  );
});

test("the reset page sets the password from the link's token, and says when the link is spent", async () => {
  answer({ "/api/auth/reset-password": { status: 400, body: { code: "INVALID_TOKEN", message: "Invalid token" } } });
  renderAt("/reset-password?token=tok123");
  await userEvent.type(screen.getByLabelText("New password"), "new passphrase 1");
  await userEvent.type(screen.getByLabelText("The same again"), "new passphrase 1");
  await userEvent.click(screen.getByRole("button", { name: "Set the new password" }));
  expect((await screen.findByRole("alert")).textContent).toContain("expired or was already used");
  expect(calls.at(-1)).toEqual({
    path: "/api/auth/reset-password",
    body: { token: "tok123", newPassword: "new passphrase 1" },
  });
});

test("the verified landing page explains an expired link", async () => {
  renderAt("/email-verified?error=TOKEN_EXPIRED");
  expect((await screen.findByRole("alert")).textContent).toContain("expired");
  expect(screen.getByLabelText("Email")).toBeTruthy();
});
