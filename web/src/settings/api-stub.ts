import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { createElement, type ReactNode } from "react";
import { vi } from "vitest";

/** Test helpers: the API answered by a table of routes (the typed client looks `fetch` up per call). */
export function installApiStub() {
  const fetch = vi.fn<(request: Request) => Promise<Response>>();
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

export type Reply = { status?: number; body?: unknown };
/** Keyed "METHOD /path"; a route that is not listed answers 404 like the API. */
export type ApiRoutes = Record<string, (request: Request) => Reply | Promise<Reply>>;

export const problem = (
  status: number,
  code: string,
  detail: string,
  errors?: { field: string; message: string }[],
) => ({
  status,
  body: { type: `urn:sipwatch:problem:${code}`, title: code, status, detail, code, ...(errors ? { errors } : {}) },
});

/** The caller of a stubbed API, unless a test serves its own: the owner, who may do everything. */
export const OWNER_ORGANISATION = {
  id: "org_1",
  name: "Acme",
  slug: "acme",
  createdAt: "2026-11-01T08:00:00.000Z",
  role: "owner",
};

export function serve(routes: ApiRoutes) {
  const withCaller: ApiRoutes = {
    "GET /api/v1/organisations/current": () => ({ body: OWNER_ORGANISATION }),
    ...routes,
  };
  return async (request: Request): Promise<Response> => {
    const key = `${request.method} ${new URL(request.url).pathname}`;
    const reply = withCaller[key] ? await withCaller[key](request) : problem(404, "not_found", `No route ${key}`);
    const status = reply.status ?? 200;
    if (status === 204) return new Response(null, { status });
    const type = status >= 400 ? "application/problem+json" : "application/json";
    return new Response(JSON.stringify(reply.body), { status, headers: { "content-type": type } });
  };
}

export function renderWithQueries(ui: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(createElement(QueryClientProvider, { client }, ui));
}
