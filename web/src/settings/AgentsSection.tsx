import type { Schemas } from "../api/client";
import { useAgents, useRevokeAgent } from "../api/queries";
import { IfCan } from "../app/caller-role";
import { Empty, ErrorState, Loading } from "../ui/states";
import { Pill } from "../ui/status";
import { ago, when } from "../ui/time";
import { EnrolAgentForm } from "./EnrolAgentForm";
import { RevokeButton } from "./RevokeButton";

/** Settings → Agents: private vantage points that audit from inside a customer's network. */
export function AgentsSection() {
  const agents = useAgents();
  return (
    <>
      <h1>Agents</h1>
      <p className="muted">
        An agent runs inside your network and audits your monitors from there: UDP probes, your office resolvers and
        addresses the public regions cannot reach.
      </p>
      <section aria-labelledby="agent-list">
        <h2 id="agent-list">Enrolled agents</h2>
        {agents.isPending ? (
          <Loading what="agents" />
        ) : agents.isError ? (
          <ErrorState error={agents.error} retry={() => agents.refetch()} />
        ) : agents.data.agents.length === 0 ? (
          <Empty title="No agents yet">
            <p>Enrol one below; it needs only outbound HTTPS to this server.</p>
          </Empty>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Last seen</th>
                  <th scope="col">Version</th>
                  <th scope="col">Enrolled</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {agents.data.agents.map((agent) => (
                  <AgentRow key={agent.id} agent={agent} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <IfCan operation="POST /api/v1/agents">
        <EnrolAgentForm />
      </IfCan>
    </>
  );
}

function AgentRow({ agent }: { agent: Schemas["Agent"] }) {
  const revoke = useRevokeAgent();
  return (
    <tr>
      <th scope="row">{agent.name}</th>
      <td>
        {agent.revoked ? (
          <Pill tone="idle" icon="✕">
            Revoked
          </Pill>
        ) : agent.lastSeenAt ? (
          <time dateTime={agent.lastSeenAt} title={when(Date.parse(agent.lastSeenAt))}>
            {ago(Date.parse(agent.lastSeenAt))}
          </time>
        ) : (
          <Pill tone="warn" icon="…">
            Never connected
          </Pill>
        )}
      </td>
      <td>{agent.version ?? "—"}</td>
      <td>
        <time dateTime={agent.createdAt}>{when(Date.parse(agent.createdAt))}</time>
      </td>
      <td>
        {agent.revoked ? null : (
          <IfCan operation="DELETE /api/v1/agents/{id}">
            <RevokeButton
              id={agent.id}
              kind="agent"
              name={agent.name}
              consequence="Its token stops working now; its history stays."
              revoke={revoke}
            />
          </IfCan>
        )}
      </td>
    </tr>
  );
}
