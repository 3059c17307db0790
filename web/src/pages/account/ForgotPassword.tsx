import { type FormEvent, useState } from "react";
import { Link } from "wouter";
import { requestPasswordReset } from "../../auth/auth-client";
import { AccountCard, errorText } from "./AccountCard";

type State =
  | { kind: "idle" }
  | { kind: "sending" }
  | { kind: "sent"; email: string }
  | { kind: "failed"; message: string };

/** Asks for a reset link. The answer reads the same for every address, registered or not. */
export function ForgotPassword() {
  const [state, setState] = useState<State>({ kind: "idle" });
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const email = String(new FormData(e.currentTarget).get("email"));
    setState({ kind: "sending" });
    try {
      await requestPasswordReset(email);
      setState({ kind: "sent", email });
    } catch (err) {
      setState({ kind: "failed", message: errorText(err) });
    }
  };
  return (
    <AccountCard title="Reset your password">
      {state.kind === "sent" ? (
        <p className="notice" role="status">
          If <strong>{state.email}</strong> has a sipwatch account, a link to choose a new password is on its way. It
          works once, for one hour.
        </p>
      ) : (
        <form onSubmit={submit}>
          <p className="muted">We will mail you a link to choose a new password.</p>
          <div className="field">
            <label htmlFor="email">Email</label>
            <input id="email" name="email" type="email" autoComplete="email" required />
          </div>
          {state.kind === "failed" ? (
            <div className="notice bad" role="alert">
              {state.message}
            </div>
          ) : null}
          <p>
            <button type="submit" className="primary" disabled={state.kind === "sending"}>
              {state.kind === "sending" ? "Sending…" : "Send the link"}
            </button>
          </p>
        </form>
      )}
      <p className="small">
        <Link href="/sign-in">Back to sign-in</Link>
      </p>
    </AccountCard>
  );
}
