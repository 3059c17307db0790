/** True when the first bytes can begin a TLS record (RFC 8446 5.1: content type 20-23, then version 3.x). */
export function looksLikeTlsRecord(bytes: Uint8Array): boolean {
  const [type, major] = bytes;
  if (type === undefined || type < 0x14 || type > 0x17) return false;
  return major === undefined || major === 0x03;
}

/** Bytes for a report: printable ASCII as is, CR/LF/TAB and the rest escaped, so it stays one line. */
export function printableBytes(bytes: Uint8Array, limit = 64): string {
  let text = "";
  for (const byte of bytes.subarray(0, limit)) {
    if (byte === 0x0d) text += "\\r";
    else if (byte === 0x0a) text += "\\n";
    else if (byte === 0x5c) text += "\\\\";
    else if (byte >= 0x20 && byte < 0x7f) text += String.fromCharCode(byte);
    else text += `\\x${byte.toString(16).padStart(2, "0")}`;
  }
  return bytes.length > limit ? `${text}...` : text;
}
