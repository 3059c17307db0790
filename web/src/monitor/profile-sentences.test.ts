import { describe, expect, it } from "vitest";
import { profileSentences } from "./profile-sentences";

describe("profileSentences", () => {
  it("says where each kind of phone ends up, in words", () => {
    const sentences = profileSentences([
      {
        vantage: "weur",
        profiles: [
          { profile: "rfc3263", final: "tls sip1.example.com:5061", delayed: false },
          { profile: "srv-preferring", final: "udp sip1.example.com:5060", delayed: false },
          { profile: "tcp-first-30s", final: "udp sip1.example.com:5060", delayed: true },
          { profile: "fixed-udp", final: null, delayed: false },
        ],
      },
    ]);
    expect(sentences.map((s) => s.sentence)).toEqual([
      "Phones that follow RFC 3263 use TLS to sip1.example.com:5061 from weur.",
      "Phones that skip NAPTR and ask SRV use UDP to sip1.example.com:5060 from weur.",
      "Desk phones set to TCP then UDP use UDP to sip1.example.com:5060 from weur, after waiting for earlier attempts to time out.",
      "Phones configured with the domain over UDP reach nothing from weur.",
    ]);
    // A client that was not configured for plaintext but ends on UDP has silently fallen back.
    expect(sentences.map((s) => s.tone)).toEqual(["ok", "warn", "warn", "bad"]);
    expect(sentences[0]?.behaviour).toMatch(/follows NAPTR, then SRV/);
  });

  it("keeps IPv6 targets whole", () => {
    const [s] = profileSentences([
      { vantage: "enam", profiles: [{ profile: "rfc3263", final: "tcp [2001:db8::1]:5060", delayed: false }] },
    ]);
    expect(s?.sentence).toBe("Phones that follow RFC 3263 use TCP to [2001:db8::1]:5060 from enam.");
  });

  it("shares a sentence between vantages that agree, and splits where they differ", () => {
    const tls = { profile: "rfc3263" as const, final: "tls sip1.example.com:5061", delayed: false };
    const sentences = profileSentences([
      { vantage: "weur", profiles: [tls] },
      { vantage: "enam", profiles: [tls] },
      { vantage: "agent office", profiles: [tls] },
      { vantage: "apac", profiles: [{ ...tls, final: null }] },
    ]);
    expect(sentences.map((s) => s.sentence)).toEqual([
      "Phones that follow RFC 3263 use TLS to sip1.example.com:5061 from weur, enam and agent office.",
      "Phones that follow RFC 3263 reach nothing from apac.",
    ]);
  });
});
