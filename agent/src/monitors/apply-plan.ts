import type { PlannedChange } from "@sipwatch/core/contract";
import type { MonitorsApi } from "./api-client";

/**
 * Carries out a plan through the API: channels first (alerts of new monitors have somewhere to
 * go), then monitors and their windows, deletions last. Stops at the first refusal and says how
 * far it got; a second apply picks up from there, since the plan is computed afresh.
 */
export async function applyPlan(
  api: MonitorsApi,
  changes: readonly PlannedChange[],
  progress: (line: string) => void,
): Promise<{ done: number; error?: string }> {
  const order = (c: PlannedChange) => (c.kind === "delete" ? 2 : c.what === "channel" ? 0 : 1);
  const work = changes.filter((c) => c.kind !== "unchanged").sort((a, b) => order(a) - order(b));
  let done = 0;
  for (const change of work) {
    const label = `${change.what} "${change.name}"`;
    try {
      if (change.kind === "create" && change.what === "channel") await api.createChannel(change.body);
      else if (change.kind === "create" && change.what === "monitor") {
        const { id } = await api.createMonitor(change.body);
        for (const w of change.maintenance) await api.addWindow(id, w);
      } else if (change.kind === "update" && change.what === "channel")
        await api.updateChannel(change.id, change.patch);
      else if (change.kind === "update" && change.what === "monitor") {
        if (Object.keys(change.patch).length > 0) await api.updateMonitor(change.id, change.patch);
        for (const w of change.removeWindows) await api.removeWindow(change.id, w.id);
        for (const w of change.addWindows) await api.addWindow(change.id, w);
      } else if (change.kind === "delete" && change.what === "monitor") await api.deleteMonitor(change.id);
      else if (change.kind === "delete" && change.what === "channel") await api.deleteChannel(change.id);
      done += 1;
      progress(`${change.kind === "create" ? "created" : change.kind === "update" ? "updated" : "deleted"} ${label}`);
    } catch (error) {
      return { done, error: `${label}: ${(error as Error).message}` };
    }
  }
  return { done };
}
