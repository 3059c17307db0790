// Its own entry: the contract index brings zod, whose eval probe the dashboard's CSP refuses.
import { sitePath } from "@sipwatch/core/contract/site-path";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { keys } from "../api/queries";
import { AuthError, signIn, signUp } from "../auth/auth-client";

/**
 * Sign-in and sign-up: email and password through better-auth; a new account gets its own
 * organisation once its address is verified by the mailed link (the "check your inbox" page).
 */
export function AuthPage({ mode }: { mode: "sign-in" | "sign-up" }) {
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const search = useSearch();
  // Where to go once signed in: the invitation (or other page) that sent the visitor here.
  const next = nextPage(`?${search}`);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email"));
    const password = String(form.get("password"));
    setBusy(true);
    setError(null);
    try {
      if (mode === "sign-up") {
        await signUp(String(form.get("name")), email, password, next);
        navigate(`/check-inbox?${new URLSearchParams({ email, next })}`, { replace: true });
        return;
      }
      await signIn(email, password);
      window.history.replaceState(null, "", next);
      await client.invalidateQueries({ queryKey: keys.me });
    } catch (err) {
      if (err instanceof AuthError && err.code === "EMAIL_NOT_VERIFIED") {
        navigate(`/check-inbox?${new URLSearchParams({ reason: "unverified", email, next })}`);
        return;
      }
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const signingUp = mode === "sign-up";
  return (
    <main id="main">
      <div className="card" style={{ maxWidth: 420, margin: "3rem auto" }}>
        <h1>{signingUp ? "Create your sipwatch account" : "Sign in to sipwatch"}</h1>
        <p className="muted">
          SIP reachability monitoring: DNS, transports, certificates, from everywhere your phones are.
        </p>
        {next.startsWith("/invitations/") ? (
          <p className="notice" role="status">
            {signingUp ? "Create your account" : "Sign in, or create an account,"} with the address the invitation was
            sent to; you will then see the invitation and can join.
          </p>
        ) : null}
        <form onSubmit={submit} noValidate={false}>
          {signingUp ? (
            <div className="field">
              <label htmlFor="name">Your name</label>
              <input id="name" name="name" autoComplete="name" required />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="email">Email</label>
            <input id="email" name="email" type="email" autoComplete="email" required />
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input
              id="password"
              name="password"
              type="password"
              minLength={8}
              autoComplete={signingUp ? "new-password" : "current-password"}
              required
            />
            {signingUp ? (
              <div className="field-help">At least 8 characters.</div>
            ) : (
              <div className="field-help">
                <Link href="/forgot-password">Forgot password?</Link>
              </div>
            )}
          </div>
          {error ? (
            <div className="notice bad" role="alert">
              {error}
            </div>
          ) : null}
          <p>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? "Please wait…" : signingUp ? "Create account" : "Sign in"}
            </button>
          </p>
        </form>
        <p className="small">
          {signingUp ? (
            <>
              Already have an account? <Link href={`/sign-in${search ? `?${search}` : ""}`}>Sign in</Link>
            </>
          ) : (
            <>
              New to sipwatch? <Link href={`/sign-up${search ? `?${search}` : ""}`}>Create an account</Link>
            </>
          )}
        </p>
      </div>
    </main>
  );
}

/** `?next=` when it is a path of this site (core's sitePath), else the overview. */
export function nextPage(search: string): string {
  return sitePath(new URLSearchParams(search).get("next")) ?? "/";
}
