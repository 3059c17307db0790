import { z } from "zod";
import { FINDING_IDS } from "../catalogue/finding-registry";
import { SEVERITIES, TRANSPORTS } from "../catalogue/monitor-rules";
import type { Finding, FindingId } from "../findings/types";
import type { RecordSet, RunSummary } from "../history/types";
import { PROFILE_IDS } from "../simulation/types";
import { boundedJsonObject, type JsonBounds, jsonBoundsProblem } from "./bounded-json";
import { FINDING_EVIDENCE } from "./finding-evidence";

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

const findingText = {
  severity: z.enum(SEVERITIES),
  title: text(1000),
  detail: text(20_000),
  fix: text(4000),
  subject: text(1000),
};

/** Evidence within EVIDENCE_BOUNDS as well as its id's shape: per-address facts are open objects. */
const boundedEvidence = <I extends FindingId>(id: I) =>
  FINDING_EVIDENCE[id].superRefine((value, ctx) => {
    const problem = jsonBoundsProblem(value, EVIDENCE_BOUNDS);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
const findingOf = <I extends FindingId>(id: I) =>
  z.object({ id: z.literal(id), ...findingText, evidence: boundedEvidence(id) });
type FindingMember = {
  [I in FindingId]: z.ZodObject<
    { id: z.ZodLiteral<I> } & typeof findingText & { evidence: (typeof FINDING_EVIDENCE)[I] }
  >;
}[FindingId];

/**
 * A finding as a rule wrote it, discriminated by `id` (one of the registry's,
 * core/catalogue/finding-registry.ts), with that id's evidence (contract/finding-evidence.ts).
 */
export const AuditFindingSchema = z.discriminatedUnion(
  "id",
  // One member per registry id; map() cannot keep each member's own literal type, hence the tuple type.
  FINDING_IDS.map((id) => findingOf(id)) as unknown as [FindingMember, ...FindingMember[]],
);

/**
 * A finding as an agent sends it, before its evidence is checked against its id's schema: an
 * agent of another version, or a hostile one, costs its odd findings (dropped with a note by
 * checkAgentFindings), not the whole run.
 */
export const AgentFindingSchema = z.object({
  id: text(100),
  ...findingText,
  evidence: boundedJsonObject(EVIDENCE_BOUNDS),
});

/** `checkAgentFindings(report.findings)`: the findings that match their id's schema, and a note per finding dropped. */
export function checkAgentFindings(findings: readonly z.output<typeof AgentFindingSchema>[]): {
  findings: Finding[];
  notes: string[];
} {
  const kept: Finding[] = [];
  const notes: string[] = [];
  findings.forEach((candidate, index) => {
    const checked = AuditFindingSchema.safeParse(candidate);
    if (checked.success) kept.push(checked.data);
    else {
      const issue = checked.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
      notes.push(
        `findings[${index}] (${candidate.id}) dropped: ${where}${issue?.message ?? "does not match its schema"}`,
      );
    }
  });
  return { findings: kept, notes };
}

// Compile-time checks that the schemas accept what core produces.
const _summary = (s: RunSummary): z.input<typeof RunSummarySchema> => s;
const _recordSet = (r: RecordSet): z.input<typeof RecordSetSchema> => r;
const _finding = (f: Finding): z.input<typeof AuditFindingSchema> => f;
const _checked = (f: z.output<typeof AuditFindingSchema>): Finding => f;
void _checked;
void _summary;
void _recordSet;
void _finding;
