import { waitUntil } from "cloudflare:workers";
import * as schema from "@sipwatch/db/schema";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import type { Services } from "../services";
import { RESET_LINK_SECONDS, VERIFY_LINK_SECONDS } from "./account-mail";
import { organisationPlugin, organisationPluginPaths } from "./organisation-plugin";
import { createPersonalOrganisation, defaultOrganisationId } from "./personal-organisation";
import { sendDuplicateSignUpMail, sendResetPasswordMail, sendVerificationMail } from "./send-account-mail";

/**
 * better-auth over D1. Built per request: the D1 binding (and so the drizzle db) only exists
 * inside a request, so there is no module-level instance.
 */
export function createAuth(services: Services) {
  const { db, config, env } = services;
  const mail = { env, config };
  const organisations = organisationPlugin(services);
  return betterAuth({
    appName: "sipwatch",
    secret: config.betterAuthSecret,
    baseURL: config.publicUrl,
    basePath: "/api/auth",
    trustedOrigins: [config.publicUrl],
    database: drizzleAdapter(db, {
      provider: "sqlite",
      // better-auth's model names -> our drizzle tables (the JS names are plural).
      schema: {
        user: schema.users,
        session: schema.sessions,
        account: schema.accounts,
        verification: schema.verifications,
        organisation: schema.organisations,
        member: schema.members,
        invitation: schema.invitations,
      },
    }),
    plugins: [organisations],
    // Members and invitations are served by /api/v1 (routes call auth.api.* on the server).
    disabledPaths: organisationPluginPaths(organisations),
    // Enumeration safety, as observed in better-auth 1.7.25 (dist/api/routes/sign-up.mjs,
    // password.mjs): with requireEmailVerification, sign-up with a registered address answers
    // 200 { token: null, user: <synthetic, unverified> } without a session, exactly like a new
    // sign-up, after hashing the password as a new sign-up does, and calls onExistingUserSignUp;
    // request-password-reset answers the same 200 body for unknown addresses. Sign-in refuses
    // an unverified account with 403 EMAIL_NOT_VERIFIED only after the password matched (a
    // wrong one answers 401 either way). So nothing here wraps better-auth's answers.
    emailAndPassword: {
      enabled: true,
      maxPasswordLength: 128,
      requireEmailVerification: true,
      resetPasswordTokenExpiresIn: RESET_LINK_SECONDS,
      // The reset token is consumed when used (single use); every session of the account ends.
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: ({ user, token }) => sendResetPasswordMail(mail, user, token),
      onExistingUserSignUp: ({ user }) => sendDuplicateSignUpMail(mail, user),
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      expiresIn: VERIFY_LINK_SECONDS,
      sendVerificationEmail: ({ user, url, token }) => sendVerificationMail(mail, user, token, url),
    },
    // The Workers Rate Limiting binding limits these endpoints in front of better-auth
    // (http/middleware/guard-auth.ts): its own limiter would keep counts in one isolate's memory.
    rateLimit: { enabled: false },
    databaseHooks: {
      user: {
        create: {
          after: async (user) => {
            await createPersonalOrganisation(db, user);
          },
        },
      },
      session: {
        create: {
          before: async (session) => {
            // The organization plugin's session field (session.active_organisation_id), set by
            // sipwatch (sign-in, sign-up, /organisations/{id}/activate, accepting an invitation).
            if (session.activeOrganizationId) return;
            // null at sign-up: the personal organisation is created after the session (see above).
            const activeOrganizationId = await defaultOrganisationId(db, session.userId);
            return activeOrganizationId ? { data: { ...session, activeOrganizationId } } : undefined;
          },
        },
      },
    },
    advanced: {
      // Mail is sent after the answer (Workers' waitUntil): a known address then takes no longer
      // to answer than an unknown one, and a slow mail service does not hold the request.
      backgroundTasks: { handler: waitUntil },
      // Workers put the client address here, not in X-Forwarded-For.
      ipAddress: { ipAddressHeaders: ["cf-connecting-ip"] },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
