import type { ClientProfile } from "../types";
import { ASTERISK } from "./asterisk";
import { AVAYA_1200 } from "./avaya-1200";
import { BARESIP_AUTO, BARESIP_TCP, BARESIP_TLS } from "./baresip";
import { FIXED_UDP } from "./fixed-udp";
import { LINPHONE_TCP, LINPHONE_TLS, LINPHONE_UDP } from "./linphone";
import { PJSUA_DEFAULT, PJSUA_TLS } from "./pjsua";
import { RFC3263_CLIENT } from "./rfc3263";
import { SNOM } from "./snom";

/** Every modelled client, in the order reports list them: the RFC first, then real stacks, then desk phones. */
export const CLIENT_PROFILES: readonly ClientProfile[] = [
  RFC3263_CLIENT,
  BARESIP_AUTO,
  BARESIP_TCP,
  BARESIP_TLS,
  LINPHONE_UDP,
  LINPHONE_TCP,
  LINPHONE_TLS,
  PJSUA_DEFAULT,
  PJSUA_TLS,
  ASTERISK,
  AVAYA_1200,
  SNOM,
  FIXED_UDP,
];
