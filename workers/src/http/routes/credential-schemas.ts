import { z } from "@hono/zod-openapi";
import { formatOutboundProxy, parseOutboundProxy } from "@sipwatch/core";
import type { CredentialRow } from "@sipwatch/db";

/** RFC 3261 25.1 user: unreserved, escaped and user-unreserved characters, nothing that breaks a header. */
const SIP_USER = /^[A-Za-z0-9\-_.!~*'()&=+$,;?/%]{1,128}$/;
const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
/** Printable, one line: it goes into nothing but a digest hash, but a line break is always a paste mistake. */
const PASSWORD = /^[^\p{Cc}]{1,256}$/u;

const sipUser = (what: string) =>
  z.string().regex(SIP_USER, `must be 1-128 characters allowed in a SIP user part (RFC 3261 25.1): ${what}`);

export const PutCredentialSchema = z
  .object({
    source: z.enum(["stored", "agent"]).default("stored").openapi({
      description:
        '"stored": kept here encrypted and used by the edge; "agent": each agent reads it from its own configuration file and sipwatch never sees the password',
    }),
    user: sipUser("the address-of-record user").openapi({ example: "monitor-test" }),
    authUser: sipUser("the digest username").nullable().optional().openapi({
      description: "Digest username when it differs from user",
    }),
    domain: z.string().regex(HOST_NAME, "must be a host name").nullable().optional().openapi({
      description: "Address-of-record domain; the monitor's SIP domain when absent",
    }),
    outboundProxy: z
      .string()
      .transform((value, ctx) => {
        const parsed = parseOutboundProxy(value);
        if (parsed.ok) return formatOutboundProxy(parsed.proxy);
        ctx.addIssue({ code: "custom", message: `is not an outbound proxy: ${parsed.error}` });
        return z.NEVER;
      })
      .nullable()
      .optional()
      .openapi({
        type: ["string", "null"],
        description:
          "Where phones send REGISTER first (RFC 3261 8.1.2): host[:port], or a SIP URI with ;transport=udp|tcp|tls; stored as a URI. Absent or null: straight to the registrar",
        example: "sip:proxy.example.com:5070;transport=tcp",
      }),
    expectContact: z.enum(["as-sent", "rewritten"]).default("as-sent").openapi({
      description: '"rewritten" when an SBC or NAT-aware registrar changes the Contact on purpose',
    }),
    password: z.string().regex(PASSWORD, "must be 1-256 printable characters").optional().openapi({
      description:
        "Write-only: required for a new stored account, omitted to keep the current one; never returned, logged or exported",
      writeOnly: true,
    }),
  })
  .openapi("PutCredential");

export const CredentialSchema = z
  .object({
    source: z.enum(["stored", "agent"]),
    user: z.string(),
    authUser: z.string().nullable(),
    domain: z.string().nullable(),
    outboundProxy: z.string().nullable().openapi({ description: "The outbound proxy as a SIP URI, or null" }),
    expectContact: z.enum(["as-sent", "rewritten"]),
    password: z.enum(["set", "agent"]).openapi({
      description: '"set": a password is stored (its value is never shown); "agent": the agents hold it',
    }),
    updatedAt: z.iso.datetime(),
  })
  .openapi("Credential");

/** What the API shows of a test account: everything but the password, which it only says is set. */
export function toCredential(row: CredentialRow): z.infer<typeof CredentialSchema> {
  return {
    source: row.source,
    user: row.user,
    authUser: row.authUser,
    domain: row.domain,
    outboundProxy: row.outboundProxy,
    expectContact: row.expectContact,
    password: row.source === "stored" ? "set" : "agent",
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
