import { describe, expect, test } from "vitest";
import { errorsByInput } from "./field-errors";

const INPUTS = ["name", "config.to", "config.url", "config.secret"];

describe("errorsByInput", () => {
  test.each([
    { field: "name", message: "Too small", input: "name", shown: "Too small" },
    { field: "config.url", message: "must be https", input: "config.url", shown: "must be https" },
    {
      field: "config.to.2",
      message: "Invalid email address",
      input: "config.to",
      shown: "entry 3: Invalid email address",
    },
    {
      field: "config.to",
      message: "Too small: expected array to have >=1 items",
      input: "config.to",
      shown: "Too small: expected array to have >=1 items",
    },
  ])("$field is shown next to $input", ({ field, message, input, shown }) => {
    const { byInput, other } = errorsByInput([{ field, message }], INPUTS);
    expect(byInput).toEqual({ [input]: shown });
    expect(other).toEqual([]);
  });

  test.each([
    { field: "(body)", message: "Invalid input" },
    { field: "config.type", message: "Invalid discriminator" },
    // A prefix of a name is not the field: "names" is not "name".
    { field: "names", message: "Unknown" },
  ])("$field has no input and is kept for the form", (error) => {
    expect(errorsByInput([error], INPUTS)).toEqual({ byInput: {}, other: [error] });
  });

  test("several errors on one input are joined, duplicates once", () => {
    const { byInput } = errorsByInput(
      [
        { field: "config.to.0", message: "Invalid email address" },
        { field: "config.to.1", message: "Invalid email address" },
        { field: "config.to.1", message: "Invalid email address" },
      ],
      INPUTS,
    );
    expect(byInput["config.to"]).toBe("entry 1: Invalid email address; entry 2: Invalid email address");
  });
});
