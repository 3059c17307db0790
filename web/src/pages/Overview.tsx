import { useState } from "react";
import { Link } from "wouter";
import { useAvailability, useOverview } from "../api/queries";
import { IfCan } from "../app/caller-role";
import { OverviewList } from "../overview/OverviewList";
import { healthCounts, type OverviewFilter, visibleMonitors } from "../overview/overview-rows";
import { Empty, ErrorState, Loading } from "../ui/states";

export function Overview() {
  const overview = useOverview();
  const availability = useAvailability();
  const [filter, setFilter] = useState<OverviewFilter>({ text: "", health: "all", sort: "health" });

  if (overview.isPending) return <Loading what="your monitors" />;
  if (overview.isError) return <ErrorState error={overview.error} retry={() => overview.refetch()} />;
  const all = overview.data.monitors;
  if (all.length === 0) return <FirstMonitor />;

  const counts = healthCounts(all);
  const rows = visibleMonitors(all, filter);
  return (
    <>
      <div className="card-header">
        <div>
          <h1>Overview</h1>
          <p className="muted" aria-live="polite">
            {all.length} monitors: {counts.down} down, {counts.degraded} degraded, {counts.healthy} healthy
            {counts.pending ? `, ${counts.pending} waiting for their first audit` : ""}
            {counts.paused ? `, ${counts.paused} paused` : ""}.
          </p>
        </div>
        <IfCan operation="POST /api/v1/monitors">
          <Link href="/monitors/new" className="button primary">
            + Add monitor
          </Link>
        </IfCan>
      </div>
      <form className="toolbar" aria-label="Filter monitors" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="filter-text">Filter</label>
          <input
            id="filter-text"
            type="search"
            placeholder="name, domain or finding"
            value={filter.text}
            onChange={(e) => setFilter({ ...filter, text: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="filter-health">Status</label>
          <select
            id="filter-health"
            value={filter.health}
            onChange={(e) => setFilter({ ...filter, health: e.target.value as OverviewFilter["health"] })}
          >
            <option value="all">All</option>
            <option value="attention">Needs attention</option>
            <option value="down">Down</option>
            <option value="degraded">Degraded</option>
            <option value="healthy">Healthy</option>
            <option value="pending">Pending</option>
            <option value="paused">Paused</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="sort">Sort by</label>
          <select
            id="sort"
            value={filter.sort}
            onChange={(e) => setFilter({ ...filter, sort: e.target.value as OverviewFilter["sort"] })}
          >
            <option value="health">Worst first</option>
            <option value="name">Name</option>
            <option value="cert">Certificate expiry</option>
            <option value="checked">Least recently checked</option>
          </select>
        </div>
      </form>
      {rows.length === 0 ? (
        <Empty title="No monitor matches">
          <button type="button" onClick={() => setFilter({ text: "", health: "all", sort: filter.sort })}>
            Clear the filter
          </button>
        </Empty>
      ) : (
        <OverviewList monitors={rows} sparklines={availability.data?.monitors} />
      )}
    </>
  );
}

/** The empty state: what sipwatch will do, and the one step to start. */
function FirstMonitor() {
  return (
    <div className="card" style={{ maxWidth: 640, margin: "2rem auto" }}>
      <h1>Watch your first SIP domain</h1>
      <p>
        Give sipwatch a SIP domain or URI (for example <code>sips:example.com</code>). Every few minutes it follows
        NAPTR, SRV and A/AAAA records the way phones do (RFC 3263), connects over TCP and TLS from several regions,
        checks certificates and sends SIP OPTIONS, then tells you in plain words what phones will end up using.
      </p>
      <IfCan operation="POST /api/v1/monitors">
        <Link href="/monitors/new" className="button primary">
          + Add your first monitor
        </Link>
      </IfCan>
      <p className="muted small">
        Inside your own network too: run the <Link href="/settings/agents">sipwatch agent</Link> for UDP probes and your
        office resolvers.
      </p>
    </div>
  );
}
