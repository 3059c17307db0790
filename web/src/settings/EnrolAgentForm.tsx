import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client";
import { useCreateAgent } from "../api/queries";
import { Snippet } from "../ui/CopyButton";
import { agentCommands } from "./agent-commands";
import { CodeBlock, OneTimeSecret } from "./OneTimeSecret";
import { TextField } from "./TextField";

/** Enrols an agent and shows, once, its token inside the commands that start it. */
export function EnrolAgentForm() {
  const create = useCreateAgent();
  const [name, setName] = useState("");
  const [enrolled, setEnrolled] = useState<{ name: string; token: string } | null>(null);
  const nameError = create.error instanceof ApiError ? create.error.forField("name") : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name.trim(), {
      onSuccess: (agent) => {
        setEnrolled({ name: agent.name, token: agent.token });
        setName("");
      },
    });
  };

  const commands = enrolled ? agentCommands(window.location.origin, enrolled.token) : null;
  return (
    <section className="card" aria-labelledby="enrol-agent">
      <h2 id="enrol-agent">Enrol an agent</h2>
      {enrolled && commands ? (
        <OneTimeSecret
          title={`Token for “${enrolled.name}”`}
          secret={enrolled.token}
          secretLabel="Agent token"
          onDone={() => setEnrolled(null)}
        >
          <p>Start the agent on a machine inside the network (Node.js 22 or later):</p>
          <Snippet text={commands.npx} label="Agent command" />
          <p>
            To keep it running, use Docker (build the image with{" "}
            <code>docker build -f infra/agent/Dockerfile -t sipwatch-agent .</code>):
          </p>
          <Snippet text={commands.docker} label="Docker command" />
          <p>
            Or the systemd unit <code>infra/agent/sipwatch-agent.service</code>, with this in{" "}
            <code>/etc/sipwatch/agent.env</code> (mode 0600), then <code>systemctl enable --now sipwatch-agent</code>:
          </p>
          <CodeBlock text={commands.systemdEnv} label="systemd environment file" />
        </OneTimeSecret>
      ) : null}
      <form onSubmit={submit} noValidate>
        <TextField
          id="agent-name"
          label="Name"
          value={name}
          onChange={setName}
          error={nameError}
          help="Where it runs, for example “Berlin office” or “DC2 core”."
          required
          maxLength={100}
        />
        {create.isError && !nameError ? (
          <div className="notice bad" role="alert">
            {create.error.message}
          </div>
        ) : null}
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? "Enrolling…" : "Enrol agent"}
        </button>
      </form>
    </section>
  );
}
