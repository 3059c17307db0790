import type { ProbeRule } from "../probe-rules/rule";
import { registerBindingNotRemoved } from "./register-binding-not-removed";
import { registerChallengeFailed } from "./register-challenge-failed";
import { registerContactPrivate } from "./register-contact-private";
import { registerCredentialsRejected } from "./register-credentials-rejected";
import { registerNoContact } from "./register-no-contact";
import { registerOptionsOnly } from "./register-options-only";
import { registerProxyUnreachable } from "./register-proxy-unreachable";
import { registerRefused } from "./register-refused";
import { registerSlow } from "./register-slow";

/** Rules over registration probes: each yields nothing for a target no REGISTER was sent to. */
export const registerRules: ProbeRule[] = [
  registerRefused,
  registerCredentialsRejected,
  registerChallengeFailed,
  registerNoContact,
  registerSlow,
  registerContactPrivate,
  registerBindingNotRemoved,
  registerOptionsOnly,
  registerProxyUnreachable,
];
