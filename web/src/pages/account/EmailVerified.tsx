import { Link, useSearch } from "wouter";
import { nextPage } from "../AuthPage";
import { AccountCard } from "./AccountCard";
import { ResendVerification } from "./ResendVerification";

/** better-auth's error codes on the verification link's redirect, in words. */
const LINK_ERRORS: Record<string, string> = {
  TOKEN_EXPIRED: "This link has expired (links work for 24 hours).",
  INVALID_TOKEN: "This link is not valid: it may be incomplete, or from an older mail.",
  USER_NOT_FOUND: "This link is for an account that no longer exists.",
  INVALID_USER: "This link is for another account than the one signed in here. Sign out and open it again.",
};

/** Where the link in the verification mail lands: signed in (better-auth's autoSignInAfterVerification), or why not. */
export function EmailVerified({ signedIn }: { signedIn: boolean }) {
  const search = useSearch();
  const error = new URLSearchParams(search).get("error");
  const next = nextPage(`?${search}`);
  if (error) {
    return (
      <AccountCard title="This link did not work">
        <p className="notice bad" role="alert">
          {LINK_ERRORS[error] ?? "This link did not work."}
        </p>
        <p>Ask for a new one:</p>
        <ResendVerification email={null} />
        <p className="small">
          <Link href="/sign-in">Back to sign-in</Link>
        </p>
      </AccountCard>
    );
  }
  return (
    <AccountCard title="Your address is verified">
      <p>Thank you. {signedIn ? "You are signed in." : "Sign in with your password to continue."}</p>
      <p>
        <Link
          className="button primary"
          href={signedIn ? next : `/sign-in${next === "/" ? "" : `?${new URLSearchParams({ next })}`}`}
        >
          {signedIn
            ? next.startsWith("/invitations/")
              ? "Continue to the invitation"
              : "Go to your dashboard"
            : "Sign in"}
        </Link>
      </p>
    </AccountCard>
  );
}
