import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AddressBlock } from "./address-block";
import { type PhoneProcess, startPhoneProcess } from "./phone-process";

/**
 * baresip 1.0.0 (libre 1.1.0) headless with its own config directory: libre's resolver asks the
 * run's lab DNS directly (`dns_server`), `sip_cafile` trusts the lab root, and one account line
 * registers at start. How the account is written is the configured transport.
 */
export type BaresipAccountStyle = "sip" | "transport=udp" | "transport=tcp" | "transport=tls" | "sips";

export const BARESIP = "/usr/bin/baresip";

export function baresipAccountLine(domain: string, style: BaresipAccountStyle): string {
  if (style === "sip") return `<sip:phone@${domain}>;regint=600`;
  if (style === "sips") return `<sips:phone@${domain}>;regint=600`;
  return `<sip:phone@${domain};${style}>;regint=600`;
}

export async function startBaresip(options: {
  dir: string;
  domain: string;
  style: BaresipAccountStyle;
  block: AddressBlock;
  caFile: string;
}): Promise<PhoneProcess> {
  const configDir = join(options.dir, "baresip");
  await mkdir(configDir, { recursive: true });
  const config = [
    `sip_listen ${options.block.phone}:5060`,
    `dns_server ${options.block.dns}:53`,
    `sip_cafile ${options.caFile}`,
    "module_path /usr/lib/baresip/modules",
    "module g711.so",
    "module_tmp account.so",
    "audio_player aubridge,nil",
    "audio_source aubridge,nil",
    "audio_alert aubridge,nil",
    "",
  ].join("\n");
  await writeFile(join(configDir, "config"), config);
  await writeFile(join(configDir, "accounts"), `${baresipAccountLine(options.domain, options.style)}\n`);
  return startPhoneProcess(BARESIP, ["-f", configDir, "-v"], {
    logFile: join(options.dir, "baresip.log"),
    env: { ...process.env, HOME: options.dir },
  });
}
