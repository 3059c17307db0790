import { expect, test } from "vitest";
import { agentCommands } from "./agent-commands";

test("every way to start the agent carries the server and the token", () => {
  const commands = agentCommands("https://sipwatch.example.com", "swa_secret123");
  expect(commands.npx).toBe("npx sipwatch agent --server https://sipwatch.example.com --token swa_secret123");
  expect(commands.docker).toContain("--network host");
  expect(commands.docker).toContain("-e SIPWATCH_SERVER=https://sipwatch.example.com");
  expect(commands.docker).toContain("-e SIPWATCH_AGENT_TOKEN=swa_secret123");
  expect(commands.systemdEnv).toBe(
    "SIPWATCH_SERVER=https://sipwatch.example.com\nSIPWATCH_AGENT_TOKEN=swa_secret123\n",
  );
});
