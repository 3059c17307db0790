import type { ServerChannel, ServerMonitor, ServerState, ServerWindow } from "@sipwatch/core/contract";

/** The sipwatch API as `export` and `apply` use it, with an API token (swt_…). */
export interface MonitorsApi {
  readState(): Promise<ServerState>;
  createMonitor(body: Record<string, unknown>): Promise<{ id: string }>;
  updateMonitor(id: string, patch: Record<string, unknown>): Promise<void>;
  deleteMonitor(id: string): Promise<void>;
  addWindow(
    monitorId: string,
    window: { startsAt: string; endsAt: string; reason: string; announce?: boolean },
  ): Promise<void>;
  removeWindow(monitorId: string, windowId: string): Promise<void>;
  createChannel(body: Record<string, unknown>): Promise<void>;
  updateChannel(id: string, patch: Record<string, unknown>): Promise<void>;
  deleteChannel(id: string): Promise<void>;
}

/** An answer other than 2xx, with the API's problem detail ("slug: must be …"). */
export class ApiError extends Error {}

const TIMEOUT_MS = 30_000;

export function monitorsApi(base: string, token: string, fetchFn: typeof fetch = fetch): MonitorsApi {
  const root = base.replace(/\/+$/, "");
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetchFn(`${root}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) throw new ApiError(`${method} ${path}: ${response.status} ${problemText(text)}`);
    try {
      return (text ? JSON.parse(text) : undefined) as T;
    } catch {
      throw new ApiError(`${method} ${path}: the answer is not JSON (is ${root} a sipwatch server?)`);
    }
  }

  return {
    async readState() {
      const monitors: ServerMonitor[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
        const page: { monitors: ServerMonitor[]; nextCursor: string | null } = await call(
          "GET",
          `/monitors?limit=1000${query}`,
        );
        monitors.push(...page.monitors);
        cursor = page.nextCursor;
      } while (cursor);
      const windows: Record<string, ServerWindow[]> = {};
      // Six at a time, like a browser: fast for a fleet without flooding the server.
      for (let i = 0; i < monitors.length; i += 6) {
        await Promise.all(
          monitors.slice(i, i + 6).map(async (m) => {
            const answer = await call<{ windows: ServerWindow[] }>("GET", `/monitors/${m.id}/maintenance`);
            windows[m.id] = answer.windows;
          }),
        );
      }
      const { channels } = await call<{ channels: ServerChannel[] }>("GET", "/channels");
      return { monitors, windows, channels };
    },
    createMonitor: (body) => call("POST", "/monitors", body),
    updateMonitor: async (id, patch) => void (await call("PATCH", `/monitors/${id}`, patch)),
    deleteMonitor: async (id) => void (await call("DELETE", `/monitors/${id}`)),
    addWindow: async (id, window) => void (await call("POST", `/monitors/${id}/maintenance`, window)),
    removeWindow: async (id, windowId) => void (await call("DELETE", `/monitors/${id}/maintenance/${windowId}`)),
    createChannel: async (body) => void (await call("POST", "/channels", body)),
    updateChannel: async (id, patch) => void (await call("PATCH", `/channels/${id}`, patch)),
    deleteChannel: async (id) => void (await call("DELETE", `/channels/${id}`)),
  };
}

/** "slug: must be …" from a problem+json body; the start of anything else. */
function problemText(text: string): string {
  try {
    const problem = JSON.parse(text) as {
      title?: string;
      detail?: string;
      errors?: Array<{ field?: string; message?: string }>;
    };
    const fields = (problem.errors ?? []).map((e) => `${e.field ?? ""}: ${e.message ?? ""}`).join("; ");
    return [problem.title, problem.detail, fields].filter(Boolean).join(" - ");
  } catch {
    return text.slice(0, 200);
  }
}
