// An ACD skill (genesyscloud_routing_skill): what a flow's Transfer to ACD asks an agent to have. An
// org object kind (../kind.ts `object`, docs/objects.md), declared under objects/skills/. Genesys
// keeps only its name, which the provider cannot change in place (ForceNew in its schema, v1.84.2,
// genesyscloud/routing_skill/resource_genesyscloud_routing_skill_schema.go): a rename is a new one.
import { z } from "zod";
import { namedFields } from "../fields";
import { defineRoutingKind, type ProviderResource, type RoutingKindUnit } from "../kind";
import { ORG_OBJECT_KINDS, routingOrgRow } from "../../../archy/orgObjectKinds";

type Simple = "skill" | "languageSkill" | "wrapupCode";

/** The unit of an org object kind that is its name (and description): nothing else is written or watched. */
export function nameUnit<V extends { kind: Simple; name: string; description?: string }>(
  schema: RoutingKindUnit<V>["schema"],
  folder: string,
  resource: ProviderResource,
  replaceOn?: readonly string[],
): RoutingKindUnit<V> {
  const kind = schema.shape.kind.value;
  return defineRoutingKind<V>({
    schema,
    label: ORG_OBJECT_KINDS[kind].label,
    folder,
    stackValues: "description" in schema.shape ? ["description"] : [],
    object: {},
    details: () => undefined,
    provider: { resource, args: () => ({}), ...(replaceOn ? { replaceOn } : {}) },
    org: { ...routingOrgRow(kind), fields: {}, observe: () => ({}) },
  });
}

export const skillFile = z.object({ kind: z.literal("skill"), name: namedFields.name }).strict();
export const skill = nameUnit<z.infer<typeof skillFile>>(skillFile, "skills", "RoutingSkill", ["name"]);
