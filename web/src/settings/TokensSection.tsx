import type { Schemas } from "../api/client";
import { useRevokeToken, useTokens } from "../api/queries";
import { IfCan, useCan } from "../app/caller-role";
import { Empty, ErrorState, Loading } from "../ui/states";
import { ago, when } from "../ui/time";
import { CreateTokenForm } from "./CreateTokenForm";
import { RevokeButton } from "./RevokeButton";

/** Settings → API tokens: bearer tokens for automation against /api/v1. */
export function TokensSection() {
  const tokens = useTokens();
  return (
    <>
      <h1>API tokens</h1>
      <p className="muted">
        Scripts and CI use a token as <code>Authorization: Bearer …</code> to manage this organisation's monitors. Only
        owners and admins create or revoke tokens.
      </p>
      <section aria-labelledby="token-list">
        <h2 id="token-list">Active tokens</h2>
        {tokens.isPending ? (
          <Loading what="API tokens" />
        ) : tokens.isError ? (
          <ErrorState error={tokens.error} retry={() => tokens.refetch()} />
        ) : tokens.data.tokens.length === 0 ? (
          <Empty title="No API tokens yet">
            <p>Create one below when a script needs to talk to sipwatch.</p>
          </Empty>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Starts with</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Expires</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.data.tokens.map((token) => (
                  <TokenRow key={token.id} token={token} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <IfCan operation="POST /api/v1/tokens">
        <CreateTokenForm />
      </IfCan>
    </>
  );
}

function TokenRow({ token }: { token: Schemas["ApiToken"] }) {
  const revoke = useRevokeToken();
  const canRevoke = useCan("DELETE /api/v1/tokens/{id}");
  return (
    <tr>
      <th scope="row">{token.name}</th>
      <td>
        <code>{token.prefix}…</code>
      </td>
      <td>
        {token.lastUsedAt ? (
          <time dateTime={token.lastUsedAt} title={when(Date.parse(token.lastUsedAt))}>
            {ago(Date.parse(token.lastUsedAt))}
          </time>
        ) : (
          "Never"
        )}
      </td>
      <td>{token.expiresAt ? <time dateTime={token.expiresAt}>{when(Date.parse(token.expiresAt))}</time> : "Never"}</td>
      <td>
        {canRevoke ? (
          <RevokeButton
            id={token.id}
            kind="token"
            name={token.name}
            consequence="Requests using it get 401 from now on."
            revoke={revoke}
          />
        ) : null}
      </td>
    </tr>
  );
}
