import { readFileSync } from "node:fs";
import { planMonitorsFile } from "@sipwatch/core/contract";
import { type CliIo, EXIT } from "../cli/io";
import { monitorsApi } from "./api-client";
import { applyPlan } from "./apply-plan";
import { exportMonitorsFile } from "./export-file";
import { MAX_FILE_BYTES, parseMonitorsFile, renderMonitorsFile } from "./monitors-file-io";
import { renderPlan } from "./render-plan";

export interface MonitorsOptions {
  api?: string;
  token?: string;
  "dry-run"?: boolean;
  prune?: boolean;
  verbose?: boolean;
}

/** The API and its token: --api/--token, else SIPWATCH_API/SIPWATCH_TOKEN (keeps the token out of `ps`). */
function connection(options: MonitorsOptions, io: CliIo): { api: string; token: string } | null {
  const api = options.api ?? process.env.SIPWATCH_API;
  const token = options.token ?? process.env.SIPWATCH_TOKEN;
  if (!api || !/^https?:\/\//.test(api)) {
    io.stderr("sipwatch: --api <https://your-sipwatch> (or SIPWATCH_API) is needed\n");
    return null;
  }
  if (!token) {
    io.stderr("sipwatch: an API token is needed: SIPWATCH_TOKEN or --token (create one under Settings > API tokens)\n");
    return null;
  }
  return { api, token };
}

/** `sipwatch export`: the organisation's monitors and channels as a monitors file on stdout. */
export async function exportCommand(options: MonitorsOptions, io: CliIo): Promise<number> {
  const conn = connection(options, io);
  if (!conn) return EXIT.usage;
  try {
    const state = await monitorsApi(conn.api, conn.token).readState();
    const schemaUrl = `${conn.api.replace(/\/+$/, "")}/api/v1/monitors-file.schema.json`;
    io.stdout(renderMonitorsFile(exportMonitorsFile(state, Date.now()), schemaUrl));
    return EXIT.clean;
  } catch (error) {
    io.stderr(`sipwatch export: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
}

/** `sipwatch apply <file>`: shows the plan, then (without --dry-run) carries it out. */
export async function applyCommand(fileName: string, options: MonitorsOptions, io: CliIo): Promise<number> {
  let text: string;
  try {
    text = readFileSync(fileName, "utf8");
  } catch (error) {
    io.stderr(`sipwatch apply: ${fileName}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}\n`);
    return EXIT.usage;
  }
  if (text.length > MAX_FILE_BYTES) {
    io.stderr(`sipwatch apply: ${fileName}: larger than ${MAX_FILE_BYTES} bytes\n`);
    return EXIT.usage;
  }
  const parsed = parseMonitorsFile(text, fileName);
  if (!parsed.ok) {
    io.stderr(`${parsed.errors.join("\n")}\n`);
    return EXIT.usage;
  }
  const conn = connection(options, io);
  if (!conn) return EXIT.usage;
  const api = monitorsApi(conn.api, conn.token);
  try {
    const state = await api.readState();
    const plan = planMonitorsFile(parsed.file, state, {
      prune: options.prune ?? false,
      now: Date.now(),
      env: (name) => process.env[name],
    });
    if (!plan.ok) {
      io.stderr(`${plan.errors.map((e) => `${fileName}: ${e}`).join("\n")}\n`);
      return EXIT.usage;
    }
    io.stdout(renderPlan(plan.changes, options.verbose));
    if (options["dry-run"]) return EXIT.clean;
    const result = await applyPlan(api, plan.changes, (line) => io.stdout(`${line}\n`));
    if (result.error) {
      io.stderr(`sipwatch apply: stopped after ${result.done} change(s): ${result.error}\n`);
      return EXIT.usage;
    }
    io.stdout(`Applied ${result.done} change(s).\n`);
    return EXIT.clean;
  } catch (error) {
    io.stderr(`sipwatch apply: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
}
