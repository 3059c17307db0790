import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { Link, useLocation } from "wouter";
import { ApiError, type FieldError } from "../api/client";
import { useMonitor, useRunNow, useSaveMonitor } from "../api/queries";
import { IfCan, RoleGate } from "../app/caller-role";
import { FirstReport } from "../monitor/FirstReport";
import {
  checkValues,
  errorFor,
  type FormValues,
  INTERVAL_CHOICES,
  NEW_MONITOR,
  NUMBER_FIELDS,
  REGION_LABELS,
  requestBody,
  TRANSPORT_CHOICES,
  valuesOf,
} from "../monitor/monitor-form";
import { HANDLING_FIELDS } from "../monitor/response-handling";
import { TestAccount } from "../monitor/TestAccount";
import { ErrorState, Loading } from "../ui/states";

export default function MonitorForm({ id }: { id?: string }) {
  const existing = useMonitor(id ?? "");
  if (id && existing.isPending) return <Loading what="the monitor" />;
  if (id && existing.isError) return <ErrorState error={existing.error} retry={() => existing.refetch()} />;
  return (
    <RoleGate
      operation={id ? "PATCH /api/v1/monitors/{id}" : "POST /api/v1/monitors"}
      doing={id ? "edit monitors" : "add monitors"}
    >
      <Editor id={id} initial={id && existing.data ? valuesOf(existing.data) : NEW_MONITOR} />
      {/* The account belongs to a saved monitor: a new one is offered it once saved. */}
      {id ? (
        <IfCan operation="PUT /api/v1/monitors/{id}/credentials">
          <TestAccount monitorId={id} />
        </IfCan>
      ) : null}
    </RoleGate>
  );
}

