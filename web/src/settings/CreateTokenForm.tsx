import { useState } from "react";
import { useCreateToken } from "../api/queries";
import { Snippet } from "../ui/CopyButton";
import { NameForm } from "./NameForm";
import { OneTimeSecret } from "./OneTimeSecret";

/** Creates an API token and shows its secret once (the server keeps only a hash). */
export function CreateTokenForm() {
  const create = useCreateToken();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  return (
    <section className="card" aria-labelledby="create-token">
      <h2 id="create-token">Create a token</h2>
      {created ? (
        <OneTimeSecret
          title={`Token “${created.name}”`}
          secret={created.token}
          secretLabel="API token"
          onDone={() => setCreated(null)}
        >
          <p>Try it:</p>
          <Snippet
            text={`curl -H "Authorization: Bearer ${created.token}" ${window.location.origin}/api/v1/overview`}
            label="Example request"
          />
        </OneTimeSecret>
      ) : null}
      <NameForm
        id="token-name"
        help="What uses it, for example “Terraform” or “CI deploy”."
        action="Create token"
        busyAction="Creating…"
        create={create}
        onCreated={(token) => setCreated({ name: token.name, token: token.token })}
      />
    </section>
  );
}
