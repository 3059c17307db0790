import { describe, expect, it } from "vitest";
import { facts } from "../test-evidence";
import { resolverError } from "./resolver-error";
import { healthyZone, resolveZone, summary } from "./test-zone";

const D = "example.com";

describe("dns.resolver.error", () => {
  it.each([
    { name: "healthy zone", timeout: [], expected: [] },
    {
      name: "a target host times out",
      timeout: [`sip2.${D}`],
      expected: [{ id: "dns.resolver.error", severity: "warning", subject: `sip2.${D}` }],
    },
    {
      name: "the NAPTR owner times out",
      timeout: [D],
      expected: [{ id: "dns.resolver.error", severity: "warning", subject: D }],
    },
  ])("$name", async ({ timeout, expected }) => {
    expect(summary(resolverError(await resolveZone(D, healthyZone(), { timeout })))).toEqual(expected);
  });

  it("gives the question and the error", async () => {
    const [result] = resolverError(await resolveZone(D, healthyZone(), { timeout: [`sip2.${D}`] }));
    expect(facts(result)?.question).toEqual([
      { name: `sip2.${D}`, type: "A", status: "error", error: "timeout: no answer from memory", server: "memory" },
      { name: `sip2.${D}`, type: "AAAA", status: "error", error: "timeout: no answer from memory", server: "memory" },
    ]);
  });
});
