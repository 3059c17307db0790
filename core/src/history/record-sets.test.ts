import { describe, expect, it } from "vitest";
import { a, healthyZone, healthyZoneWith, resolveZone, srv } from "../findings/rules/test-zone";
import { diffRecordSets, recordSetsHash, recordSetsOf } from "./record-sets";

describe("recordSetsOf and recordSetsHash", () => {
  it("gives sorted sets without TTLs: a TTL counting down keeps the hash", async () => {
    const before = recordSetsOf(await resolveZone("example.com", healthyZone()));
    const later = healthyZone().map((r) => ({ ...r, ttl: r.ttl - 17 }));
    const after = recordSetsOf(await resolveZone("example.com", later));
    expect(after).toEqual(before);
    expect(await recordSetsHash(after)).toBe(await recordSetsHash(before));
    expect(before.find((s) => s.name === "_sips._tcp.example.com")).toEqual({
      name: "_sips._tcp.example.com",
      type: "SRV",
      data: ["10 50 5061 sip1.example.com", "10 50 5061 sip2.example.com"],
      status: "answer",
    });
    expect(before.map((s) => `${s.name} ${s.type}`)).toEqual([...before.map((s) => `${s.name} ${s.type}`)].sort());
  });

  it.each([
    {
      name: "an address changes",
      zone: healthyZoneWith(
        [a("sip1.example.com", "192.0.2.99")],
        (r) => r.name === "sip1.example.com" && r.type === "A",
      ),
    },
    {
      name: "an SRV target is added",
      zone: healthyZoneWith([srv("_sip._tcp.example.com", 20, 0, 5060, "sip1.example.com")]),
    },
  ])("changes the hash when $name", async ({ zone }) => {
    const before = recordSetsOf(await resolveZone("example.com", healthyZone()));
    const after = recordSetsOf(await resolveZone("example.com", zone));
    expect(await recordSetsHash(after)).not.toBe(await recordSetsHash(before));
  });
});

describe("diffRecordSets", () => {
  const set = (name: string, data: string[], status = "answer") => ({ name, type: "A", data, status });
  it.each([
    {
      name: "nothing",
      before: [set("a", ["1"])],
      after: [set("a", ["1"])],
      expected: { added: 0, removed: 0, changed: [] },
    },
    { name: "a new question", before: [], after: [set("a", ["1"])], expected: { added: 1, removed: 0, changed: [] } },
    { name: "a question gone", before: [set("a", ["1"])], after: [], expected: { added: 0, removed: 1, changed: [] } },
    {
      name: "an answer moved",
      before: [set("a", ["1", "2"])],
      after: [set("a", ["2", "3"])],
      expected: { added: 0, removed: 0, changed: [{ added: ["3"], removed: ["1"] }] },
    },
    {
      name: "a name vanished",
      before: [set("a", ["1"])],
      after: [set("a", [], "nxdomain")],
      expected: { added: 0, removed: 0, changed: [{ added: [], removed: ["1"] }] },
    },
  ])("$name", ({ before, after, expected }) => {
    const diff = diffRecordSets(before, after);
    expect({
      added: diff.added.length,
      removed: diff.removed.length,
      changed: diff.changed.map(({ added, removed }) => ({ added, removed })),
    }).toEqual(expected);
  });
});
