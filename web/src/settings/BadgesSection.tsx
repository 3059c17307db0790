import { Link } from "wouter";
import type { Schemas } from "../api/client";
import { useOverview } from "../api/queries";
import { Empty, ErrorState, Loading } from "../ui/states";
import { BadgeCard } from "./BadgeCard";

type Monitor = Schemas["OverviewMonitor"];
const isPublic = (m: Monitor): m is Monitor & { slug: string } => m.isPublic && Boolean(m.slug);

/** Settings → Badges: status badges and public status URLs for monitors their owners made public. */
export function BadgesSection() {
  const overview = useOverview();
  return (
    <>
      <h1>Badges and public status</h1>
      <p className="muted">
        A public monitor has a badge and a status URL anyone can read without signing in. They show states and titles
        only: no addresses, agents or evidence.
      </p>
      {overview.isPending ? (
        <Loading what="your monitors" />
      ) : overview.isError ? (
        <ErrorState error={overview.error} retry={() => overview.refetch()} />
      ) : overview.data.monitors.length === 0 ? (
        <Empty title="No monitors yet">
          <p>Badges show a monitor's state; add a monitor first.</p>
          <Link href="/monitors/new" className="button primary">
            + Add a monitor
          </Link>
        </Empty>
      ) : (
        <MonitorBadges monitors={overview.data.monitors} />
      )}
    </>
  );
}

function MonitorBadges({ monitors }: { monitors: Monitor[] }) {
  const shared = monitors.filter(isPublic);
  const hidden = monitors.filter((m) => !isPublic(m));
  return (
    <>
      <section aria-labelledby="public-monitors">
        <h2 id="public-monitors">Public monitors</h2>
        {shared.length === 0 ? (
          <p>None of your monitors is public yet. Make one public below to get its badge.</p>
        ) : (
          shared.map((m) => <BadgeCard key={m.id} monitor={m} origin={window.location.origin} />)
        )}
      </section>
      {hidden.length > 0 ? (
        <section className="card" aria-labelledby="private-monitors">
          <h2 id="private-monitors">Private monitors</h2>
          <p>
            A monitor gets a badge once it is marked <strong>public</strong> and has a <strong>slug</strong> (the name
            in its badge URL). Until then its badge URL answers 404, like one that does not exist.
          </p>
          <ul>
            {hidden.map((m) => (
              <li key={m.id}>
                {m.name}{" "}
                <Link href={`/monitors/${m.id}/edit`} aria-label={`Make ${m.name} public`}>
                  Make public
                </Link>
                {m.isPublic && !m.slug ? <span className="muted small"> (public, but it has no slug)</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
