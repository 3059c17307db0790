import type { BaresipAccountStyle } from "./baresip-runner";
import type { Transport } from "./phone-zones";

/**
 * The phone set-ups measured: how a user would configure each phone, and which sipwatch profile
 * models that set-up (the id in the audit report's `profiles`).
 */
export type PhoneConfig =
  | { id: string; phone: "baresip"; style: BaresipAccountStyle; profile: string; configured?: Transport }
  | { id: string; phone: "linphone"; transport: Transport; profile: string; configured: Transport };

export const phoneConfigs: PhoneConfig[] = [
  { id: "baresip", phone: "baresip", style: "sip", profile: "baresip" },
  { id: "baresip-tcp", phone: "baresip", style: "transport=tcp", profile: "baresip-tcp", configured: "tcp" },
  { id: "baresip-tls", phone: "baresip", style: "transport=tls", profile: "baresip-tls", configured: "tls" },
  { id: "linphone-udp", phone: "linphone", transport: "udp", profile: "linphone-udp", configured: "udp" },
  { id: "linphone-tcp", phone: "linphone", transport: "tcp", profile: "linphone-tcp", configured: "tcp" },
  { id: "linphone-tls", phone: "linphone", transport: "tls", profile: "linphone-tls", configured: "tls" },
];
