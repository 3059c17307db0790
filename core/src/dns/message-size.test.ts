import * as dnsPacket from "@leichtgewicht/dns-packet";
import { describe, expect, it } from "vitest";
import { naptrResponseBytes } from "./message-size";
import { encodeNaptrRdata } from "./naptr-rdata";
import type { NaptrRecord } from "./types";

const naptr = (order: number, replacement: string): NaptrRecord => ({
  type: "NAPTR",
  name: "example.com",
  ttl: 300,
  order,
  preference: 10,
  flags: "s",
  services: "SIPS+D2T",
  regexp: "",
  replacement,
});

describe("naptrResponseBytes", () => {
  it("is the uncompressed encoding less what pointers to the owner name save", () => {
    const records = [naptr(10, "_sips._tcp.example.com"), naptr(20, "_sip._tcp.example.com")];
    const uncompressed = dnsPacket.encode({
      type: "response",
      questions: [{ type: "NAPTR", name: "example.com" }],
      answers: records.map((r) => ({ type: "NAPTR", name: r.name, data: encodeNaptrRdata(r) }) as dnsPacket.Answer),
    }).length;
    // Each answer's owner "example.com" (13 bytes) becomes a 2-byte pointer to the question.
    expect(naptrResponseBytes("example.com", records)).toBe(uncompressed - 2 * 11);
  });

  it("puts 40 records well over a plain UDP message", () => {
    const forty = Array.from({ length: 40 }, (_, i) => naptr(i, `_n${i}._x.example.com`));
    expect(naptrResponseBytes("example.com", forty)).toBeGreaterThan(512);
  });
});
