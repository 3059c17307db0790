/**
 * How to start an enrolled agent, with its server and token filled in. The flags and variables
 * are the agent CLI's own (agent/src/agent/agent-config.ts); the Docker and systemd forms follow
 * infra/agent/Dockerfile and infra/agent/sipwatch-agent.service.
 */
export interface AgentCommands {
  npx: string;
  docker: string;
  /** /etc/sipwatch/agent.env for the systemd unit: the token stays out of `ps` and the unit file. */
  systemdEnv: string;
}

export function agentCommands(origin: string, token: string): AgentCommands {
  return {
    npx: `npx sipwatch agent --server ${origin} --token ${token}`,
    // Host networking, so the agent resolves and connects as the phones on that network do.
    docker: `docker run -d --network host -v sipwatch-agent:/var/lib/sipwatch-agent -e SIPWATCH_SERVER=${origin} -e SIPWATCH_AGENT_TOKEN=${token} sipwatch-agent`,
    systemdEnv: `SIPWATCH_SERVER=${origin}\nSIPWATCH_AGENT_TOKEN=${token}\n`,
  };
}
