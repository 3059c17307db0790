import type { AuthoritativeSurvey } from "../../audit/authoritative-survey";
import type { Finding } from "../types";

/**
 * dns.authoritative.inconsistent: the zone's own servers disagree (SOA serial or answers), or
 * one of them does not answer for the zone at all (lame). Resolvers pick a server at random,
 * so phones see a lottery until the zone transfer is fixed. The comparison itself is core's
 * (audit/authoritative-comparison.ts), carried in the survey for the CLI to draw.
 */
export function authoritativeInconsistent(survey: AuthoritativeSurvey): Finding[] {
  const { comparison } = survey;
  if (survey.views.length === 0 || comparison.consistent) return [];
  const { differences, lame } = comparison;
  const serials = comparison.serials;
  const problems: string[] = [];
  if (serials.length > 1) {
    problems.push(
      `SOA serials differ (${serials.map(({ serial, servers }) => `${serial} on ${servers.join(", ")}`).join("; ")})`,
    );
  }
  if (differences.length > 0)
    problems.push(
      `${differences.length === 1 ? "1 answer differs" : `${differences.length} answers differ`} (${differences.map((d) => d.question).join(", ")})`,
    );
  if (lame.length > 0) problems.push(`${lame.join(", ")} did not answer authoritatively`);
  return [
    {
      id: "dns.authoritative.inconsistent",
      severity: "warning",
      subject: survey.zone,
      title: `The authoritative servers of ${survey.zone} disagree`,
      detail: `${problems.join("; ")}. Resolvers ask whichever server they like, so phones get one answer or the other, and a cache can hold the wrong one for the TTL.`,
      fix:
        lame.length > 0 && serials.length <= 1 && differences.length === 0
          ? "Make every server listed in NS serve the zone, or remove it from the NS set at the parent and in the zone."
          : "Check zone transfers (NOTIFY/AXFR/IXFR) from the primary to every secondary, and bump the SOA serial with each change.",
      evidence: {
        zone: survey.zone,
        serials: Object.fromEntries(serials.map((g) => [g.serial, g.servers])),
        differences,
        lame,
      },
    },
  ];
}
