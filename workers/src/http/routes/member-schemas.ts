import { z } from "@hono/zod-openapi";
import { ROLES } from "@sipwatch/core";
import type { InvitationRow, MemberRow } from "@sipwatch/db";

export const RoleSchema = z.enum(ROLES).openapi("Role", {
  description: "viewer < editor < admin < owner; each may do what the ones below it may",
});

export const MemberSchema = z
  .object({
    id: z.string().openapi({ example: "mem_3f2a9c1d0b8e4f67a1c2d3e4f5a6b7c8" }),
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    role: RoleSchema,
    joinedAt: z.iso.datetime(),
  })
  .openapi("Member");

export const InvitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: RoleSchema,
    status: z.enum(["pending", "accepted", "rejected", "canceled"]),
    inviter: z.object({ name: z.string(), email: z.string() }),
    expiresAt: z.iso.datetime(),
    createdAt: z.iso.datetime(),
    expired: z.boolean().openapi({ description: "Past expiresAt: it can no longer be accepted; invite again" }),
  })
  .openapi("Invitation");

export const InviteeViewSchema = z
  .object({
    id: z.string(),
    organisation: z.object({ name: z.string() }),
    inviter: z.object({ name: z.string(), email: z.string() }),
    email: z.string(),
    role: RoleSchema,
    expiresAt: z.iso.datetime(),
  })
  .openapi("InviteeView");

export const CreateInvitationSchema = z.object({
  email: z.email().max(254).openapi({ example: "colleague@example.com" }),
  role: RoleSchema,
});

export const toMember = (m: MemberRow) => ({
  id: m.id,
  userId: m.userId,
  name: m.name,
  email: m.email,
  role: m.role,
  joinedAt: new Date(m.joinedAt).toISOString(),
});

export const toInvitation = (i: InvitationRow, now = Date.now()) => ({
  id: i.id,
  email: i.email,
  role: i.role,
  status: i.status,
  inviter: { name: i.inviterName, email: i.inviterEmail },
  expiresAt: new Date(i.expiresAt).toISOString(),
  createdAt: new Date(i.createdAt).toISOString(),
  expired: i.expiresAt <= now,
});

export const toInviteeView = (i: InvitationRow) => ({
  id: i.id,
  organisation: { name: i.organisationName },
  inviter: { name: i.inviterName, email: i.inviterEmail },
  email: i.email,
  role: i.role,
  expiresAt: new Date(i.expiresAt).toISOString(),
});
