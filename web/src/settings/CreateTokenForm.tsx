import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client";
import { useCreateToken } from "../api/queries";
import { Snippet } from "../ui/CopyButton";
import { OneTimeSecret } from "./OneTimeSecret";
import { TextField } from "./TextField";

/** Creates an API token and shows its secret once (the server keeps only a hash). */
export function CreateTokenForm() {
  const create = useCreateToken();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const nameError = create.error instanceof ApiError ? create.error.forField("name") : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name.trim(), {
      onSuccess: (token) => {
        setCreated({ name: token.name, token: token.token });
        setName("");
      },
    });
  };
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
      <form onSubmit={submit} noValidate>
        <TextField
          id="token-name"
          label="Name"
          value={name}
          onChange={setName}
          error={nameError}
          help="What uses it, for example “Terraform” or “CI deploy”."
          required
          maxLength={100}
        />
        {create.isError && !nameError ? (
          <div className="notice bad" role="alert">
            {create.error.message}
          </div>
        ) : null}
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </button>
      </form>
    </section>
  );
}
