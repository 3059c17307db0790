import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas, unwrap } from "../api/client";

export type Member = Schemas["Member"];
export type Invitation = Schemas["Invitation"];
export type Role = Schemas["Role"];

export const memberKeys = {
  members: ["members"] as const,
  invitations: ["invitations"] as const,
  invitation: (id: string) => ["invitations", id, "invitee-view"] as const,
};
const byId = (id: string) => ({ params: { path: { id } } });

// Others change these (an invitee joins, another admin removes someone): read them afresh each
// time the page opens rather than trusting the app-wide 15 s.
export const useMembers = () =>
  useQuery({ queryKey: memberKeys.members, staleTime: 0, queryFn: () => unwrap(api.GET("/api/v1/members")) });

export const useInvitations = (enabled: boolean) =>
  useQuery({
    queryKey: memberKeys.invitations,
    enabled,
    staleTime: 0,
    queryFn: () => unwrap(api.GET("/api/v1/invitations")),
  });

export function useChangeRole() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, role }: { id: string; role: Role }) =>
      unwrap(api.PATCH("/api/v1/members/{id}", { ...byId(id), body: { role } })),
    onSettled: () => client.invalidateQueries({ queryKey: memberKeys.members }),
  });
}

export function useRemoveMember() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/api/v1/members/{id}", byId(id)).then((r) => ({ ...r, data: {} }))),
    onSuccess: () => client.invalidateQueries({ queryKey: memberKeys.members }),
  });
}

export function useLeaveOrganisation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/organisations/current/leave").then((r) => ({ ...r, data: {} }))),
    // The session now acts in another organisation: everything shown changes.
    onSuccess: () => client.invalidateQueries(),
  });
}

export function useInvite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; role: Role }) => unwrap(api.POST("/api/v1/invitations", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: memberKeys.invitations }),
  });
}

export function useRevokeInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE("/api/v1/invitations/{id}", byId(id)).then((r) => ({ ...r, data: {} }))),
    onSuccess: () => client.invalidateQueries({ queryKey: memberKeys.invitations }),
  });
}

export const useInviteeView = (id: string) =>
  useQuery({
    queryKey: memberKeys.invitation(id),
    retry: false,
    queryFn: () => unwrap(api.GET("/api/v1/invitations/{id}/invitee-view", byId(id))),
  });

export function useAcceptInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/api/v1/invitations/{id}/accept", byId(id))),
    // The session now acts in the joined organisation: everything shown changes, the
    // organisation switcher's list too.
    onSuccess: () => client.invalidateQueries(),
  });
}

/** Deletes the organisation the session acts in; `confirm` is its name. The session then acts in another. */
export function useDeleteOrganisation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (confirm: string) =>
      unwrap(api.DELETE("/api/v1/organisations/current", { body: { confirm } }).then((r) => ({ ...r, data: {} }))),
    onSuccess: () => client.invalidateQueries(),
  });
}
