import { z } from "zod";
import { FINDING_IDS } from "../catalogue/finding-registry";
import { SEVERITIES, TRANSPORTS } from "../catalogue/monitor-rules";
import type { Finding } from "../findings/types";
import type { RecordSet, RunSummary } from "../history/types";
import { PROFILE_IDS } from "../simulation/types";
import { boundedJsonObject, type JsonBounds } from "./bounded-json";

/**
 * The shapes an audit leaves behind (core/history/types.ts, core/findings/types.ts) as schemas:
 * the run summary, record sets and findings. The Worker validates agents' reports with them, the
 * API documents its reports with them, and the dashboard's types are generated from that document.
 * Bounded everywhere: an agent's token can leak, so a report is checked as strictly as a form.
 */
const text = (max: number) => z.string().max(max);
const ms = z.number().int().min(0).max(86_400_000);
const count = z.number().int().min(0).max(10_000);
const days = z.number().int().min(-100_000).max(100_000);

/** Evidence is a few facts (addresses, ports, a certificate's names). */
export const EVIDENCE_BOUNDS: JsonBounds = {
  maxDepth: 8,
  maxKeys: 50,
  maxKeyLength: 100,
  maxStringLength: 4000,
  maxArrayLength: 200,
  maxNodes: 5000,
};

export const TargetSummarySchema = z.object({
  transport: z.enum(TRANSPORTS),
  host: text(255),
  port: z.number().int().min(0).max(65_535),
  address: text(64),
  via: z.literal("outbound-proxy").optional().describe("The test account's outbound proxy, sent only REGISTER"),
  outcome: text(64).describe('"ok", or the failure: "refused", "timeout", "handshake-failed", …'),
  connectMs: ms.nullable(),
  sipMs: ms.nullable(),
  sipStatus: z.number().int().min(100).max(699).nullable(),
  certDaysLeft: days.nullable(),
  register: z
    .object({
      outcome: text(64),
      status: z.number().int().min(100).max(699).nullable(),
      ms: ms.nullable(),
      counted: z
        .enum(["up", "maintenance"])
        .optional()
        .describe("How the monitor's response handling read the status when the run was judged"),
    })
    .optional()
    .describe("The REGISTER with the monitor's test account, where one ran"),
});

export const ProfileSummarySchema = z.object({
  // Rows written before a profile was retired may hold an old id: known ids, or any short one.
  profile: z.union([z.enum(PROFILE_IDS), text(64)]),
  final: text(300).nullable().describe('Where the profile registers: "tls sip1.example.com:5061", or null'),
  delayed: z.boolean(),
  changedTransport: z.boolean().optional(),
});

export const RunSummarySchema = z.object({
  v: z.literal(1),
  status: z.enum(["ok", "critical", "warning", "error"]),
  transports: z.partialRecord(z.enum(TRANSPORTS), z.object({ ok: z.boolean(), ms: ms.nullable() })),
  targets: z.array(TargetSummarySchema).max(200),
  profiles: z.array(ProfileSummarySchema).max(20),
  certDaysLeft: days.nullable(),
  findings: z.object({ critical: count, warning: count, info: count }),
  error: text(4000).optional(),
});

export const RecordSetSchema = z.object({
  name: text(255),
  type: text(16),
  data: z.array(text(4000)).max(200),
  status: text(32),
});

/** A finding as a rule wrote it; `id` is one of the registry's (core/catalogue/finding-registry.ts). */
export const AuditFindingSchema = z.object({
  id: z.enum(FINDING_IDS as [Finding["id"], ...Finding["id"][]]),
  severity: z.enum(SEVERITIES),
  title: text(1000),
  detail: text(20_000),
  fix: text(4000),
  subject: text(1000),
  evidence: boundedJsonObject(EVIDENCE_BOUNDS),
});

// Compile-time checks that the schemas accept what core produces.
const _summary = (s: RunSummary): z.input<typeof RunSummarySchema> => s;
const _recordSet = (r: RecordSet): z.input<typeof RecordSetSchema> => r;
const _finding = (f: Finding): z.input<typeof AuditFindingSchema> => f;
void _summary;
void _recordSet;
void _finding;
