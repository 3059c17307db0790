import { describe, expect, it } from "vitest";
import { digestAuthorization, parseDigestChallenges, preferredChallenge } from "./digest";

const responseOf = (authorization: string) => /response="([0-9a-f]+)"/.exec(authorization)?.[1];

describe("digest authentication", () => {
  it("answers RFC 2617's MD5 example (qop=auth)", async () => {
    const [challenge] = parseDigestChallenges([
      'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    ]).digest;
    if (!challenge) throw new Error("no challenge parsed");
    const authorization = await digestAuthorization({
      challenge,
      method: "GET",
      uri: "/dir/index.html",
      username: "Mufasa",
      password: "Circle Of Life",
      nc: 1,
      cnonce: "0a4f113b",
    });
    expect(responseOf(authorization)).toBe("6629fae49393a05397450978507c4ef1");
    expect(authorization).toContain('opaque="5ccc069c403ebaf9f0171e9517f40e41"');
    expect(authorization).toContain("qop=auth, nc=00000001");
  });

  it.each([
    ["MD5", "8ca523f5e9506fed4657c9700eebdbec"],
    ["SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"],
  ])("answers RFC 7616 3.9.1's %s example", async (algorithm, expected) => {
    const [challenge] = parseDigestChallenges([
      `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=${algorithm}, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`,
    ]).digest;
    if (!challenge) throw new Error("no challenge parsed");
    const authorization = await digestAuthorization({
      challenge,
      method: "GET",
      uri: "/dir/index.html",
      username: "Mufasa",
      password: "Circle of Life",
      nc: 1,
      cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
    });
    expect(responseOf(authorization)).toBe(expected);
  });

  it("falls back to RFC 2069 when the challenge has no qop, and never sends the password", async () => {
    const [challenge] = parseDigestChallenges(['Digest realm="r", nonce="n"']).digest;
    if (!challenge) throw new Error("no challenge parsed");
    expect(challenge.algorithm).toBe("MD5");
    const authorization = await digestAuthorization({
      challenge,
      method: "REGISTER",
      uri: "sip:example.com",
      username: 'al"ice',
      password: "hunter2",
      nc: 1,
      cnonce: "c",
    });
    expect(authorization).not.toMatch(/qop|cnonce|hunter2/);
    expect(authorization).toContain('username="al\\"ice"');
  });

  it("prefers the strongest algorithm offered (RFC 8760 2.4) and reports what it cannot answer", () => {
    const { digest, unsupported } = parseDigestChallenges([
      'Digest realm="r", nonce="1", algorithm=MD5, qop="auth"',
      'Digest realm="r", nonce="2", algorithm=SHA-256, qop="auth"',
      'Digest realm="r", nonce="3", algorithm=AKAv1-MD5',
      'Basic realm="r"',
    ]);
    expect(preferredChallenge(digest)?.algorithm).toBe("SHA-256");
    expect(unsupported).toEqual(["Digest AKAv1-MD5", "Basic"]);
  });

  it("reads stale=true and a quoted-pair in the realm", () => {
    const [challenge] = parseDigestChallenges(['Digest realm="a \\"b\\"", nonce="n", stale=TRUE']).digest;
    expect(challenge).toMatchObject({ realm: 'a "b"', stale: true, qop: [] });
  });
});
