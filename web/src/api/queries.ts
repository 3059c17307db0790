import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, type Schemas, unwrap } from "./client";

/**
 * Every read and write the dashboard makes, as react-query hooks over the typed client. Keys
 * are arrays rooted at the resource so a write can invalidate exactly what it changed.
 */
export const keys = {
  me: ["organisations", "current"] as const,
  organisations: ["organisations"] as const,
  overview: ["overview"] as const,
  availability: ["overview", "availability"] as const,
  monitor: (id: string) => ["monitors", id] as const,
  report: (id: string) => ["monitors", id, "report"] as const,
  rollups: (id: string, window: Window) => ["monitors", id, "rollups", window] as const,
  dnsHistory: (id: string) => ["monitors", id, "dns"] as const,
  spans: (id: string) => ["monitors", id, "spans"] as const,
  findingsHistory: (id: string) => ["monitors", id, "findings"] as const,
  credential: (id: string) => ["monitors", id, "credentials"] as const,
  channels: ["channels"] as const,
  deliveries: (id: string) => ["channels", id, "deliveries"] as const,
  agents: ["agents"] as const,
  tokens: ["tokens"] as const,
  incidents: (filter: IncidentFilter) => ["incidents", "list", filter] as const,
  incident: (id: string) => ["incidents", id] as const,
};

export type IncidentStatus = Schemas["Incident"]["status"];
export interface IncidentFilter {
  status?: IncidentStatus;
  cursor?: string;
}

export type Window = "24h" | "7d" | "90d";
const byId = (id: string) => ({ params: { path: { id } } });

export const useCurrentOrganisation = () =>
  useQuery({ queryKey: keys.me, queryFn: () => unwrap(api.GET("/api/v1/organisations/current")), retry: false });

export const useOrganisations = () =>
  useQuery({ queryKey: keys.organisations, queryFn: () => unwrap(api.GET("/api/v1/organisations")) });

export function useActivateOrganisation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/api/v1/organisations/{id}/activate", byId(id))),
    // Everything the dashboard shows belongs to the organisation: start over.
    onSuccess: () => client.invalidateQueries(),
  });
}

export function useCreateOrganisation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => unwrap(api.POST("/api/v1/organisations", { body: { name } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.organisations }),
  });
}

// The overview refreshes each minute, the cron's own pace.
export const useOverview = () =>
  useQuery({
    queryKey: keys.overview,
    queryFn: () => unwrap(api.GET("/api/v1/overview")),
    refetchInterval: 60_000,
  });

export const useAvailability = () =>
  useQuery({
    queryKey: keys.availability,
    queryFn: () => unwrap(api.GET("/api/v1/overview/availability")),
    refetchInterval: 300_000,
  });

export const useMonitor = (id: string) =>
  useQuery({ queryKey: keys.monitor(id), queryFn: () => unwrap(api.GET("/api/v1/monitors/{id}", byId(id))) });

export const useReport = (id: string) =>
  useQuery({
    queryKey: keys.report(id),
    queryFn: () => unwrap(api.GET("/api/v1/monitors/{id}/report", byId(id))),
    refetchInterval: 60_000,
  });

export const useRollups = (id: string, window: Window) =>
  useQuery({
    queryKey: keys.rollups(id, window),
    queryFn: () =>
      unwrap(api.GET("/api/v1/monitors/{id}/history/rollups", { params: { path: { id }, query: { window } } })),
  });

export const useDnsHistory = (id: string) =>
  useQuery({
    queryKey: keys.dnsHistory(id),
    queryFn: () => unwrap(api.GET("/api/v1/monitors/{id}/history/dns", byId(id))),
  });

/** The last day of each vantage as spans of unchanged outcome, newest first. */
export const useSpans = (id: string) =>
  useQuery({
    queryKey: keys.spans(id),
    queryFn: () => unwrap(api.GET("/api/v1/monitors/{id}/history/spans", byId(id))),
    refetchInterval: 60_000,
  });

export const useFindingsHistory = (id: string) =>
  useQuery({
    queryKey: keys.findingsHistory(id),
    queryFn: () => unwrap(api.GET("/api/v1/monitors/{id}/history/findings", byId(id))),
  });

export type CreateMonitor = Schemas["CreateMonitor"];
export type UpdateMonitor = Schemas["UpdateMonitor"];

export function useSaveMonitor(id?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMonitor) =>
      id
        ? unwrap(api.PATCH("/api/v1/monitors/{id}", { params: { path: { id } }, body: body as UpdateMonitor }))
        : unwrap(api.POST("/api/v1/monitors", { body })),
    onSuccess: (monitor) => {
      client.setQueryData(keys.monitor(monitor.id), monitor);
      return client.invalidateQueries({ queryKey: keys.overview });
    },
  });
}

export function useDeleteMonitor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/api/v1/monitors/{id}", byId(id))),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.overview }),
  });
}

export function useRunNow(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/monitors/{id}/run", byId(id))),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.report(id) }),
        client.invalidateQueries({ queryKey: keys.overview }),
      ]),
  });
}

/** The monitor's test account without its password; null when it has none (404). */
export const useCredential = (id: string) =>
  useQuery({
    queryKey: keys.credential(id),
    queryFn: async () => {
      try {
        return await unwrap(api.GET("/api/v1/monitors/{id}/credentials", byId(id)));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });

export function useSaveCredential(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["PutCredential"]) =>
      unwrap(api.PUT("/api/v1/monitors/{id}/credentials", { params: { path: { id } }, body })),
    onSuccess: (credential) => client.setQueryData(keys.credential(id), credential),
  });
}

export function useRemoveCredential(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/monitors/{id}/credentials", byId(id))),
    onSuccess: () => client.setQueryData(keys.credential(id), null),
  });
}

