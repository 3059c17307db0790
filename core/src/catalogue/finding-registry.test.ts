import { describe, expect, it } from "vitest";
import { FINDING_REGISTRY } from "./finding-registry";

// Vite (and so Vitest) reads files at build time through import.meta.glob; core stays free of node:*.
declare global {
  interface ImportMeta {
    glob(
      pattern: string | string[],
      options: { query: "?raw"; import: "default"; eager: true },
    ): Record<string, string>;
  }
}

/** Every non-test source file of core, keyed "findings/rules/naptr-dangling.ts". */
const sources = Object.fromEntries(
  Object.entries(
    import.meta.glob(["../**/*.ts", "!../**/*.test.ts"], { query: "?raw", import: "default", eager: true }),
  ).map(([path, text]) => [path.replace(/^\.\.\//, ""), text]),
);

const ID_LITERAL = /\bid: "([a-z0-9-]+(?:\.[a-z0-9-]+)+)"/g;
const SEVERITY_LITERAL = /"(critical|warning|info)"/g;

/** The finding ids each file emits (`id: "…"` in an object it returns). */
const emitted = Object.entries(sources).flatMap(([file, text]) =>
  [...text.matchAll(ID_LITERAL)].map((m) => ({ file, id: m[1] ?? "" })),
);

describe("the finding registry", () => {
  it("has a rule file that emits every id it lists", () => {
    const problems = Object.entries(FINDING_REGISTRY).flatMap(([id, entry]) =>
      entry.rules.flatMap((rule) =>
        sources[rule] === undefined
          ? [`${id}: no file ${rule}`]
          : emitted.some((e) => e.file === rule && e.id === id)
            ? []
            : [`${id}: ${rule} never emits it`],
      ),
    );
    expect(problems).toEqual([]);
  });

  it("lists every id a rule emits, under that rule", () => {
    const registry: Record<string, { rules: readonly string[] }> = FINDING_REGISTRY;
    const problems = emitted.flatMap(({ file, id }) => {
      const entry = registry[id];
      if (!entry) return [`${file} emits ${id}, which the registry does not list`];
      return entry.rules.includes(file)
        ? []
        : [`${file} emits ${id}, but the registry names ${entry.rules.join(", ")}`];
    });
    expect(emitted.length).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });

  it("gives each rule file the severities its findings are written with", () => {
    const problems = Object.entries(FINDING_REGISTRY).flatMap(([id, entry]) =>
      entry.rules.flatMap((rule) => {
        const text = sources[rule] ?? "";
        // Severities a file names for its own findings must all be registered for some id it emits.
        const allowed = new Set(
          emitted
            .filter((e) => e.file === rule)
            .flatMap((e) => FINDING_REGISTRY[e.id as keyof typeof FINDING_REGISTRY]?.severities ?? []),
        );
        const written = [...text.matchAll(SEVERITY_LITERAL)].map((m) => m[1] ?? "");
        return written.filter((s) => !allowed.has(s as "info")).map((s) => `${rule} (${id}) writes severity ${s}`);
      }),
    );
    expect(problems).toEqual([]);
  });

  it("has a title and a docs line for every id, and a severity range in rank order", () => {
    const rank = { info: 0, warning: 1, critical: 2 };
    for (const [id, entry] of Object.entries(FINDING_REGISTRY)) {
      expect(entry.title.length, id).toBeGreaterThan(5);
      expect(entry.docs.length, id).toBeGreaterThan(20);
      expect(entry.severities.length, id).toBeGreaterThan(0);
      expect(
        [...entry.severities].sort((a, b) => rank[a] - rank[b]),
        id,
      ).toEqual([...entry.severities]);
    }
  });
});
