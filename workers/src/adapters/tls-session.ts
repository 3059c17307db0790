import { makeTLSClient, setCryptoImplementation } from "@reclaimprotocol/tls";
import { webcryptoCrypto } from "@reclaimprotocol/tls/webcrypto";
import {
  concatBytes,
  elapsedMs,
  looksLikeTlsRecord,
  type ProbeDeadline,
  type ProbeTarget,
  printableBytes,
  type TlsHandshakeDone,
  type TlsHandshakeFailed,
  untilDeadline,
} from "@sipwatch/core";
import { type ByteChannel, ChannelInbox } from "./byte-channel";
import { errorMessage } from "./socket-errors";
import { openTcp } from "./tcp-connect";

// WebCrypto does the heavy work (ECDHE, signatures, AES-GCM), natively in workerd.
setCryptoImplementation(webcryptoCrypto);

/** Raw bytes accepted before a handshake completes: a real chain is a few KiB. */
export const MAX_HANDSHAKE_BYTES = 256 * 1024;

const VERSION_NAMES: Record<string, string> = { TLS1_3: "TLSv1.3", TLS1_2: "TLSv1.2" };

export type TlsSession =
  | (Omit<TlsHandshakeDone, "outcome"> & {
      ok: true;
      /** The plaintext side; the caller closes it. */
      channel: ByteChannel;
    })
  | (TlsHandshakeFailed & { ok: false });

/**
 * A TLS 1.2/1.3 client handshake in TypeScript (@reclaimprotocol/tls) over a plain socket.
 * `connect()` with `secureTransport: "on"` would verify against public roots, fail on a bad
 * certificate and show nothing of it; here certificate checks are off during the handshake
 * and the chain is judged afterwards, from data. SNI is the target's host name (RFC 6066 3).
 */
export async function openTls(
  target: ProbeTarget,
  deadline: ProbeDeadline,
  maxHandshakeBytes = MAX_HANDSHAKE_BYTES,
): Promise<TlsSession> {
  const connection = await openTcp(target, deadline);
  if (!connection.ok) return { ok: false, outcome: connection.outcome, error: connection.error };
  const { channel: raw, connectMs } = connection;
  const started = performance.now();
  // Counted for every failure: none at all means silence or a close, not a TLS refusal.
  let received = 0;
  return untilDeadline<TlsSession>(
    deadline,
    (reason) => ({
      ok: false,
      outcome: "timeout",
      connectMs,
      serverBytes: received,
      error: `TLS handshake: ${reason}`,
    }),
    ({ finish, defer }) => {
      let handshakeDone = false;
      let chain: Uint8Array[] = [];
      const plaintext = new ChannelInbox();
      const failed = (error: string, extra: { outcome?: "not-tls"; firstBytes?: string } = {}) =>
        finish({
          ok: false,
          outcome: extra.outcome ?? "handshake-failed",
          connectMs,
          serverBytes: received,
          error,
          ...extra,
        });
      defer(() => {
        if (!handshakeDone) raw.close();
      });

      const client = makeTLSClient({
        host: target.host,
        verifyServerCertificate: false,
        logger: silentLogger,
        write: ({ header, content }) => raw.write(concatBytes([header, content])),
        onRecvCertificates: ({ certificates }) => {
          chain = certificates.map((cert) => new Uint8Array((cert.internal as { rawData: ArrayBuffer }).rawData));
        },
        onHandshake: () => {
          handshakeDone = true;
          const meta = client.getMetadata();
          finish({
            ok: true,
            connectMs,
            handshakeMs: elapsedMs(started),
            version: VERSION_NAMES[meta.version ?? ""] ?? meta.version ?? "unknown",
            cipher: meta.cipherSuite ?? "unknown",
            ...(meta.selectedAlpn ? { alpn: meta.selectedAlpn } : {}),
            chain,
            channel: {
              write: (bytes) => client.write(bytes),
              listen: (onData, onEnd) => plaintext.listen(onData, onEnd),
              isOpen: () => !plaintext.ended && !client.hasEnded() && raw.isOpen(),
              close: () => {
                plaintext.finish();
                raw.close();
              },
            },
          });
        },
        onApplicationData: (bytes) => plaintext.deliver(bytes),
        onTlsEnd: (error) => {
          if (!handshakeDone) failed(`TLS handshake: ${error ? errorMessage(error) : "the session ended"}`);
          else plaintext.finish(error);
        },
      });

      raw.listen(
        async (chunk) => {
          if (!handshakeDone) {
            if (received === 0 && !looksLikeTlsRecord(chunk)) {
              received = chunk.length;
              return failed("the server answered the ClientHello with something that is not a TLS record", {
                outcome: "not-tls",
                firstBytes: printableBytes(chunk),
              });
            }
            received += chunk.length;
            if (received > maxHandshakeBytes)
              return failed(`more than ${maxHandshakeBytes} bytes from the server without completing the handshake`);
          }
          try {
            await client.handleReceivedBytes(chunk);
          } catch (error) {
            if (!handshakeDone) failed(`TLS handshake: ${errorMessage(error)}`);
            else plaintext.finish(error);
          }
        },
        (error) => {
          if (handshakeDone) return plaintext.finish(error);
          failed(
            error
              ? `TLS handshake: ${errorMessage(error)}`
              : "the server closed the connection during the TLS handshake",
          );
        },
      );
      client.startHandshake().catch((error: unknown) => failed(`TLS handshake: ${errorMessage(error)}`));
    },
  );
}

const quiet = () => {};
/** The library logs every record at debug level; probes report outcomes instead. */
const silentLogger = { trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet };
