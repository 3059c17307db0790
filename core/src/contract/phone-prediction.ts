import { z } from "zod";
import { MONITOR_TRANSPORTS, TRANSPORTS } from "../catalogue/monitor-rules";
import type { ProfileOutcome } from "../simulation/types";
import { PROFILE_IDS } from "../simulation/types";

/**
 * What each modelled phone does (a profile prediction), as the API documents it and the
 * dashboard reads it: the same shape as core's `ProfileOutcome` (the check below fails the build
 * if they drift).
 */
const Transport = z.enum(TRANSPORTS);

const CandidateSchema = z.object({
  transport: Transport,
  host: z.string(),
  address: z.string(),
  family: z.union([z.literal(4), z.literal(6)]),
  port: z.number().int(),
  source: z.enum(["naptr", "srv", "address", "numeric"]),
  srvOwner: z.string().optional(),
  priority: z.number().int().optional(),
  share: z.number().optional(),
});

const Reachability = z.enum(["ok", "refused", "timeout", "failed", "unknown"]);

export const PhonePredictionSchema = z.object({
  profile: z.enum(PROFILE_IDS),
  label: z.string(),
  clients: z.array(z.string()).describe("e.g. baresip 1.0 (libre 1.1)"),
  configuredTransport: z.enum(MONITOR_TRANSPORTS).optional(),
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
});

// Compile-time check that the documented shape is core's.
const _sameShape = (p: ProfileOutcome): z.input<typeof PhonePredictionSchema> => p;
void _sameShape;
