/**
 * Just enough DER (X.690) to read the few certificate fields @peculiar/x509 either refuses
 * (a subjectAltName holding an otherName it does not know makes its whole extension list throw)
 * or does not expose (the EC curve OID, the RSA modulus of an RSASSA-PSS key).
 */
export interface DerElement {
  tag: number;
  /** Content bounds within the buffer the element was read from. */
  start: number;
  end: number;
}

/** Reads the element at `offset`; throws on truncated or indefinite-length input. */
export function readDerElement(bytes: Uint8Array, offset = 0, limit = bytes.length): DerElement {
  const tag = bytes[offset];
  const first = bytes[offset + 1];
  if (tag === undefined || first === undefined || offset + 2 > limit) throw new Error("truncated DER element");
  if ((tag & 0x1f) === 0x1f) throw new Error("multi-byte DER tags are not used in certificates");
  let length = first;
  let start = offset + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    // 0x80 is BER's indefinite length, which DER forbids; four bytes already allow 4 GiB.
    if (count === 0 || count > 4) throw new Error("unsupported DER length encoding");
    if (start + count > limit) throw new Error("truncated DER length");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[start + i] ?? 0);
    start += count;
  }
  const end = start + length;
  if (end > limit) throw new Error("truncated DER content");
  return { tag, start, end };
}

/** The elements inside a constructed element (a SEQUENCE's members), in order. */
export function derChildren(bytes: Uint8Array, parent: DerElement): DerElement[] {
  const children: DerElement[] = [];
  for (let offset = parent.start; offset < parent.end; ) {
    const child = readDerElement(bytes, offset, parent.end);
    children.push(child);
    offset = child.end;
  }
  return children;
}

export function derContent(bytes: Uint8Array, element: DerElement): Uint8Array {
  return bytes.subarray(element.start, element.end);
}

/** Dotted form of an OBJECT IDENTIFIER's content bytes: "1.2.840.10045.3.1.7". */
export function decodeOid(content: Uint8Array): string {
  const arcs: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if (byte & 0x80) continue;
    if (arcs.length === 0) arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
    else arcs.push(value);
    value = 0;
  }
  return arcs.join(".");
}

/** Bits of a non-negative INTEGER's content, leading zero bytes ignored: 2048 for an RSA-2048 modulus. */
export function integerBits(content: Uint8Array): number {
  let index = 0;
  while (index < content.length - 1 && content[index] === 0) index++;
  const top = content[index] ?? 0;
  return (content.length - index - 1) * 8 + (top === 0 ? 0 : 32 - Math.clz32(top));
}
