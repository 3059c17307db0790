import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, test, vi } from "vitest";

const fetchMock = await vi.hoisted(async () => (await import("../settings/api-stub")).installApiStub());

import IncidentDetail from "../pages/IncidentDetail";
import Incidents from "../pages/Incidents";
import { type ApiRoutes, problem, renderWithQueries, serve } from "../settings/api-stub";

const OPEN = {
  id: "inc_0123456789abcdef0123456789abcdef",
  monitorId: "mon_0bXQ2d6Vn1uJm3kq9wLh4A",
  monitorName: "Office PBX",
  status: "open",
  title: "SRV target sip2.example.com has no address",
  findings: [
    {
      id: "dns.srv.target-unresolvable",
      subject: "sip2.example.com",
      title: "SRV target sip2.example.com has no address",
      fix: "Add an A record for sip2.example.com",
      vantageIds: ["region:weur"],
    },
  ],
  vantageIds: ["region:weur"],
  openedAt: "2026-12-01T10:00:00.000Z",
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: null,
  updatedAt: "2026-12-01T10:00:00.000Z",
};
const OPENED_EVENT = {
  id: 1,
  at: OPEN.openedAt,
  kind: "opened",
  author: "system",
  authorName: null,
  body: null,
  public: false,
};

const detailPath = `/api/v1/incidents/${OPEN.id}`;
const sent = (method: string, path: string) =>
  fetchMock.mock.calls.map(([r]) => r).filter((r) => r.method === method && new URL(r.url).pathname === path);

beforeEach(() => {
  fetchMock.mockReset();
  vi.restoreAllMocks();
});

describe("the incident list", () => {
  test("lists incidents with status, monitor and a link to each; filters by status", async () => {
    fetchMock.mockImplementation(
      serve({ "GET /api/v1/incidents": () => ({ body: { incidents: [OPEN], nextCursor: null } }) }),
    );
    renderWithQueries(<Incidents />);
    const link = await screen.findByRole("link", { name: OPEN.title });
    expect(link.getAttribute("href")).toBe(`/incidents/${OPEN.id}`);
    const row = link.closest("tr") as HTMLElement;
    expect(within(row).getByText("Open")).toBeTruthy();
    expect(within(row).getByRole("link", { name: "Office PBX" })).toBeTruthy();
    await userEvent.click(await screen.findByRole("radio", { name: "Resolved" }));
    const asked = sent("GET", "/api/v1/incidents").map((r) => new URL(r.url).searchParams.get("status"));
    expect(asked).toContain("resolved");
  });

  test("pages to older incidents with the cursor the API gave", async () => {
    fetchMock.mockImplementation(
      serve({
        "GET /api/v1/incidents": (r) =>
          new URL(r.url).searchParams.get("cursor")
            ? { body: { incidents: [{ ...OPEN, id: "inc_older", title: "Older one" }], nextCursor: null } }
            : { body: { incidents: [OPEN], nextCursor: "1764583200000.inc_x" } },
      }),
    );
    renderWithQueries(<Incidents />);
    await userEvent.click(await screen.findByRole("button", { name: "Older" }));
    expect(await screen.findByRole("link", { name: "Older one" })).toBeTruthy();
    expect(await screen.findByRole("button", { name: "Newer" })).toBeTruthy();
  });
});

describe("one incident", () => {
  test("acknowledges: the button posts, and the page shows who took it", async () => {
    let status = "open";
    const routes: ApiRoutes = {
      [`GET ${detailPath}`]: () => ({
        body: {
          ...OPEN,
          status,
          events:
            status === "open"
              ? [OPENED_EVENT]
              : [
                  OPENED_EVENT,
                  { ...OPENED_EVENT, id: 2, kind: "acknowledged", author: "usr_1", authorName: "Ada Operator" },
                ],
        },
      }),
      [`POST ${detailPath}/acknowledge`]: () => {
        status = "acknowledged";
        return { body: { ...OPEN, status, events: [] } };
      },
    };
    fetchMock.mockImplementation(serve(routes));
    renderWithQueries(<IncidentDetail id={OPEN.id} />);
    expect(await screen.findByText("Add an A record for sip2.example.com", { exact: false })).toBeTruthy();
    await userEvent.click(await screen.findByRole("button", { name: "Acknowledge" }));
    expect(await screen.findByText(/Acknowledged by Ada Operator/)).toBeTruthy();
    expect(sent("POST", `${detailPath}/acknowledge`)).toHaveLength(1);
    expect(screen.queryByRole("button", { name: "Acknowledge" })).toBeNull();
  });

  test("posts a public update and shows the server's reason when it refuses one", async () => {
    const posted: unknown[] = [];
    const routes: ApiRoutes = {
      [`GET ${detailPath}`]: () => ({ body: { ...OPEN, events: [OPENED_EVENT] } }),
      [`POST ${detailPath}/updates`]: async (r) => {
        const body = (await r.json()) as { body: string; public: boolean };
        posted.push(body);
        if (body.body.includes("\u0007")) {
          return problem(400, "validation_failed", "Invalid", [
            { field: "body", message: "must not contain control characters (line breaks are fine)" },
          ]);
        }
        return { status: 201, body: { ...OPENED_EVENT, id: 3, kind: "update", body: body.body, public: body.public } };
      },
    };
    fetchMock.mockImplementation(serve(routes));
    renderWithQueries(<IncidentDetail id={OPEN.id} />);
    const text = await screen.findByLabelText("Update");
    await userEvent.type(text, "We restarted the SBC");
    await userEvent.click(screen.getByRole("checkbox", { name: /Public/ }));
    await userEvent.click(await screen.findByRole("button", { name: "Post update" }));
    await waitFor(() => expect(posted[0]).toEqual({ body: "We restarted the SBC", public: true }));

    await userEvent.type(text, "bell \u0007");
    await userEvent.click(await screen.findByRole("button", { name: "Post update" }));
    expect((await screen.findByRole("alert")).textContent).toContain("must not contain control characters");
  });

  test("resolves only after confirmation", async () => {
    fetchMock.mockImplementation(
      serve({
        [`GET ${detailPath}`]: () => ({ body: { ...OPEN, events: [OPENED_EVENT] } }),
        [`POST ${detailPath}/resolve`]: () => ({ body: { ...OPEN, status: "resolved", events: [] } }),
      }),
    );
    const confirm = vi.spyOn(window, "confirm").mockReturnValueOnce(false).mockReturnValueOnce(true);
    renderWithQueries(<IncidentDetail id={OPEN.id} />);
    const resolve = await screen.findByRole("button", { name: "Resolve" });
    await userEvent.click(resolve);
    expect(sent("POST", `${detailPath}/resolve`)).toHaveLength(0);
    await userEvent.click(resolve);
    expect(confirm).toHaveBeenCalledTimes(2);
    expect(sent("POST", `${detailPath}/resolve`)).toHaveLength(1);
  });

  test("an incident that is not the organisation's reads as not found", async () => {
    fetchMock.mockImplementation(serve({}));
    renderWithQueries(<IncidentDetail id="inc_elsewhere" />);
    expect((await screen.findByRole("alert")).textContent).toContain("No route GET /api/v1/incidents/inc_elsewhere");
  });
});
