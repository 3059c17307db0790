import { describe, expect, it } from "vitest";
import type { SrvRecord } from "../dns/types";
import { isServiceRefused, srvTargetsByPriority } from "./srv-order";
import { srv } from "./test-records";

const owner = "_sip._udp.example.com";
const order = (records: SrvRecord[]) => srvTargetsByPriority(records).map((t) => [t.record.target, t.share]);

describe("srvTargetsByPriority (RFC 2782)", () => {
  it("tries lower priority first whatever the weights", () => {
    const records = [srv(owner, 20, 100, 5060, "backup.example.com"), srv(owner, 10, 1, 5060, "main.example.com")];
    expect(order(records as SrvRecord[])).toEqual([
      ["main.example.com", 1],
      ["backup.example.com", 1],
    ]);
  });

  it("orders one priority by weight share, ties by name", () => {
    const records = [
      srv(owner, 10, 20, 5060, "c.example.com"),
      srv(owner, 10, 60, 5060, "a.example.com"),
      srv(owner, 10, 20, 5060, "b.example.com"),
    ];
    expect(order(records as SrvRecord[])).toEqual([
      ["a.example.com", 0.6],
      ["b.example.com", 0.2],
      ["c.example.com", 0.2],
    ]);
  });

  it("gives weight-0 targets no share beside weighted ones", () => {
    const records = [srv(owner, 10, 0, 5060, "zero.example.com"), srv(owner, 10, 5, 5060, "w.example.com")];
    expect(order(records as SrvRecord[])).toEqual([
      ["w.example.com", 1],
      ["zero.example.com", 0],
    ]);
  });

  it("shares evenly when all weights are 0", () => {
    const records = [srv(owner, 10, 0, 5060, "b.example.com"), srv(owner, 10, 0, 5060, "a.example.com")];
    expect(order(records as SrvRecord[])).toEqual([
      ["a.example.com", 0.5],
      ["b.example.com", 0.5],
    ]);
  });

  it('recognises the "." target as service not offered', () => {
    expect(isServiceRefused([srv(owner, 0, 0, 0, ".") as SrvRecord])).toBe(true);
    expect(isServiceRefused([srv(owner, 0, 0, 5060, "sip.example.com") as SrvRecord])).toBe(false);
  });
});
