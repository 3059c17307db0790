import { FINDING_EVIDENCE } from "../contract/finding-evidence";
import type { Finding } from "./types";

/**
 * Test helper: a finding's evidence as plain facts to assert on, after checking it against
 * its id's schema (core/src/contract/finding-evidence.ts), so every rule test that looks at
 * evidence also proves the rule writes what the API documents.
 */
export function facts(finding: Finding | undefined): Record<string, unknown> | undefined {
  if (!finding) return undefined;
  const checked = FINDING_EVIDENCE[finding.id].safeParse(finding.evidence);
  if (!checked.success)
    throw new Error(`${finding.id} evidence does not match its schema: ${JSON.stringify(checked.error.issues)}`);
  return finding.evidence;
}
