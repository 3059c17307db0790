import { describe, expect, it } from "vitest";
import openapi from "../api/openapi.json";
import { checkValues, errorFor, NEW_MONITOR, REGION_LABELS, requestBody } from "./monitor-form";

describe("the monitor form", () => {
  it("labels exactly the regions the API accepts", () => {
    const schema = openapi.components.schemas.CreateMonitor.properties.regions as { items: { enum: string[] } };
    expect(Object.keys(REGION_LABELS).sort()).toEqual([...schema.items.enum].sort());
  });

  it("asks for a name, a target, a transport, and a valid slug when public", () => {
    expect(checkValues(NEW_MONITOR).map((e) => e.field)).toEqual(["name", "target"]);
    const fields = checkValues({
      ...NEW_MONITOR,
      name: "PBX",
      target: "sips:x.test",
      expectedTransports: [],
      isPublic: true,
      slug: "No",
    });
    expect(fields.map((e) => e.field)).toEqual(["expectedTransports", "slug"]);
    expect(checkValues({ ...NEW_MONITOR, name: "PBX", target: "x.test", isPublic: true, slug: "acme-pbx" })).toEqual(
      [],
    );
  });

  it("leaves regions to the server's defaults when none is picked and trims text", () => {
    const body = requestBody({ ...NEW_MONITOR, name: " PBX ", target: " sips:x.test ", slug: "" });
    expect(body).not.toHaveProperty("regions");
    expect(body).toMatchObject({ name: "PBX", target: "sips:x.test", slug: null, thresholds: { slowMs: 1000 } });
    expect(requestBody({ ...NEW_MONITOR, regions: ["weur"] }).regions).toEqual(["weur"]);
  });

  it("finds the server's nested field errors by the input's name", () => {
    const errors = [
      { field: "thresholds.slowMs", message: "Number must be at least 50" },
      { field: "target", message: "not a SIP URI" },
    ];
    expect(errorFor(errors, "slowMs")).toBe("Number must be at least 50");
    expect(errorFor(errors, "target")).toBe("not a SIP URI");
    expect(errorFor(errors, "name")).toBeUndefined();
  });

  it("reads the response-handling lists and refuses what the API would", () => {
    const base = { ...NEW_MONITOR, name: "PBX", target: "x.test" };
    expect(requestBody({ ...base, optionsUp: "401, 407", registerMaintenance: "503" }).responseHandling).toEqual({
      options: { upStatuses: [401, 407], maintenanceStatuses: [] },
      register: { upStatuses: [], maintenanceStatuses: [503] },
    });
    expect(checkValues({ ...base, optionsUp: "200" }).map((e) => e.field)).toEqual(["optionsUp"]);
    expect(checkValues({ ...base, optionsUp: "503", optionsMaintenance: "503" }).map((e) => e.field)).toEqual([
      "optionsMaintenance",
    ]);
  });
});
