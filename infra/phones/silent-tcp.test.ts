import net from "node:net";
import { expect, it } from "vitest";
import { addressBlock } from "./address-block";
import { startSilentTcp } from "./silent-tcp";

it("makes connect() time out: the SYN is dropped, neither accepted nor refused", async () => {
  // Block 14's last host address: the interop phone runs use blocks from 1 up.
  const address = addressBlock(14).host(11);
  const silent = await startSilentTcp(address, 5061);
  try {
    const outcome = await new Promise<string>((resolve) => {
      const socket = net.connect({ host: address, port: 5061 });
      socket.setTimeout(1500, () => {
        socket.destroy();
        resolve("timeout");
      });
      socket.once("connect", () => {
        socket.destroy();
        resolve("connected");
      });
      socket.once("error", (error) => resolve((error as NodeJS.ErrnoException).code ?? "error"));
    });
    expect(outcome).toBe("timeout");
  } finally {
    await silent.close();
  }
});
