import { ROLE_LABELS, ROLES, roleAtLeast } from "@sipwatch/core";
import { type FormEvent, useState } from "react";
import { useCurrentOrganisation } from "../api/queries";
import { IfCan } from "../app/caller-role";
import { ErrorState, Loading } from "../ui/states";
import { DeleteOrganisation } from "./DeleteOrganisation";
import {
  type Invitation,
  type Role,
  useChangeRole,
  useInvitations,
  useInvite,
  useLeaveOrganisation,
  useMembers,
  useRemoveMember,
  useRevokeInvitation,
} from "./member-queries";

/** Settings > Members: who belongs, their roles, inviting, pending invitations, leaving. */
export function MembersSection() {
  const me = useCurrentOrganisation();
  const members = useMembers();
  const myRole = (me.data?.role ?? "viewer") as Role;
  const manages = roleAtLeast(myRole, "admin");
  const invitations = useInvitations(manages);
  const changeRole = useChangeRole();
  const remove = useRemoveMember();
  const leave = useLeaveOrganisation();
  if (members.isPending) return <Loading what="members" />;
  if (members.isError) return <ErrorState error={members.error} retry={() => members.refetch()} />;
  // Admins give roles up to admin; owners any.
  const assignable = ROLES.filter((r) => myRole === "owner" || r !== "owner");
  const failure = changeRole.error ?? remove.error ?? leave.error;
  // The last owner can neither leave nor be demoted or removed (the API answers 409): not offered.
  const lastOwner = members.data.members.filter((m) => m.role === "owner").length === 1;
  return (
    <>
      <section className="card" aria-labelledby="members-title">
        <h1 id="members-title">Members of {me.data?.name}</h1>
        {failure ? (
          <div className="notice bad" role="alert">
            {failure.message}
          </div>
        ) : null}
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {members.data.members.map((m) => {
              const editable = manages && (m.role !== "owner" || (myRole === "owner" && !lastOwner));
              return (
                <tr key={m.id}>
                  <td>{m.name}</td>
                  <td>{m.email}</td>
                  <td>
                    {editable ? (
                      <select
                        aria-label={`Role of ${m.name}`}
                        value={m.role}
                        disabled={changeRole.isPending}
                        onChange={(e) => changeRole.mutate({ id: m.id, role: e.target.value as Role })}
                      >
                        {assignable.concat(assignable.includes(m.role) ? [] : [m.role]).map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABELS[r]}
                          </option>
                        ))}
                      </select>
                    ) : (
                      ROLE_LABELS[m.role]
                    )}
                  </td>
                  <td>
                    {editable ? (
                      <button
                        type="button"
                        className="danger"
                        aria-label={`Remove ${m.name}`}
                        onClick={() => {
                          if (window.confirm(`Remove ${m.name} from ${me.data?.name}?`)) remove.mutate(m.id);
                        }}
                      >
                        Remove
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {myRole === "owner" && lastOwner ? (
          <p className="muted small">
            You are the only owner: make someone else an owner before you leave {me.data?.name}.
          </p>
        ) : (
          <p>
            <button
              type="button"
              onClick={() => {
                if (window.confirm(`Leave ${me.data?.name}? You lose access to its monitors.`)) leave.mutate();
              }}
              disabled={leave.isPending}
            >
              Leave this organisation
            </button>
          </p>
        )}
      </section>
      {manages ? <InviteForm roles={assignable} /> : null}
      {manages && invitations.data ? <PendingInvitations invitations={invitations.data.invitations} /> : null}
      {me.data ? (
        <IfCan operation="DELETE /api/v1/organisations/current">
          <DeleteOrganisation name={me.data.name} />
        </IfCan>
      ) : null}
    </>
  );
}

function InviteForm({ roles }: { roles: Role[] }) {
  const invite = useInvite();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const email = String(data.get("email"));
    invite.mutate(
      { email, role: String(data.get("role")) as Role },
      {
        onSuccess: () => {
          setSentTo(email);
          form.reset();
        },
      },
    );
  };
  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite someone</h2>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="invite-email">Email</label>
          <input id="invite-email" name="email" type="email" required />
        </div>
        <div className="field">
          <label htmlFor="invite-role">Role</label>
          <select id="invite-role" name="role" defaultValue="viewer">
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        {invite.error ? (
          <div className="notice bad" role="alert">
            {invite.error.message}
          </div>
        ) : null}
        {sentTo && !invite.error ? (
          <output className="notice good">Invitation sent to {sentTo}. The link works for 7 days.</output>
        ) : null}
        <p>
          <button type="submit" className="primary" disabled={invite.isPending}>
            {invite.isPending ? "Sending…" : "Send invitation"}
          </button>
        </p>
      </form>
    </section>
  );
}

function PendingInvitations({ invitations }: { invitations: Invitation[] }) {
  const revoke = useRevokeInvitation();
  return (
    <section className="card" aria-labelledby="pending-title">
      <h2 id="pending-title">Pending invitations</h2>
      {invitations.length === 0 ? <p className="muted">No pending invitations.</p> : null}
      <ul>
        {invitations.map((i) => (
          <li key={i.id}>
            {i.email} as {ROLE_LABELS[i.role]}, from {i.inviter.name}:{" "}
            {i.expired ? "expired" : `until ${new Date(i.expiresAt).toLocaleString()}`}{" "}
            <button
              type="button"
              className="danger"
              aria-label={`Revoke the invitation of ${i.email}`}
              onClick={() => revoke.mutate(i.id)}
              disabled={revoke.isPending}
            >
              Revoke
            </button>
          </li>
        ))}
      </ul>
      {revoke.error ? (
        <div className="notice bad" role="alert">
          {revoke.error.message}
        </div>
      ) : null}
    </section>
  );
}
