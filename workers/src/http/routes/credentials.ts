import { createRoute } from "@hono/zod-openapi";
import { deleteCredential, findCredential, putCredential } from "@sipwatch/db";
import { keyringOf, sealPassword } from "../../credentials/index";
import { findOwnedMonitor } from "../owned-monitor";
import { ProblemError, problemResponses, validationProblem } from "../problem";
import { createRouter, IdParams, jsonBody, jsonResponse } from "../router";
import { CredentialSchema, PutCredentialSchema, toCredential } from "./credential-schemas";

/**
 * A monitor's SIP test account for the REGISTER probe. Write-only for the password: PUT takes
 * it, encrypts it at once (AES-GCM, workers/src/credentials) and no route ever returns it.
 */
export const credentialRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/monitors/{id}/credentials",
      tags: ["monitors"],
      summary: "The monitor's SIP test account, without its password",
      request: { params: IdParams },
      responses: { 200: jsonResponse(CredentialSchema, "The account"), ...problemResponses(401, 404) },
    }),
    async (c) => {
      const monitor = await findOwnedMonitor(c, c.req.valid("param").id);
      const row = await findCredential(c.var.services.db, monitor.organisationId, monitor.id);
      if (!row) throw new ProblemError("not_found", `Monitor ${monitor.id} has no test account`);
      return c.json(toCredential(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/monitors/{id}/credentials",
      tags: ["monitors"],
      summary: "Set or replace the monitor's SIP test account (REGISTER probe)",
      request: { params: IdParams, body: jsonBody(PutCredentialSchema) },
      responses: { 200: jsonResponse(CredentialSchema, "The account as stored"), ...problemResponses(400, 401, 404) },
    }),
    async (c) => {
      const monitor = await findOwnedMonitor(c, c.req.valid("param").id);
      const input = c.req.valid("json");
      const { db, config } = c.var.services;
      const current = await findCredential(db, monitor.organisationId, monitor.id);
      let sealed: { passwordCiphertext: string | null; passwordIv: string | null; keyId: string | null } = {
        passwordCiphertext: null,
        passwordIv: null,
        keyId: null,
      };
      if (input.source === "stored") {
        if (input.password !== undefined) {
          const keyring = keyringOf(config);
          if (!keyring)
            throw validationProblem([
              {
                field: "source",
                message: "this deployment has no CREDENTIAL_KEYS secret, so it cannot store passwords",
              },
            ]);
          const made = await sealPassword(await keyring, monitor.id, input.password);
          sealed = { passwordCiphertext: made.ciphertext, passwordIv: made.iv, keyId: made.keyId };
        } else if (current?.source === "stored" && current.passwordCiphertext) {
          sealed = {
            passwordCiphertext: current.passwordCiphertext,
            passwordIv: current.passwordIv,
            keyId: current.keyId,
          };
        } else {
          throw validationProblem([{ field: "password", message: "is required to store a new test account" }]);
        }
      } else if (input.password !== undefined) {
        throw validationProblem([
          { field: "password", message: 'must be left out when source is "agent": the agents hold it' },
        ]);
      }
      const row = {
        monitorId: monitor.id,
        organisationId: monitor.organisationId,
        source: input.source,
        user: input.user,
        authUser: input.authUser ?? null,
        domain: input.domain ?? null,
        outboundProxy: input.outboundProxy ?? null,
        expectContact: input.expectContact,
        ...sealed,
        updatedAt: Date.now(),
      };
      await putCredential(db, row);
      return c.json(toCredential(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/monitors/{id}/credentials",
      tags: ["monitors"],
      summary: "Remove the monitor's SIP test account (REGISTER probes stop)",
      request: { params: IdParams },
      responses: { 204: { description: "Removed" }, ...problemResponses(401, 404) },
    }),
    async (c) => {
      const monitor = await findOwnedMonitor(c, c.req.valid("param").id);
      const deleted = await deleteCredential(c.var.services.db, monitor.organisationId, monitor.id);
      if (!deleted) throw new ProblemError("not_found", `Monitor ${monitor.id} has no test account`);
      return c.body(null, 204);
    },
  );
