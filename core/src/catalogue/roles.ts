/**
 * The roles of an organisation's members and API tokens, lowest first. Each role may do what
 * the ones below it may:
 * - viewer: read everything of the organisation (monitors, history, incidents, audit log);
 * - editor: monitors, maintenance windows, mutes, incidents, status pages;
 * - admin: members and invitations, alert channels, API tokens, agents;
 * - owner: the organisation itself (rename, delete) and its owners.
 */
export const ROLES = ["viewer", "editor", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer",
  editor: "Editor",
  admin: "Admin",
  owner: "Owner",
};

/** Whether `role` may do what `needed` may. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
