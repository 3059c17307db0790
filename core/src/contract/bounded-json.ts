import { z } from "zod";

/** How big a JSON tree an agent may hand over for sipwatch to store and show as is. */
export interface JsonBounds {
  /** Objects and arrays nested inside each other, the root being depth 1. */
  maxDepth: number;
  maxKeys: number;
  maxKeyLength: number;
  maxStringLength: number;
  maxArrayLength: number;
  /** Every value in the tree, containers included. */
  maxNodes: number;
}

/**
 * The first way `value` exceeds `bounds`, or null. Iterative, so a tree nested 10,000 deep is
 * refused at maxDepth + 1 instead of overflowing the stack here or in the report page later.
 */
export function jsonBoundsProblem(value: unknown, bounds: JsonBounds): string | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value: node, depth } = stack.pop() as { value: unknown; depth: number };
    if (++nodes > bounds.maxNodes) return `holds more than ${bounds.maxNodes} values`;
    if (typeof node === "string") {
      if (node.length > bounds.maxStringLength)
        return `holds a string longer than ${bounds.maxStringLength} characters`;
      continue;
    }
    if (node === null || typeof node !== "object") continue;
    if (depth > bounds.maxDepth) return `is nested deeper than ${bounds.maxDepth} levels`;
    if (Array.isArray(node)) {
      if (node.length > bounds.maxArrayLength) return `holds an array longer than ${bounds.maxArrayLength} items`;
      for (const item of node) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    const entries = Object.entries(node);
    if (entries.length > bounds.maxKeys) return `holds an object with more than ${bounds.maxKeys} keys`;
    for (const [key, item] of entries) {
      if (key.length > bounds.maxKeyLength) return `holds a key longer than ${bounds.maxKeyLength} characters`;
      stack.push({ value: item, depth: depth + 1 });
    }
  }
  return null;
}

/** A JSON object within `bounds`, refused with the first excess named. */
export const boundedJsonObject = (bounds: JsonBounds) =>
  z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    const problem = jsonBoundsProblem(value, bounds);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
