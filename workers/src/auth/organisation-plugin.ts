import { organization } from "better-auth/plugins/organization";
import { sendInvitationMail } from "../members/invitation-mail";
import type { Services } from "../services";
import { organisationAccess, organisationRoles } from "./organisation-roles";

/** How long an invitation link works. */
export const INVITATION_TTL_SECONDS = 7 * 24 * 3600;

/**
 * better-auth's organization plugin on sipwatch's own tables: `organisation`, `member` and
 * `invitation` (db/src/schema/organisations.ts), whose drizzle fields are spelled the British way.
 * Each mapping names the drizzle field the plugin's field is stored in.
 */
export function organisationPlugin(services: Services) {
  return organization({
    ac: organisationAccess,
    roles: organisationRoles,
    creatorRole: "owner",
    invitationExpiresIn: INVITATION_TTL_SECONDS,
    // Re-inviting an address replaces its pending invitation (a fresh link and expiry).
    cancelPendingInvitationsOnReInvite: true,
    // Only a proven address may take an invitation made out to it (sign-in already requires
    // one; this holds for any session better-auth may create in the future too).
    requireEmailVerificationOnInvitation: true,
    // sipwatch creates organisations itself (the personal one at sign-up, POST /organisations),
    // with its own limit per account.
    allowUserToCreateOrganization: false,
    sendInvitationEmail: (data) => sendInvitationMail(services, data),
    schema: {
      organization: { modelName: "organisation" },
      member: { modelName: "member", fields: { organizationId: "organisationId" } },
      invitation: { modelName: "invitation", fields: { organizationId: "organisationId" } },
      session: { fields: { activeOrganizationId: "activeOrganisationId" } },
    },
  });
}

/**
 * The plugin's HTTP paths (/organization/...), all disabled: the dashboard and clients use
 * /api/v1 (one API with its OpenAPI document, validation and problem answers), whose routes
 * call `auth.api.*` on the server.
 */
export function organisationPluginPaths(plugin: ReturnType<typeof organisationPlugin>): string[] {
  return Object.values(plugin.endpoints).map((endpoint) => endpoint.path);
}
