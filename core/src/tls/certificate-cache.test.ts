import { describe, expect, it } from "vitest";
import { CertificateCache } from "./certificate-cache";
import { derOf, issue } from "./test-certificates";
import type { CertificateInfo } from "./types";

const bytes = (...values: number[]) => new Uint8Array(values);

/** A parser that counts calls and fails on DER starting with 0xff. */
function countingParser() {
  const calls: number[] = [];
  const parse = async (der: Uint8Array) => {
    calls.push(der[0] ?? 0);
    if (der[0] === 0xff) throw new Error("not a certificate");
    return { serialNumber: String(der[0]) } as CertificateInfo;
  };
  return { calls, parse };
}

describe("CertificateCache", () => {
  it.each([
    { name: "the same chain again is parsed once", ders: [[1], [2], [1], [2]], max: 10, calls: [1, 2] },
    {
      name: "the least recently used is evicted first",
      ders: [[1], [2], [1], [3], [1], [2]],
      max: 2,
      calls: [1, 2, 3, 2],
    },
    { name: "a failure is not cached", ders: [[0xff], [0xff]], max: 10, calls: [0xff, 0xff] },
  ])("$name", async ({ ders, max, calls }) => {
    const parser = countingParser();
    const cache = new CertificateCache(max, parser.parse);
    for (const der of ders) await cache.parse(bytes(...der)).catch(() => undefined);
    expect(parser.calls).toEqual(calls);
    expect(cache.size).toBeLessThanOrEqual(max);
  });

  it("gives what parseCertificate gives for a real certificate", async () => {
    const { cert } = await issue({});
    const cache = new CertificateCache();
    const first = await cache.parse(derOf(cert));
    expect(await cache.parse(derOf(cert))).toBe(first);
    expect(first.fingerprintSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
