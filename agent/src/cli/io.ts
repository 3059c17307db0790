/** What the CLI touches of the process, injectable so tests run it in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colour output: stdout is a terminal and NO_COLOR is unset. */
  color: boolean;
}

/** Exit codes are part of the interface: scripts and monitoring wrap `sipwatch check`. */
export const EXIT = { clean: 0, warnings: 1, critical: 2, usage: 3 } as const;

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  };
}
