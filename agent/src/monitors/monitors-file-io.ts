import { type MonitorsFile, MonitorsFileSchema } from "@sipwatch/core/contract";
import { isMap, isSeq, LineCounter, type Node, parseDocument, stringify } from "yaml";

export type ParsedFile = { ok: true; file: MonitorsFile } | { ok: false; errors: string[] };

/** Largest file apply reads: 10,000 monitors fit in a few MB. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** "monitors[3].intervalMinutes" from a zod path. */
const fieldName = (path: ReadonlyArray<PropertyKey>) =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("") || "(file)";

/**
 * The monitors file, checked against core's schema. Every error names the file, the line and
 * column of the value at fault (or of the nearest enclosing one that exists), and the field:
 * "monitors.yaml:12:22: monitors[3].intervalMinutes: Invalid input: expected one of 1|5|…".
 * JSON is YAML, so a .json file reads the same way.
 */
export function parseMonitorsFile(text: string, fileName: string): ParsedFile {
  if (text.length > MAX_FILE_BYTES) return { ok: false, errors: [`${fileName}: larger than ${MAX_FILE_BYTES} bytes`] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${fileName}:${line}:${col}`;
  };
  if (doc.errors.length > 0)
    return { ok: false, errors: doc.errors.map((e) => `${at(e.pos[0])}: ${e.message.split("\n")[0]}`) };
  const result = MonitorsFileSchema.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (result.success) return { ok: true, file: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => {
      const { node, path } = nearestNode(doc.contents, issue.path);
      // An unknown key is reported on its object; point at the key itself.
      const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
      const keyNode = isMap(node)
        ? node.items.find((pair) => keys.includes(String((pair.key as Node | null)?.toJSON?.() ?? pair.key)))?.key
        : undefined;
      const offset = (keyNode as Node | undefined)?.range?.[0] ?? node?.range?.[0] ?? 0;
      const field = fieldName(keys.length > 0 ? [...path, keys[0] as string] : issue.path);
      return `${at(offset)}: ${field}: ${issue.message}`;
    }),
  };
}

/** The deepest node along `path` that the document has (a missing field is reported at its parent). */
function nearestNode(root: unknown, path: ReadonlyArray<PropertyKey>): { node: Node | null; path: PropertyKey[] } {
  let node = root as Node | null;
  const walked: PropertyKey[] = [];
  for (const key of path) {
    let next: unknown;
    if (isMap(node)) next = node.get(key as string, true);
    else if (isSeq(node) && typeof key === "number") next = node.get(key, true);
    if (next === undefined || next === null || typeof next !== "object") break;
    node = next as Node;
    walked.push(key);
  }
  return { node, path: walked };
}

/** The file as `export` writes it: a schema comment for editors, then the YAML. */
export function renderMonitorsFile(file: MonitorsFile, schemaUrl: string): string {
  const header = [
    `# yaml-language-server: $schema=${schemaUrl}`,
    "# sipwatch monitors: `sipwatch apply <this file>` makes the server match it (see `sipwatch help`).",
    "# Monitors and channels are matched by name. Secrets are $" + "{ENV_VAR} references, read at apply time.",
    "",
  ].join("\n");
  return header + stringify(file, { lineWidth: 0, aliasDuplicateObjects: false });
}
