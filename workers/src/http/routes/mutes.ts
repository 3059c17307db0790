import { createRoute, z } from "@hono/zod-openapi";
import { MUTE_RULES, muteInForce } from "@sipwatch/core";
import { endFindingMute, findingMutesOfMonitor, insertFindingMute, mutesInForceOf } from "@sipwatch/db";
import { newId } from "../../ids";
import type { Caller } from "../context";
import { findOwnedMonitor } from "../owned-monitor";
import { ProblemError, problemResponses, validationProblem } from "../problem";
import { createRouter, IdParams, jsonBody, jsonResponse } from "../router";
import { CreateMuteSchema, MuteParams, MuteSchema, toMute } from "./mute-schemas";

const DAY_MS = 86_400_000;

/** Who did it, as the trail stores it: the person, or "token" (tokens belong to the organisation). */
const actorOf = (caller: Caller) => caller.userId ?? "token";

/**
 * Finding mutes of a monitor: "we know about this finding, stop counting it". A muted finding is
 * still recorded in the history as seen, but neither lowers the monitor's status (overview,
 * report, public status, badges) nor alerts, from the moment the mute exists until it expires or
 * is ended. Mutes are never deleted: ending one keeps it, with who ended it, as the trail.
 */
export const muteRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/monitors/{id}/mutes",
      tags: ["monitors"],
      summary: "The monitor's finding mutes, newest first, ended and expired ones included",
      request: { params: IdParams },
      responses: {
        200: jsonResponse(z.object({ mutes: z.array(MuteSchema) }), "Mutes"),
        ...problemResponses(401, 404),
      },
    }),
    async (c) => {
      const monitor = await findOwnedMonitor(c, c.req.valid("param").id);
      const rows = await findingMutesOfMonitor(c.var.services.db, monitor.id);
      const now = Date.now();
      return c.json({ mutes: rows.map((row) => toMute(row, now)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/monitors/{id}/mutes",
      tags: ["monitors"],
      summary: "Mute a finding of the monitor (one subject or every subject), with a reason and an optional expiry",
      request: { params: IdParams, body: jsonBody(CreateMuteSchema) },
      responses: { 201: jsonResponse(MuteSchema, "Created"), ...problemResponses(400, 401, 404, 409) },
    }),
    async (c) => {
      const { services, caller } = c.var;
      const monitor = await findOwnedMonitor(c, c.req.valid("param").id);
      const input = c.req.valid("json");
      const now = Date.now();
      const expiresAt = input.expiresAt ? Date.parse(input.expiresAt) : null;
      if (expiresAt !== null && expiresAt <= now) {
        throw validationProblem([{ field: "expiresAt", message: "is in the past" }]);
      }
      if (expiresAt !== null && expiresAt - now > MUTE_RULES.maxExpiryDays * DAY_MS) {
        throw validationProblem([
          {
            field: "expiresAt",
            message: `must be within ${MUTE_RULES.maxExpiryDays} days; leave it out to mute until ended`,
          },
        ]);
      }
      const subject = input.subject ?? null;
      const current = (await mutesInForceOf(services.db, [monitor.id], now)).get(monitor.id) ?? [];
      if (current.some((m) => m.findingId === input.findingId && m.subject === subject && muteInForce(m, now))) {
        throw new ProblemError("conflict", "This finding is already muted for that subject; end that mute first");
      }
      if (current.length >= MUTE_RULES.maxInForcePerMonitor) {
        throw new ProblemError(
          "limit_reached",
          `A monitor may have ${MUTE_RULES.maxInForcePerMonitor} mutes in force; end some first`,
        );
      }
      const row = await insertFindingMute(services.db, {
        id: newId("mut"),
        organisationId: caller.organisationId,
        monitorId: monitor.id,
        findingId: input.findingId,
        subject,
        reason: input.reason,
        createdBy: actorOf(caller),
        createdAt: now,
        expiresAt,
        endedAt: null,
        endedBy: null,
      });
      const [view] = (await findingMutesOfMonitor(services.db, monitor.id)).filter((m) => m.id === row.id);
      return c.json(toMute(view ?? { ...row, createdByName: null, endedByName: null }, now), 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/monitors/{id}/mutes/{muteId}/end",
      tags: ["monitors"],
      summary: "End a mute now, so the finding counts again from the next round; the mute stays in the trail",
      request: { params: MuteParams },
      responses: { 200: jsonResponse(MuteSchema, "Ended"), ...problemResponses(401, 404, 409) },
    }),
    async (c) => {
      const { services, caller } = c.var;
      const { id, muteId } = c.req.valid("param");
      const monitor = await findOwnedMonitor(c, id);
      const now = Date.now();
      const outcome = await endFindingMute(services.db, monitor.id, muteId, actorOf(caller), now);
      if ("notFound" in outcome) throw new ProblemError("not_found", `No mute ${muteId}`);
      if ("alreadyOver" in outcome) throw new ProblemError("conflict", "This mute has already ended or expired");
      const [view] = (await findingMutesOfMonitor(services.db, monitor.id)).filter((m) => m.id === muteId);
      return c.json(toMute(view ?? { ...outcome.ended, createdByName: null, endedByName: null }, now), 200);
    },
  );
