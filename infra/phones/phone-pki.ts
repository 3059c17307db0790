import { certificatePem, issue, privateKeyPem } from "../lab/cert-factory";

/**
 * One test root for every phone zone, so a phone trusts the lab with a single `sip_cafile` or
 * `root_ca`, and three server certificates: valid, expired, and trusted but for another name.
 * The valid and expired ones carry every zone's domain and SRV target names (RFC 5922 7.2 has
 * clients match the dialled domain; some stacks match the SRV target instead), no IP address.
 */
export type PhoneCertName = "valid" | "expired" | "wrong-name";

export interface PhonePki {
  caPem: string;
  certificates: Record<PhoneCertName, { chainPem: string; keyPem: string }>;
}

const DAY_MS = 86_400_000;
const cache = new Map<string, Promise<PhonePki>>();

/** The PKI for `names` (domains and hosts), made once per process and name set. */
export function phonePki(names: readonly string[]): Promise<PhonePki> {
  const key = [...names].sort().join(",");
  let pki = cache.get(key);
  if (!pki) {
    pki = createPki(names);
    cache.set(key, pki);
  }
  return pki;
}

async function createPki(names: readonly string[]): Promise<PhonePki> {
  const now = Date.now();
  const current = { notBefore: new Date(now - DAY_MS), notAfter: new Date(now + 90 * DAY_MS) };
  const root = await issue({ subject: "CN=sipwatch Phone Lab Root, O=sipwatch lab", ca: {}, ...current });
  const leaf = async (cn: string, dns: string[], window: { notBefore: Date; notAfter: Date }) => {
    const issued = await issue({ subject: `CN=${cn}, O=sipwatch lab`, issuer: root, dns, ...window });
    // Issued straight by the root: the phones need no intermediate, so only the leaf is served.
    return { chainPem: certificatePem(issued.cert), keyPem: await privateKeyPem(issued.keys) };
  };
  const first = names[0] ?? "phones.test";
  return {
    caPem: certificatePem(root.cert),
    certificates: {
      valid: await leaf(first, [...names], current),
      expired: await leaf(first, [...names], {
        notBefore: new Date(now - 60 * DAY_MS),
        notAfter: new Date(now - DAY_MS),
      }),
      "wrong-name": await leaf("other.example.net", ["other.example.net"], current),
    },
  };
}
