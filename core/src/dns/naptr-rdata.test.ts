import { describe, expect, it } from "vitest";
import { decodeNaptrRdata, encodeNaptrRdata } from "./naptr-rdata";

describe("NAPTR RDATA codec (RFC 3403 4.1)", () => {
  const record = {
    order: 10,
    preference: 50,
    flags: "s",
    services: "SIPS+D2T",
    regexp: "",
    replacement: "_sips._tcp.example.com",
  };

  it("round-trips a SIP NAPTR", () => {
    expect(decodeNaptrRdata(encodeNaptrRdata(record))).toEqual(record);
  });

  it("keeps a regexp and the root replacement", () => {
    const withRegexp = { ...record, flags: "u", regexp: "!^.*$!sip:info@example.com!", replacement: "." };
    expect(decodeNaptrRdata(encodeNaptrRdata(withRegexp))).toEqual(withRegexp);
  });

  it.each([
    ["too short", new Uint8Array([0, 1, 0])],
    ["a string running past the end", new Uint8Array([0, 1, 0, 1, 200, 65])],
    ["trailing bytes", new Uint8Array([...encodeNaptrRdata(record), 1, 2, 3])],
    ["a compression pointer in the replacement", new Uint8Array([0, 1, 0, 1, 0, 0, 0, 0xc0, 0x00])],
  ])("rejects %s", (_label, bytes) => {
    expect(() => decodeNaptrRdata(bytes)).toThrow();
  });
});
