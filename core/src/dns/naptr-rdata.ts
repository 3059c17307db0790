import { name as dnsName } from "@leichtgewicht/dns-packet";

/**
 * NAPTR RDATA (RFC 3403 4.1) codec. @leichtgewicht/dns-packet, the Uint8Array-native codec we
 * use everywhere else, hands NAPTR over as raw RDATA; the format is small and, unlike most
 * RDATA, its replacement name is never compressed (RFC 3403 4.1: "MUST NOT be compressed"),
 * so it decodes without the enclosing message.
 */
export interface NaptrData {
  order: number;
  preference: number;
  flags: string;
  services: string;
  regexp: string;
  replacement: string;
}

// Not fatal (the default): a bad byte in a customer's regexp field becomes U+FFFD instead of throwing.
const textDecoder = new TextDecoder("utf-8");
const textEncoder = new TextEncoder();

export function decodeNaptrRdata(rdata: Uint8Array): NaptrData {
  if (rdata.length < 4 + 3 + 1) throw new Error("NAPTR RDATA too short");
  const view = new DataView(rdata.buffer, rdata.byteOffset, rdata.byteLength);
  const order = view.getUint16(0);
  const preference = view.getUint16(2);
  let offset = 4;
  const readCharacterString = (): string => {
    const length = rdata[offset];
    if (length === undefined || offset + 1 + length > rdata.length) {
      throw new Error("NAPTR character-string runs past RDATA");
    }
    const text = textDecoder.decode(rdata.subarray(offset + 1, offset + 1 + length));
    offset += 1 + length;
    return text;
  };
  const flags = readCharacterString();
  const services = readCharacterString();
  const regexp = readCharacterString();
  // Decoding within the RDATA slice: a compression pointer (forbidden here) cannot escape it.
  const replacement = dnsName.decode(rdata.subarray(offset), 0);
  const consumed = (dnsName.decode as unknown as { bytes: number }).bytes;
  if (offset + consumed !== rdata.length) throw new Error("NAPTR RDATA has trailing bytes");
  return { order, preference, flags, services, regexp, replacement };
}

export function encodeNaptrRdata(data: NaptrData): Uint8Array {
  const strings = [data.flags, data.services, data.regexp].map((s) => {
    const bytes = textEncoder.encode(s);
    if (bytes.length > 255) throw new Error("NAPTR character-string longer than 255 bytes");
    return bytes;
  });
  const replacement = dnsName.encode(data.replacement === "" ? "." : data.replacement);
  const length = 4 + strings.reduce((n, s) => n + 1 + s.length, 0) + replacement.length;
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  view.setUint16(0, data.order);
  view.setUint16(2, data.preference);
  let offset = 4;
  for (const s of strings) {
    out[offset] = s.length;
    out.set(s, offset + 1);
    offset += 1 + s.length;
  }
  out.set(replacement, offset);
  return out;
}
