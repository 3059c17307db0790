import { describe, expect, it } from "vitest";
import { type AddressScope, addressScope, isPubliclyRoutable } from "./address-scope";

describe("addressScope", () => {
  it.each<[string, AddressScope]>([
    ["8.8.8.8", "public"],
    ["2606:4700:4700::1111", "public"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.254", "private"],
    ["172.32.0.1", "public"],
    ["192.168.1.10", "private"],
    ["100.64.0.1", "cgnat"],
    ["100.127.255.254", "cgnat"],
    ["100.128.0.1", "public"],
    ["127.0.0.1", "loopback"],
    ["::1", "loopback"],
    ["169.254.10.1", "link-local"],
    ["fe80::1", "link-local"],
    ["fd12:3456::1", "unique-local"],
    ["fc00::1", "unique-local"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["240.0.0.1", "reserved"],
    ["198.18.0.1", "reserved"],
    ["192.0.2.10", "documentation"],
    ["198.51.100.7", "documentation"],
    ["203.0.113.200", "documentation"],
    ["2001:db8::10", "documentation"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:192.0.2.1", "documentation"],
    ["not-an-address", "reserved"],
  ])("%s is %s", (address, scope) => {
    expect(addressScope(address)).toBe(scope);
  });

  it.each([
    ["192.0.2.1", true],
    ["2001:db8::1", true],
    ["1.1.1.1", true],
    ["10.0.0.1", false],
    ["100.64.1.1", false],
    ["fd00::1", false],
  ])("%s publicly routable: %s", (address, expected) => {
    expect(isPubliclyRoutable(address)).toBe(expected);
  });
});
