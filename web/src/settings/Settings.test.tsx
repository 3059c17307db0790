import { render, screen } from "@testing-library/react";
import { expect, test } from "vitest";
import Settings from "../pages/Settings";

test.each(["nope", "constructor"])("an unknown section '%s' says so and lists the real ones", (section) => {
  render(<Settings section={section} />);
  expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(`No settings page “${section}”`);
  expect(screen.getByRole("link", { name: "Alert channels" }).getAttribute("href")).toBe("/settings/channels");
});
