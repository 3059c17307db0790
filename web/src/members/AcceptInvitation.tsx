import { ROLE_LABELS } from "@sipwatch/core";
import { useEffect } from "react";
import { Link, useLocation } from "wouter";
import { ErrorState, Loading } from "../ui/states";
import { useAcceptInvitation, useInviteeView } from "./member-queries";

/** /invitations/:id, the link in the invitation mail (signed-out visitors sign in first and come back). */
export default function AcceptInvitation({ id }: { id: string }) {
  const view = useInviteeView(id);
  const accept = useAcceptInvitation();
  const [, navigate] = useLocation();
  useEffect(() => {
    document.title = "Invitation · sipwatch";
  }, []);
  if (view.isPending) return <Loading what="the invitation" />;
  if (view.isError) {
    return (
      <div className="state">
        <h1>This invitation cannot be opened</h1>
        <ErrorState error={view.error} />
        <Link href="/">Back to the overview</Link>
      </div>
    );
  }
  const invitation = view.data;
  return (
    <section className="card" aria-labelledby="invitation-title" style={{ maxWidth: 520, margin: "2rem auto" }}>
      <h1 id="invitation-title">Join {invitation.organisation.name}</h1>
      <p>
        {invitation.inviter.name} ({invitation.inviter.email}) invites you to join{" "}
        <strong>{invitation.organisation.name}</strong> as {ROLE_LABELS[invitation.role]}.
      </p>
      <p className="muted">The invitation works until {new Date(invitation.expiresAt).toLocaleString()}.</p>
      {accept.error ? (
        <div className="notice bad" role="alert">
          {accept.error.message}
        </div>
      ) : null}
      <p>
        <button
          type="button"
          className="primary"
          disabled={accept.isPending}
          onClick={() => accept.mutate(id, { onSuccess: () => navigate("/") })}
        >
          {accept.isPending ? "Joining…" : `Join ${invitation.organisation.name}`}
        </button>
      </p>
    </section>
  );
}
