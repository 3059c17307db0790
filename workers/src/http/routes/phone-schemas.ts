import { z } from "@hono/zod-openapi";
import type { ProfileOutcome } from "@sipwatch/core";
import { PROFILE_IDS } from "@sipwatch/core";

/**
 * What each modelled phone does, as the API documents it: the same shape as core's
 * `ProfileOutcome` (the `satisfies` below fails the build if they drift).
 */
const Transport = z.enum(["udp", "tcp", "tls", "sctp", "tls-sctp", "ws", "wss"]);

const CandidateSchema = z
  .object({
    transport: Transport,
    host: z.string(),
    address: z.string(),
    family: z.union([z.literal(4), z.literal(6)]),
    port: z.number().int(),
    source: z.enum(["naptr", "srv", "address", "numeric"]),
    srvOwner: z.string().optional(),
    priority: z.number().int().optional(),
    share: z.number().optional(),
  })
  .openapi("PhoneCandidate");

const Reachability = z.enum(["ok", "refused", "timeout", "failed", "unknown"]);

export const PhoneProfileSchema = z
  .object({
    profile: z.enum(PROFILE_IDS),
    label: z.string(),
    clients: z.array(z.string()).openapi({ example: ["baresip 1.0 (libre 1.1)"] }),
    configuredTransport: z.enum(["udp", "tcp", "tls", "wss"]).optional(),
    verifiesCertificates: z.boolean(),
    basis: z.enum(["measured", "source", "document", "rfc"]),
    description: z.string(),
    attempts: z.array(
      z.object({
        candidate: CandidateSchema,
        reachability: Reachability,
        costMs: z.number().int(),
        step: z.enum(["first", "next-target", "next-transport"]),
        why: z.string().optional(),
      }),
    ),
    outcome: z.object({
      registered: z.boolean(),
      candidate: CandidateSchema.optional(),
      transport: Transport.optional(),
      afterMs: z.number().int(),
      assumed: z.boolean(),
    }),
    tie: z.object({ services: z.array(z.string()), behaviour: z.string() }).optional(),
    summary: z.string(),
  })
  .openapi("PhoneProfile");

// Compile-time check that the documented shape is core's.
const _sameShape = (p: ProfileOutcome): z.input<typeof PhoneProfileSchema> => p;
void _sameShape;
