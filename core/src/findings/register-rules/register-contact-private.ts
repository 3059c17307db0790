import { hostOf } from "../../register/bindings";
import type { RegistrationResult } from "../../register/types";
import { addressScope } from "../address-scope";
import type { ProbeRule } from "../probe-rules/rule";
import type { Finding } from "../types";
import { registerAttempts } from "./register-facts";

/** How the stored binding went wrong, or undefined when it is fine. */
function contactProblem(
  register: RegistrationResult,
  expectContact: "as-sent" | "rewritten" = "as-sent",
): { stored: string; sent: string; rewritten: boolean } | undefined {
  const ours = register.bindings?.find((b) => b.ours);
  const stored = ours ? hostOf(ours.uri) : undefined;
  const sent = hostOf(register.contactSent);
  if (!ours || !stored || !sent || addressScope(stored) !== "private") return undefined;
  // An ALG rewrote the Contact on its way to a private address, or the registrar kept a private
  // Contact although it saw the REGISTER come from another address (NAT it does not handle).
  if (stored !== sent) {
    // The monitor says an SBC rewrites the Contact on purpose: a rewrite is its design, not an ALG.
    if (expectContact === "rewritten") return undefined;
    return { stored: ours.uri, sent: register.contactSent, rewritten: true };
  }
  if (register.viaReceived && register.viaReceived !== sent)
    return { stored: ours.uri, sent: register.contactSent, rewritten: false };
  return undefined;
}

/** register.contact-private: the binding the registrar stored points at a private address calls cannot reach. */
export const registerContactPrivate: ProbeRule = ({ probes, expectContact }) =>
  registerAttempts(probes, (a) => contactProblem(a.register, expectContact) !== undefined).map(
    ({ endpoint, attempts, where, over }): Finding => {
      const problems = attempts.map((a) => ({
        address: a.address,
        ...contactProblem(a.register, expectContact),
        received: a.register.viaReceived,
      }));
      const rewritten = problems.some((p) => p.rewritten);
      return {
        id: "register.contact-private",
        severity: "warning",
        title: `${where} (${over}) stores the phone's Contact at a private address`,
        detail: rewritten
          ? "Something between the phone and the registrar rewrote the Contact to a private address (a SIP ALG in a router or firewall does this), so calls for the phone are sent where they cannot arrive."
          : "The registrar saw the REGISTER come from another address than the Contact names (the phone is behind NAT) and stored the private Contact as it was, so calls are sent where they cannot arrive.",
        fix: rewritten
          ? 'Turn off the SIP ALG ("SIP helper", "SIP fixup") on the routers and firewalls on the path.'
          : "Have the registrar handle NAT: store the received address (Kamailio nathelper fix_nated_register / RFC 5626 outbound), or give phones STUN or an outbound proxy.",
        subject: endpoint.subject,
        evidence: { transport: endpoint.transport, host: endpoint.host, port: endpoint.port, bindings: problems },
      };
    },
  );
