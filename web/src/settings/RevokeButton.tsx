import type { UseMutationResult } from "@tanstack/react-query";

/** Revoke after a confirmation that says what revoking does; the refusal, if any, shown beneath. */
export function RevokeButton({
  id,
  kind,
  name,
  consequence,
  revoke,
}: {
  id: string;
  /** "token", "agent" */
  kind: string;
  name: string;
  /** The second sentence of the confirmation: what stops working. */
  consequence: string;
  revoke: UseMutationResult<unknown, Error, string>;
}) {
  return (
    <>
      <button
        type="button"
        className="danger"
        onClick={() => {
          if (window.confirm(`Revoke the ${kind} “${name}”? ${consequence}`)) revoke.mutate(id);
        }}
        disabled={revoke.isPending}
        aria-label={`Revoke ${name}`}
      >
        {revoke.isPending ? "Revoking…" : "Revoke"}
      </button>
      {revoke.isError ? (
        <p className="field-error" role="alert">
          {revoke.error.message}
        </p>
      ) : null}
    </>
  );
}
