import type { SipResolution } from "../../sip/types";
import { type Finding, sortFindings } from "../types";
import { addressNoIpv6 } from "./address-no-ipv6";
import { addressPrivateInPublic } from "./address-private-in-public";
import { discoveryNone } from "./discovery-none";
import { domainNoAddress } from "./domain-no-address";
import { naptrDangling } from "./naptr-dangling";
import { naptrInvalid } from "./naptr-invalid";
import { naptrSecureNotPreferred } from "./naptr-secure-not-preferred";
import { naptrSrvMismatch } from "./naptr-srv-mismatch";
import { dedupeFindings } from "./resolution-facts";
import { resolverError } from "./resolver-error";
import { resolverServfail } from "./resolver-servfail";
import type { DiscoveryRule } from "./rule";
import { PRODUCTION_CONTEXT, type RuleContext } from "./rule";
import { srvLegacyName } from "./srv-legacy-name";
import { srvPortSuspicious } from "./srv-port-suspicious";
import { srvSingleTarget } from "./srv-single-target";
import { srvTargetCname } from "./srv-target-cname";
import { srvTargetDot } from "./srv-target-dot";
import { srvTargetUnresolvable } from "./srv-target-unresolvable";

export { resolversDisagree } from "./resolvers-disagree";
export type { DiscoveryRule, RuleContext } from "./rule";
export { PRODUCTION_CONTEXT } from "./rule";

/** Every rule that judges one resolution tree on its own. */
export const discoveryRules: DiscoveryRule[] = [
  discoveryNone,
  naptrDangling,
  naptrInvalid,
  naptrSecureNotPreferred,
  naptrSrvMismatch,
  srvTargetCname,
  srvTargetUnresolvable,
  srvTargetDot,
  srvLegacyName,
  srvPortSuspicious,
  srvSingleTarget,
  domainNoAddress,
  addressPrivateInPublic,
  addressNoIpv6,
  resolverServfail,
  resolverError,
];

/** All discovery findings for one resolution, most severe first: `runDiscoveryRules(await resolveSipTarget(t, r))`. */
export function runDiscoveryRules(resolution: SipResolution, context: RuleContext = PRODUCTION_CONTEXT): Finding[] {
  return sortFindings(dedupeFindings(discoveryRules.flatMap((rule) => rule(resolution, context))));
}
