import { describe, expect, it } from "vitest";
import { MonitorsFileSchema, monitorsFileJsonSchema } from "./monitors-file";

describe("the monitors file schema", () => {
  // Editors read the committed copy (and the API serves the same document). Refresh it with
  // `npx vitest run --project core core/src/contract/monitors-file.test.ts --update`.
  it("matches the committed JSON Schema", async () => {
    await expect(`${JSON.stringify(monitorsFileJsonSchema(), null, 2)}\n`).toMatchFileSnapshot(
      "../../schemas/monitors-file.schema.json",
    );
  });

  it("names the field of each problem", () => {
    const result = MonitorsFileSchema.safeParse({
      version: 1,
      monitors: [
        { name: "a", target: "example.com", intervalMinutes: 7 },
        { name: "a", target: "example.com", regions: ["mars"], colour: "red" },
      ],
    });
    expect(result.success).toBe(false);
    const paths = (result.error?.issues ?? []).map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["monitors.0.intervalMinutes", "monitors.1.regions.0", "monitors.1"]));
  });

  it("refuses two monitors of one name, since apply matches by name", () => {
    const result = MonitorsFileSchema.safeParse({
      version: 1,
      monitors: [
        { name: "a", target: "example.com" },
        { name: "a", target: "example.org" },
      ],
    });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["monitors.1.name", 'monitor "a" is also item 0'],
    ]);
  });

  it("offers the catalogue's choices to editors", () => {
    const text = JSON.stringify(monitorsFileJsonSchema());
    for (const choice of ['"weur"', '"wss"', "[1,5,10,15,30,60]"]) expect(text).toContain(choice);
  });
});
