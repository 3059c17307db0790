/**
 * The loopback addresses of one phone run. 127.0.1.0/24 belongs to the phone tests (other suites
 * on the same machine use other ranges); it is cut into /28 blocks so runs can go in parallel,
 * each with its own DNS server, phone address and targets, and one tcpdump filter ("net
 * 127.0.1.32/28") sees exactly one run. Linux answers for all of 127.0.0.0/8 on lo, so nothing
 * needs adding to the interface.
 */
export interface AddressBlock {
  index: number;
  /** tcpdump's "net" argument for this block. */
  net: string;
  /** The lab DNS server (port 53: belle-sip can only be pointed at port 53 through resolv.conf). */
  dns: string;
  /** Where the phone itself listens (baresip's sip_listen). */
  phone: string;
  /** Address of host slot n (0: the SIP domain itself, n: sipN), n < 12. */
  host(slot: number): string;
}

/** Blocks 1..14 (127.0.1.16 .. 127.0.1.239); block 0 and 15 stay unused as margins. */
export const BLOCK_COUNT = 14;

export function addressBlock(index: number): AddressBlock {
  if (!Number.isInteger(index) || index < 1 || index > BLOCK_COUNT) throw new Error(`no address block ${index}`);
  const base = index * 16;
  const at = (offset: number) => `127.0.1.${base + offset}`;
  return {
    index,
    net: `127.0.1.${base}/28`,
    dns: at(1),
    phone: at(2),
    host: (slot) => {
      if (slot < 0 || slot > 11) throw new Error(`host slot ${slot} outside the block`);
      return at(3 + slot);
    },
  };
}

/** Hands out blocks to concurrent runs and takes them back. */
export class AddressBlockPool {
  private readonly free: number[];
  private readonly waiting: Array<(block: AddressBlock) => void> = [];

  constructor(size = BLOCK_COUNT) {
    this.free = Array.from({ length: size }, (_, i) => i + 1);
  }

  async acquire(): Promise<AddressBlock> {
    const index = this.free.shift();
    if (index !== undefined) return addressBlock(index);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(block: AddressBlock): void {
    const next = this.waiting.shift();
    if (next) next(addressBlock(block.index));
    else this.free.push(block.index);
  }
}
