import {
  can,
  isRole,
  OPERATION_ROLES,
  type Operation,
  ROLE_LABELS,
  ROLES,
  type Role,
  roleAtLeast,
} from "@sipwatch/core";
import type { ReactNode } from "react";
import { Link } from "wouter";
import { useCurrentOrganisation } from "../api/queries";

/**
 * The caller's role in the organisation the dashboard shows (GET /organisations/current), or
 * "unknown" while it loads and null when it cannot be read.
 */
export function useCallerRole(): Role | "unknown" | null {
  const current = useCurrentOrganisation();
  if (current.isPending) return "unknown";
  const role = current.data?.role;
  return isRole(role) ? role : null;
}

/**
 * Whether to offer an operation (core's OPERATION_ROLES, the table the API enforces). Hidden
 * until the role is known, so a viewer never sees a button flash; when the role cannot be read
 * the controls show and the API's own 403 answers, rather than locking everyone out.
 */
export function useCan(operation: Operation): boolean {
  const role = useCallerRole();
  if (role === "unknown") return false;
  return role === null ? true : can(role, operation);
}

/** Renders its children only for callers whose role allows `operation`. */
export function IfCan({ operation, children }: { operation: Operation; children: ReactNode }) {
  return useCan(operation) ? children : null;
}

/** "editors, admins and owners": the roles that may call `operation`, in words. */
export function rolesThatCan(operation: Operation): string {
  const names = ROLES.filter((r) => roleAtLeast(r, OPERATION_ROLES[operation])).map(
    (r) => `${ROLE_LABELS[r].toLowerCase()}s`,
  );
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "nobody");
}

/**
 * A page some roles may not use (a form, a credentials list): its children for those who may,
 * otherwise who can and how to get there, instead of a form whose save answers 403.
 */
export function RoleGate({ operation, doing, children }: { operation: Operation; doing: string; children: ReactNode }) {
  const role = useCallerRole();
  if (role === "unknown") return null;
  if (role === null || can(role, operation)) return children;
  const label = ROLE_LABELS[role].toLowerCase();
  return (
    <div className="state">
      <h1>Your role cannot {doing}</h1>
      <p>
        Only {rolesThatCan(operation)} can {doing}; you are {/^[aeiou]/.test(label) ? "an" : "a"} {label} here. An admin
        or owner can change your role on the <Link href="/settings/members">Members</Link> page.
      </p>
    </div>
  );
}
