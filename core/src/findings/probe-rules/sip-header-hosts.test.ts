import { describe, expect, it } from "vitest";
import { headerUris, isIpLiteral } from "./sip-header-hosts";

describe("headerUris", () => {
  it.each([
    ["<sip:10.0.0.5:5060;lr>", ["10.0.0.5"]],
    ['"Reception" <sip:200@192.168.1.20:5062;transport=tcp>;expires=3600', ["192.168.1.20"]],
    ["<sips:[fd00::5]:5061;transport=tls;lr>", ["fd00::5"]],
    ["<sip:proxy.example.com;lr;r2=on>, <sip:10.1.2.3;lr;r2=on>", ["proxy.example.com", "10.1.2.3"]],
    ["sip:bob@Example.COM", ["example.com"]],
    ["*", []],
  ])("%s", (value, hosts) => {
    expect(headerUris(value).map((u) => u.host)).toEqual(hosts);
  });
});

describe("isIpLiteral", () => {
  it.each([
    ["10.0.0.5", true],
    ["[2001:db8::1]", true],
    ["fd00::5", true],
    ["proxy.example.com", false],
    ["10.1", false],
    ["0x7f000001", false],
  ])("%s -> %s", (host, expected) => {
    expect(isIpLiteral(host)).toBe(expected);
  });
});
