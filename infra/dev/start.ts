/**
 * `npm start`: the whole service on this machine, with no internet. The lab (DNS in two views,
 * SIP/TLS servers for each demo case) on loopback; the Worker under `wrangler dev` on a local
 * D1 with the migrations applied; a cron ticker every minute; and a demo organisation whose
 * monitors watch the lab. Ports: SIPWATCH_PORT (8787), LAB_DNS_PORT (5300, and the next port for
 * the office view agents can use), LAB_DOH_PORT (8053 and the next port for the second view);
 * SIPWATCH_STATE_DIR (.sipwatch-lab) holds the local D1 and the mail the Worker sent
 * (`npm run mail -- <address>` prints it).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { startDemoLab } from "../lab/demo-lab";
import { keepSentMail, liveMailRoot } from "../lab/sent-mail";
import { startCronTicker } from "./cron-ticker";
import { DEMO_USER, seedDemo } from "./seed-demo";
import { startWranglerDev, wranglerBin } from "./wrangler-dev";

const repoRoot = resolve(import.meta.dirname, "../..");
// Lab files, the demo token and the local D1 live here; tests point it elsewhere.
const stateDir = resolve(process.env.SIPWATCH_STATE_DIR ?? join(repoRoot, ".sipwatch-lab"));
const persistTo = join(stateDir, "wrangler");
const port = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) {
    console.error(`${name}=${process.env[name]} is not a port number`);
    process.exit(2);
  }
  return value;
};
const workerPort = port("SIPWATCH_PORT", 8787);
const dohPort = port("LAB_DOH_PORT", 8053);
const verbose = process.env.SIPWATCH_VERBOSE === "1";

mkdirSync(stateDir, { recursive: true });
const labDnsPort = port("LAB_DNS_PORT", 5300);
const lab = await startDemoLab({
  dns: labDnsPort,
  doh: dohPort,
  otherViewDoh: dohPort + 1,
  officeDns: labDnsPort + 1,
}).catch((error: NodeJS.ErrnoException) => {
  const hint = error.code === "EADDRINUSE" ? " (is another lab running? set LAB_DNS_PORT / LAB_DOH_PORT)" : "";
  console.error(`the lab failed to start: ${error.message}${hint}`);
  process.exit(1);
});
const caFile = join(stateDir, "ca.pem");
writeFileSync(caFile, lab.caPems.join(""));

// wrangler reads variables from a dotenv file; escaped newlines keep the PEMs on one line.
const envFile = join(stateDir, "dev.env");
const vars = {
  SIPWATCH_LAB: "1",
  // weur walks over TCP, enam over DoH to the second view: both paths run, and the split demo splits.
  DNS_RESOLVERS: [`tcp://127.0.0.1:${lab.dnsPort}`, lab.dohUrls[1]].join(","),
  DEFAULT_REGIONS: "weur,enam",
  PUBLIC_URL: `http://127.0.0.1:${workerPort}`,
  LAB_CA_PEM: lab.caPems.join(""),
};
writeFileSync(
  envFile,
  Object.entries(vars)
    .map(([k, v]) => `${k}="${v.replaceAll("\n", "\\n")}"`)
    .join("\n"),
);

// The Worker serves the dashboard from web/dist ([assets] in wrangler.toml): build it first.
console.log("Building the dashboard (web/dist)...");
const build = spawnSync("npm", ["run", "build", "-w", "@sipwatch/web"], { cwd: repoRoot, encoding: "utf8" });
if (build.status !== 0) {
  console.error(`the dashboard failed to build:\n${build.stdout}\n${build.stderr}`);
  await lab.close();
  process.exit(1);
}

// The control database and every history shard (wrangler.toml's d1_databases) take the same
// migrations, as `wrangler d1 migrations apply` does for each in production (infra/DEPLOY.md).
const DATABASES = ["sipwatch", "sipwatch-history-1", "sipwatch-history-2"];
console.log(`Applying D1 migrations to the local databases (${DATABASES.join(", ")})...`);
for (const database of DATABASES) {
  const migrate = spawnSync(
    wranglerBin(repoRoot),
    ["d1", "migrations", "apply", database, "--local", "--persist-to", persistTo],
    {
      cwd: repoRoot,
      encoding: "utf8",
      env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
    },
  );
  if (migrate.status !== 0) {
    console.error(`migrations of ${database} failed:\n${migrate.stdout}\n${migrate.stderr}`);
    await lab.close();
    process.exit(1);
  }
}

// wrangler dev would wait on the port and, finding an old run's server there, report ready.
const free = await new Promise<boolean>((done) => {
  const probe = createServer()
    .once("error", () => done(false))
    .listen(workerPort, "127.0.0.1", () => probe.close(() => done(true)));
});
if (!free) {
  console.error(`port ${workerPort} is in use (is another sipwatch running? set SIPWATCH_PORT)`);
  await lab.close();
  process.exit(1);
}

console.log("Starting the Worker (wrangler dev)...");
mkdirSync(liveMailRoot(stateDir), { recursive: true });
const stopKeepingMail = keepSentMail(stateDir);
const worker = await startWranglerDev({
  repoRoot,
  port: workerPort,
  envFile,
  persistTo,
  tmpDir: liveMailRoot(stateDir),
  onLine: (line) => {
    if (verbose || /error|exception|uncaught/i.test(line)) console.log(`  [worker] ${line}`);
  },
}).catch(async (error: Error) => {
  console.error(error.message);
  await lab.close();
  process.exit(1);
});

const tokenFile = join(stateDir, "demo-token");
const demo = await seedDemo(worker.url, lab.cases, tokenFile, stateDir);
// New monitors get a first report straight away; the cron keeps them fresh every minute.
for (const monitor of demo.monitors.filter((m) => m.created)) {
  void fetch(`${worker.url}/api/v1/monitors/${monitor.id}/run`, {
    method: "POST",
    headers: { authorization: `Bearer ${demo.token}` },
  }).catch(() => undefined);
}
const stopTicker = startCronTicker(worker.url, (line) => console.log(line));

const width = Math.max(...lab.cases.map((c) => c.domain.length));
console.log(`
sipwatch is running at ${worker.url}  (dashboard; API: ${worker.url}/api/v1, OpenAPI: ${worker.url}/api/v1/openapi.json)
Lab DNS: udp+tcp 127.0.0.1:${lab.dnsPort}, DoH ${lab.dohUrls[0]} (second view ${lab.dohUrls[1]})
Office DNS for agents (split.sipwatch.test's UDP goes to an internal name): udp+tcp 127.0.0.1:${lab.officeDnsPort}
Demo sign-in: ${DEMO_USER.email} / ${DEMO_USER.password}; API token in ${tokenFile}
Mail the Worker sent (sign-up links, password resets, alerts): npm run mail -- <address>   (kept in ${join(stateDir, "mail")})
Public status page: ${worker.url}${demo.statusPages.page}  (JSON: ${worker.url}${demo.statusPages.page}.json, Atom: ${worker.url}${demo.statusPages.page}.atom)
Organisation's default status page: ${worker.url}${demo.statusPages.organisation}

Demo monitors (audited every minute from weur and enam):
${lab.cases.map((c) => `  ${c.domain.padEnd(width)}  ${c.description}${c.expect.length ? ` [${c.expect.join(", ")}]` : ""}`).join("\n")}

Try:
  TOKEN=$(cat ${tokenFile})
  curl -s -H "authorization: Bearer $TOKEN" ${worker.url}/api/v1/monitors
  curl -s -H "authorization: Bearer $TOKEN" ${worker.url}/api/v1/monitors/${demo.monitors[1]?.id ?? "<id>"}/report
  npx sipwatch check live.sipwatch.test --resolver 127.0.0.1:${lab.dnsPort} --lab --ca ${caFile}

Ctrl-C to stop.`);
console.log("READY");

let stopping = false;
const stop = async (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping`);
  stopTicker();
  await worker.stop();
  stopKeepingMail();
  await lab.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
