/**
 * The Worker the CPU bench runs in workerd: each request runs `n` probes or audits one after
 * another against the lab and answers with their outcomes, so the runner can check they
 * succeeded before it divides the CPU time.
 */
import {
  auditSipTarget,
  CertificateMemo,
  DohResolver,
  ProbeDeadline,
  type ProbeTarget,
  parseSipTarget,
} from "@sipwatch/core";
import {
  TcpDnsResolver,
  TlsSessionShelf,
  WorkersSipOptionsProber,
  WorkersTcpDialer,
  WorkersTlsProber,
} from "../src/adapters";
import { openTls } from "../src/adapters/tls-session";

interface BenchLab {
  domain: string;
  host: string;
  dohUrl: string;
  dnsTcpPort: number;
  caPem: string;
  ports: { tcp: number; tls: number };
}

const OPTIONS = { timeoutMs: 5000 };
export default {
  async fetch(request: Request, env: { LAB: string }): Promise<Response> {
    const lab = JSON.parse(env.LAB) as BenchLab;
    const url = new URL(request.url);
    const n = Number(url.searchParams.get("n") ?? "1");
    const target = (transport: "tcp" | "tls", port: number): ProbeTarget => ({
      transport,
      host: lab.host,
      address: "127.0.0.1",
      port,
      sipDomain: lab.domain,
    });
    // cold=1: every probe starts with an empty certificate memo, as the first audit of a server does.
    const memo = () => (url.searchParams.has("cold") ? new CertificateMemo() : undefined);
    const tlsProber = (shelf?: TlsSessionShelf) => {
      const fresh = memo();
      return new WorkersTlsProber({
        extraCaPems: [lab.caPem],
        ...(shelf ? { shelf } : {}),
        ...(fresh ? { memo: fresh } : {}),
      });
    };
    const outcomes: string[] = [];
    for (let i = 0; i < n; i++) {
      switch (url.pathname) {
        case "/tcp":
          outcomes.push((await new WorkersTcpDialer().dial(target("tcp", lab.ports.tcp), OPTIONS)).outcome);
          break;
        case "/sip-tcp":
        case "/sip-tls": {
          const transport = url.pathname === "/sip-tcp" ? "tcp" : "tls";
          const result = await new WorkersSipOptionsProber().options(target(transport, lab.ports[transport]), OPTIONS);
          outcomes.push(result.outcome);
          break;
        }
        case "/handshake": {
          const deadline = new ProbeDeadline(OPTIONS);
          const session = await openTls(target("tls", lab.ports.tls), deadline);
          deadline.dispose();
          if (session.ok) session.channel.close();
          outcomes.push(session.ok ? "connected" : session.outcome);
          break;
        }
        case "/tls": {
          const result = await tlsProber().probe(target("tls", lab.ports.tls), OPTIONS);
          outcomes.push(result.verification?.trusted ? result.outcome : `${result.outcome} untrusted`);
          break;
        }
        case "/doh": {
          const lookup = await new DohResolver({ endpoints: [lab.dohUrl] }).query({ name: lab.domain, type: "NAPTR" });
          outcomes.push(lookup.ok ? "answered" : lookup.failure.kind);
          break;
        }
        case "/dns": {
          const parsed = parseSipTarget(lab.domain);
          if (!parsed.ok) return new Response(parsed.error, { status: 400 });
          const report = await auditSipTarget(parsed.target, [new DohResolver({ endpoints: [lab.dohUrl] })], {
            loopbackIsLab: true,
          });
          const targets = report.resolution.candidates.length;
          outcomes.push(targets >= 3 ? "resolved" : `only ${targets} targets`);
          break;
        }
        case "/audit-doh":
        case "/audit": {
          const parsed = parseSipTarget(lab.domain);
          if (!parsed.ok) return new Response(parsed.error, { status: 400 });
          const resolver =
            url.pathname === "/audit"
              ? new TcpDnsResolver({ server: { address: "127.0.0.1", port: lab.dnsTcpPort } })
              : new DohResolver({ endpoints: [lab.dohUrl] });
          const shelf = new TlsSessionShelf();
          const report = await auditSipTarget(parsed.target, [resolver], {
            loopbackIsLab: true,
            probe: {
              ...OPTIONS,
              concurrency: 3,
              probers: {
                tcp: new WorkersTcpDialer(),
                tls: tlsProber(shelf),
                sip: new WorkersSipOptionsProber({ shelf }),
              },
            },
          });
          shelf.closeAll();
          if (resolver instanceof TcpDnsResolver) resolver.close();
          const answered = report.probes?.filter((p) => p.sip?.outcome === "answered").length ?? 0;
          outcomes.push(answered >= 2 ? "audited" : `only ${answered} answered`);
          break;
        }
        default:
          return new Response("unknown bench", { status: 404 });
      }
    }
    return Response.json({ outcomes });
  },
};
