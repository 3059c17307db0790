import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client";
import { useCreateChannel } from "../api/queries";
import {
  CHANNEL_INPUTS,
  CHANNEL_TYPE_LABEL,
  type ChannelDraft,
  type ChannelType,
  channelBody,
  EMPTY_DRAFT,
} from "./channel-targets";
import { errorsByInput } from "./field-errors";
import { OneTimeSecret } from "./OneTimeSecret";
import { TextField } from "./TextField";
import { WebhookVerification } from "./WebhookVerification";

const TYPES: ChannelType[] = ["slack", "email", "webhook", "pagerduty", "opsgenie", "teams", "discord"];

/** Where each hook-style service's URL comes from, in the words of its own settings. */
const HOOK_HELP: Record<"slack" | "teams" | "discord", { label: string; help: string; placeholder: string }> = {
  slack: {
    label: "Slack incoming webhook URL",
    help: "From Slack: Apps → Incoming Webhooks → Add New Webhook. Starts with https://hooks.slack.com/.",
    placeholder: "https://hooks.slack.com/services/…",
  },
  teams: {
    label: "Teams workflow webhook URL",
    help: "In the Teams channel: Workflows → “Post to a channel when a webhook request is received”; copy its URL.",
    placeholder: "https://….logic.azure.com/workflows/…",
  },
  discord: {
    label: "Discord webhook URL",
    help: "In Discord: Server Settings → Integrations → Webhooks → New Webhook → Copy Webhook URL.",
    placeholder: "https://discord.com/api/webhooks/…",
  },
};

/** The add-channel form: one set of inputs per type; a webhook's signing secret is shown once after. */
export function AddChannelForm() {
  const create = useCreateChannel();
  const [draft, setDraft] = useState<ChannelDraft>(EMPTY_DRAFT);
  const [created, setCreated] = useState<{ name: string; secret?: string } | null>(null);
  const set = (changes: Partial<ChannelDraft>) => setDraft((d) => ({ ...d, ...changes }));

  const apiError = create.error instanceof ApiError ? create.error : null;
  const { byInput, other } = errorsByInput(apiError?.fieldErrors ?? [], CHANNEL_INPUTS[draft.type]);
  const unplaced = create.isError && (!apiError || apiError.fieldErrors.length === 0 || other.length > 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(channelBody(draft), {
      onSuccess: (channel) => {
        setCreated({ name: channel.name, secret: channel.signingSecret });
        setDraft({ ...EMPTY_DRAFT, type: draft.type });
      },
    });
  };

  return (
    <section className="card" aria-labelledby="add-channel">
      <h2 id="add-channel">Add a channel</h2>
      {created?.secret ? (
        <OneTimeSecret
          title={`Signing secret for “${created.name}”`}
          secret={created.secret}
          secretLabel="Signing secret"
          onDone={() => setCreated(null)}
        >
          <WebhookVerification />
        </OneTimeSecret>
      ) : created ? (
        <p role="status">
          Added “{created.name}”. Use <strong>Send test</strong> on it to check that alerts arrive.
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>Type</legend>
          <div className="checks">
            {TYPES.map((type) => (
              <label key={type}>
                <input
                  type="radio"
                  name="channel-type"
                  value={type}
                  checked={draft.type === type}
                  onChange={() => {
                    set({ type });
                    create.reset();
                  }}
                />
                {CHANNEL_TYPE_LABEL[type]}
              </label>
            ))}
          </div>
        </fieldset>
        <TextField
          id="channel-name"
          label="Name"
          value={draft.name}
          onChange={(name) => set({ name })}
          error={byInput.name}
          help="How the channel appears in sipwatch, for example “NOC on-call”."
          required
          maxLength={100}
        />
        {draft.type === "slack" || draft.type === "teams" || draft.type === "discord" ? (
          <TextField
            id="channel-webhook-url"
            label={HOOK_HELP[draft.type].label}
            type="url"
            value={draft.webhookUrl}
            onChange={(webhookUrl) => set({ webhookUrl })}
            error={byInput["config.webhookUrl"]}
            help={HOOK_HELP[draft.type].help}
            placeholder={HOOK_HELP[draft.type].placeholder}
            required
          />
        ) : draft.type === "pagerduty" || draft.type === "opsgenie" ? (
          <>
            <TextField
              id="channel-key"
              label={draft.type === "pagerduty" ? "Integration (routing) key" : "API integration key"}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={draft.key}
              onChange={(key) => set({ key })}
              error={byInput[draft.type === "pagerduty" ? "config.routingKey" : "config.apiKey"]}
              help={
                draft.type === "pagerduty"
                  ? "From PagerDuty: Service → Integrations → Add “Events API V2”. Kept secret: never shown again."
                  : "From Opsgenie: Settings → Integrations → Add “API”. Kept secret: never shown again."
              }
              required
            />
            <fieldset>
              <legend>Service region</legend>
              <div className="checks">
                {(["us", "eu"] as const).map((region) => (
                  <label key={region}>
                    <input
                      type="radio"
                      name="channel-region"
                      value={region}
                      checked={draft.region === region}
                      onChange={() => set({ region })}
                    />
                    {region === "us" ? "US" : "EU"}
                  </label>
                ))}
              </div>
            </fieldset>
            {byInput["config.url"] ? <p className="field-error">{byInput["config.url"]}</p> : null}
          </>
        ) : draft.type === "email" ? (
          <TextField
            id="channel-recipients"
            label="Recipients"
            type="text"
            inputMode="email"
            autoComplete="off"
            value={draft.recipients}
            onChange={(recipients) => set({ recipients })}
            error={byInput["config.to"]}
            help="Up to 20 addresses, separated by commas."
            placeholder="noc@example.com, oncall@example.com"
            required
          />
        ) : (
          <>
            <TextField
              id="channel-url"
              label="Webhook URL"
              type="url"
              value={draft.url}
              onChange={(url) => set({ url })}
              error={byInput["config.url"]}
              help="sipwatch POSTs a signed JSON body here; https only."
              placeholder="https://hooks.example.com/sipwatch"
              required
            />
            <TextField
              id="channel-secret"
              label="Signing secret (optional)"
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={draft.secret}
              onChange={(secret) => set({ secret })}
              error={byInput["config.secret"]}
              help="16 to 200 characters. Leave empty and sipwatch generates one and shows it once."
            />
          </>
        )}
        {unplaced ? (
          <div className="notice bad" role="alert">
            {create.error?.message}
            {other.length > 0 ? (
              <ul>
                {other.map((e) => (
                  <li key={e.field}>
                    <code>{e.field}</code>: {e.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : create.isError ? (
          <p className="field-error" role="alert">
            The channel was not added: check the fields marked above.
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending
            ? "Adding…"
            : `Add ${["email", "webhook"].includes(draft.type) ? CHANNEL_TYPE_LABEL[draft.type].toLowerCase() : CHANNEL_TYPE_LABEL[draft.type]} channel`}
        </button>
      </form>
    </section>
  );
}
