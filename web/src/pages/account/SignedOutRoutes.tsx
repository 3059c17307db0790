import type { ReactNode } from "react";
import { Route, Switch } from "wouter";
import { AuthPage } from "../AuthPage";
import { CheckInbox } from "./CheckInbox";
import { EmailVerified } from "./EmailVerified";
import { ForgotPassword } from "./ForgotPassword";
import { ResetPassword } from "./ResetPassword";

/** The pages a signed-out visitor can open; any other path shows `otherwise`. */
export function SignedOutRoutes({ otherwise = null }: { otherwise?: ReactNode }) {
  return (
    <Switch>
      <Route path="/sign-up">
        <AuthPage mode="sign-up" />
      </Route>
      <Route path="/sign-in">
        <AuthPage mode="sign-in" />
      </Route>
      <Route path="/check-inbox" component={CheckInbox} />
      <Route path="/forgot-password" component={ForgotPassword} />
      <Route path="/reset-password" component={ResetPassword} />
      <Route path="/email-verified">
        <EmailVerified signedIn={false} />
      </Route>
      <Route>{otherwise}</Route>
    </Switch>
  );
}
