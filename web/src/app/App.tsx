import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect } from "react";
import { Redirect, Route, Switch } from "wouter";
import { onUnauthenticated } from "../api/client";
import { keys, useCurrentOrganisation } from "../api/queries";
import { EmailVerified } from "../pages/account/EmailVerified";
import { ForgotPassword } from "../pages/account/ForgotPassword";
import { ResetPassword } from "../pages/account/ResetPassword";
import { SignedOutRoutes } from "../pages/account/SignedOutRoutes";
import { Overview } from "../pages/Overview";
import { ErrorState, Loading } from "../ui/states";
import { Shell } from "./Shell";

// The overview is the first page; everything else (and recharts with it) loads when visited.
const MonitorDetail = lazy(() => import("../pages/MonitorDetail"));
const MonitorForm = lazy(() => import("../pages/MonitorForm"));
const Settings = lazy(() => import("../pages/Settings"));
const Incidents = lazy(() => import("../pages/Incidents"));
const IncidentDetail = lazy(() => import("../pages/IncidentDetail"));
const AcceptInvitation = lazy(() => import("../members/AcceptInvitation"));
const AuditLog = lazy(() => import("../pages/AuditLog"));

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
    return <SignedOutRoutes otherwise={<Redirect to={signInBackTo(window.location.pathname)} />} />;
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
          <Route path="/invitations/:id">{(params) => <AcceptInvitation id={params.id} />}</Route>
          <Route path="/audit">{() => <AuditLog />}</Route>
          <Route path="/settings/:section">{(params) => <Settings section={params.section} />}</Route>
          <Route path="/sign-in">
            <Redirect to="/" />
          </Route>
          <Route path="/sign-up">
            <Redirect to="/" />
          </Route>
          {/* The verification link signs in before it lands here; a reset link may be opened while signed in. */}
          <Route path="/email-verified">
            <EmailVerified signedIn={true} />
          </Route>
          <Route path="/reset-password" component={ResetPassword} />
          <Route path="/check-inbox">
            <Redirect to="/" />
          </Route>
          <Route path="/forgot-password" component={ForgotPassword} />
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

/** Sign-in, then back to the page a signed-out visitor opened (an invitation link, say). */
export function signInBackTo(path: string): string {
  return path === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(path)}`;
}
