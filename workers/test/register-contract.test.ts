import { describeRegisterOpenerContract } from "@sipwatch/core/register/opener-contract";
import { WorkersSipFlowOpener } from "../src/adapters/sip-flow-opener";
import { lab } from "./fixtures";

// The edge's REGISTER flows (TCP, TLS, secure WebSocket over cloudflare:sockets) inside workerd,
// against the lab's honest and hostile registrars: the same contract the agent's flows pass
// (agent/test/register-contract.test.ts).
describeRegisterOpenerContract("edge", new WorkersSipFlowOpener(), () => ({
  host: "127.0.0.1",
  account: lab().registrars.account,
  registrars: lab().registrars.ports,
}));
