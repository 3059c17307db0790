import type { Role } from "@sipwatch/core";
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements, ownerAc } from "better-auth/plugins/organization/access";

/**
 * core's roles (viewer < editor < admin < owner) as the organization plugin's access control.
 * The plugin only guards its own resources (organisation, member, invitation): admins and
 * owners manage members and invitations, owners also the organisation itself. Who may change
 * whom among members (only owners touch owners; the last owner stays) is members/role-rules.ts.
 */
export const organisationAccess = createAccessControl(defaultStatements);

const nothing = organisationAccess.newRole({ organization: [], member: [], invitation: [], team: [], ac: ["read"] });

export const organisationRoles = {
  viewer: nothing,
  editor: nothing,
  admin: organisationAccess.newRole(adminAc.statements),
  owner: organisationAccess.newRole(ownerAc.statements),
} satisfies Record<Role, unknown>;
