import type { SipResolution } from "../../sip/types";
import type { Finding } from "../types";

/**
 * A discovery finding rule: a pure function of one resolution tree, returning at most one
 * finding per id and subject. Example: `srvTargetCname(resolution)`.
 */
export type DiscoveryRule = (resolution: SipResolution, context?: RuleContext) => Finding[];

/** How the audit runs, where that changes what counts as a problem. */
export interface RuleContext {
  /**
   * Development against the local lab, whose SIP servers listen on loopback: loopback answers
   * are expected there and nowhere else (ARCHITECTURE.md, "Edge facts").
   */
  loopbackIsLab: boolean;
}

export const PRODUCTION_CONTEXT: RuleContext = { loopbackIsLab: false };
