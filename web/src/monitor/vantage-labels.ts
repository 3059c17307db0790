import { useAgents } from "../api/queries";
import { vantageLabel } from "./report-types";

/**
 * Names for vantages: regions by their id, agents by the name they were enrolled with. Agent
 * names come from the agents list, which only owners and admins may read; others see ids.
 */
export function useVantageLabel(): (vantageId: string) => string {
  const agents = useAgents();
  const names = new Map((agents.data?.agents ?? []).map((a) => [a.id, a.name]));
  return (vantageId) => {
    const name = names.get(vantageId);
    return name ? `agent ${name}` : vantageLabel(vantageId);
  };
}
