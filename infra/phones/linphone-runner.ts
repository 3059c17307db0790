import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AddressBlock } from "./address-block";
import { type PhoneProcess, startPhoneProcess } from "./phone-process";
import type { Transport } from "./phone-zones";

/**
 * linphonec 5.1.65 (belle-sip 5.1.64) headless. belle-sip has no DNS server setting and reads
 * /etc/resolv.conf (port 53 only), so each run gets a private mount namespace (`unshare -m`) with
 * its own resolv.conf bind-mounted over the system's, naming the run's lab DNS. $HOME is the
 * run's directory: without $HOME/.local/share/linphone/ its database does not open and it never
 * sends a REGISTER.
 */
export const LINPHONEC = "/usr/bin/linphonec";

export async function startLinphone(options: {
  dir: string;
  domain: string;
  transport: Transport;
  block: AddressBlock;
  caFile: string;
}): Promise<PhoneProcess> {
  await mkdir(join(options.dir, ".local", "share", "linphone"), { recursive: true });
  const resolv = join(options.dir, "resolv.conf");
  await writeFile(resolv, `nameserver ${options.block.dns}\noptions timeout:2 attempts:2\n`);
  const rc = join(options.dir, "linphonerc");
  // The configured transport is the proxy URI's transport parameter, as Linphone's account
  // settings write it; UDP is the URI without one.
  const proxy =
    options.transport === "udp" ? `<sip:${options.domain}>` : `<sip:${options.domain};transport=${options.transport}>`;
  await writeFile(
    rc,
    [
      "[sip]",
      "sip_port=-1",
      "sip_tcp_port=-1",
      "sip_tls_port=-1",
      `root_ca=${options.caFile}`,
      "verify_server_certs=1",
      "verify_server_cn=1",
      "default_proxy=0",
      "register_only_when_network_is_up=0",
      "",
      "[proxy_0]",
      `reg_proxy=${proxy}`,
      `reg_identity=sip:phone@${options.domain}`,
      "reg_expires=600",
      "reg_sendregister=1",
      "publish=0",
      "",
      "[sound]",
      "playback_dev_id=",
      "ringer_dev_id=",
      "capture_dev_id=",
      "",
      "[video]",
      "enabled=0",
      "capture=0",
      "display=0",
      "",
    ].join("\n"),
  );
  const script = `mount --bind "$0" /etc/resolv.conf && exec ${LINPHONEC} -c "$1" -d 6 -l "$2"`;
  return startPhoneProcess("unshare", ["-m", "sh", "-c", script, resolv, rc, join(options.dir, "linphone.log")], {
    logFile: join(options.dir, "linphonec.out"),
    env: { ...process.env, HOME: options.dir },
    cwd: options.dir,
  });
}
