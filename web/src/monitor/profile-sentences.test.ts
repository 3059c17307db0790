import { describe, expect, it } from "vitest";
import { profileSentences } from "./profile-sentences";

describe("profileSentences", () => {
  it("says in core's words what each modelled phone does", () => {
    const sentences = profileSentences([
      {
        vantage: "weur",
        profiles: [
          { profile: "rfc3263", final: "tls sip1.example.com:5061", delayed: false },
          { profile: "baresip", final: "udp sip1.example.com:5060", delayed: false },
          { profile: "avaya-1200", final: "udp sip1.example.com:5060", delayed: true, changedTransport: true },
          { profile: "linphone-tls", final: null, delayed: false },
        ],
      },
    ]);
    expect(sentences.map((s) => s.sentence)).toEqual([
      "RFC 3263 client registers over TLS to sip1.example.com:5061 from weur.",
      "baresip registers over UDP to sip1.example.com:5060 from weur.",
      "Avaya 1200 desk phone registers over UDP to sip1.example.com:5060 from weur, after giving up on its first transport.",
      "Linphone set to TLS cannot register from weur.",
    ]);
    expect(sentences.map((s) => s.tone)).toEqual(["ok", "ok", "warn", "bad"]);
    expect(sentences[1]?.behaviour).toMatch(/^baresip 1\.0 \(libre 1\.1\): asks NAPTR/);
  });

  it("keeps IPv6 targets whole", () => {
    const [s] = profileSentences([
      { vantage: "enam", profiles: [{ profile: "rfc3263", final: "tcp [2001:db8::1]:5060", delayed: false }] },
    ]);
    expect(s?.sentence).toBe("RFC 3263 client registers over TCP to [2001:db8::1]:5060 from enam.");
  });

  it("names a profile from old history rows by its id", () => {
    const [s] = profileSentences([
      {
        vantage: "weur",
        profiles: [{ profile: "srv-preferring", final: "tls sip1.example.com:5061", delayed: false }],
      },
    ]);
    expect(s?.sentence).toBe("srv-preferring registers over TLS to sip1.example.com:5061 from weur.");
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
      "RFC 3263 client registers over TLS to sip1.example.com:5061 from weur, enam and agent office.",
      "RFC 3263 client cannot register from apac.",
    ]);
  });
});
