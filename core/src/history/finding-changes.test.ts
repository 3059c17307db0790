import { describe, expect, it } from "vitest";
import type { Finding, Severity } from "../findings/types";
import { findingChanges } from "./finding-changes";

const finding = (id: string, subject: string, severity: Severity = "warning") =>
  ({ id, subject, severity, title: "", detail: "", fix: "", evidence: {} }) as Finding;
const open = (findingId: string, subject: string, severity: Severity = "warning") => ({
  findingId,
  subject,
  severity,
  row: 1,
});
const keys = (c: ReturnType<typeof findingChanges>) => ({
  opened: c.opened.map((f) => `${f.id} ${f.subject}`),
  resolved: c.resolved.map((o) => `${o.findingId} ${o.subject}`),
  severityChanged: c.severityChanged.map(
    ({ open, finding }) => `${open.findingId} ${open.severity}->${finding.severity}`,
  ),
});

describe("findingChanges", () => {
  it.each([
    {
      name: "first run opens everything",
      open: [],
      now: [finding("a", "x")],
      expected: { opened: ["a x"], resolved: [], severityChanged: [] },
    },
    {
      name: "still open: nothing to write",
      open: [open("a", "x")],
      now: [finding("a", "x")],
      expected: { opened: [], resolved: [], severityChanged: [] },
    },
    {
      name: "gone: resolved",
      open: [open("a", "x")],
      now: [],
      expected: { opened: [], resolved: ["a x"], severityChanged: [] },
    },
    {
      name: "same id, other subject: one resolves, one opens",
      open: [open("a", "x")],
      now: [finding("a", "y")],
      expected: { opened: ["a y"], resolved: ["a x"], severityChanged: [] },
    },
    {
      name: "severity rose",
      open: [open("a", "x", "warning")],
      now: [finding("a", "x", "critical")],
      expected: { opened: [], resolved: [], severityChanged: ["a warning->critical"] },
    },
  ])("$name", ({ open, now, expected }) => {
    expect(keys(findingChanges(open, now))).toEqual(expected);
  });
});
