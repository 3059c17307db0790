import { monitorHealth } from "@sipwatch/core/overview";
import { lazy, Suspense, useState } from "react";
import { Link, useLocation } from "wouter";
import { useDeleteMonitor, useMonitor, useReport, useRunNow } from "../api/queries";
import { IfCan, useCan } from "../app/caller-role";
import { AvailabilityReport } from "../monitor/AvailabilityReport";
import { ClientProfiles } from "../monitor/ClientProfiles";
import { certificateBars } from "../monitor/chart-series";
import { DiscoveryTree } from "../monitor/DiscoveryTree";
import { DnsHistory } from "../monitor/DnsHistory";
import { FindingMutes } from "../monitor/FindingMutes";
import { FindingsList } from "../monitor/FindingsList";
import { groupFindings } from "../monitor/group-findings";
import { MaintenanceWindows } from "../monitor/MaintenanceWindows";
import { resolutionOf, summaryOf } from "../monitor/report-types";
import { SpanList } from "../monitor/SpanList";
import { TransportMatrix } from "../monitor/TransportMatrix";
import { useVantageLabel } from "../monitor/vantage-labels";
import { Empty, ErrorState, Loading } from "../ui/states";
import { HealthPill } from "../ui/status";
import { ago } from "../ui/time";

// recharts is the biggest dependency: it loads after the report is on screen.
const HistoryCharts = lazy(() => import("../monitor/HistoryCharts"));

export default function MonitorDetail({ id }: { id: string }) {
  const monitor = useMonitor(id);
  const report = useReport(id);
  const runNow = useRunNow(id);
  const remove = useDeleteMonitor();
  const canDelete = useCan("DELETE /api/v1/monitors/{id}");
  const [, navigate] = useLocation();
  const [treeVantage, setTreeVantage] = useState(0);
  const vantageLabel = useVantageLabel();

  if (monitor.isPending) return <Loading what="the monitor" />;
  if (monitor.isError) return <ErrorState error={monitor.error} retry={() => monitor.refetch()} />;
  const m = monitor.data;
  const vantages = report.data?.vantages ?? [];
  const findings = [...vantages.flatMap((v) => v.findings), ...(report.data?.crossVantage ?? [])];
  // Muted findings neither lower the health nor count as problems: the API's vantage status leaves them out.
  const counted = findings.filter((f) => !f.mute);
  const health = monitorHealth({
    enabled: m.enabled,
    vantages: vantages.map((v) => ({ ...summaryOf(v), status: v.status })),
    openFindings: counted.map((f) => f.severity),
  });
  const problems = groupFindings(counted).filter((g) => g.finding.severity !== "info").length;
  const latest = vantages.reduce((max, v) => Math.max(max, v.run.startedAt), 0);
  const withTree = vantages.filter((v) => resolutionOf(v) !== null);
  const shownTree = withTree[Math.min(treeVantage, withTree.length - 1)];
  const shownResolution = shownTree ? resolutionOf(shownTree) : null;
  const certificates = certificateBars(
    vantages.map((v) => ({ startedAt: v.run.startedAt, targets: summaryOf(v).targets ?? [] })),
  );

  return (
    <>
      <div className="card-header">
        <div>
          <p className="small">
            <Link href="/">← Overview</Link>
          </p>
          <h1 className="row">
            {m.name} {report.isSuccess ? <HealthPill health={health} /> : null}
          </h1>
          <div className="muted">
            <code>{m.target}</code> · every {m.intervalMinutes} min from {m.regions.join(", ")}
            {latest ? ` · checked ${ago(latest)}` : ""}
            {m.enabled ? "" : " · paused"}
          </div>
        </div>
        <div className="row">
          <IfCan operation="POST /api/v1/monitors/{id}/run">
            <button type="button" className="primary" onClick={() => runNow.mutate()} disabled={runNow.isPending}>
              {runNow.isPending ? "Checking from every region…" : "Check now"}
            </button>
          </IfCan>
          <IfCan operation="PATCH /api/v1/monitors/{id}">
            <Link href={`/monitors/${id}/edit`} className="button">
              Edit
            </Link>
          </IfCan>
          {canDelete ? (
            <button
              type="button"
              className="danger"
              disabled={remove.isPending}
              onClick={() => {
                if (window.confirm(`Delete ${m.name} and its history?`)) {
                  remove.mutate(id, { onSuccess: () => navigate("/") });
                }
              }}
            >
              Delete
            </button>
          ) : null}
        </div>
      </div>
      {runNow.isError ? <ErrorState error={runNow.error} /> : null}
      {remove.isError ? <ErrorState error={remove.error} /> : null}

      {report.isPending ? <Loading what="the latest report" /> : null}
      {report.isError ? <ErrorState error={report.error} retry={() => report.refetch()} /> : null}
      {report.isSuccess && vantages.length === 0 ? (
        <Empty title="No report yet">
          <p>The first scheduled audit runs within {m.intervalMinutes} minutes. Check now to see it immediately.</p>
        </Empty>
      ) : null}

      {vantages.length > 0 ? (
        <>
          <section className="card" aria-labelledby="profiles-h">
            <h2 id="profiles-h">What phones will do</h2>
            <ClientProfiles vantages={vantages} />
          </section>

          <section className="card" aria-labelledby="findings-h">
            <h2 id="findings-h">
              Findings ({problems} problem{problems === 1 ? "" : "s"})
            </h2>
            <FindingsList findings={findings} monitorId={id} />
          </section>

          <section className="card" aria-labelledby="matrix-h">
            <h2 id="matrix-h">Transports, targets and vantages</h2>
            <TransportMatrix vantages={vantages} />
          </section>

          <section className="card" aria-labelledby="tree-h">
            <div className="card-header">
              <h2 id="tree-h">Discovery (NAPTR → SRV → A/AAAA)</h2>
              {withTree.length > 1 ? (
                <fieldset className="tabs">
                  <legend className="visually-hidden">Seen from</legend>
                  {withTree.map((v, i) => (
                    <button
                      key={v.vantageId}
                      type="button"
                      aria-pressed={v === shownTree}
                      onClick={() => setTreeVantage(i)}
                    >
                      {vantageLabel(v.vantageId)}
                    </button>
                  ))}
                </fieldset>
              ) : null}
            </div>
            {shownResolution ? (
              <DiscoveryTree resolution={shownResolution} />
            ) : (
              <p className="muted">No DNS tree recorded yet.</p>
            )}
          </section>
        </>
      ) : null}

      <section className="card" aria-labelledby="charts-h">
        <h2 id="charts-h">History</h2>
        <Suspense fallback={<Loading what="charts" />}>
          <HistoryCharts monitorId={id} certificates={certificates} />
        </Suspense>
      </section>

      <section className="card" aria-labelledby="runs-h">
        <h2 id="runs-h">Runs and changes</h2>
        <SpanList monitorId={id} />
      </section>

      <section className="card" aria-labelledby="availability-h">
        <h2 id="availability-h">Availability report</h2>
        <AvailabilityReport monitorId={id} />
      </section>

      <section className="card" aria-labelledby="mutes-h">
        <h2 id="mutes-h">Muted findings</h2>
        <FindingMutes monitorId={id} />
      </section>

      <section className="card" aria-labelledby="maintenance-h">
        <h2 id="maintenance-h">Maintenance windows</h2>
        <MaintenanceWindows monitorId={id} />
      </section>

      <section className="card" aria-labelledby="dns-h">
        <h2 id="dns-h">DNS changes</h2>
        <DnsHistory monitorId={id} />
      </section>
    </>
  );
}
