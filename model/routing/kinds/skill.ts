// An ACD skill (genesyscloud_routing_skill): what a flow's Transfer to ACD asks an agent to have. An
// org object kind (../kind.ts `object`, docs/objects.md), declared under objects/skills/. Genesys
// keeps only its name, which the provider cannot change in place (ForceNew in its schema, v1.84.2,
// genesyscloud/routing_skill/resource_genesyscloud_routing_skill_schema.go): a rename is a new one.
import { z } from "zod";
import { namedFields } from "../fields";
import type { ProviderResource, RoutingKindUnit } from "../kind";
import { ORG_OBJECT_KINDS, routingOrgRow } from "../../../archy/orgObjectKinds";

/** The unit of an org object kind that is its name only (an ACD skill, a language skill). */
export function nameOnly<K extends "skill" | "languageSkill">(kind: K, folder: string, resource: ProviderResource) {
  const schema = z.object({ kind: z.literal(kind), name: namedFields.name }).strict();
  const unit: RoutingKindUnit<z.infer<typeof schema>> = {
    kind,
    schema,
    label: ORG_OBJECT_KINDS[kind].label,
    folder,
    stackValues: [],
    componentType: `genesys-flows:index:${kind[0].toUpperCase()}${kind.slice(1)}`,
    named: true,
    object: {},
    nameOf: (v) => v.name,
    references: () => [],
    details: () => undefined,
    provider: { resource, args: () => ({}), replaceOn: ["name"] },
    org: { ...routingOrgRow(kind), fields: {}, observe: () => ({}) },
  };
  return { schema, unit };
}

const made = nameOnly("skill", "skills", "RoutingSkill");
export const skillFile = made.schema;
export const skill = made.unit;
