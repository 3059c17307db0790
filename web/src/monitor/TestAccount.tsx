import { type FormEvent, useState } from "react";
import { ApiError, type FieldError, type Schemas } from "../api/client";
import { useCredential, useRemoveCredential, useSaveCredential } from "../api/queries";
import { ErrorState, Loading } from "../ui/states";
import { type AccountValues, accountBody, accountValuesOf, passwordState } from "./test-account";

/**
 * The monitor's SIP test account for the REGISTER probe. The password is write-only: the form
 * shows whether one is set and offers to replace or remove it, never its value.
 */
export function TestAccount({ monitorId }: { monitorId: string }) {
  const credential = useCredential(monitorId);
  if (credential.isPending) return <Loading what="the test account" />;
  if (credential.isError) return <ErrorState error={credential.error} retry={() => credential.refetch()} />;
  return (
    <AccountEditor monitorId={monitorId} stored={credential.data ?? null} key={credential.data?.updatedAt ?? "none"} />
  );
}

function AccountEditor({ monitorId, stored }: { monitorId: string; stored: Schemas["Credential"] | null }) {
  const [values, setValues] = useState<AccountValues>(accountValuesOf(stored));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const save = useSaveCredential(monitorId);
  const remove = useRemoveCredential(monitorId);
  const state = passwordState(stored);
  const set = <K extends keyof AccountValues>(key: K, value: AccountValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const built = accountBody(values, stored);
    if ("errors" in built) return setErrors(built.errors);
    setErrors([]);
    save.mutate(built.body, {
      onSuccess: () => setValues((v) => ({ ...v, password: "" })),
      onError: (error) => setErrors(error instanceof ApiError ? error.fieldErrors : []),
    });
  };

  const text = (key: "user" | "authUser" | "domain" | "outboundProxy", label: string, help?: string) => (
    <div className="field">
      <label htmlFor={`account-${key}`}>{label}</label>
      <input
        id={`account-${key}`}
        className="mono"
        value={values[key]}
        onChange={(e) => set(key, e.target.value)}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
      />
      {help ? <div className="field-help">{help}</div> : null}
      {errorOf(key) ? (
        <div className="field-error" role="alert">
          {errorOf(key)}
        </div>
      ) : null}
    </div>
  );

  return (
    <form onSubmit={submit} noValidate className="card" style={{ maxWidth: 760 }} aria-labelledby="account-title">
      <h2 id="account-title">SIP test account</h2>
      <p className="muted">
        With a test account, sipwatch registers the way a phone does (REGISTER, the digest challenge, then removing the
        binding) on every transport it can reach, and tells you when registration fails although OPTIONS answers.
      </p>
      <fieldset>
        <legend>Where the password lives</legend>
        <div className="checks">
          <label>
            <input type="radio" checked={values.source === "stored"} onChange={() => set("source", "stored")} />
            Stored here, encrypted; the regions register with it
          </label>
          <label>
            <input type="radio" checked={values.source === "agent"} onChange={() => set("source", "agent")} />
            In each agent's configuration file; it never leaves your network
          </label>
        </div>
      </fieldset>
      {text("user", "User")}
      {text("authUser", "Authentication user (if different)")}
      {text("domain", "Domain (if not the monitor's SIP domain)")}
      {text(
        "outboundProxy",
        "Outbound proxy (if the phones use one)",
        "host[:port], or sip:host[:port];transport=udp|tcp|tls. REGISTER then goes to the proxy, as the phones send it.",
      )}
      <div className="field">
        <label htmlFor="account-contact">Contact the registrar stores</label>
        <select
          id="account-contact"
          value={values.expectContact}
          onChange={(e) => set("expectContact", e.target.value === "rewritten" ? "rewritten" : "as-sent")}
        >
          <option value="as-sent">As the phone sent it</option>
          <option value="rewritten">Rewritten by an SBC or NAT handling, on purpose</option>
        </select>
      </div>
      {values.source === "stored" ? (
        <div className="field">
          <label htmlFor="account-password">
            {state === "set" ? "Password: set. Replace it (leave empty to keep it)" : "Password"}
          </label>
          <input
            id="account-password"
            type="password"
            autoComplete="new-password"
            value={values.password}
            onChange={(e) => set("password", e.target.value)}
          />
          {errorOf("password") ? (
            <div className="field-error" role="alert">
              {errorOf("password")}
            </div>
          ) : null}
        </div>
      ) : null}
      {save.isError && !(save.error instanceof ApiError && save.error.fieldErrors.length > 0) ? (
        <ErrorState error={save.error} />
      ) : null}
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : state === "none" ? "Set test account" : "Save test account"}
        </button>
        {state !== "none" ? (
          <button type="button" disabled={remove.isPending} onClick={() => remove.mutate()}>
            Remove test account
          </button>
        ) : null}
        {save.isSuccess ? <span role="status">Saved.</span> : null}
      </div>
    </form>
  );
}
