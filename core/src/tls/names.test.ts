import { describe, expect, it } from "vitest";
import { certificateNames, matchCertificateName } from "./names";
import type { CertificateInfo } from "./types";

function cert(sans: Partial<CertificateInfo["subjectAltNames"]>, commonName?: string): CertificateInfo {
  return {
    subject: commonName ? `CN=${commonName}` : "O=Example",
    ...(commonName ? { commonName } : {}),
    issuer: "CN=Example CA",
    subjectAltNames: { dns: [], ip: [], uri: [], ...sans },
    notBefore: "2025-01-01T00:00:00.000Z",
    notAfter: "2026-01-01T00:00:00.000Z",
    serialNumber: "01",
    keyType: "ec",
    keyBits: 256,
    curve: "P-256",
    signatureAlgorithm: "ecdsa-with-SHA256",
    selfSigned: false,
    isCa: false,
    fingerprintSha256: "00",
  };
}

describe("certificateNames", () => {
  it.each([
    {
      name: "dNSNames",
      cert: cert({ dns: ["sip.example.com", "*.example.com"] }),
      expected: ["sip.example.com", "*.example.com"],
    },
    {
      name: "sip: URIs first, then dNSNames; sips:, user parts and other schemes are not SIP domain identities",
      cert: cert({
        uri: [
          "sip:Example.com",
          "sips:other.example",
          "sip:alice@example.com",
          "https://example.com",
          "sip:[2001:db8::1]:5061",
        ],
        dns: ["sip1.example.com"],
      }),
      expected: ["example.com", "2001:db8::1", "sip1.example.com"],
    },
    {
      name: "CN only without SAN names (RFC 5922 7.1 step 2)",
      cert: cert({}, "Legacy.Example.com."),
      expected: ["legacy.example.com"],
    },
    {
      name: "CN ignored when a dNSName exists",
      cert: cert({ dns: ["sip.example.com"] }, "other.example.com"),
      expected: ["sip.example.com"],
    },
    { name: "a CN that is not a DNS name", cert: cert({}, "Example Root CA"), expected: [] },
    {
      name: "only IP SANs: the CN still counts",
      cert: cert({ ip: ["192.0.2.1"] }, "sip.example.com"),
      expected: ["sip.example.com"],
    },
  ])("$name", ({ cert: c, expected }) => {
    expect(certificateNames(c).map((n) => n.name)).toEqual(expected);
  });
});

describe("matchCertificateName", () => {
  const wildcard = cert({ dns: ["*.example.com"] });
  it.each([
    {
      name: "exact dNSName",
      cert: cert({ dns: ["sip.example.com"] }),
      host: "sip.example.com",
      expected: { match: "exact", via: "sip.example.com" },
    },
    {
      name: "case and trailing dot ignored",
      cert: cert({ dns: ["SIP.Example.COM."] }),
      host: "sip.example.com.",
      expected: { match: "exact", via: "SIP.Example.COM." },
    },
    {
      name: "sip: URI names the domain",
      cert: cert({ uri: ["sip:example.com"] }),
      host: "example.com",
      expected: { match: "exact", via: "sip:example.com" },
    },
    {
      name: "sip: URI with a port and parameters",
      cert: cert({ uri: ["sip:example.com:5061;transport=tls"] }),
      host: "example.com",
      expected: { match: "exact", via: "sip:example.com:5061;transport=tls" },
    },
    {
      name: "sip: URI with a user part does not",
      cert: cert({ uri: ["sip:bob@example.com"] }),
      host: "example.com",
      expected: { match: "none" },
    },
    {
      name: "wildcard covers one label",
      cert: wildcard,
      host: "sip1.example.com",
      expected: { match: "wildcard", via: "*.example.com" },
    },
    { name: "wildcard does not cover the apex", cert: wildcard, host: "example.com", expected: { match: "none" } },
    {
      name: "wildcard does not cover two labels",
      cert: wildcard,
      host: "a.sip.example.com",
      expected: { match: "none" },
    },
    {
      name: "wildcard on a top-level domain covers nothing",
      cert: cert({ dns: ["*.com"] }),
      host: "example.com",
      expected: { match: "none" },
    },
    {
      name: "partial-label wildcard is not honoured",
      cert: cert({ dns: ["sip*.example.com"] }),
      host: "sip1.example.com",
      expected: { match: "none" },
    },
    {
      name: "exact wins over wildcard",
      cert: cert({ dns: ["*.example.com", "sip1.example.com"] }),
      host: "sip1.example.com",
      expected: { match: "exact", via: "sip1.example.com" },
    },
    {
      name: "legacy CN",
      cert: cert({}, "sip.example.com"),
      host: "sip.example.com",
      expected: { match: "exact", via: "CN=sip.example.com" },
    },
    {
      name: "CN ignored beside SAN names",
      cert: cert({ dns: ["other.example.com"] }, "sip.example.com"),
      host: "sip.example.com",
      expected: { match: "none" },
    },
    {
      name: "suffix is not a match",
      cert: cert({ dns: ["example.com"] }),
      host: "notexample.com",
      expected: { match: "none" },
    },
    {
      name: "IPv4 literal against iPAddress SAN",
      cert: cert({ ip: ["192.0.2.10"] }),
      host: "192.0.2.10",
      expected: { match: "exact", via: "192.0.2.10" },
    },
    {
      name: "IPv6 literal in another spelling",
      cert: cert({ ip: ["2001:db8::10"] }),
      host: "[2001:DB8:0::10]",
      expected: { match: "exact", via: "2001:db8::10" },
    },
    {
      name: "IP literal is never matched by a dNSName",
      cert: cert({ dns: ["192.0.2.10"] }),
      host: "192.0.2.10",
      expected: { match: "none" },
    },
  ])("$name", ({ cert: c, host, expected }) => {
    expect(matchCertificateName(c, host)).toEqual(expected);
  });
});
