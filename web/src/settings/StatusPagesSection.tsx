import { type FormEvent, useState } from "react";
import { ApiError, type Schemas } from "../api/client";
import { useOverview } from "../api/queries";
import {
  useCreateStatusPage,
  useDeleteStatusPage,
  useStatusPages,
  useUpdateStatusPage,
} from "../api/status-page-queries";
import { IfCan } from "../app/caller-role";
import { ErrorState, Loading } from "../ui/states";
import { TextField } from "./TextField";

type Page = Schemas["StatusPage"];
type Monitor = Schemas["OverviewMonitor"];

/**
 * Settings → Status pages: public pages (HTML without JavaScript, JSON, Atom) showing chosen
 * monitors in plain words, plus the organisation's default page of its public monitors.
 */
export function StatusPagesSection() {
  const pages = useStatusPages();
  const overview = useOverview();
  const origin = window.location.origin;
  return (
    <>
      <h1>Status pages</h1>
      <p className="muted">
        A status page tells your customers what their phones can and cannot do, with 90 days of availability, your
        public incident updates and announced maintenance. It never shows addresses, agents or finding evidence.
      </p>
      {pages.isPending || overview.isPending ? <Loading what="your status pages" /> : null}
      {pages.isError ? <ErrorState error={pages.error} retry={() => pages.refetch()} /> : null}
      {pages.isSuccess ? (
        <>
          <section className="card" aria-labelledby="default-page">
            <h2 id="default-page">Default page</h2>
            <p>
              Every public monitor appears on{" "}
              <a href={pages.data.defaultPagePath}>{origin + pages.data.defaultPagePath}</a>. It answers 404 while no
              monitor is public.
            </p>
          </section>
          <section aria-labelledby="own-pages">
            <h2 id="own-pages">Your pages</h2>
            {pages.data.pages.length === 0 ? <p>No pages yet: create one below.</p> : null}
            {pages.data.pages.map((p) => (
              <PageCard key={p.id} page={p} monitors={overview.data?.monitors ?? []} origin={origin} />
            ))}
          </section>
          <IfCan operation="POST /api/v1/status-pages">
            {overview.isSuccess ? <PageForm monitors={overview.data.monitors} /> : null}
          </IfCan>
        </>
      ) : null}
    </>
  );
}

function PageCard({ page, monitors, origin }: { page: Page; monitors: Monitor[]; origin: string }) {
  const update = useUpdateStatusPage();
  const remove = useDeleteStatusPage();
  const [editing, setEditing] = useState(false);
  const names = page.monitorIds.map((id) => monitors.find((m) => m.id === id)?.name ?? id);
  return (
    <section className="card" aria-labelledby={`page-${page.id}`}>
      <h3 id={`page-${page.id}`}>{page.title}</h3>
      <p>
        <a href={page.path}>{origin + page.path}</a>
        {page.enabled ? null : <span className="muted"> (disabled: answers 404)</span>}
      </p>
      <p className="muted small">
        Also as <a href={`${page.path}.json`}>JSON</a> and <a href={`${page.path}.atom`}>Atom</a>. Shows:{" "}
        {names.join(", ") || "no monitors"}.
      </p>
      <IfCan operation="PATCH /api/v1/status-pages/{id}">
        <div className="row">
          <button type="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            {editing ? "Close the editor" : "Edit"}
          </button>
          <button
            type="button"
            disabled={update.isPending}
            onClick={() => update.mutate({ id: page.id, body: { enabled: !page.enabled } })}
          >
            {page.enabled ? "Disable" : "Enable"}
          </button>
          <button
            type="button"
            className="danger"
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(`Delete the status page “${page.title}”? Its URL answers 404 at once.`))
                remove.mutate(page.id);
            }}
          >
            Delete
          </button>
        </div>
      </IfCan>
      {update.isError ? <ErrorState error={update.error} /> : null}
      {editing ? <PageForm monitors={monitors} page={page} onDone={() => setEditing(false)} /> : null}
    </section>
  );
}

type Draft = { slug: string; title: string; description: string; monitorIds: string[] };
const EMPTY: Draft = { slug: "", title: "", description: "", monitorIds: [] };

/** Creates a page, or edits `page` (a PATCH of the whole draft) when one is given. */
function PageForm({ monitors, page, onDone }: { monitors: Monitor[]; page?: Page; onDone?: () => void }) {
  const create = useCreateStatusPage();
  const update = useUpdateStatusPage();
  const save = page ? update : create;
  const prefix = page ? `sp-${page.id}` : "sp-new";
  const [draft, setDraft] = useState<Draft>(
    page ? { slug: page.slug, title: page.title, description: page.description, monitorIds: page.monitorIds } : EMPTY,
  );
  const fieldError = (field: string) => (save.error instanceof ApiError ? save.error.forField(field) : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const done = {
      onSuccess: () => {
        if (!page) setDraft(EMPTY);
        onDone?.();
      },
    };
    if (page) update.mutate({ id: page.id, body: draft }, done);
    else create.mutate({ ...draft, enabled: true }, done);
  };
  const toggle = (id: string, on: boolean) =>
    setDraft({ ...draft, monitorIds: on ? [...draft.monitorIds, id] : draft.monitorIds.filter((m) => m !== id) });
  const headingId = `${prefix}-heading`;
  return (
    <form className="card" onSubmit={submit} aria-labelledby={headingId}>
      {page ? <h4 id={headingId}>Edit {page.title}</h4> : <h2 id={headingId}>New status page</h2>}
      <TextField
        id={`${prefix}-title`}
        label="Title"
        value={draft.title}
        onChange={(title) => setDraft({ ...draft, title })}
        error={fieldError("title")}
        maxLength={120}
        required
      />
      <TextField
        id={`${prefix}-slug`}
        label="Slug"
        value={draft.slug}
        onChange={(slug) => setDraft({ ...draft, slug })}
        error={fieldError("slug")}
        help="The page's address: /pages/<slug>. Lower-case letters, digits and hyphens."
        required
      />
      <TextField
        id={`${prefix}-description`}
        label="Description"
        value={draft.description}
        onChange={(description) => setDraft({ ...draft, description })}
        error={fieldError("description")}
        maxLength={1000}
      />
      <fieldset>
        <legend>Monitors shown, in the order you tick them</legend>
        {monitors.map((m) => (
          <label key={m.id} className="row">
            <input
              type="checkbox"
              checked={draft.monitorIds.includes(m.id)}
              onChange={(e) => toggle(m.id, e.target.checked)}
            />
            {m.name}
          </label>
        ))}
        {fieldError("monitorIds") ? <div className="field-error">{fieldError("monitorIds")}</div> : null}
      </fieldset>
      <button type="submit" className="primary" disabled={save.isPending}>
        {save.isPending ? "Saving…" : page ? "Save the page" : "Publish the page"}
      </button>
      {save.isError && !fieldError("slug") && !fieldError("title") ? <ErrorState error={save.error} /> : null}
    </form>
  );
}
