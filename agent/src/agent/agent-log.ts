/** One line per event, `time level event key=value…`, so journald, Docker and grep read it alike. */
export type AgentLog = (level: "info" | "warn" | "error", event: string, fields?: Record<string, unknown>) => void;

export function lineLog(write: (line: string) => void): AgentLog {
  return (level, event, fields = {}) => {
    const parts = Object.entries(fields).map(([k, v]) => `${k}=${formatValue(v)}`);
    write(`${new Date().toISOString()} ${level} ${event}${parts.length > 0 ? ` ${parts.join(" ")}` : ""}\n`);
  };
}

function formatValue(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  // Quoted only when needed, newlines escaped, so one event stays one line.
  return /^[\w.:/@+-]*$/.test(text ?? "") ? (text ?? "") : JSON.stringify(text);
}
