import { type FormEvent, useState } from "react";
import { resendVerification } from "../../auth/auth-client";
import { errorText } from "./AccountCard";

type State = { kind: "idle" } | { kind: "sending" } | { kind: "sent" } | { kind: "failed"; message: string };

/** "Send the link again": for the address given, or asks for one when the page does not know it. */
export function ResendVerification({ email, next = "/" }: { email: string | null; next?: string }) {
  const [state, setState] = useState<State>({ kind: "idle" });
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const address = email ?? String(new FormData(e.currentTarget).get("email"));
    setState({ kind: "sending" });
    try {
      await resendVerification(address, next);
      setState({ kind: "sent" });
    } catch (err) {
      setState({ kind: "failed", message: errorText(err) });
    }
  };
  return (
    <form onSubmit={submit}>
      {email ? null : (
        <div className="field">
          <label htmlFor="resend-email">Email</label>
          <input id="resend-email" name="email" type="email" autoComplete="email" required />
        </div>
      )}
      <div aria-live="polite">
        {state.kind === "sent" ? (
          <p className="notice">
            A new link is on its way. It works for 24 hours; older links still work until theirs end.
          </p>
        ) : null}
        {state.kind === "failed" ? (
          <p className="notice bad" role="alert">
            {state.message}
          </p>
        ) : null}
      </div>
      <p>
        <button type="submit" disabled={state.kind === "sending"}>
          {state.kind === "sending" ? "Sending…" : "Send the link again"}
        </button>
      </p>
    </form>
  );
}
