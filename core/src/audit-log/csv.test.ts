import { describe, expect, it } from "vitest";
import { AUDIT_CSV_HEADER, auditLogCsv, csvField } from "./csv";

describe("the audit log's CSV", () => {
  it("quotes commas, quotes and line breaks", () => {
    expect(csvField('Ann "A", Ops')).toBe('"Ann ""A"", Ops"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(null)).toBe("");
  });

  it("defuses values a spreadsheet would run as formulas", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
  });

  it("writes a header and one line per entry", () => {
    const csv = auditLogCsv([
      {
        at: "2026-12-06T10:00:00.000Z",
        actorKind: "member",
        actorId: "u1",
        actor: "Ann <ann@example.com>",
        action: "monitor.update",
        objectType: "monitor",
        objectId: "mon_1",
        summary: "fields: name, target",
      },
    ]);
    expect(csv.split("\r\n")).toEqual([
      AUDIT_CSV_HEADER,
      '2026-12-06T10:00:00.000Z,member,u1,Ann <ann@example.com>,monitor.update,monitor,mon_1,"fields: name, target"',
      "",
    ]);
  });
});