function Field({
  id,
  label,
  help,
  error,
  children,
}: {
  id: string;
  label: string;
  help?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {help ? (
        <div className="field-help" id={`${id}-help`}>
          {help}
        </div>
      ) : null}
      {error ? (
        <div className="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

function Editor({ id, initial }: { id?: string | undefined; initial: FormValues }) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [savedId, setSavedId] = useState<string | null>(null);
  const save = useSaveMonitor(id);
  const [, navigate] = useLocation();
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const toggle = (key: "expectedTransports" | "regions", item: string) =>
    setValues((v) => ({
      ...v,
      [key]: v[key].includes(item) ? v[key].filter((x) => x !== item) : [...v[key], item],
    }));
  const invalid = (field: string) => ({
    "aria-invalid": errorFor(errors, field) ? true : undefined,
    "aria-describedby": errorFor(errors, field) ? `${field}-error` : undefined,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local = checkValues(values);
    setErrors(local);
    if (local.length > 0) return;
    save.mutate(requestBody(values), {
      onSuccess: (monitor) => (id ? navigate(`/monitors/${monitor.id}`) : setSavedId(monitor.id)),
      onError: (error) => setErrors(error instanceof ApiError ? error.fieldErrors : []),
    });
  };

  if (savedId) {
    return (
      <>
        <h1>{values.name} is being watched</h1>
        <p className="muted">sipwatch is auditing it now from every region; the report appears below as it arrives.</p>
        <CheckNow id={savedId} />
        <IfCan operation="PUT /api/v1/monitors/{id}/credentials">
          <TestAccount monitorId={savedId} />
        </IfCan>
        <p className="row">
          <Link href={`/monitors/${savedId}`} className="button primary">
            Open the monitor
          </Link>
          <Link href="/" className="button">
            Back to the overview
          </Link>
        </p>
      </>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="card" style={{ maxWidth: 760 }}>
      <h1>{id ? `Edit ${initial.name}` : "Add a monitor"}</h1>
      <Field id="name" label="Name" error={errorFor(errors, "name")}>
        <input id="name" value={values.name} onChange={(e) => set("name", e.target.value)} {...invalid("name")} />
      </Field>
      <Field
        id="target"
        label="SIP domain or URI"
        help={
          <>
            A domain (<code>example.com</code>) or URI (<code>sips:example.com</code>,{" "}
            <code>sip:pbx.example.com;transport=tcp</code>). sipwatch resolves it the way phones do.
          </>
        }
        error={errorFor(errors, "target")}
      >
        <input
          id="target"
          className="mono"
          value={values.target}
          onChange={(e) => set("target", e.target.value)}
          spellCheck={false}
          autoCapitalize="off"
          {...invalid("target")}
        />
      </Field>
      <fieldset aria-describedby="expectedTransports-help">
        <legend>Transports phones should be able to use</legend>
        <div className="checks">
          {TRANSPORT_CHOICES.map((t) => (
            <label key={t}>
              <input
                type="checkbox"
                checked={values.expectedTransports.includes(t)}
                onChange={() => toggle("expectedTransports", t)}
              />
              {t.toUpperCase()}
            </label>
          ))}
        </div>
        <div className="field-help" id="expectedTransports-help">
          A transport you expect but DNS does not offer, or that does not answer, becomes a finding.
        </div>
        {errorFor(errors, "expectedTransports") ? (
          <div className="field-error">{errorFor(errors, "expectedTransports")}</div>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>Regions to audit from</legend>
        <div className="checks">
          {Object.entries(REGION_LABELS).map(([region, label]) => (
            <label key={region}>
              <input
                type="checkbox"
                checked={values.regions.includes(region)}
                onChange={() => toggle("regions", region)}
              />
              {label}
            </label>
          ))}
        </div>
        <div className="field-help">None picked: your deployment's default regions.</div>
        {errorFor(errors, "regions") ? <div className="field-error">{errorFor(errors, "regions")}</div> : null}
      </fieldset>
      <Field id="interval" label="Audit every" error={errorFor(errors, "intervalMinutes")}>
        <select
          id="interval"
          value={values.intervalMinutes}
          onChange={(e) => set("intervalMinutes", Number(e.target.value))}
        >
          {INTERVAL_CHOICES.map((n) => (
            <option key={n} value={n}>
              {n === 60 ? "hour" : `${n} minute${n > 1 ? "s" : ""}`}
            </option>
          ))}
        </select>
      </Field>
      <fieldset>
        <legend>Alerting</legend>
        <div className="grid-2" style={{ gap: "0 1rem" }}>
          {NUMBER_FIELDS.map((f) => (
            <Field key={f.key} id={f.key} label={f.label} help={f.help} error={errorFor(errors, f.key)}>
              <input
                id={f.key}
                type="number"
                min={f.min}
                max={f.max}
                value={values[f.key]}
                onChange={(e) => set(f.key, Number(e.target.value))}
                {...invalid(f.key)}
              />
            </Field>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Response handling</legend>
        <div className="grid-2" style={{ gap: "0 1rem" }}>
          {HANDLING_FIELDS.map((f) => (
            <Field key={f.key} id={f.key} label={f.label} help={f.help} error={errorFor(errors, f.key)}>
              <input
                id={f.key}
                className="mono"
                value={values[f.key]}
                placeholder="none"
                onChange={(e) => set(f.key, e.target.value)}
                {...invalid(f.key)}
              />
            </Field>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Public status</legend>
        <div className="checks">
          <label>
            <input type="checkbox" checked={values.isPublic} onChange={(e) => set("isPublic", e.target.checked)} />
            Publish a status badge and a public status page
          </label>
        </div>
        {values.isPublic || values.slug ? (
          <Field
            id="slug"
            label="Slug"
            help={
              <>
                The badge lives at <code>/badge/{values.slug || "your-slug"}.svg</code>.
              </>
            }
            error={errorFor(errors, "slug")}
          >
            <input
              id="slug"
              className="mono"
              value={values.slug}
              onChange={(e) => set("slug", e.target.value.toLowerCase())}
              {...invalid("slug")}
            />
          </Field>
        ) : null}
      </fieldset>
      {id ? (
        <div className="checks field">
          <label>
            <input type="checkbox" checked={values.enabled} onChange={(e) => set("enabled", e.target.checked)} />
            Enabled (untick to pause audits and alerts)
          </label>
        </div>
      ) : null}
      {save.isError && !(save.error instanceof ApiError && save.error.fieldErrors.length > 0) ? (
        <ErrorState error={save.error} />
      ) : null}
      {errors.length > 0 ? (
        <p className="field-error" role="alert">
          Please correct the {errors.length === 1 ? "field" : `${errors.length} fields`} marked above.
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : id ? "Save changes" : "Add and check now"}
        </button>
        <Link href={id ? `/monitors/${id}` : "/"} className="button">
          Cancel
        </Link>
      </div>
    </form>
  );
}

/** A new monitor's first report, live: audited from every region as soon as it is saved, once. */
function CheckNow({ id }: { id: string }) {
  const run = useRunNow(id);
  const started = useRef(false);
  const { mutate } = run;
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    mutate();
  }, [mutate]);
  return <FirstReport run={run} />;
}
