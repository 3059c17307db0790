import type { ConnectOutcome } from "@sipwatch/core";

export type ConnectFailure = Exclude<ConnectOutcome, "connected">;

/** Socket errors that describe the path or the peer, not a bug (errno names from libuv). */
export function connectOutcomeOf(error: unknown): ConnectFailure {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case "ECONNREFUSED":
      return "refused";
    case "ETIMEDOUT":
      return "timeout";
    case "ECONNRESET":
    case "ECONNABORTED":
    case "EPIPE":
      return "reset";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "EHOSTDOWN":
    case "ENETDOWN":
    case "EADDRNOTAVAIL":
      return "unreachable";
    default:
      return "error";
  }
}

export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // OpenSSL and checkServerIdentity errors carry a plain `reason`; their message adds codes and file:line.
  const reason = (error as { reason?: unknown }).reason;
  if (typeof reason === "string" && reason !== "") return reason;
  // Through https (EPROTO) only the message is left: "...:SSL routines:<function>:<reason>:<file>:<line>:".
  const openssl = /SSL routines:[^:]*:([^:]+):/.exec(error.message)?.[1];
  if (openssl) return openssl;
  return error.message.split("\n")[0] ?? error.message;
}
