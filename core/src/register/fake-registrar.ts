import type { ProbeTarget } from "../probe/types";
import type { Transport } from "../sip/types";
import type { SipFlow, SipFlowOpener } from "./types";

/**
 * Test helpers: a registrar as a function from each request to what it sends back, behind a
 * fake flow. Unit tests script honest and hostile registrars with it; no socket involved.
 */
export interface SeenRequest {
  text: string;
  method: string;
  uri: string;
  header(name: string): string | undefined;
}

/** What the registrar does with one request: responses to send (text or raw bytes, with a delay). */
export type RegistrarScript = (request: SeenRequest, flow: FakeFlow) => void;

export const PASSWORD = "s3cret-Pa55word";
export const TARGET: ProbeTarget = {
  transport: "udp",
  host: "sip.example.com",
  address: "192.0.2.10",
  port: 5060,
  sipDomain: "example.com",
};

export class FakeFlow implements SipFlow {
  readonly local = { address: "192.0.2.50", port: 40_000 };
  readonly requests: SeenRequest[] = [];
  closed = false;
  private dataListener: (bytes: Uint8Array) => void = () => {};
  private closeListener: Parameters<SipFlow["onClose"]>[0] = () => {};

  constructor(
    readonly transport: Transport,
    private readonly script: RegistrarScript,
  ) {}

  send(message: string): void {
    const request = parseRequest(message);
    this.requests.push(request);
    this.script(request, this);
  }

  /** Sends bytes to the probe after `delayMs`. */
  deliver(bytes: string | Uint8Array, delayMs = 1): void {
    const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
    setTimeout(() => !this.closed && this.dataListener(data), delayMs);
  }

  /** The peer closes the connection. */
  hangUp(): void {
    setTimeout(() => this.closeListener({ outcome: "reset", error: "closed by peer" }), 1);
  }

  onData(listener: (bytes: Uint8Array) => void): void {
    this.dataListener = listener;
  }

  onClose(listener: Parameters<SipFlow["onClose"]>[0]): void {
    this.closeListener = listener;
  }

  close(): void {
    this.closed = true;
  }
}

export function fakeOpener(transport: Transport, script: RegistrarScript): SipFlowOpener & { flow?: FakeFlow } {
  const opener: SipFlowOpener & { flow?: FakeFlow } = {
    transports: [transport],
    async open() {
      opener.flow = new FakeFlow(transport, script);
      return { ok: true, flow: opener.flow };
    },
  };
  return opener;
}

/** A response to `request` copying Via, From, To, Call-ID and CSeq (RFC 3261 8.2.6.2). */
export function reply(request: SeenRequest, status: string, headers: string[] = []): string {
  const copied = ["via", "from", "call-id", "cseq"].map((name) => `${name}: ${request.header(name)}`);
  return [
    `SIP/2.0 ${status}`,
    ...copied,
    `To: ${request.header("to")};tag=reg1`,
    ...headers,
    "Content-Length: 0",
    "",
    "",
  ].join("\r\n");
}

/** The parameters of the request's Authorization (or Proxy-Authorization), unquoted. */
export function authorizationOf(request: SeenRequest, name = "authorization"): Record<string, string> | undefined {
  const value = request.header(name);
  if (!value) return undefined;
  const params: Record<string, string> = {};
  for (const match of value.matchAll(/([a-z-]+)=("(?:[^"\\]|\\.)*"|[^,\s]+)/gi)) {
    params[(match[1] ?? "").toLowerCase()] = (match[2] ?? "").replace(/^"|"$/g, "");
  }
  return params;
}

function parseRequest(text: string): SeenRequest {
  const [head = ""] = text.split("\r\n\r\n");
  const [start = "", ...lines] = head.split("\r\n");
  const [method = "", uri = ""] = start.split(" ");
  return {
    text,
    method,
    uri,
    header(name) {
      const line = lines.find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
      return line?.slice(line.indexOf(":") + 1).trim();
    },
  };
}
