// A wrap-up code (genesyscloud_routing_wrapupcode): what an agent, or a flow's Set Wrap-up Code,
// records a conversation ended with. An org object kind (../kind.ts `object`, docs/objects.md),
// declared under objects/wrapup-codes/: its name and description, both changed in place.
import { z } from "zod";
import { namedFields } from "../fields";
import type { RoutingKindUnit } from "../kind";
import { ORG_OBJECT_KINDS, routingOrgRow } from "../../../archy/orgObjectKinds";

export const wrapupCodeFile = z.object({ kind: z.literal("wrapupCode"), ...namedFields }).strict();
export type WrapupCodeFile = z.infer<typeof wrapupCodeFile>;

export const wrapupCode: RoutingKindUnit<WrapupCodeFile> = {
  kind: "wrapupCode",
  schema: wrapupCodeFile,
  label: ORG_OBJECT_KINDS.wrapupCode.label,
  folder: "wrapup-codes",
  stackValues: ["description"],
  componentType: "genesys-flows:index:WrapupCode",
  named: true,
  object: {},
  nameOf: (v) => v.name,
  references: () => [],
  details: () => undefined,
  provider: { resource: "RoutingWrapupcode", args: () => ({}) },
  org: { ...routingOrgRow("wrapupCode"), fields: {}, observe: () => ({}) },
};
