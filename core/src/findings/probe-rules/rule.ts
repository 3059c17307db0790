import type { ResponseHandling } from "../../probe/response-handling";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import type { Finding } from "../types";

/** transport.sip.slow threshold when the monitor sets none. */
export const DEFAULT_SIP_SLOW_MS = 1000;

/** What the probe rules judge: the resolution the targets came from and what each target answered. */
export interface ProbeRuleInput {
  resolution: SipResolution;
  /** One entry per probed (transport, address, port); a target without a probe result yields no finding. */
  probes: TargetProbes[];
  /** Certificate validity is judged at this instant. */
  now: Date;
  /** Monitor threshold for transport.sip.slow, in ms; DEFAULT_SIP_SLOW_MS when absent. */
  slowMs?: number;
  /** The monitor's reading of OPTIONS and REGISTER statuses (up, maintenance); only 2xx is up without it. */
  responseHandling?: ResponseHandling;
  /** The monitor's expected Contact behaviour for REGISTER; "as-sent" when absent. */
  expectContact?: "as-sent" | "rewritten";
}

/**
 * A probe finding rule: a pure function of the probe results, returning at most one finding
 * per id and subject ("tls sip1.example.com:5061"). Example: `tlsHandshakeFailed(input)`.
 */
export type ProbeRule = (input: ProbeRuleInput) => Finding[];
