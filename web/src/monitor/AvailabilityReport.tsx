import { useState } from "react";
import { useAvailabilityReport } from "../api/status-page-queries";
import { ErrorState, Loading } from "../ui/states";
import { availabilityTable, defaultReportMonths } from "./availability-table";

/**
 * Monthly availability and incident minutes, overall and per region, from the daily rollups;
 * the same report downloads as CSV for an SLA review.
 */
export function AvailabilityReport({ monitorId }: { monitorId: string }) {
  const [months, setMonths] = useState(() => defaultReportMonths(new Date()));
  const report = useAvailabilityReport(monitorId, months.from, months.to);
  const csv = `/api/v1/monitors/${encodeURIComponent(monitorId)}/availability?from=${months.from}&to=${months.to}&format=csv`;
  return (
    <>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        {(["from", "to"] as const).map((field) => (
          <div key={field} className="field">
            <label htmlFor={`av-${field}`}>{field === "from" ? "From month" : "To month"}</label>
            <input
              id={`av-${field}`}
              type="month"
              value={months[field]}
              onChange={(e) => e.target.value && setMonths({ ...months, [field]: e.target.value })}
            />
          </div>
        ))}
        <a className="button" href={csv} download>
          Download CSV
        </a>
      </form>
      {report.isPending ? <Loading what="the availability report" /> : null}
      {report.isError ? <ErrorState error={report.error} retry={() => report.refetch()} /> : null}
      {report.isSuccess ? <ReportTable rows={report.data.rows} /> : null}
    </>
  );
}

function ReportTable({ rows }: { rows: Parameters<typeof availabilityTable>[0] }) {
  const { scopes, months } = availabilityTable(rows);
  if (months.length === 0) return <p className="muted">No months in this range.</p>;
  return (
    <div style={{ overflowX: "auto" }}>
      <table aria-label="Monthly availability">
        <thead>
          <tr>
            <th scope="col">Month</th>
            {scopes.map((s) => (
              <th key={s.id} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month}>
              <th scope="row">{m.month}</th>
              {m.cells.map((cell, i) => (
                <td key={scopes[i]?.id}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
