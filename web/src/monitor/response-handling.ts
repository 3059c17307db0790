import type { FieldError, Schemas } from "../api/client";

/** The four status lists of a monitor's response handling, as the form edits them ("401, 407"). */
export interface HandlingText {
  optionsUp: string;
  optionsMaintenance: string;
  registerUp: string;
  registerMaintenance: string;
}

export const NO_HANDLING: HandlingText = {
  optionsUp: "",
  optionsMaintenance: "",
  registerUp: "",
  registerMaintenance: "",
};

export const HANDLING_FIELDS: ReadonlyArray<{ key: keyof HandlingText; label: string; help: string }> = [
  {
    key: "optionsUp",
    label: "OPTIONS answers that count as up",
    help: "E.g. 401, 407 for a server that challenges every request, OPTIONS included.",
  },
  { key: "optionsMaintenance", label: "OPTIONS answers that mean maintenance", help: "E.g. 503 during planned work." },
  {
    key: "registerUp",
    label: "REGISTER answers that count as up",
    help: "Rarely needed: a registrar that refuses the test account on purpose.",
  },
  { key: "registerMaintenance", label: "REGISTER answers that mean maintenance", help: "E.g. 503." },
];

const join = (statuses: readonly number[]) => statuses.join(", ");

export function handlingTextOf(handling: Schemas["ResponseHandling"]): HandlingText {
  return {
    optionsUp: join(handling.options.upStatuses),
    optionsMaintenance: join(handling.options.maintenanceStatuses),
    registerUp: join(handling.register.upStatuses),
    registerMaintenance: join(handling.register.maintenanceStatuses),
  };
}

/** "401, 407" -> [401, 407]; what is not a final SIP status from 300 to 699 is an error for the field. */
function statusesOf(text: string): number[] | string {
  const parts = text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const statuses = parts.map(Number);
  if (statuses.some((n) => !Number.isInteger(n) || n < 300 || n > 699))
    return "List SIP statuses from 300 to 699, separated by commas";
  if (new Set(statuses).size !== statuses.length) return "Lists a status twice";
  return statuses;
}

/** The API's body for the four lists, or the browser-side errors by field. */
export function handlingBody(text: HandlingText): { body: Schemas["ResponseHandling"] } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const read = (key: keyof HandlingText) => {
    const parsed = statusesOf(text[key]);
    if (typeof parsed === "string") {
      errors.push({ field: key, message: parsed });
      return [];
    }
    return parsed;
  };
  const body = {
    options: { upStatuses: read("optionsUp"), maintenanceStatuses: read("optionsMaintenance") },
    register: { upStatuses: read("registerUp"), maintenanceStatuses: read("registerMaintenance") },
  };
  for (const [method, key] of [
    ["options", "optionsMaintenance"],
    ["register", "registerMaintenance"],
  ] as const) {
    const both = body[method].upStatuses.filter((s) => body[method].maintenanceStatuses.includes(s));
    if (both.length > 0) errors.push({ field: key, message: `${join(both)} cannot be both up and maintenance` });
  }
  return errors.length > 0 ? { errors } : { body };
}
