import { decodeOid, derChildren, derContent, readDerElement } from "./der";

/**
 * The raw pieces of a certificate that signature checking needs (RFC 5280 4.1), cut straight
 * from the DER: re-parsing through @peculiar/x509 costs about a millisecond per certificate,
 * which the edge pays on every TLS probe; slicing costs microseconds.
 */
export interface CertificateParts {
  der: Uint8Array;
  /** The signed bytes: the whole TBSCertificate element. */
  tbs: Uint8Array;
  signatureAlgorithm: string;
  signature: Uint8Array;
  /** Name elements as encoded: issuer/subject chaining compares these bytes. */
  issuer: Uint8Array;
  subject: Uint8Array;
  /** The SubjectPublicKeyInfo element, as WebCrypto's "spki" import wants it. */
  spki: Uint8Array;
  keyAlgorithm: string;
  /** For EC keys: the named curve's OID. */
  keyParameter?: string;
}

/** Throws on anything that is not a well-formed certificate. */
export function certificateParts(der: Uint8Array): CertificateParts {
  const outer = readDerElement(der);
  const [tbsElement, algorithm, signatureValue] = withBegins(der, outer);
  if (!tbsElement || !algorithm || !signatureValue) throw new Error("a certificate has three parts");
  const tbsFields = withBegins(der, tbsElement.element);
  // version [0] is optional (absent in v1 certificates).
  const fields = tbsFields[0]?.element.tag === 0xa0 ? tbsFields.slice(1) : tbsFields;
  const [, , issuer, , subject, spki] = fields;
  if (!issuer || !subject || !spki) throw new Error("TBSCertificate is missing fields");
  const [spkiAlgorithm] = derChildren(der, spki.element);
  const [keyOid, keyParam] = spkiAlgorithm ? derChildren(der, spkiAlgorithm) : [];
  const [signatureOid] = derChildren(der, algorithm.element);
  if (!keyOid || !signatureOid) throw new Error("algorithm identifiers are missing");
  const bits = derContent(der, signatureValue.element);
  return {
    der,
    tbs: tbsElement.bytes,
    signatureAlgorithm: decodeOid(derContent(der, signatureOid)),
    // BIT STRING: the first content byte counts unused bits, always 0 for signatures.
    signature: bits.subarray(1),
    issuer: issuer.bytes,
    subject: subject.bytes,
    spki: spki.bytes,
    keyAlgorithm: decodeOid(derContent(der, keyOid)),
    ...(keyParam?.tag === 0x06 ? { keyParameter: decodeOid(derContent(der, keyParam)) } : {}),
  };
}

/** Children of a constructed element with their whole encoding (tag and length included). */
function withBegins(der: Uint8Array, parent: ReturnType<typeof readDerElement>) {
  let begin = parent.start;
  return derChildren(der, parent).map((element) => {
    const bytes = der.subarray(begin, element.end);
    begin = element.end;
    return { element, bytes };
  });
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
