import { describeRegisterOpenerContract, type RegistrarLab } from "@sipwatch/core/register/opener-contract";
import { HOSTILE_REGISTRAR_MODES, LAB_REGISTRAR_ACCOUNT, startHostileRegistrar } from "@sipwatch/infra/lab";
import { afterAll, beforeAll } from "vitest";
import { NodeSipFlowOpener } from "../src/adapters/sip-flow-opener";
import { pki } from "./probe-fixtures";

// The agent's REGISTER flows (UDP, TCP, TLS) against the lab's honest and hostile registrars,
// through the same contract the edge's flows pass (workers/test/register-contract.test.ts).
let lab: RegistrarLab | undefined;
const servers: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  const cert = (await pki()).certificates.valid;
  const certificate = { cert: cert.chainPem, key: cert.keyPem };
  const registrars = {} as RegistrarLab["registrars"];
  for (const mode of ["honest", ...HOSTILE_REGISTRAR_MODES] as const) {
    const registrar = await startHostileRegistrar(mode, certificate);
    servers.push(registrar);
    registrars[mode] = registrar.ports;
  }
  lab = { host: "127.0.0.1", account: LAB_REGISTRAR_ACCOUNT, registrars };
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describeRegisterOpenerContract("agent", new NodeSipFlowOpener(), () => {
  if (!lab) throw new Error("the lab registrars did not start");
  return lab;
});
