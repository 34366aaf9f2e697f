// An emergency group (genesyscloud_architect_emergencygroup): while on, calls to the IVR configs it
// takes over go to its flow instead of their schedule. One routing kind (../kind.ts).
import { z } from "zod";
import { flowRef, namedSchema, routingRef } from "../fields";
import { idList as list, orgJson, when, type Json, type OrgRef, defineRoutingKind } from "../kind";
import { ORG_OBJECT_KINDS, routingOrgRow } from "../../../archy/orgObjectKinds";

export const emergencyGroupFile = namedSchema("emergencyGroup", {
  /** On: calls to its IVR configs go to `flow` instead of their schedule. Default off. */
  enabled: z.boolean().default(false),
  /** The inbound call flow (flow id) that runs while the group is on. */
  flow: flowRef,
  /** The IVR configs (routing ids) it takes over. */
  ivrs: z.array(routingRef).min(1),
});
export type EmergencyGroupFile = z.infer<typeof emergencyGroupFile>;

export interface OrgEmergencyGroup {
  kind: "emergencyGroup";
  id: string;
  name: string;
  description?: string;
  enabled: boolean;
  callFlows: Array<{ flow?: OrgRef; ivrs: string[] }>;
}

export const emergencyGroup = defineRoutingKind<EmergencyGroupFile, OrgEmergencyGroup>({
  schema: emergencyGroupFile,
  label: ORG_OBJECT_KINDS.emergencyGroup.label,
  folder: "emergency",
  stackValues: ["enabled", "description"],
  flowNodeField: "emergencyGroup",
  references: (v) => [
    { path: ["flow"], id: v.flow, to: "flow" },
    ...v.ivrs.map((id, i) => ({ path: ["ivrs", i], id, to: "ivr" })),
  ],
  details(b, a, field, out) {
    if (b.enabled !== a.enabled) out.unshift(a.enabled ? "switched on" : "switched off");
    field("flow", b.flow, a.flow);
    field("IVR configs", list(b.ivrs), list(a.ivrs));
  },
  provider: {
    // `name` is ForceNew in the provider's schema (v1.84.2, genesyscloud/architect_emergencygroup/resource_genesyscloud_architect_emergencygroup_schema.go): a rename is a new object.
    replaceOn: ["name"],
    resource: "ArchitectEmergencygroup",
    args: (v, refs) => ({
      enabled: v.enabled,
      emergencyCallFlows: [{ emergencyFlowId: refs.flow(v.flow), ivrIds: v.ivrs.map((id) => refs.routing(id)) }],
    }),
  },
  org: {
    ...routingOrgRow("emergencyGroup"),
    fields: { enabled: "switched on", emergencyCallFlows: "emergency flow and IVR configs" },
    observe: (e) => ({
      enabled: e.enabled === true,
      emergencyCallFlows: (Array.isArray(e.emergencyCallFlows) ? (e.emergencyCallFlows as Json[]) : []).map((c) => ({
        emergencyFlowId: orgJson.ref(c?.emergencyFlow)?.id,
        ivrIds: orgJson.refIds(c?.ivrs),
      })),
    }),
  },
  adopt: {
    read: (e, base) => ({
      ...base,
      kind: "emergencyGroup",
      enabled: e.enabled === true,
      callFlows: (Array.isArray(e.emergencyCallFlows) ? (e.emergencyCallFlows as Json[]) : []).map((c) => ({
        ...when("flow", orgJson.ref(c?.emergencyFlow)),
        ivrs: orgJson.refIds(c?.ivrs),
      })),
    }),
    toFile(o, common, refs) {
      const [only, ...more] = o.callFlows;
      if (!only?.flow || more.length > 0 || only.ivrs.length === 0) {
        refs.problem(
          `it has ${o.callFlows.length} emergency call flow(s); the routing format holds exactly one (a flow and the IVR configs it takes over)`,
        );
        return undefined;
      }
      // Off in the file: another stack deploying it routes nothing it did not ask for; on stays with the adopting stack.
      return {
        value: {
          kind: "emergencyGroup",
          ...common,
          enabled: false,
          flow: refs.flow(only.flow, "emergency flow"),
          ivrs: only.ivrs.map((i) => refs.routing("ivr", i, "IVR config")),
        },
        ...(o.enabled ? { stackValues: { enabled: true } } : {}),
      };
    },
    terraform: {
      resource: "genesyscloud_architect_emergencygroup",
      dataSource: "genesyscloud_architect_emergencygroup",
      read: (a, base, flow) => ({
        ...base,
        kind: "emergencyGroup",
        enabled: a.enabled === true,
        callFlows: (Array.isArray(a.emergency_call_flows) ? (a.emergency_call_flows as Json[]) : []).map((c) => ({
          ...when("flow", flow(c?.emergency_flow_id)),
          ivrs: orgJson.strings(c?.ivr_ids),
        })),
      }),
    },
  },
});
