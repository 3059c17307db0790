import { type FormEvent, useState } from "react";
import { Link, useSearch } from "wouter";
import { AuthError, resetPassword } from "../../auth/auth-client";
import { AccountCard, errorText } from "./AccountCard";

type State = { kind: "idle" } | { kind: "saving" } | { kind: "done" } | { kind: "failed"; message: string };

const BAD_LINK = "This link has expired or was already used. Ask for a new one.";

/** /reset-password?token=…: the link in the reset mail. Setting the password signs out every session. */
export function ResetPassword() {
  const token = new URLSearchParams(useSearch()).get("token");
  const [state, setState] = useState<State>({ kind: "idle" });
  if (!token) {
    return (
      <AccountCard title="Choose a new password">
        <p className="notice bad" role="alert">
          This page needs the link from the reset mail.
        </p>
        <p>
          <Link href="/forgot-password">Ask for a reset link</Link>
        </p>
      </AccountCard>
    );
  }
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get("password"));
    if (password !== String(form.get("confirm"))) {
      setState({ kind: "failed", message: "The two passwords differ." });
      return;
    }
    setState({ kind: "saving" });
    try {
      await resetPassword(token, password);
      setState({ kind: "done" });
    } catch (err) {
      const badLink = err instanceof AuthError && err.code === "INVALID_TOKEN";
      setState({ kind: "failed", message: badLink ? BAD_LINK : errorText(err) });
    }
  };
  if (state.kind === "done") {
    return (
      <AccountCard title="Password changed">
        <p className="notice" role="status">
          Your new password is set, and every session of your account was signed out.
        </p>
        <p>
          <Link className="button primary" href="/sign-in">
            Sign in
          </Link>
        </p>
      </AccountCard>
    );
  }
  return (
    <AccountCard title="Choose a new password">
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="password">New password</label>
          <input id="password" name="password" type="password" minLength={8} autoComplete="new-password" required />
          <div className="field-help">At least 8 characters.</div>
        </div>
        <div className="field">
          <label htmlFor="confirm">The same again</label>
          <input id="confirm" name="confirm" type="password" minLength={8} autoComplete="new-password" required />
        </div>
        {state.kind === "failed" ? (
          <div className="notice bad" role="alert">
            {state.message} {state.message === BAD_LINK ? <Link href="/forgot-password">New link</Link> : null}
          </div>
        ) : null}
        <p>
          <button type="submit" className="primary" disabled={state.kind === "saving"}>
            {state.kind === "saving" ? "Saving…" : "Set the new password"}
          </button>
        </p>
      </form>
    </AccountCard>
  );
}
