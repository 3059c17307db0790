import type { AuthoritativeAnswer, AuthoritativeSurvey, AuthoritativeView, NameServer } from "./authoritative-survey";

/** How one name server's answers compare with the rest of the zone's servers. */
export type ServerAgreement =
  /** Answered authoritatively and every answer matches the reference server's. */
  | "agrees"
  /** Answered authoritatively, but some answers differ from the reference server's. */
  | "differs"
  /** Answered, but not for the zone (REFUSED, or without the AA bit): a lame delegation. */
  | "lame"
  /** Every question failed (timeout, unreachable). */
  | "silent";

export interface ServerComparison {
  server: NameServer;
  serial?: number;
  agreement: ServerAgreement;
  /** The questions ("sip1.example.com A") whose answer differs from the reference server's. */
  differingQuestions: string[];
}

export interface AnswerVariant {
  /** "ns1.example.com (192.0.2.53)" */
  servers: string[];
  /** The records in presentation form, or ["NXDOMAIN"] / ["no records"]. */
  answer: string[];
}

export interface AuthoritativeComparison {
  zone: string;
  /** The first server that answered authoritatively: the one the others are compared with. */
  reference?: NameServer;
  servers: ServerComparison[];
  /** Servers by SOA serial ("none" when a server gave no SOA) in survey order, among those answering authoritatively. */
  serials: Array<{ serial: string; servers: string[] }>;
  /** Each question that authoritative servers answer differently, with every variant. */
  differences: Array<{ question: string; variants: AnswerVariant[] }>;
  /** Servers that do not answer for the zone at all. */
  lame: string[];
  /** No serial, answer or lame server to report. */
  consistent: boolean;
}

/** "ns1.example.com (192.0.2.53)": how findings and comparisons name a server. */
export const nameServerLabel = (s: NameServer): string => `${s.name} (${s.address})`;

// A server that never answers with authority (REFUSED, AA=0, or nothing) does not serve the zone.
const isLame = (v: AuthoritativeView) =>
  v.answers.every((a) => a.error !== undefined || a.rcode === "REFUSED" || a.authoritative === false);

/** An answer as comparable text; undefined when the question failed (nothing to compare). */
function answerKey(a: AuthoritativeAnswer | undefined): string[] | undefined {
  if (!a || a.error) return undefined;
  return a.records.length > 0 ? a.records : [a.rcode === "NXDOMAIN" ? "NXDOMAIN" : "no records"];
}

/**
 * Compares what each authoritative server of a zone answered (SOA serial, then every question
 * after the SOA): the judgement behind dns.authoritative.inconsistent and the CLI's
 * per-server lines. `compareAuthoritativeServers(survey).servers[1].agreement` is "differs"
 * when the second server missed the last zone transfer.
 */
export function compareAuthoritativeServers(
  survey: Pick<AuthoritativeSurvey, "zone" | "views">,
): AuthoritativeComparison {
  const lame = survey.views.filter(isLame);
  const answering = survey.views.filter((v) => !lame.includes(v));
  const reference = answering[0];
  const serials: AuthoritativeComparison["serials"] = [];
  for (const v of answering) {
    const serial = String(v.serial ?? "none");
    const group = serials.find((g) => g.serial === serial);
    if (group) group.servers.push(nameServerLabel(v.server));
    else serials.push({ serial, servers: [nameServerLabel(v.server)] });
  }
  const differences: AuthoritativeComparison["differences"] = [];
  const questionCount = reference?.answers.length ?? 0;
  // Index 0 is the SOA, compared as the serial above.
  for (let i = 1; i < questionCount; i++) {
    const variants = new Map<string, AnswerVariant>();
    for (const v of answering) {
      const answer = answerKey(v.answers[i]);
      if (!answer) continue;
      const entry = variants.get(answer.join("\n")) ?? { servers: [], answer };
      entry.servers.push(nameServerLabel(v.server));
      variants.set(answer.join("\n"), entry);
    }
    const question = reference?.answers[i]?.question;
    if (variants.size > 1 && question)
      differences.push({ question: `${question.name} ${question.type}`, variants: [...variants.values()] });
  }
  const servers = survey.views.map((view): ServerComparison => {
    const base = view.serial === undefined ? { server: view.server } : { server: view.server, serial: view.serial };
    if (view.answers.every((a) => a.error !== undefined))
      return { ...base, agreement: "silent", differingQuestions: [] };
    if (lame.includes(view)) return { ...base, agreement: "lame", differingQuestions: [] };
    const differingQuestions = view.answers.flatMap((a, i) => {
      const mine = answerKey(a);
      const theirs = answerKey(reference?.answers[i]);
      return i > 0 && mine && theirs && mine.join("\n") !== theirs.join("\n")
        ? [`${a.question.name} ${a.question.type}`]
        : [];
    });
    return { ...base, agreement: differingQuestions.length > 0 ? "differs" : "agrees", differingQuestions };
  });
  return {
    zone: survey.zone,
    ...(reference ? { reference: reference.server } : {}),
    servers,
    serials,
    differences,
    lame: lame.map((v) => nameServerLabel(v.server)),
    consistent: lame.length === 0 && serials.length <= 1 && differences.length === 0,
  };
}
