import { describe, expect, it } from "vitest";
import { dailyBars } from "./daily-bars";
import { publicPhoneWords } from "./phone-words";

describe("publicPhoneWords", () => {
  it.each([
    {
      runs: [[{ profile: "linphone-tls", final: "tls sip1.example.com:5061", delayed: false }]],
      words: [{ tone: "ok", sentence: "Linphone set to TLS registers over TLS." }],
    },
    {
      runs: [
        [{ profile: "fixed-udp", final: null, delayed: false }],
        [{ profile: "fixed-udp", final: null, delayed: false }],
      ],
      words: [{ tone: "bad", sentence: "Fixed UDP phone cannot register." }],
    },
    {
      runs: [
        [{ profile: "snom", final: "udp 10.0.0.5:5060", delayed: true }],
        [{ profile: "snom", final: "tcp 10.0.0.5:5060", delayed: false }],
      ],
      words: [{ tone: "warn", sentence: expect.stringMatching(/registers over UDP or TCP, after waiting/) }],
    },
    {
      runs: [[{ profile: "retired-profile", final: null, delayed: false }]],
      words: [],
    },
  ])("$words.0.sentence", ({ runs, words }) => {
    const out = publicPhoneWords(runs);
    expect(out).toEqual(words);
    // Hosts, addresses and ports never reach a public sentence.
    expect(JSON.stringify(out)).not.toMatch(/example\.com|10\.0\.0\.5|5061|5060/);
  });
});

describe("dailyBars", () => {
  const now = Date.parse("2026-12-06T12:00:00Z");
  it("one bar per day, null without runs, and the window's availability", () => {
    const { bars, availability } = dailyBars(
      [
        { bucketStart: Date.parse("2026-12-06T00:00:00Z"), runs: 4, successes: 3 },
        { bucketStart: Date.parse("2026-12-06T05:00:00Z"), runs: 4, successes: 4 },
        { bucketStart: Date.parse("2026-08-01T00:00:00Z"), runs: 10, successes: 0 },
      ],
      now,
    );
    expect(bars).toHaveLength(90);
    expect(bars[0]?.day).toBe("2026-09-08");
    expect(bars.at(-1)).toEqual({ day: "2026-12-06", availability: 7 / 8 });
    expect(bars.at(-2)).toEqual({ day: "2026-12-05", availability: null });
    expect(availability).toBe(7 / 8);
  });
});
