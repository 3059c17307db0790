import { processIo } from "./io";
import { runCli } from "./main";

// Bundled to dist/sipwatch.mjs; bin/sipwatch.mjs loads it.
process.exitCode = await runCli(process.argv.slice(2), processIo());
