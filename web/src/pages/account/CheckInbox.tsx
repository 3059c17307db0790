import { Link, useSearch } from "wouter";
import { nextPage } from "../AuthPage";
import { AccountCard } from "./AccountCard";
import { ResendVerification } from "./ResendVerification";

/**
 * After sign-up, and after a sign-in refused for an unverified address (403 EMAIL_NOT_VERIFIED).
 * It says the same whether or not the address already had an account: the sign-up answer does.
 */
export function CheckInbox() {
  const params = new URLSearchParams(useSearch());
  const email = params.get("email");
  const unverified = params.get("reason") === "unverified";
  const next = nextPage(`?${params}`);
  return (
    <AccountCard title="Check your inbox">
      {unverified ? (
        <p className="notice" role="status">
          Your address is not verified yet, so sipwatch cannot sign you in.
        </p>
      ) : null}
      <p>
        We sent a link to {email ? <strong>{email}</strong> : "your address"}. Open it to confirm the address; it signs
        you in and takes you {next === "/" ? "to your dashboard" : "back to where you were"}.
      </p>
      <p className="muted small">Nothing there after a few minutes? Look in the spam folder, or send it again.</p>
      <ResendVerification email={email} next={next} />
      <p className="small">
        <Link href="/sign-in">Back to sign-in</Link>
      </p>
    </AccountCard>
  );
}
