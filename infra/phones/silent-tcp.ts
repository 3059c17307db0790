import { type ChildProcess, spawn } from "node:child_process";

/**
 * A TCP port that drops SYNs, made in userland: a listening socket with a backlog of 0 whose one
 * accept-queue slot is filled by a connection of its own and never accepted. Linux drops a SYN
 * while the accept queue is full (tcp_conn_request: sk_acceptq_is_full), so a client's connect()
 * sees nothing at all, as behind a firewall that drops. Node accepts every connection by itself,
 * so the socket lives in a small Perl process (perl-base is essential in Debian).
 */
const SCRIPT = `
use Socket;
my ($addr, $port) = @ARGV;
socket(my $l, PF_INET, SOCK_STREAM, 0) or die "socket: $!";
setsockopt($l, SOL_SOCKET, SO_REUSEADDR, 1);
bind($l, sockaddr_in($port, inet_aton($addr))) or die "bind $addr:$port: $!";
listen($l, 0) or die "listen: $!";
socket(my $fill, PF_INET, SOCK_STREAM, 0) or die "socket: $!";
connect($fill, sockaddr_in($port, inet_aton($addr))) or die "fill: $!";
$| = 1;
print "ready\\n";
while (<STDIN>) {}
`;

export interface SilentTcp {
  address: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on address:port and never completes a handshake; close() ends the Perl process. */
export async function startSilentTcp(address: string, port: number): Promise<SilentTcp> {
  // stdin stays open: when this process dies, Perl reads EOF and exits, so none is left behind.
  const child: ChildProcess = spawn("perl", ["-e", SCRIPT, address, String(port)], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  await new Promise<void>((resolve, reject) => {
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`silent tcp ${address}:${port}: not ready in 5 s`));
    }, 5000);
    child.stderr?.on("data", (d) => {
      stderr += d;
    });
    child.stdout?.once("data", () => {
      clearTimeout(timer);
      resolve();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`silent tcp ${address}:${port}: perl exited ${code}: ${stderr.trim()}`));
    });
  });
  return {
    address,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}
