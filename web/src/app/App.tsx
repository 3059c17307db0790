import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect } from "react";
import { Redirect, Route, Switch } from "wouter";
import { onUnauthenticated } from "../api/client";
import { keys, useCurrentOrganisation } from "../api/queries";
import { AuthPage } from "../pages/AuthPage";
import { Overview } from "../pages/Overview";
import { ErrorState, Loading } from "../ui/states";
import { Shell } from "./Shell";

// The overview is the first page; everything else (and recharts with it) loads when visited.
const MonitorDetail = lazy(() => import("../pages/MonitorDetail"));
const MonitorForm = lazy(() => import("../pages/MonitorForm"));
const Settings = lazy(() => import("../pages/Settings"));
const Incidents = lazy(() => import("../pages/Incidents"));
const IncidentDetail = lazy(() => import("../pages/IncidentDetail"));

export function App() {
  const me = useCurrentOrganisation();
  const client = useQueryClient();
  useEffect(() => {
    const reset = () => client.invalidateQueries({ queryKey: keys.me });
    onUnauthenticated.addEventListener("signed-out", reset);
    return () => onUnauthenticated.removeEventListener("signed-out", reset);
  }, [client]);

  if (me.isPending) return <Loading what="sipwatch" />;
  const signedOut = me.isError && "status" in me.error && me.error.status === 401;
  if (me.isError && !signedOut) {
    return (
      <main>
        <ErrorState error={me.error} retry={() => me.refetch()} />
      </main>
    );
  }
  if (signedOut) {
    return (
      <Switch>
        <Route path="/sign-up">
          <AuthPage mode="sign-up" />
        </Route>
        <Route path="/sign-in">
          <AuthPage mode="sign-in" />
        </Route>
        <Route>
          <Redirect to="/sign-in" />
        </Route>
      </Switch>
    );
  }
  return (
    <Shell organisation={me.data as NonNullable<typeof me.data>}>
      <Suspense fallback={<Loading what="the page" />}>
        <Switch>
          <Route path="/" component={Overview} />
          <Route path="/monitors/new">{() => <MonitorForm />}</Route>
          <Route path="/monitors/:id/edit">{(params) => <MonitorForm id={params.id} />}</Route>
          <Route path="/monitors/:id">{(params) => <MonitorDetail id={params.id} />}</Route>
          <Route path="/incidents">{() => <Incidents />}</Route>
          <Route path="/incidents/:id">{(params) => <IncidentDetail id={params.id} />}</Route>
          <Route path="/settings/:section">{(params) => <Settings section={params.section} />}</Route>
          <Route path="/sign-in">
            <Redirect to="/" />
          </Route>
          <Route path="/sign-up">
            <Redirect to="/" />
          </Route>
          <Route>
            <div className="state">
              <h1>Page not found</h1>
              <a href="/">Back to the overview</a>
            </div>
          </Route>
        </Switch>
      </Suspense>
    </Shell>
  );
}
