/** ANSI styling, on only for a terminal and never when NO_COLOR is set (no-color.org). */
export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

const style = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export function makePaint(enabled: boolean): Paint {
  if (!enabled) {
    const plain = (text: string) => text;
    return { bold: plain, dim: plain, red: plain, yellow: plain, green: plain, cyan: plain };
  }
  return {
    bold: style(1, 22),
    dim: style(2, 22),
    red: style(31, 39),
    yellow: style(33, 39),
    green: style(32, 39),
    cyan: style(36, 39),
  };
}

/** Pads to a width measured without ANSI sequences. */
export function pad(text: string, width: number): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI colour codes
  const visible = text.replace(/\u001b\[\d+m/g, "").length;
  return text + " ".repeat(Math.max(0, width - visible));
}
