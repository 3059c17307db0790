import type { UseMutationResult } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client";
import { TextField } from "./TextField";

/**
 * The one-field form that creates a named secret-bearing thing (an API token, an agent): the
 * server's field error under the input, any other error above the button.
 */
export function NameForm<T>({
  id,
  help,
  action,
  busyAction,
  create,
  onCreated,
}: {
  id: string;
  help: string;
  action: string;
  busyAction: string;
  create: UseMutationResult<T, Error, string>;
  onCreated: (created: T) => void;
}) {
  const [name, setName] = useState("");
  const nameError = create.error instanceof ApiError ? create.error.forField("name") : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name.trim(), {
      onSuccess: (created) => {
        onCreated(created);
        setName("");
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <TextField
        id={id}
        label="Name"
        value={name}
        onChange={setName}
        error={nameError}
        help={help}
        required
        maxLength={100}
      />
      {create.isError && !nameError ? (
        <div className="notice bad" role="alert">
          {create.error.message}
        </div>
      ) : null}
      <button type="submit" className="primary" disabled={create.isPending}>
        {create.isPending ? busyAction : action}
      </button>
    </form>
  );
}
