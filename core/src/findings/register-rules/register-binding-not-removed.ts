import type { ProbeRule } from "../probe-rules/rule";
import type { Finding } from "../types";
import { registerAttempts } from "./register-facts";

/** register.binding-not-removed: REGISTER with Expires: 0 left the test binding in place, or failed. */
export const registerBindingNotRemoved: ProbeRule = ({ probes }) =>
  registerAttempts(
    probes,
    (a) => a.register.unregister !== undefined && a.register.unregister.outcome !== "removed",
  ).map(
    ({ endpoint, attempts, where, over }): Finding => ({
      id: "register.binding-not-removed",
      severity: "warning",
      title: `${where} (${over}) did not remove the test binding on unregister`,
      detail:
        "REGISTER with Expires: 0 for the Contact just registered should remove it (RFC 3261 10.2.2). Phones that unregister on shutdown or when they move networks leave stale bindings behind, so calls fork to devices that are gone and ring nobody until the binding expires.",
      fix: "Check that the registrar honours Expires: 0 (and a Contact expires=0 parameter) and removes the binding from its location table; a proxy rewriting Contact between registration and unregister has the same effect.",
      subject: endpoint.subject,
      evidence: {
        transport: endpoint.transport,
        host: endpoint.host,
        port: endpoint.port,
        attempts: attempts.map((a) => ({ address: a.address, unregister: a.register.unregister })),
      },
    }),
  );
