import { z } from "@hono/zod-openapi";

/**
 * Control characters (C0, DEL, C1) and the invisible bidirectional overrides that make text
 * display as something else (U+202A-202E, U+2066-2069, "Trojan Source"). Names and targets
 * reach email subjects, Slack messages and status pages; none of these belong in them.
 */
const UNPRINTABLE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

export const hasUnprintable = (text: string) => UNPRINTABLE.test(text);

const PRINTABLE_MESSAGE = "must not contain control characters or line breaks";

/** A name people type and read (monitor, channel, organisation, token, agent, account): one printable line. */
export const displayName = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => !hasUnprintable(text), PRINTABLE_MESSAGE);

/** The longest name an account may carry into its first organisation (better-auth's sign-up). */
export const ACCOUNT_NAME_MAX = 100;
