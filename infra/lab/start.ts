/**
 * `npm start` (for now): the lab DNS on fixed loopback ports, so a newcomer can point the CLI,
 * dig or a browser-side DoH client at it and see every finding without internet access.
 * LAB_DNS_PORT (UDP and TCP, default 5300) and LAB_DOH_PORT (default 8053) override the ports.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startLabDns } from "./dns-server";
import { startLiveService } from "./live-zones";
import { labZones } from "./zones";

function portFromEnv(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`${variable}=${raw} is not a port number (0-65535)`);
    process.exit(2);
  }
  return port;
}

const dnsPort = portFromEnv("LAB_DNS_PORT", 5300);
const dohPort = portFromEnv("LAB_DOH_PORT", 8053);

// Zones whose targets answer: SIP over UDP, TCP and TLS on loopback, to see probes and certificates.
const live = await Promise.all([
  startLiveService(
    "live.sipwatch.test",
    "valid",
    "SIP servers on loopback answering UDP, TCP and TLS (probe me with --lab)",
  ),
  startLiveService(
    "expired.sipwatch.test",
    "expired",
    "TLS listener with an expired certificate: phones fall back to TCP",
  ),
  startLiveService("wrongname.sipwatch.test", "wrong-name", "TLS certificate for another name"),
]);
// Each live zone has its own test CA; one file trusts them all (`--ca`).
// npm runs workspace scripts in infra/; INIT_CWD is where the user typed `npm start`.
const labDir = join(process.env.INIT_CWD ?? process.cwd(), ".sipwatch-lab");
mkdirSync(labDir, { recursive: true });
const caFile = join(labDir, "ca.pem");
writeFileSync(caFile, live.map((service) => service.caPem).join(""));
const zones = [...labZones, ...live.map((service) => service.zone)];

const lab = await startLabDns({ zones, udpPort: dnsPort, tcpPort: dnsPort, httpPort: dohPort }).catch(
  (error: NodeJS.ErrnoException) => {
    const hint = error.code === "EADDRINUSE" ? " (is another lab running? set LAB_DNS_PORT / LAB_DOH_PORT)" : "";
    console.error(`lab DNS failed to start: ${error.message}${hint}`);
    process.exit(1);
  },
);

const resolver = `${lab.host}:${lab.udpPort}`;
const width = Math.max(...zones.map((zone) => zone.origin.length));
console.log(`sipwatch lab DNS: udp+tcp ${resolver}, DoH ${lab.dohUrl}\n`);
console.log("Zones:");
for (const zone of zones) {
  const expected = zone.expect.length > 0 ? ` [${zone.expect.join(", ")}]` : "";
  console.log(`  ${zone.origin.padEnd(width)}  ${zone.description}${expected}`);
}
console.log(`
Try:
  npx sipwatch check healthy.sipwatch.test --resolver ${resolver} --no-probe
  npx sipwatch check dangling.sipwatch.test --resolver ${lab.dohUrl} --no-probe
  npx sipwatch check live.sipwatch.test --resolver ${resolver} --lab --ca ${caFile}
  npx sipwatch check expired.sipwatch.test --resolver ${resolver} --lab --ca ${caFile}
  dig @${lab.host} -p ${lab.udpPort} +norec healthy.sipwatch.test NAPTR

Ctrl-C to stop.`);

let stopping = false;
const stop = async (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping after ${lab.queries} queries`);
  await Promise.all([lab.close(), ...live.map((service) => service.close())]);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
