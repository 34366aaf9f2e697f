// Whether the org keeps historical flow execution data, and at which log level: off until an admin
// enables it, as in Genesys ("Historical execution data overview", help.mypurecloud.com: storage is
// disabled by default), and recorded at the flow's own log level, else the org's default (Base
// until changed; DELETE of the default "Resets the org log level to default, base", the v193
// spec). Served by executionSettingsRoutes.ts. In memory, like jobs.
import type { Actor } from "./people";

export const LOG_LEVELS = ["Unknown", "Disabled", "Base", "Notes", "VerboseNotes", "All"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The least level at which each of the spec's FlowCharacteristics is reported, as the overview
 * article describes the levels: Base has the actions taken, the menus navigated, errors, warnings
 * and other events; Notes adds variable values (and names); Verbose Notes the conversation's
 * communications; All the actions' inputs and outputs.
 */
export const MINIMUM: Readonly<Record<string, LogLevel>> = {
  executionItems: "Base",
  eventError: "Base",
  eventWarning: "Base",
  eventOther: "Base",
  variables: "Notes",
  names: "Notes",
  communications: "VerboseNotes",
  executionInputOutputs: "All",
};

export function reports(level: LogLevel, characteristic: keyof typeof MINIMUM): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(MINIMUM[characteristic]);
}

export function characteristicsOf(level: LogLevel): Record<string, boolean> {
  return Object.fromEntries(Object.keys(MINIMUM).map((c) => [c, reports(level, c)]));
}

interface LevelSetting {
  level: LogLevel;
  by: Actor;
  at: number;
}

export class ExecutionSettings {
  enabled = false;
  /** When storage was last turned on: only versions published since record (flows must be republished to start capturing). */
  enabledSince?: number;
  storageChange?: { by: Actor; at: number };
  orgDefault?: LevelSetting;
  readonly flows = new Map<string, LevelSetting>();

  /** The level a flow records at: its own, else the org's (Base). */
  levelOf(flowId: string): LogLevel {
    return this.flows.get(flowId)?.level ?? this.orgDefault?.level ?? "Base";
  }

  clear(): void {
    this.enabled = false;
    this.enabledSince = undefined;
    this.storageChange = undefined;
    this.orgDefault = undefined;
    this.flows.clear();
  }

  /** ExecutionDataFlowSettingsResponse. */
  storageJson(): Record<string, unknown> {
    const change = this.storageChange;
    return {
      id: "executiondata",
      name: "Historical flow execution data",
      enabled: this.enabled,
      ...(change?.by.user
        ? { modifiedBy: { id: change.by.user.id, selfUri: `/api/v2/users/${change.by.user.id}` } }
        : {}),
      ...(change
        ? {
            modifiedByClient: { id: change.by.client.id, name: change.by.client.name },
            dateModified: new Date(change.at).toISOString(),
          }
        : {}),
      selfUri: "/api/v2/flows/instances/settings/executiondata",
    };
  }

  defaultJson(orgId: string): Record<string, unknown> {
    const setting = this.orgDefault;
    const json = this.levelJson(setting ?? { level: "Base" }, { id: orgId });
    return { ...json, selfUri: "/api/v2/flows/instances/settings/loglevels/default" };
  }

  /** A flow's own level (FlowSettingsResponse). */
  flowJson(flow: { id: string; name: string; type: string }): Record<string, unknown> {
    return this.levelJson(this.flows.get(flow.id)!, { id: flow.id, name: flow.name, type: flow.type.toLowerCase() });
  }

  /** FlowSettingsResponse. */
  levelJson(
    setting: Partial<LevelSetting> & { level: LogLevel },
    who: { id: string; name?: string; type?: string },
  ): Record<string, unknown> {
    return {
      ...who,
      ...(setting.by?.user
        ? { modifiedBy: { id: setting.by.user.id, selfUri: `/api/v2/users/${setting.by.user.id}` } }
        : {}),
      ...(setting.by ? { modifiedByClient: { id: setting.by.client.id, name: setting.by.client.name } } : {}),
      ...(setting.at !== undefined ? { dateModified: new Date(setting.at).toISOString() } : {}),
      logLevelCharacteristics: { level: setting.level, characteristics: characteristicsOf(setting.level) },
      ...(who.name !== undefined ? { selfUri: `/api/v2/flows/${who.id}/instances/settings/loglevels` } : {}),
    };
  }
}
