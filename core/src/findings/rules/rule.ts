import type { SipResolution } from "../../sip/types";
import type { Finding } from "../types";

/**
 * A discovery finding rule: a pure function of one resolution tree, returning at most one
 * finding per id and subject. Example: `srvTargetCname(resolution)`.
 */
export type DiscoveryRule = (resolution: SipResolution) => Finding[];
