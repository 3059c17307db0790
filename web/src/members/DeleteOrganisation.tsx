import { type FormEvent, useState } from "react";
import { useLocation } from "wouter";
import { useDeleteOrganisation } from "./member-queries";

/**
 * The owners' danger zone: deleting the organisation with everything in it, confirmed by typing
 * its name (the API checks the same).
 */
export function DeleteOrganisation({ name }: { name: string }) {
  const [typed, setTyped] = useState("");
  const remove = useDeleteOrganisation();
  const [, navigate] = useLocation();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    remove.mutate(typed, { onSuccess: () => navigate("/", { replace: true }) });
  };
  return (
    <section className="card" aria-labelledby="delete-org-title">
      <h2 id="delete-org-title">Delete this organisation</h2>
      <p>
        Deletes {name} for everyone: its monitors and their history, alert channels, API tokens, agents, incidents,
        status pages, members, invitations and audit log. Public badges and status pages stop working. This cannot be
        undone.
      </p>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="delete-org-confirm">Type {name} to confirm</label>
          <input
            id="delete-org-confirm"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        {remove.error ? (
          <div className="notice bad" role="alert">
            {remove.error.message}
          </div>
        ) : null}
        <p>
          <button type="submit" className="danger" disabled={typed.trim() !== name || remove.isPending}>
            {remove.isPending ? "Deleting…" : `Delete ${name}`}
          </button>
        </p>
      </form>
    </section>
  );
}
