import { alertChannels, type ChannelConfig } from "@sipwatch/db";
import type { Services } from "../../src/services";
import { lab } from "../fixtures";
import type { ReceivedRequest } from "../lab-types";

/** A fresh path on the lab's alert receiver, so tests never read each other's messages. */
export function receiverPath(kind: string, failFirst = 0): { url: string; name: string } {
  const name = `${kind}-${crypto.randomUUID().slice(0, 8)}`;
  return { name, url: `${lab().alertReceiverUrl}/hook/${name}${failFirst > 0 ? `?fail=${failFirst}` : ""}` };
}

export async function received(name: string): Promise<ReceivedRequest[]> {
  const response = await fetch(`${lab().alertReceiverUrl}/received/${name}`);
  return (await response.json()) as ReceivedRequest[];
}

export async function insertChannel(
  services: Services,
  organisationId: string,
  config: ChannelConfig,
): Promise<string> {
  const id = `chn_${crypto.randomUUID().slice(0, 12)}`;
  await services.db
    .insert(alertChannels)
    .values({ id, organisationId, type: config.type, name: config.type, config, createdAt: Date.now() });
  return id;
}
