import { certificatePem, type Issued, issue, privateKeyPem } from "./cert-factory";
import { x509 } from "./x509";

/** The server certificates of the lab, one per thing a SIP TLS certificate gets wrong. */
export type LabCertName =
  | "valid"
  | "expired"
  | "not-yet-valid"
  | "wrong-name"
  | "wildcard-only"
  | "self-signed"
  | "missing-intermediate"
  | "expired-missing-intermediate"
  | "expired-under-root"
  | "wrong-name-under-root"
  | "rsa-1024";

export interface LabCertificate {
  name: LabCertName;
  /** What the server presents (Node's `cert` option): the leaf, then any intermediates. */
  chainPem: string;
  leafPem: string;
  keyPem: string;
  description: string;
}

export interface LabPki {
  domain: string;
  host: string;
  /** The test root: pass it as `ca` to trust the lab (the other helpers' "configured CA"). */
  caPem: string;
  intermediatePem: string;
  certificates: Record<LabCertName, LabCertificate>;
}

export interface LabPkiOptions {
  /** The SIP domain (RFC 5922 7.2 wants it in the certificate); "sipwatch.test" by default. */
  domain?: string;
  /** The SRV target host the client connects to; "sip.<domain>" by default. */
  host?: string;
}

const DAY_MS = 86_400_000;
const cache = new Map<string, Promise<LabPki>>();

/**
 * A test root, an intermediate and the lab's server certificates, generated once per process
 * and domain/host pair (ECDSA P-256 keys: fast to make, accepted at every OpenSSL level).
 */
export function labPki(options: LabPkiOptions = {}): Promise<LabPki> {
  const domain = options.domain ?? "sipwatch.test";
  const host = options.host ?? `sip.${domain}`;
  const key = `${domain}|${host}`;
  let pki = cache.get(key);
  if (!pki) {
    pki = createPki(domain, host);
    cache.set(key, pki);
  }
  return pki;
}

async function createPki(domain: string, host: string): Promise<LabPki> {
  const now = Date.now();
  const current = { notBefore: new Date(now - DAY_MS), notAfter: new Date(now + 90 * DAY_MS) };
  const root = await issue({ subject: "CN=sipwatch Test Root CA, O=sipwatch lab", ca: {}, ...current });
  const intermediate = await issue({
    subject: "CN=sipwatch Test Intermediate CA, O=sipwatch lab",
    issuer: root,
    ca: { pathLength: 0 },
    ...current,
  });
  const names = { dns: [domain, host], ips: ["127.0.0.1"] };
  const leaf = (cn: string) => ({ subject: `CN=${cn}, O=sipwatch lab`, issuer: intermediate });

  const valid = await issue({ ...leaf(host), ...names, ...current });
  const made: Record<LabCertName, [Issued, Issued[], string]> = {
    valid: [valid, [intermediate], `SANs ${domain}, ${host} and 127.0.0.1, with its intermediate`],
    expired: [
      await issue({
        ...leaf(host),
        ...names,
        notBefore: new Date(now - 60 * DAY_MS),
        notAfter: new Date(now - DAY_MS),
      }),
      [intermediate],
      "expired yesterday",
    ],
    "not-yet-valid": [
      await issue({
        ...leaf(host),
        ...names,
        notBefore: new Date(now + 30 * DAY_MS),
        notAfter: new Date(now + 60 * DAY_MS),
      }),
      [intermediate],
      "valid from next month",
    ],
    "wrong-name": [
      await issue({ ...leaf("other.example.net"), dns: ["other.example.net"], ...current }),
      [intermediate],
      "trusted, for other.example.net only",
    ],
    "wildcard-only": [
      await issue({ ...leaf(`*.${domain}`), dns: [`*.${domain}`], ...current }),
      [intermediate],
      `only *.${domain}: matches ${host}, not the SIP domain (RFC 5922 7.2 forbids wildcards)`,
    ],
    "self-signed": [
      await issue({ subject: `CN=${host}, O=sipwatch lab`, ...names, ...current }),
      [],
      "self-signed, right names",
    ],
    "missing-intermediate": [valid, [], "the valid leaf served without its intermediate"],
    "expired-missing-intermediate": [
      await issue({
        ...leaf(host),
        ...names,
        notBefore: new Date(now - 60 * DAY_MS),
        notAfter: new Date(now - DAY_MS),
      }),
      [],
      "expired yesterday, served without its intermediate",
    ],
    "expired-under-root": [
      await issue({
        subject: `CN=${host}, O=sipwatch lab`,
        issuer: root,
        ...names,
        notBefore: new Date(now - 60 * DAY_MS),
        notAfter: new Date(now - DAY_MS),
      }),
      [],
      "expired yesterday, issued directly by the root: no intermediate exists",
    ],
    "wrong-name-under-root": [
      await issue({
        subject: "CN=other.example.net, O=sipwatch lab",
        issuer: root,
        dns: ["other.example.net"],
        ...current,
      }),
      [],
      "for other.example.net only, issued directly by the root",
    ],
    "rsa-1024": [
      await issue({ ...leaf(host), ...names, ...current, keySpec: "rsa-1024" }),
      [intermediate],
      "RSA 1024-bit key (below OpenSSL security level 2)",
    ],
  };

  const certificates = {} as Record<LabCertName, LabCertificate>;
  for (const [name, [issued, chain, description]] of Object.entries(made) as Array<
    [LabCertName, (typeof made)[LabCertName]]
  >) {
    certificates[name] = {
      name,
      leafPem: certificatePem(issued.cert),
      chainPem: [issued, ...chain].map((c) => certificatePem(c.cert)).join(""),
      keyPem: await privateKeyPem(issued.keys),
      description,
    };
  }
  return {
    domain,
    host,
    caPem: certificatePem(root.cert),
    intermediatePem: certificatePem(intermediate.cert),
    certificates,
  };
}

/**
 * A chain of about `bytes` (1 MiB by default): the valid leaf plus one intermediate-signed
 * certificate padded by a private extension. TLS allows 2^24-byte certificate lists, so a
 * client that does not cap what it reads would buffer all of it.
 */
export async function oversizedChain(
  bytes = 1024 * 1024,
  options: LabPkiOptions = {},
): Promise<{ chainPem: string; keyPem: string }> {
  const pki = await labPki(options);
  const valid = pki.certificates.valid;
  const signer = await issue({
    subject: "CN=sipwatch Padding CA, O=sipwatch lab",
    ca: {},
    notBefore: new Date(Date.now() - DAY_MS),
    notAfter: new Date(Date.now() + DAY_MS),
    extensions: [new x509.Extension("1.3.6.1.4.1.55555.1", false, paddingValue(bytes))],
  });
  return { chainPem: valid.leafPem + certificatePem(signer.cert) + pki.intermediatePem, keyPem: valid.keyPem };
}

/** A DER OCTET STRING of `size` bytes (long-form length), the value of the padding extension. */
function paddingValue(size: number): Uint8Array {
  const value = new Uint8Array(5 + size);
  value.set([0x04, 0x83, (size >> 16) & 0xff, (size >> 8) & 0xff, size & 0xff]);
  return value;
}
