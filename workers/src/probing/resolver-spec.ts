/** `tcp://192.0.2.53` or `tcp://[2001:db8::53]:5353` -> address and port; null for anything else. */
export function parseTcpResolver(spec: string): { address: string; port: number } | null {
  const match = /^tcp:\/\/(?:\[([0-9a-fA-F:.]+)\]|([0-9.]+))(?::(\d{1,5}))?$/.exec(spec);
  if (!match) return null;
  const port = Number(match[3] ?? 53);
  if (port < 1 || port > 65_535) return null;
  return { address: (match[1] ?? match[2]) as string, port };
}
