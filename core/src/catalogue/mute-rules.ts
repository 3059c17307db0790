/**
 * Bounds of a finding mute. The reason is shown to every member of the organisation and in the
 * incident timeline: one printable line. An expiry further than a year out is a decision to stop
 * watching, which deserves an explicit "until ended" (no expiry) rather than a date nobody reads.
 * The count in force per monitor bounds what every alert round reads and matches.
 */
export const MUTE_RULES = {
  reasonMax: 500,
  subjectMax: 300,
  maxExpiryDays: 366,
  maxInForcePerMonitor: 100,
} as const;
