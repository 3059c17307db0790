import type { AuthoritativeSurvey } from "../../audit/authoritative-survey";
import type { Finding } from "../types";

const serverLabel = (s: { name: string; address: string }) => `${s.name} (${s.address})`;

/**
 * dns.authoritative.inconsistent: the zone's own servers disagree (SOA serial or answers), or
 * one of them does not answer for the zone at all (lame). Resolvers pick a server at random,
 * so phones see a lottery until the zone transfer is fixed.
 */
export function authoritativeInconsistent(survey: AuthoritativeSurvey): Finding[] {
  if (survey.views.length === 0) return [];
  const lame = survey.views.filter((v) =>
    v.answers.every((a) => a.error !== undefined || a.rcode === "REFUSED" || a.authoritative === false),
  );
  const answering = survey.views.filter((v) => !lame.includes(v));
  const serials = new Map<string, string[]>();
  for (const v of answering) {
    const key = String(v.serial ?? "none");
    serials.set(key, [...(serials.get(key) ?? []), serverLabel(v.server)]);
  }
  const differences: Array<{ question: string; variants: Array<{ servers: string[]; answer: string[] }> }> = [];
  const questionCount = answering[0]?.answers.length ?? 0;
  for (let i = 1; i < questionCount; i++) {
    const variants = new Map<string, { servers: string[]; answer: string[] }>();
    for (const v of answering) {
      const a = v.answers[i];
      if (!a || a.error) continue;
      const answer = a.records.length > 0 ? a.records : [a.rcode === "NXDOMAIN" ? "NXDOMAIN" : "no records"];
      const key = answer.join("\n");
      const entry = variants.get(key) ?? { servers: [], answer };
      entry.servers.push(serverLabel(v.server));
      variants.set(key, entry);
    }
    const question = answering[0]?.answers[i]?.question;
    if (variants.size > 1 && question)
      differences.push({ question: `${question.name} ${question.type}`, variants: [...variants.values()] });
  }
  if (lame.length === 0 && serials.size <= 1 && differences.length === 0) return [];

  const problems: string[] = [];
  if (serials.size > 1) {
    problems.push(
      `SOA serials differ (${[...serials].map(([serial, servers]) => `${serial} on ${servers.join(", ")}`).join("; ")})`,
    );
  }
  if (differences.length > 0)
    problems.push(
      `${differences.length === 1 ? "1 answer differs" : `${differences.length} answers differ`} (${differences.map((d) => d.question).join(", ")})`,
    );
  if (lame.length > 0)
    problems.push(`${lame.map((v) => serverLabel(v.server)).join(", ")} did not answer authoritatively`);
  return [
    {
      id: "dns.authoritative.inconsistent",
      severity: "warning",
      subject: survey.zone,
      title: `The authoritative servers of ${survey.zone} disagree`,
      detail: `${problems.join("; ")}. Resolvers ask whichever server they like, so phones get one answer or the other, and a cache can hold the wrong one for the TTL.`,
      fix:
        lame.length > 0 && serials.size <= 1 && differences.length === 0
          ? "Make every server listed in NS serve the zone, or remove it from the NS set at the parent and in the zone."
          : "Check zone transfers (NOTIFY/AXFR/IXFR) from the primary to every secondary, and bump the SOA serial with each change.",
      evidence: {
        zone: survey.zone,
        serials: Object.fromEntries(serials),
        differences,
        lame: lame.map((v) => serverLabel(v.server)),
      },
    },
  ];
}
