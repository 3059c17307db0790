import { type PlannedChange, planCounts } from "@sipwatch/core/contract";

const show = (value: unknown) => (value === undefined ? "(unset)" : JSON.stringify(value));

/**
 * The plan as `apply` prints it before changing anything, one line per change and one per
 * changed field, Terraform's signs: + create, ~ update, - delete; unchanged ones are counted.
 */
export function renderPlan(changes: readonly PlannedChange[], verbose = false): string {
  const lines: string[] = [];
  for (const change of changes) {
    const label = `${change.what} "${change.name}"`;
    if (change.kind === "create") {
      lines.push(`  + ${label}`);
      if (change.what === "monitor" && change.maintenance.length > 0)
        lines.push(`      + ${change.maintenance.length} maintenance window(s)`);
    } else if (change.kind === "delete") {
      lines.push(`  - ${label}`);
    } else if (change.kind === "update") {
      lines.push(`  ~ ${label}`);
      for (const f of change.fields) lines.push(`      ${f.field}: ${show(f.from)} -> ${show(f.to)}`);
      if (change.what === "monitor") {
        for (const w of change.addWindows) lines.push(`      + maintenance ${w.startsAt} .. ${w.endsAt} "${w.reason}"`);
        for (const w of change.removeWindows)
          lines.push(`      - maintenance ${w.startsAt} .. ${w.endsAt} "${w.reason}"`);
      }
    } else if (verbose) {
      lines.push(`    ${label} (unchanged)`);
    }
  }
  const n = planCounts(changes);
  lines.push(`Plan: ${n.create} to create, ${n.update} to update, ${n.delete} to delete, ${n.unchanged} unchanged.`);
  return `${lines.join("\n")}\n`;
}
