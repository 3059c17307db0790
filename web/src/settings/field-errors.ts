import type { FieldError } from "../api/client";

export interface InputErrors {
  /** One message per form input, keyed by the API field name the input edits ("config.to"). */
  byInput: Record<string, string>;
  /** Errors no input on the form owns ("(body)", a field the form does not show): shown above the form. */
  other: FieldError[];
}

/**
 * Files the API's field errors under the form's inputs. Zod names array items by index
 * ("config.to.2"), so an error belongs to the longest input name that prefixes its path, and
 * the index is kept in the message ("entry 3: …") because the user typed a list.
 */
export function errorsByInput(errors: readonly FieldError[], inputs: readonly string[]): InputErrors {
  const messages = new Map<string, Set<string>>();
  const other: FieldError[] = [];
  const longestFirst = [...inputs].sort((a, b) => b.length - a.length);
  for (const error of errors) {
    const input = longestFirst.find((name) => error.field === name || error.field.startsWith(`${name}.`));
    if (!input) {
      other.push(error);
      continue;
    }
    const rest = error.field.slice(input.length + 1);
    const message = /^\d+$/.test(rest) ? `entry ${Number(rest) + 1}: ${error.message}` : error.message;
    messages.set(input, (messages.get(input) ?? new Set()).add(message));
  }
  const byInput = Object.fromEntries([...messages].map(([input, set]) => [input, [...set].join("; ")]));
  return { byInput, other };
}
