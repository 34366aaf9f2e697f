// A language skill (genesyscloud_routing_language): the language a flow's Transfer to ACD asks an
// agent to speak. An org object kind declared under objects/languages/, its name only, a rename a
// new one (ForceNew, genesyscloud/routing_language/resource_genesyscloud_routing_language_schema.go).
import { nameOnly } from "./skill";

const made = nameOnly("languageSkill", "languages", "RoutingLanguage");
export const languageSkillFile = made.schema;
export const languageSkill = made.unit;
