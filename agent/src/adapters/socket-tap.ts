import type net from "node:net";
import { Duplex } from "node:stream";

/** What the tap decides for each chunk the peer sends: hand it on, or stop reading. */
export type TapVerdict = "pass" | "stop";

/**
 * A Duplex over a connected socket for `tls.connect({ socket })`: the prober sees every raw
 * byte before OpenSSL does, so it can recognise a plaintext answer on a TLS port, keep the first
 * bytes for the report, and cut off a peer that streams more than a handshake could need.
 * (Handing the net.Socket itself to TLS would bypass JavaScript and hide all of that.)
 */
export class SocketTap extends Duplex {
  constructor(
    private readonly socket: net.Socket,
    inspect: (chunk: Buffer) => TapVerdict,
  ) {
    super();
    socket.on("data", (chunk: Buffer) => {
      if (inspect(chunk) === "stop") {
        socket.pause();
        return;
      }
      if (!this.push(chunk)) socket.pause();
    });
    socket.on("end", () => this.push(null));
    // The prober listens on the raw socket for errors; the TLS layer only needs to stop.
    socket.on("error", () => this.destroy());
    socket.on("close", () => this.destroy());
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.socket.destroyed) {
      callback();
      return;
    }
    this.socket.write(chunk, (error) => callback(error));
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end(() => callback());
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }
}
