import { formatHostPort, type RegistrationResult, type TargetProbes, TRANSPORT_LABEL } from "@sipwatch/core";
import { type Paint, pad } from "./paint";

/** One line per registration probe: the outcome, the expiry granted, the binding as stored, the unregister. */
export function renderRegistrations(probes: readonly TargetProbes[], p: Paint): string[] {
  const registered = probes.filter((probe) => probe.register);
  if (registered.length === 0) return [];
  const aor = registered[0]?.register?.aor ?? "";
  const route = registered.find((probe) => probe.register?.route)?.register?.route;
  const lines = [p.bold(`Registration of ${aor}${route ? ` through the outbound proxy ${route}` : ""}`)];
  for (const { target, register } of registered) {
    if (!register) continue;
    const where = `${pad(TRANSPORT_LABEL[target.transport], 6)}${pad(formatHostPort(target.address, target.port), 24)}`;
    lines.push(`  ${where}${registrationText(register, p)}`);
  }
  return lines;
}

function registrationText(register: RegistrationResult, p: Paint): string {
  const took = register.registerMs !== undefined ? ` in ${register.registerMs} ms` : "";
  if (register.outcome !== "registered") {
    const status =
      register.status !== undefined ? ` (${register.status} ${register.reason ?? ""})`.replace(" )", ")") : "";
    const error = register.error ? `: ${register.error}` : "";
    return p.red(`${register.outcome}${status}${error}${took}`);
  }
  const ours = register.bindings?.find((b) => b.ours);
  const parts = [
    p.green(`registered${took}`),
    register.algorithm ? `digest ${register.algorithm}` : "no challenge",
    register.expiresGrantedS !== undefined ? `expires ${register.expiresGrantedS} s` : "",
    ours && ours.uri !== register.contactSent ? p.yellow(`stored as ${ours.uri}`) : "",
    register.viaReceived ? `seen from ${formatHostPort(register.viaReceived, register.viaRport)}` : "",
    register.unregister
      ? register.unregister.outcome === "removed"
        ? "binding removed"
        : p.yellow(`binding ${register.unregister.outcome}`)
      : "",
  ];
  return parts.filter(Boolean).join(", ");
}
