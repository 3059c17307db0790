import { describe, expect, it } from "vitest";
import { a, cname, naptr, srv } from "../sip/test-records";
import { formatRecord } from "./record-text";

describe("formatRecord", () => {
  it.each([
    [a("sip1.example.com", "192.0.2.1"), "sip1.example.com A 192.0.2.1"],
    [cname("sip.example.com", "edge.provider.net"), "sip.example.com CNAME edge.provider.net"],
    [
      srv("_sips._tcp.example.com", 10, 60, 5061, "sip1.example.com"),
      "_sips._tcp.example.com SRV 10 60 5061 sip1.example.com",
    ],
    [
      naptr("example.com", 10, 50, "SIPS+D2T", "_sips._tcp.example.com"),
      'example.com NAPTR 10 50 "s" "SIPS+D2T" "" _sips._tcp.example.com',
    ],
    [
      naptr("example.com", 10, 50, "SIP+D2U", ".", "u", '!^.*$!sip:"x"@example.com!'),
      'example.com NAPTR 10 50 "u" "SIP+D2U" "!^.*$!sip:\\"x\\"@example.com!" .',
    ],
  ])("%# %s", (record, text) => {
    expect(formatRecord(record)).toBe(text);
  });
});
