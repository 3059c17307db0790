/**
 * How a monitor wants SIP final statuses read, per method. Some servers challenge every
 * request, OPTIONS included, so 401/407 is their healthy answer; some answer 503 during planned
 * maintenance. A monitor says so once and the judgement follows (issue 17, item 4).
 */
export interface MethodHandling {
  /** Final statuses (>= 300) that count as up: no finding, reachable. */
  upStatuses: number[];
  /** Statuses that mean planned maintenance: an info finding instead of a warning, still not reachable. */
  maintenanceStatuses: number[];
}

export interface ResponseHandling {
  options: MethodHandling;
  register: MethodHandling;
}

/** What sipwatch does without settings: only 2xx is up, 503 is a failure like any 5xx. */
export const DEFAULT_RESPONSE_HANDLING: ResponseHandling = {
  options: { upStatuses: [], maintenanceStatuses: [] },
  register: { upStatuses: [], maintenanceStatuses: [] },
};

export type StatusVerdict = "up" | "maintenance" | "default";

/**
 * The monitor's reading of one final status: `statusVerdict(401, handling.options)` is "up"
 * when the monitor lists 401 as up for OPTIONS; "default" leaves the judgement to the rules.
 */
export function statusVerdict(status: number, handling: MethodHandling | undefined): StatusVerdict {
  if (!handling) return "default";
  if (handling.upStatuses.includes(status)) return "up";
  if (handling.maintenanceStatuses.includes(status)) return "maintenance";
  return "default";
}

/** Fills what a stored (possibly partial or older) setting leaves out. */
export function responseHandlingOf(stored: Partial<ResponseHandling> | null | undefined): ResponseHandling {
  return {
    options: { ...DEFAULT_RESPONSE_HANDLING.options, ...stored?.options },
    register: { ...DEFAULT_RESPONSE_HANDLING.register, ...stored?.register },
  };
}
