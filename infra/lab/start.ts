/**
 * `npm start` (for now): the lab DNS on fixed loopback ports, so a newcomer can point the CLI,
 * dig or a browser-side DoH client at it and see every finding without internet access.
 * LAB_DNS_PORT (UDP and TCP, default 5300) and LAB_DOH_PORT (default 8053) override the ports.
 */
import { startLabDns } from "./dns-server";
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

const lab = await startLabDns({ zones: labZones, udpPort: dnsPort, tcpPort: dnsPort, httpPort: dohPort }).catch(
  (error: NodeJS.ErrnoException) => {
    const hint = error.code === "EADDRINUSE" ? " (is another lab running? set LAB_DNS_PORT / LAB_DOH_PORT)" : "";
    console.error(`lab DNS failed to start: ${error.message}${hint}`);
    process.exit(1);
  },
);

const resolver = `${lab.host}:${lab.udpPort}`;
const width = Math.max(...labZones.map((zone) => zone.origin.length));
console.log(`sipwatch lab DNS: udp+tcp ${resolver}, DoH ${lab.dohUrl}\n`);
console.log("Zones:");
for (const zone of labZones) {
  const expected = zone.expect.length > 0 ? ` [${zone.expect.join(", ")}]` : "";
  console.log(`  ${zone.origin.padEnd(width)}  ${zone.description}${expected}`);
}
console.log(`
Try:
  npx sipwatch check healthy.sipwatch.test --resolver ${resolver}
  npx sipwatch check dangling.sipwatch.test --resolver ${lab.dohUrl}
  dig @${lab.host} -p ${lab.udpPort} +norec healthy.sipwatch.test NAPTR

Ctrl-C to stop.`);

let stopping = false;
const stop = async (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping after ${lab.queries} queries`);
  await lab.close();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