export const useChannels = () =>
  useQuery({ queryKey: keys.channels, queryFn: () => unwrap(api.GET("/api/v1/channels")) });

export const useDeliveries = (id: string) =>
  useQuery({
    queryKey: keys.deliveries(id),
    queryFn: () => unwrap(api.GET("/api/v1/channels/{id}/deliveries", byId(id))),
  });

export function useCreateChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["CreateChannel"]) => unwrap(api.POST("/api/v1/channels", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.channels }),
  });
}

export function useDeleteChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/api/v1/channels/{id}", byId(id))),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.channels }),
  });
}

export function useTestChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/api/v1/channels/{id}/test", byId(id))),
    onSettled: (_data, _error, id) => client.invalidateQueries({ queryKey: keys.deliveries(id) }),
  });
}

export const useAgents = () => useQuery({ queryKey: keys.agents, queryFn: () => unwrap(api.GET("/api/v1/agents")) });

export function useCreateAgent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => unwrap(api.POST("/api/v1/agents", { body: { name } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.agents }),
  });
}

export function useRevokeAgent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/api/v1/agents/{id}", byId(id))),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.agents }),
  });
}

export const useTokens = () => useQuery({ queryKey: keys.tokens, queryFn: () => unwrap(api.GET("/api/v1/tokens")) });

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => unwrap(api.POST("/api/v1/tokens", { body: { name } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.tokens }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/api/v1/tokens/{id}", byId(id))),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.tokens }),
  });
}

const maintenanceKey = (id: string) => ["monitors", id, "maintenance"] as const;

export const useMaintenance = (monitorId: string) =>
  useQuery({
    queryKey: maintenanceKey(monitorId),
    queryFn: () => unwrap(api.GET("/api/v1/monitors/{id}/maintenance", byId(monitorId))),
  });

export function useAddMaintenance(monitorId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["CreateMaintenanceWindow"]) =>
      unwrap(api.POST("/api/v1/monitors/{id}/maintenance", { params: { path: { id: monitorId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: maintenanceKey(monitorId) }),
  });
}

export function useDeleteMaintenance(monitorId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (windowId: string) =>
      unwrap(
        api.DELETE("/api/v1/monitors/{id}/maintenance/{windowId}", { params: { path: { id: monitorId, windowId } } }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: maintenanceKey(monitorId) }),
  });
}

const mutesKey = (id: string) => ["monitors", id, "mutes"] as const;

export const useMutes = (monitorId: string) =>
  useQuery({
    queryKey: mutesKey(monitorId),
    queryFn: () => unwrap(api.GET("/api/v1/monitors/{id}/mutes", byId(monitorId))),
  });

/** A mute changes what counts: the report's statuses and the overview's health move with it. */
function useInvalidateMuted(monitorId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: mutesKey(monitorId) }),
      client.invalidateQueries({ queryKey: keys.report(monitorId) }),
      client.invalidateQueries({ queryKey: keys.overview }),
    ]);
}

export function useMuteFinding(monitorId: string) {
  const invalidate = useInvalidateMuted(monitorId);
  return useMutation({
    mutationFn: (body: Schemas["CreateFindingMute"]) =>
      unwrap(api.POST("/api/v1/monitors/{id}/mutes", { params: { path: { id: monitorId } }, body })),
    onSuccess: invalidate,
  });
}

export function useEndMute(monitorId: string) {
  const invalidate = useInvalidateMuted(monitorId);
  return useMutation({
    mutationFn: (muteId: string) =>
      unwrap(api.POST("/api/v1/monitors/{id}/mutes/{muteId}/end", { params: { path: { id: monitorId, muteId } } })),
    onSuccess: invalidate,
  });
}

// Incidents change with every round and every colleague: refreshed at the cron's pace.
export const useIncidents = (filter: IncidentFilter) =>
  useQuery({
    queryKey: keys.incidents(filter),
    queryFn: () => unwrap(api.GET("/api/v1/incidents", { params: { query: { ...filter, limit: 25 } } })),
    refetchInterval: 60_000,
  });

export const useIncident = (id: string) =>
  useQuery({
    queryKey: keys.incident(id),
    queryFn: () => unwrap(api.GET("/api/v1/incidents/{id}", byId(id))),
    refetchInterval: 60_000,
  });

/** Acknowledge, resolve or post an update: each refreshes the incident and the list it is in. */
function useIncidentChange<T>(call: (input: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: call, onSuccess: () => client.invalidateQueries({ queryKey: ["incidents"] }) });
}

export const useAcknowledgeIncident = (id: string) =>
  useIncidentChange(() => unwrap(api.POST("/api/v1/incidents/{id}/acknowledge", byId(id))));

export const useResolveIncident = (id: string) =>
  useIncidentChange(() => unwrap(api.POST("/api/v1/incidents/{id}/resolve", byId(id))));

export const usePostIncidentUpdate = (id: string) =>
  useIncidentChange((body: { body: string; public: boolean }) =>
    unwrap(api.POST("/api/v1/incidents/{id}/updates", { ...byId(id), body })),
  );

export interface AuditFilter {
  actorKind?: Schemas["AuditEntry"]["actor"]["kind"];
  action?: string;
  objectType?: string;
  objectId?: string;
  since?: string;
  until?: string;
}

/** The audit log, newest first; `cursor` is the nextCursor of the page before. */
export const useAuditLog = (filter: AuditFilter, cursor: string | undefined) =>
  useQuery({
    queryKey: ["audit", filter, cursor ?? null] as const,
    queryFn: () =>
      unwrap(api.GET("/api/v1/audit", { params: { query: { ...filter, ...(cursor ? { cursor } : {}), limit: 50 } } })),
  });
